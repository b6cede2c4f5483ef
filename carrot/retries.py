"""Retrying a failed run: whether the task runs again, when, and what its log keeps of each attempt.

A run that raised is retried when its exception is a :class:`~carrot.errors.Retry` or one of the task's
``retry_on`` classes, and the task has retries left: ``max_retries`` of the call (``log.max_retries``)
or else of its ``@task`` (else ``CARROT['max_retries']``, 0). The wait before retry ``n`` (1-based) is
``retry_backoff * 2 ** (n - 1)`` seconds, capped at ``retry_backoff_max``, times a random factor from
0.5 to 1.0 (so retries of many tasks that failed together spread out); ``Retry(countdown=c)`` waits
``c`` seconds exactly (at most :data:`~carrot.conf.MAX_BACKOFF_LIMIT`, a week).

The wait lives in the database: the log is left ``RETRYING`` with ``eta`` and ``relay_after`` at the
next attempt's time, and its message is acked; the outbox relay of any service publishes it then
(:mod:`carrot.relay`).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from carrot import registry
from carrot.conf import MAX_BACKOFF_LIMIT
from carrot.errors import Retry
from carrot.models import MessageLog

if TYPE_CHECKING:  # carrot.runner imports the publishing pipeline
    from carrot.runner import Outcome

MAX_EXPONENT = 1023
"""``2.0 ** 1024`` overflows; any exponent this large is far past every cap anyway."""


def ceiling(retry: int, base: float, cap: float) -> float:
    """The longest wait before retry ``retry`` (1-based): ``min(cap, base * 2 ** (retry - 1))`` seconds."""
    return min(cap, base * 2.0 ** min(retry - 1, MAX_EXPONENT))


def backoff(retry: int, base: float, cap: float) -> float:
    """The wait before retry ``retry`` (1-based): :func:`ceiling` times a random factor in [0.5, 1.0]."""
    return random.uniform(0.5, 1.0) * ceiling(retry, base, cap)  # noqa: S311 - jitter, not cryptography


@dataclass(frozen=True)
class Verdict:
    """What becomes of a failed run."""

    retry_at: datetime.datetime | None
    """When the task runs again; ``None``: it does not, its log ends ``FAILED``."""
    exception: str
    """What the log says of the failure: the run's exception, or why the task gives up with it."""


def allowed_retries(log: MessageLog) -> int:
    """The task's ``max_retries``: its call's (``log.max_retries``), else its ``@task``'s or the setting's."""
    if log.max_retries is not None:
        return log.max_retries
    return registry.options(log.task).max_retries


def decide(log: MessageLog, outcome: Outcome, now: datetime.datetime) -> Verdict:
    """Whether and when the failed run ``outcome`` of ``log`` (ended ``now``) is retried.

    ``log.retries`` counts the retries already scheduled. The caller handles a cancelled run: this
    decides only between ``RETRYING`` and ``FAILED``.
    """
    error, text = outcome.error, outcome.exception
    options = registry.options(log.task)
    if not isinstance(error, Retry) and not isinstance(error, options.retry_on):
        return Verdict(None, text)
    limit = allowed_retries(log)
    if limit == 0:
        if isinstance(error, Retry):
            return Verdict(None, f"Retry requested but the task allows no retries (max_retries is 0): {text}")
        return Verdict(None, text)
    if log.retries >= limit:
        return Verdict(None, f"Gave up after {log.retries + 1} attempts: {text}")
    if isinstance(error, Retry) and error.countdown is not None:
        wait = min(error.countdown, MAX_BACKOFF_LIMIT)
    else:
        wait = backoff(log.retries + 1, options.retry_backoff, options.retry_backoff_max)
    return Verdict(now + datetime.timedelta(seconds=wait), text)


def attempt_entry(
    log: MessageLog, outcome: Outcome, ended: datetime.datetime, retry_at: datetime.datetime | None
) -> dict[str, Any]:
    """The history entry of the failed run ``outcome`` of ``log`` (JSON; times as ISO 8601 text)."""
    return {
        "attempt": log.attempts,
        "started": log.start_time.isoformat() if log.start_time else None,
        "ended": ended.isoformat(),
        "worker": log.worker,
        "exception": outcome.exception,
        "traceback": outcome.traceback,
        "retry_at": retry_at.isoformat() if retry_at else None,
    }
