"""Cancelling a running task against the real RabbitMQ and database, through a running service: the
watchdog of the process running it reads the request (``cancelled_time`` set on its log) within about a
second and raises TaskCancelled in it; the run ends CANCELLED, its message is acked, its consumer goes on.
"""

import datetime
import time

import carrot
from carrot import watchdog
from carrot.errors import TaskCancelled
from carrot.models import MessageLog
from carrot.registry import task
from carrot.utilities import publish_message
from tests.conftest import wait_for
from tests.integration.test_time_limits import assert_acked_once, completes_promptly, consumer_of

CANCELLED_TEXT = "TaskCancelled: the task was cancelled while it ran"
caught: list[str] = []


@task
def spins(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "spun"


@task
def sleeps(seconds):
    time.sleep(seconds)
    return "slept"


@task
def catches(seconds):
    """Catches the exception and spins on until ``seconds`` have passed."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            while time.monotonic() < end:
                pass
        except TaskCancelled as exc:
            caught.append(str(exc))
    return "went on"


def running(log):
    """Wait until the run's start is saved (``IN_PROGRESS``), as the monitor and cancel see it."""
    wait_for(lambda: MessageLog.objects.filter(pk=log.pk, status="IN_PROGRESS").exists(), 5, "the start")


def cancel(log):
    """Ask to cancel a running task: its status stays IN_PROGRESS, its ``cancelled_time`` is set."""
    assert carrot.cancel(log.uuid) == 1
    assert MessageLog.objects.filter(pk=log.pk, status="IN_PROGRESS", cancelled_time__isnull=False).exists()


def ended(log, timeout=10.0):
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=["COMPLETED", "FAILED", "CANCELLED"]).first(),
        timeout,
        f"task {log.task} to end",
    )


def test_a_cancelled_running_task_stops_and_the_one_beside_it_goes_on(service):
    target, beside = publish_message(spins, 20), publish_message(spins, 2, queue="other")
    running(target)
    running(beside)
    cancel(target)
    asked = time.monotonic()
    target = ended(target)
    assert time.monotonic() - asked < watchdog.POLL_INTERVAL + 1
    assert (target.status, target.exception, target.output) == ("CANCELLED", CANCELLED_TEXT, "")
    assert "while time.monotonic() < end" in target.traceback
    beside = ended(beside)
    assert (beside.status, beside.output) == ("COMPLETED", '"spun"')
    completes_promptly("default")
    assert_acked_once(service, "default")


def test_a_task_blocked_in_c_meets_the_cancellation_when_the_call_returns(service):
    log = publish_message(sleeps, 2.5, queue="other")
    running(log)
    cancel(log)
    time.sleep(watchdog.POLL_INTERVAL + 0.3)  # asked and raised, not yet delivered
    assert MessageLog.objects.get(pk=log.pk).status == "IN_PROGRESS"
    log = ended(log)
    assert (log.status, log.exception) == ("CANCELLED", CANCELLED_TEXT)
    completes_promptly()
    assert_acked_once(service)


def test_a_task_that_catches_the_cancellation_runs_on_then_ends_cancelled(service):
    caught.clear()
    log = publish_message(catches, 2.5, queue="other")
    running(log)
    cancel(log)
    log = ended(log)
    assert caught == ["the task was cancelled while it ran"]
    assert (log.status, log.exception, log.output) == ("CANCELLED", CANCELLED_TEXT, "")
    assert log.cancelled_time - log.start_time >= datetime.timedelta(seconds=2.5)  # it ran on
    completes_promptly()
    assert_acked_once(service)


def test_the_watchdog_reads_cancellations_once_a_second_and_only_while_tasks_run(service):
    polls = consumer_of(service)._watchdog
    before = polls.polls
    time.sleep(watchdog.POLL_INTERVAL * 1.2)
    assert polls.polls == before  # idle: no query
    began = time.monotonic()
    for _ in range(2):  # 20 short tasks: no query of their own
        logs = [publish_message(spins, 0.05, queue="other") for _ in range(10)]
        for log in logs:
            assert ended(log).status == "COMPLETED"
    during = polls.polls - before
    assert during <= (time.monotonic() - began) / watchdog.POLL_INTERVAL + 1
    log = ended(publish_message(spins, 2.2, queue="other"))
    assert log.status == "COMPLETED"
    assert 1 <= polls.polls - before - during <= 4  # about one a second while it runs
