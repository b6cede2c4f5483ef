"""Time limits against the real RabbitMQ and database, through a running service: a task past its limit is
interrupted (or, when it does not stop, abandoned), ends FAILED saying so, its message is acked, and its
consumer goes on at once.

The tasks run on the ``other`` queue, which has one consumer: a following task completes only if that
consumer is healthy, and while an abandoned task still runs, only if its worker was replaced.
"""

import sys
import threading
import time

import pytest
from django.conf import settings
from django.test import override_settings

from carrot import broker, signals, watchdog
from carrot.conf import get_settings
from carrot.errors import TimeLimitExceeded
from carrot.logs import runs
from carrot.models import MessageLog
from carrot.registry import task
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for

LIMIT_TEXT = "TimeLimitExceeded: time limit of 1 s exceeded"
caught: list[str] = []
"""What the catching task read from the exception it caught."""


@task(time_limit=1, max_retries=1)
def spins(seconds):
    """A pure Python busy loop: Python raises the exception in it at once (``except Exception`` misses it)."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            pass
    except Exception:
        return "swallowed"
    return "spun"


@task(time_limit=1)
def sleeps(seconds):
    """Blocked in C: the exception waits until the sleep returns, long after the grace period."""
    time.sleep(seconds)
    return "slept"


@task(time_limit=0.5)
def sleeps_briefly(seconds):
    time.sleep(seconds)


@task(time_limit=1)
def catches(seconds, go_on=True):
    """Catches the exception, then spins on until ``seconds`` have passed, or returns at once."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            pass
    except TimeLimitExceeded as exc:
        caught.append(str(exc))
    while go_on and time.monotonic() < end:
        pass
    return "caught it"


@task(time_limit=1)
def cleans_up_while_sleeping(seconds):
    """Catches the exception in short sleeps (the exception arrives as a sleep returns), cleans up."""
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            time.sleep(0.01)
    except TimeLimitExceeded as exc:
        caught.append(str(exc))
    finally:
        caught.append("cleaned up")
    return "caught it"


@task(time_limit=0.02)
def races(seconds):
    """Ends right around its limit: the exception may come as it returns."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


@task
def spins_unless_limited(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "spun"


def consumer_of(service, queue="other"):
    return next(consumer for consumer in service.consumers if consumer.queue.name == queue)


def ended(log, timeout=10.0):
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=["COMPLETED", "FAILED"]).first(),
        timeout,
        f"task {log.task} to end",
    )


def completes_promptly(queue="other"):
    """A task published now completes within a second (its consumer is free and healthy)."""
    log = ended(publish_message(tasks.add, 2, 3, queue=queue), timeout=1.0)
    assert (log.status, log.output) == ("COMPLETED", "5")


def assert_acked_once(service, queue="other"):
    """Stopped, the service leaves nothing in the queue (an unacked message would return to it), and its
    consumer never lost its channel (acking a message twice closes it)."""
    consumer = consumer_of(service, queue)
    assert consumer.connections_opened == 1
    service.stop()
    connection = broker.connect(consumer.queue.broker)
    try:
        assert broker.describe_queue(connection.channel(), get_settings().queue(queue))[0] == 0
    finally:
        connection.close()


def test_a_busy_loop_past_its_limit_is_interrupted_and_fails_without_retry(service):
    began = time.monotonic()
    log = ended(publish_message(spins, 20, queue="other"))
    assert time.monotonic() - began < 1 + watchdog.GRACE  # interrupted, not abandoned
    assert (log.status, log.exception, log.retries) == ("FAILED", LIMIT_TEXT, 0)  # max_retries=1 though
    assert "while time.monotonic() < end" in log.traceback and log.traceback.endswith(
        f"carrot.errors.{LIMIT_TEXT}\n"
    )
    completes_promptly()
    assert_acked_once(service)


def test_a_sleeping_task_is_abandoned_its_worker_replaced_and_its_late_result_discarded(service):
    consumer = consumer_of(service)
    first_worker = consumer._worker
    failed_on = []

    def receiver(log, **kwargs):
        failed_on.append(threading.current_thread())

    signals.task_failed.connect(receiver)
    try:
        log = ended(publish_message(sleeps, 5, queue="other"))
    finally:
        signals.task_failed.disconnect(receiver)
    assert failed_on == [consumer._worker]  # sent on the worker that replaced the abandoned one
    assert log.status == "FAILED" and log.exception.startswith(f"{LIMIT_TEXT}; ")
    assert "its thread was abandoned" in log.exception
    assert "time.sleep(seconds)" in log.traceback  # where it was stuck
    completes_promptly()
    assert first_worker.is_alive() and consumer._worker is not first_worker  # replaced while it sleeps
    first_worker.join(timeout=5)
    assert not first_worker.is_alive()  # its sleep returned, it discarded its result and ended
    completes_promptly()  # saved after anything the old thread could have handed in
    after = MessageLog.objects.get(pk=log.pk)
    assert (after.status, after.exception, after.output) == ("FAILED", log.exception, "")
    assert_acked_once(service)


CATCH_ESCAPES = pytest.mark.xfail(
    sys.version_info >= (3, 13),
    strict=True,
    reason=(
        "CPython 3.13 delivers an exception raised into a thread at a loop's jump back outside the "
        "loop's try (python/cpython#139622): the task's except and finally are skipped, and it ends "
        "at once, FAILED at its limit"
    ),
)
"""Strict: on 3.13 these tests must fail, so a change in that behaviour is noticed."""


@CATCH_ESCAPES
def test_a_task_that_catches_the_exception_and_goes_on_is_abandoned(service):
    caught.clear()
    log = ended(publish_message(catches, 5, queue="other"))
    assert caught == ["time limit of 1 s exceeded"]
    assert log.status == "FAILED" and log.exception.startswith(f"{LIMIT_TEXT}; ")
    assert "its thread was abandoned" in log.exception
    completes_promptly()
    assert_acked_once(service)


@CATCH_ESCAPES
def test_a_task_that_catches_the_exception_and_returns_still_fails(service):
    caught.clear()
    began = time.monotonic()
    log = ended(publish_message(catches, 20, go_on=False, queue="other"))
    assert time.monotonic() - began < 1 + watchdog.GRACE
    assert caught == ["time limit of 1 s exceeded"]
    assert (log.status, log.exception, log.output) == ("FAILED", LIMIT_TEXT, "")
    completes_promptly()
    assert_acked_once(service)


def test_a_task_waiting_in_calls_catches_the_exception_and_cleans_up_on_every_python(service):
    caught.clear()
    log = ended(publish_message(cleans_up_while_sleeping, 20, queue="other"))
    assert caught == ["time limit of 1 s exceeded", "cleaned up"]
    assert (log.status, log.exception, log.output) == ("FAILED", LIMIT_TEXT, "")
    completes_promptly()
    assert_acked_once(service)


@pytest.mark.parametrize("default", [None, 1])
def test_the_settings_default_limits_tasks_without_their_own_from_their_start(service, default):
    with override_settings(CARROT={**settings.CARROT, "time_limit": default}):
        # one consumer: the second waits for the first, and its limit counts from its own start
        logs = [publish_message(spins_unless_limited, seconds, queue="other") for seconds in (0.7, 0.7, 1.5)]
        logs = [ended(log) for log in logs]
    last = "COMPLETED" if default is None else "FAILED"
    assert [log.status for log in logs] == ["COMPLETED", "COMPLETED", last]
    assert logs[2].exception == ("" if default is None else LIMIT_TEXT)


def test_when_recording_an_abandoned_run_fails_its_message_is_requeued_and_the_consumer_goes_on(
    service, monkeypatch
):
    refused = []

    def finish_refusing_once(log, outcome, finish=runs.finish):
        if "abandoned" in outcome.exception and not refused:
            refused.append(log.uuid)
            raise RuntimeError("refused once")
        finish(log, outcome)

    monkeypatch.setattr(runs, "finish", finish_refusing_once)
    log = ended(publish_message(sleeps_briefly, 3, queue="other"))  # abandoned twice: 2.5 s each
    assert refused == [log.uuid]
    assert log.exception.startswith("TimeLimitExceeded: time limit of 0.5 s exceeded; ")
    assert (log.status, log.attempts) == ("FAILED", 2)
    completes_promptly()
    assert_acked_once(service)


def test_tasks_ending_right_at_their_limit_never_get_the_exception_in_the_consumer(service):
    consumer = consumer_of(service)
    worker = consumer._worker
    logs = [publish_message(races, 0.018 + 0.004 * (n % 3) / 2, queue="other") for n in range(120)]
    statuses = {ended(log).status for log in logs}
    assert statuses <= {"COMPLETED", "FAILED"}
    assert consumer._worker is worker and worker.is_alive()  # none escaped into its loop, none abandoned
    completes_promptly()
    assert_acked_once(service)


def test_a_slow_database_read_of_cancellations_does_not_delay_a_time_limit(service, monkeypatch):
    monkeypatch.setattr(watchdog.Watchdog, "_poll_cancelled", lambda self: time.sleep(3))
    time.sleep(watchdog.POLL_INTERVAL)  # the cancellations are now read slowly
    began = time.monotonic()
    log = ended(publish_message(spins, 20, queue="other"))
    assert time.monotonic() - began < 2
    assert log.exception == LIMIT_TEXT
