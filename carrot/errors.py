"""The exceptions django-carrot raises.

Catch :class:`CarrotError` for everything, or a precise subclass. Every message says what happened
and, where there is something to do about it, what to do.
"""

from __future__ import annotations

from collections.abc import Mapping


class CarrotError(Exception):
    """Base class of every error raised by django-carrot."""


class ConfigurationError(CarrotError):
    """The ``CARROT`` setting is invalid; the message names the key."""


class UnknownTaskError(CarrotError):
    """A task path that is not registered (or not importable) was named."""


class UnknownQueueError(CarrotError):
    """A queue that is not declared in ``CARROT['queues']`` was named."""


class SerializationError(CarrotError):
    """Task arguments could not be encoded as JSON."""


class MalformedMessageError(CarrotError):
    """A message taken from the broker cannot be decoded into a task call."""


class BrokerError(CarrotError):
    """RabbitMQ could not be reached (``reachable`` is false) or refused an operation."""

    def __init__(self, message: str, *, reachable: bool) -> None:
        super().__init__(message)
        self.reachable = reachable


class PublishError(CarrotError):
    """The broker refused, returned or never confirmed a message, or could not be reached.

    The task's :class:`~carrot.models.MessageLog` is left ``FAILED`` with the reason, so it can be
    requeued once the broker is back.
    """

    def __init__(self, message: str, failures: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.failures: dict[str, str] = dict(failures or {})
        """``{message_id: reason}`` of each task that was not published, when known."""


class TaskFailed(CarrotError):
    """:func:`carrot.result`: the task ended ``FAILED`` or ``CANCELLED``; the message says how."""

    def __init__(self, message: str, *, status: str, exception: str) -> None:
        super().__init__(message)
        self.status = status
        self.exception = exception
        """The remote exception as the log records it (``"ValueError: ..."``)."""


class ResultTimeout(CarrotError, TimeoutError):
    """:func:`carrot.result`: the task did not finish within the timeout."""


class Retry(Exception):
    """Raise in a task to run it again later: ``raise Retry(countdown=30, reason="rate limited")``.

    Counts as one of the task's retries (``max_retries``): past the last one, the task ends ``FAILED``.
    Without ``countdown`` the task's backoff decides the wait.
    """

    def __init__(self, countdown: float | None = None, reason: str = "") -> None:
        super().__init__(reason or "retry requested")
        if countdown is not None and (isinstance(countdown, bool) or not countdown >= 0):
            raise CarrotError(f"Retry countdown must be a number of seconds >= 0, got {countdown!r}")
        self.countdown = countdown
        self.reason = reason


class Interrupt(BaseException):
    """Raised inside a running task by the service; not an :class:`Exception`, so ``except Exception``
    in a task does not swallow it."""


class TimeLimitExceeded(Interrupt):
    """Raised inside a task that ran past its time limit."""


class TaskCancelled(Interrupt):
    """Raised inside a running task that was cancelled (best effort: see docs/tasks.rst)."""
