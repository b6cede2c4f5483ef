"""The retry policy (carrot.retries) and how a run's end is put in its log (runs.finish), in memory."""

import datetime
import math
from fractions import Fraction

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from carrot import registry, retries, runner
from carrot.conf import MAX_BACKOFF_LIMIT
from carrot.errors import Retry, TaskCancelled, TimeLimitExceeded
from carrot.logs import runs
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.registry import task, task_path

FAST = settings(max_examples=300, deadline=None)
NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


@task(max_retries=2, retry_backoff=4.0, retry_backoff_max=100.0, retry_on=(ConnectionError,))
def flaky(kind="connection"):
    if kind == "retry":
        raise Retry(countdown=7, reason="rate limited")
    if kind == "value":
        raise ValueError("not retried")
    raise ConnectionError("refused")


@task
def plain(kind="value"):
    if kind == "retry":
        raise Retry(reason="again please")
    raise ValueError("no retries by default")


@task(max_retries=1, retry_on=(BaseException,))
def anything():
    raise ValueError("unused")


def outcome_of(func, *args):
    """A real run of a registered task, as the consumer gets it."""
    return runner.run(TaskMessage(task=task_path(func), args=args))


def log_for(func, **fields):
    values = {"uuid": "u-1", "task": task_path(func), "attempts": 1, "worker": "host:1:default-1"}
    return MessageLog(**{**values, "start_time": NOW - datetime.timedelta(seconds=2), **fields})


def interrupted(error):
    return runner.Outcome(succeeded=False, exception=f"{type(error).__name__}: {error}", error=error)


# -- backoff ---------------------------------------------------------------------------------------

SECONDS = st.floats(min_value=1e-3, max_value=MAX_BACKOFF_LIMIT)


@FAST
@given(retry=st.integers(min_value=1, max_value=5000), base=SECONDS, extra=SECONDS)
def test_every_wait_is_half_to_all_of_the_doubled_backoff_and_never_above_the_cap(retry, base, extra):
    cap = min(base + extra, MAX_BACKOFF_LIMIT)
    exact = min(Fraction(cap), Fraction(base) * 2 ** (retry - 1))
    wait = retries.backoff(retry, base, cap)
    assert math.isclose(retries.ceiling(retry, base, cap), exact, rel_tol=1e-12)
    assert float(exact) * 0.5 * (1 - 1e-12) <= wait <= float(exact) * (1 + 1e-12)
    assert wait <= cap


def test_the_jitter_spreads_waits_over_half_to_all_of_the_backoff():
    waits = [retries.backoff(3, 2.0, 100.0) for _ in range(300)]
    assert 4.0 <= min(waits) < 4.8 and 7.2 < max(waits) <= 8.0


# -- the policy ------------------------------------------------------------------------------------


def test_a_matching_failure_with_retries_left_is_retried_after_the_backoff():
    verdict = retries.decide(log_for(flaky, retries=1), outcome_of(flaky), NOW)
    assert NOW + datetime.timedelta(seconds=4) <= verdict.retry_at <= NOW + datetime.timedelta(seconds=8)
    assert verdict.exception == "ConnectionError: refused"


def test_an_exception_outside_retry_on_fails_at_once():
    assert retries.decide(log_for(flaky), outcome_of(flaky, "value"), NOW) == retries.Verdict(
        None, "ValueError: not retried"
    )


def test_the_last_allowed_failure_gives_up_saying_after_how_many_attempts():
    verdict = retries.decide(log_for(flaky, retries=2), outcome_of(flaky), NOW)
    assert verdict == retries.Verdict(None, "Gave up after 3 attempts: ConnectionError: refused")


def test_retry_waits_its_countdown_exactly_and_at_most_a_week():
    seven = datetime.timedelta(seconds=7)
    assert retries.decide(log_for(flaky), outcome_of(flaky, "retry"), NOW).retry_at == NOW + seven
    endless = runner.Outcome(succeeded=False, exception="Retry: later", error=Retry(countdown=math.inf))
    week = datetime.timedelta(seconds=MAX_BACKOFF_LIMIT)
    assert retries.decide(log_for(flaky), endless, NOW).retry_at == NOW + week


def test_retry_is_refused_clearly_when_the_task_allows_none():
    verdict = retries.decide(log_for(plain), outcome_of(plain, "retry"), NOW)
    assert verdict == retries.Verdict(
        None, "Retry requested but the task allows no retries (max_retries is 0): Retry: again please"
    )


def test_by_default_nothing_is_retried():
    assert retries.decide(log_for(plain), outcome_of(plain), NOW).retry_at is None


def test_the_settings_give_the_defaults_of_tasks_without_their_own():
    carrot = {**django_settings.CARROT, "max_retries": 1, "retry_backoff": 1.0, "retry_backoff_max": 1.5}
    with override_settings(CARROT=carrot):
        retry_at = retries.decide(log_for(plain), outcome_of(plain), NOW).retry_at
        assert NOW + datetime.timedelta(seconds=0.5) <= retry_at <= NOW + datetime.timedelta(seconds=1)
        assert retries.decide(log_for(plain, retries=1), outcome_of(plain), NOW).retry_at is None
        assert retries.ceiling(2, 1.0, 1.5) == registry.options(task_path(plain)).retry_backoff_max == 1.5


def test_the_calls_max_retries_overrides_the_tasks_either_way():
    assert retries.decide(log_for(plain, max_retries=1), outcome_of(plain), NOW).retry_at is not None
    assert retries.decide(log_for(flaky, max_retries=0), outcome_of(flaky), NOW) == retries.Verdict(
        None, "ConnectionError: refused"
    )


def test_a_time_limit_is_retried_only_when_retry_on_lists_it():
    error = TimeLimitExceeded("time limit of 1 s exceeded")
    assert retries.decide(log_for(flaky), interrupted(error), NOW).retry_at is None
    assert retries.decide(log_for(anything), interrupted(error), NOW).retry_at is not None


# -- the log a run leaves ----------------------------------------------------------------------------


def test_a_retried_run_leaves_the_log_retrying_at_its_next_attempt_with_the_attempt_in_history():
    log = log_for(flaky, history=[{"attempt": 0}])
    runs.finish(log, outcome_of(flaky))
    assert (log.status, log.retries, log.exception) == ("RETRYING", 1, "ConnectionError: refused")
    assert log.eta == log.relay_after and log.eta - log.failure_time >= datetime.timedelta(seconds=2)
    assert "ConnectionError: refused" in log.traceback and log.completion_time is None
    entry = log.history[-1]
    assert len(log.history) == 2 and entry == {
        "attempt": 1,
        "started": log.start_time.isoformat(),
        "ended": log.failure_time.isoformat(),
        "worker": "host:1:default-1",
        "exception": "ConnectionError: refused",
        "traceback": log.traceback,
        "retry_at": log.eta.isoformat(),
    }


def test_a_run_that_gives_up_is_failed_and_its_attempt_is_in_history_too():
    log = log_for(flaky, retries=2, attempts=3)
    runs.finish(log, outcome_of(flaky))
    assert (log.status, log.retries, log.relay_after) == ("FAILED", 2, None)
    assert log.exception == "Gave up after 3 attempts: ConnectionError: refused"
    assert [(e["attempt"], e["exception"], e["retry_at"]) for e in log.history] == [
        (3, "ConnectionError: refused", None)
    ]
    assert "Traceback" in log.history[0]["traceback"]


def test_a_refused_retry_is_called_off_and_its_attempt_says_why():
    log = log_for(flaky, history=[{"attempt": 0}])
    runs.finish(log, outcome_of(flaky))
    runs.unsaved_result(log, ValueError("too big"))
    assert (log.status, log.retries, log.relay_after) == ("FAILED", 0, None)
    assert log.exception == "Could not save the task's result: too big"
    first, attempt = log.history
    assert first == {"attempt": 0} and attempt["attempt"] == 1
    assert [attempt[key] for key in ("exception", "traceback", "retry_at")] == [log.exception, "", None]


def test_a_cancelled_run_is_cancelled_even_when_retry_on_would_match():
    log = log_for(anything)
    runs.finish(log, interrupted(TaskCancelled("cancelled")))
    assert (log.status, log.retries, log.history, log.failure_time) == ("CANCELLED", 0, [], None)
    assert log.cancelled_time is not None and log.cancelled_time <= timezone.now()
    assert log.exception == "TaskCancelled: cancelled"


def test_a_completed_run_adds_nothing_to_history():
    log = log_for(plain, history=[{"attempt": 1}], retries=1)
    runs.finish(log, runner.Outcome(succeeded=True, output="1"))
    assert (log.status, log.history, log.retries) == ("COMPLETED", [{"attempt": 1}], 1)


@pytest.mark.parametrize("status", ["DELAYED", "RETRYING", "CANCELLED", "COMPLETED"])
def test_a_message_whose_log_waits_or_ended_is_acked_without_running(status):
    delivery = runs.Delivery("default", "", "default", "/", redelivered=True, worker="w")
    read = log_for(plain, status=status)
    assert runs.start(TaskMessage(task=read.task, message_id=read.uuid), delivery, read) is None
