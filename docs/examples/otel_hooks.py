"""Receivers of django-carrot's task signals: an OpenTelemetry span per task run, and error reports.

Call ``connect()`` once at start-up, e.g. in your ``AppConfig.ready()``.
"""

import logging
import threading

from opentelemetry import context, trace
from opentelemetry.trace import Status, StatusCode

from carrot.signals import task_failed, task_started, task_succeeded

tracer = trace.get_tracer("myproject.tasks")
reports = logging.getLogger("myproject.errors")

# task_started and task_succeeded/task_failed are sent on the thread that runs the task.
_running = threading.local()


def start_span(sender, log, attempt, **kwargs):
    """Open a span for the run and make it current: spans the task opens become its children."""
    span = tracer.start_span(
        log.task, attributes={"carrot.task": log.task, "carrot.uuid": log.uuid, "carrot.attempt": attempt}
    )
    _running.span, _running.token = span, context.attach(trace.set_span_in_context(span))


def end_span(sender, log, duration, exception=None, **kwargs):
    """Close the run's span with its status (and the exception, for a failure)."""
    span = getattr(_running, "span", None)
    if span is None:  # start_span did not run (connected mid-task) or raised
        return
    context.detach(_running.token)
    _running.span = _running.token = None
    span.set_attributes({"carrot.status": log.status, "carrot.duration": duration})
    if exception is None:
        span.set_status(Status(StatusCode.OK))
    else:
        span.record_exception(exception)
        span.set_status(Status(StatusCode.ERROR, f"{type(exception).__name__}: {exception}"))
    span.end()


def report_failure(sender, log, attempt, exception, **kwargs):
    """Report a failed run, as ``sentry_sdk.capture_exception(exception)`` would."""
    reports.error("Task %s (%s) failed on attempt %d", log.task, log.uuid, attempt, exc_info=exception)


RECEIVERS = [
    (task_started, start_span),
    (task_succeeded, end_span),
    (task_failed, end_span),
    (task_failed, report_failure),
]


def connect():
    for signal, receiver in RECEIVERS:
        signal.connect(receiver)
