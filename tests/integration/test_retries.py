"""Retries against the real RabbitMQ and database, through a running service: a failed run waits in the
database (RETRYING), the relay publishes it again when due, and every attempt is in the log's history."""

import datetime
import itertools
import threading
import time

import pytest

import carrot
from carrot import broker, relay, signals
from carrot.conf import get_settings
from carrot.errors import Retry, TimeLimitExceeded
from carrot.models import MessageLog
from carrot.publishing import flush, run_waiting_now
from carrot.registry import task
from carrot.service import Service
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for
from tests.integration.test_consumer import publish_raw
from tests.integration.test_consumer_poison import refusing

runs_of: dict[str, int] = {}
"""How many times each key was run."""


def counted(key):
    runs_of[key] = runs_of.get(key, 0) + 1
    return runs_of[key]


@task(max_retries=2, retry_backoff=0.05, retry_backoff_max=0.1, retry_on=(ConnectionError,))
def flaky(key, succeed_on=0):
    """Fails with a connection error until its ``succeed_on``-th run (0: always)."""
    if counted(key) != succeed_on:
        raise ConnectionError(f"{key}: refused on run {runs_of[key]}")
    return runs_of[key]


@task(max_retries=3, retry_backoff=60.0, retry_on=(ConnectionError,))
def patient(key, error="connection"):
    counted(key)
    if error == "value":
        raise ValueError(f"{key}: not a connection problem")
    raise ConnectionError(f"{key}: refused")


@task(max_retries=3, retry_on=(BaseException,))
def spins(key, seconds):
    """A busy loop, which the service's watchdog can interrupt at once."""
    counted(key)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@task(max_retries=1, retry_backoff=0.05, retry_on=(TimeLimitExceeded,), time_limit=0.3)
def overruns(key):
    spins(key, 5)


@task
def asks(key, wait=None):
    counted(key)
    raise Retry(countdown=wait, reason=f"{key}: not yet")


@task(max_retries=1)
def asks_once(key, wait=None):
    counted(key)
    raise Retry(countdown=wait, reason=f"{key}: not yet")


def ended(log, statuses=("COMPLETED", "FAILED"), timeout=20.0):
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=statuses).first(),
        timeout,
        f"task {log.uuid} to reach {statuses}",
    )


def at(text):
    return datetime.datetime.fromisoformat(text)


def retrying(log):
    return ended(log, ("RETRYING",))


def queue_empty():
    return broker.queue_state(get_settings().queue("default"))[0] == 0


def test_a_failed_run_with_retries_left_waits_in_the_database_with_its_message_acked(service):
    log = retrying(publish_message(patient, "waits"))
    assert (log.retries, log.attempts, log.exception) == (1, 1, "ConnectionError: waits: refused")
    assert log.eta == log.relay_after
    assert datetime.timedelta(seconds=30) <= log.eta - log.failure_time <= datetime.timedelta(seconds=60)
    [entry] = log.history
    assert entry["attempt"] == 1 and entry["exception"] == "ConnectionError: waits: refused"
    assert "raise ConnectionError" in entry["traceback"] and entry["worker"] == log.worker
    assert [entry[key] for key in ("started", "ended", "retry_at")] == [
        log.start_time.isoformat(),
        log.failure_time.isoformat(),
        log.eta.isoformat(),
    ]
    wait_for(queue_empty, what="the message to be acked")
    flush()  # the publish's confirm, which may come after the run, leaves the next attempt's time
    assert MessageLog.objects.get(pk=log.pk).relay_after == log.eta


def test_the_relay_runs_each_retry_until_the_task_succeeds(service):
    log = ended(publish_message(flaky, "third time", succeed_on=3))
    assert (log.status, log.output, log.retries, log.attempts) == ("COMPLETED", "3", 2, 3)
    assert [entry["attempt"] for entry in log.history] == [1, 2]
    assert all(entry["retry_at"] for entry in log.history)


def test_a_task_that_keeps_failing_gives_up_with_every_attempt_in_its_history(service):
    log = ended(publish_message(flaky, "never"))
    assert (log.status, log.retries, log.attempts, runs_of["never"]) == ("FAILED", 2, 3, 3)
    assert log.exception == "Gave up after 3 attempts: ConnectionError: never: refused on run 3"
    assert [entry["exception"] for entry in log.history] == [
        f"ConnectionError: never: refused on run {run}" for run in (1, 2, 3)
    ]
    assert all(f"refused on run {entry['attempt']}" in entry["traceback"] for entry in log.history)
    assert [entry["retry_at"] is None for entry in log.history] == [False, False, True]
    for before, after in itertools.pairwise(log.history):  # each retry waited its backoff, never less
        retry_at = at(before["retry_at"])
        assert at(before["ended"]) + datetime.timedelta(seconds=0.025) <= retry_at <= at(after["started"])


def test_a_requeued_task_that_gave_up_gets_its_retries_afresh_and_keeps_its_history(service):
    log = ended(publish_message(flaky, "requeued"))
    ended(log.requeue())
    log.refresh_from_db()
    assert (log.status, log.retries, log.attempts, runs_of["requeued"]) == ("FAILED", 2, 3, 6)
    assert log.exception == "Gave up after 3 attempts: ConnectionError: requeued: refused on run 6"
    assert [entry["attempt"] for entry in log.history] == [1, 2, 3, 1, 2, 3]


def test_a_waiting_retry_runs_now_when_asked(service):
    log = retrying(publish_message(patient, "now"))
    assert run_waiting_now(MessageLog.objects.filter(pk=log.pk)) == 1
    log = wait_for(lambda: MessageLog.objects.filter(pk=log.pk, retries=2).first(), 5, "the second retry")
    assert runs_of["now"] == 2 and at(log.history[1]["started"]) < at(log.history[0]["retry_at"])


def test_a_cancelled_retry_never_runs_again(service):
    log = retrying(publish_message(patient, "cancelled while waiting"))
    assert carrot.cancel(log.uuid) == 1
    assert run_waiting_now(MessageLog.objects.filter(pk=log.pk)) == 0
    log.refresh_from_db()
    assert (log.status, log.relay_after, log.retries) == ("CANCELLED", None, 1)
    assert relay.relay_due() == 0 and runs_of["cancelled while waiting"] == 1


def test_a_retry_whose_result_the_database_refuses_is_called_off(service):
    mark = "refused retry marker"
    with refusing("carrot_test_refused_retry", f"{{row}}traceback LIKE '%{mark}%'"):
        log = ended(publish_message(flaky, mark))
    assert (log.status, log.retries, log.relay_after, runs_of[mark]) == ("FAILED", 0, None, 1)
    assert log.exception.startswith("Could not save the task's result: ")
    [entry] = log.history
    assert (entry["exception"], entry["traceback"], entry["retry_at"]) == (log.exception, "", None)


def test_failure_callbacks_run_once_a_task_has_failed_not_for_each_retry_or_a_cancel(service):
    log = ended(publish_message(flaky, "called back"))
    cancelled = publish_message(spins, "not called back", 10)
    ended(cancelled, ("IN_PROGRESS",))
    carrot.cancel(cancelled.uuid)
    ended(cancelled, ("CANCELLED",))
    called = [(uuid, error) for uuid, error in tasks.failures if uuid in (log.uuid, cancelled.uuid)]
    assert called == [(log.uuid, "ConnectionError('called back: refused on run 3')")]


def test_the_calls_max_retries_overrides_the_tasks(service):
    log = ended(publish_message(flaky, "once more", max_retries=1))
    assert (log.status, log.retries, runs_of["once more"]) == ("FAILED", 1, 2)
    assert log.exception.startswith("Gave up after 2 attempts: ")
    assert ended(publish_message(patient, "not at all", max_retries=0)).retries == 0


def test_an_exception_outside_retry_on_fails_at_once(service):
    log = ended(publish_message(patient, "other", error="value"))
    assert (log.status, log.retries, log.exception) == (
        "FAILED",
        0,
        "ValueError: other: not a connection problem",
    )
    assert [entry["retry_at"] for entry in log.history] == [None]


def test_retry_waits_its_countdown_and_is_refused_when_the_task_allows_no_retries(service):
    waiting = retrying(publish_message(asks_once, "countdown", wait=120))
    assert waiting.eta - waiting.failure_time == datetime.timedelta(seconds=120)
    assert waiting.exception == "Retry: countdown: not yet"
    refused = ended(publish_message(asks, "refused"))
    assert refused.status == "FAILED" and refused.exception == (
        "Retry requested but the task allows no retries (max_retries is 0): Retry: refused: not yet"
    )


def test_a_retry_counts_against_max_retries(service):
    log = ended(publish_message(asks_once, "twice", wait=0))
    assert (log.status, log.retries, runs_of["twice"]) == ("FAILED", 1, 2)
    assert log.exception == "Gave up after 2 attempts: Retry: twice: not yet"


def test_a_time_limit_is_retried_when_retry_on_lists_it(service):
    log = ended(publish_message(overruns, "overran"))
    assert (log.status, log.retries, runs_of["overran"]) == ("FAILED", 1, 2)
    assert log.exception == "Gave up after 2 attempts: TimeLimitExceeded: time limit of 0.3 s exceeded"


def test_a_task_cancelled_while_running_is_cancelled_not_retried(service, cancelled):
    log = publish_message(spins, "cancelled", 10)
    ended(log, ("IN_PROGRESS",))
    assert carrot.cancel(log.uuid) == 1
    log = ended(log, ("CANCELLED", "RETRYING", "FAILED", "COMPLETED"))
    assert (log.status, log.retries, log.history, log.failure_time) == ("CANCELLED", 0, [], None)
    assert log.exception.startswith("TaskCancelled: ") and log.cancelled_time >= log.start_time
    [(_, sent)] = cancelled
    assert sent["log"].uuid == log.uuid and sent["finished_at"] == log.cancelled_time


def test_a_1x_message_without_log_or_options_runs_with_the_defaults(service):
    publish_raw(b'{"args": ["old"]}', {"type": "tests.tasks.fail"}, "retries-1x")
    log = wait_for(lambda: MessageLog.objects.filter(uuid="retries-1x", status="FAILED").first())
    assert (log.exception, log.retries, log.max_retries) == ("ValueError: old", 0, None)
    assert [entry["exception"] for entry in log.history] == ["ValueError: old"]


def test_an_old_delivery_of_a_waiting_task_is_acked_without_running(service):
    log = retrying(publish_message(patient, "stale"))
    publish_raw(b'{"args": ["stale"]}', {"type": log.task}, log.uuid)  # as a lost ack's redelivery
    wait_for(queue_empty, what="the old delivery to be acked")
    marker = ended(publish_message(tasks.noop))  # consumed after it
    assert marker.status == "COMPLETED"
    assert runs_of["stale"] == 1
    fresh = MessageLog.objects.get(pk=log.pk)
    assert (fresh.status, fresh.attempts, fresh.eta) == ("RETRYING", 1, log.eta)


def received(signal):
    """Collect what ``signal`` sends while a test runs, as ``(thread, kwargs)``."""
    got = []

    def receiver(**kwargs):
        got.append((threading.get_ident(), kwargs))

    signal.connect(receiver)
    yield got
    signal.disconnect(receiver)


@pytest.fixture
def retried():
    yield from received(signals.task_retried)


@pytest.fixture
def failed():
    yield from received(signals.task_failed)


@pytest.fixture
def cancelled():
    yield from received(signals.task_cancelled)


def test_task_retried_is_sent_for_each_retry_and_task_failed_once_at_the_end(service, retried, failed):
    log = ended(publish_message(flaky, "signalled"))
    assert [kwargs["attempt"] for _, kwargs in retried] == [1, 2]
    assert all(kwargs["log"].uuid == log.uuid for _, kwargs in retried)
    assert [(kwargs["log"].uuid, kwargs["attempt"]) for _, kwargs in failed] == [(log.uuid, 3)]
    _, first = retried[0]
    assert isinstance(first["exception"], ConnectionError) and "refused on run 1" in first["traceback"]
    assert first["finished_at"] <= first["log"].eta and first["duration"] >= 0


# -- the redelivery bound ---------------------------------------------------------------------------


def redeliver():
    """Take the task's message and drop the connection without acking: the broker redelivers it."""
    queue = get_settings().queue("default")
    connection = broker.connect(queue.broker)
    method, _, _ = connection.channel().basic_get(queue.name, auto_ack=False)
    assert method is not None and method.redelivered is False
    connection.close()


@pytest.fixture
def start_service(transactional_db, purge_queues):
    """Start a service in this process; returns it. Those still running are stopped after the test."""
    started = []

    def start():
        started.append(Service())
        started[-1].start()
        return started[-1]

    yield start
    for running in started:
        running.stop()


def test_a_waiting_retry_survives_a_service_restart(start_service):
    first = start_service()
    log = retrying(publish_message(asks_once, "restarted", wait=1.5))
    first.stop()
    start_service()
    log = ended(log)
    assert (log.status, log.retries, runs_of["restarted"]) == ("FAILED", 1, 2)
    assert log.start_time >= log.eta


@pytest.mark.parametrize(("earlier", "ran"), [(4, "COMPLETED"), (5, "FAILED")])
def test_the_redelivery_bound_counts_only_the_current_publication(start_service, earlier, ran):
    """A task retried twice after 6 runs (its first publication was redelivered 4 times) has had
    ``earlier`` deliveries of its current publication; this one is past max_deliveries (5) or not."""
    log = publish_message(tasks.add, 1, 2)
    flush()
    MessageLog.objects.filter(pk=log.pk).update(
        attempts=6 + earlier, retries=2, history=[{"attempt": 5}, {"attempt": 6}]
    )
    redeliver()
    start_service()
    log = ended(log)
    assert log.status == ran
    if ran == "FAILED":
        assert log.exception.startswith("Gave up after 5 deliveries: each delivery ended without a result")
        assert log.attempts == 6 + earlier
    else:
        assert (log.output, log.attempts, log.redelivered) == ("3", 6 + earlier + 1, True)
