"""The task signals against the real RabbitMQ and database: when, where and with what they are sent."""

import importlib.util
import threading
import time
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from carrot import scheduler, signals
from carrot.models import MessageLog
from carrot.publishing import TaskCall, flush, publish_many, run_now
from carrot.registry import task
from carrot.utilities import create_scheduled_task, publish_message
from tests import settings as test_settings
from tests.conftest import wait_for
from tests.integration.test_scheduler import make_due

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "otel_hooks.py"
NAMES = ["task_published", "task_started", "task_succeeded", "task_failed"]
ALL_SIGNALS = {name: getattr(signals, name) for name in NAMES}
PUBLISH_KWARGS = {"signal", "sender", "log", "attempt"}
RUN_KWARGS = {*PUBLISH_KWARGS, "started_at"}

ran: dict[str, dict] = {}
"""What each test task saw while running, by the key it was given."""


@task
def succeeds(key):
    ran[key] = {"thread": threading.get_ident(), "span": trace.get_current_span().get_span_context()}
    time.sleep(0.05)
    return key


@task
def fails(key):
    ran[key] = {"thread": threading.get_ident(), "span": trace.get_current_span().get_span_context()}
    raise ValueError(f"{key} went wrong")


def finished(log, timeout=20.0):
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=["COMPLETED", "FAILED"]).first(),
        timeout,
        f"task {log.task} to finish",
    )


@pytest.fixture
def sent():
    """Every signal sent while the test runs, as ``(name, thread, kwargs)``."""
    received = []
    receivers = {}
    for name, signal in ALL_SIGNALS.items():

        def receiver(name=name, **kwargs):
            received.append((name, threading.get_ident(), kwargs))

        receivers[name] = receiver
        signal.connect(receiver)
    yield received
    for name, signal in ALL_SIGNALS.items():
        signal.disconnect(receivers[name])


def about(received, log):
    return [(name, thread, kwargs) for name, thread, kwargs in received if kwargs["log"].uuid == log.uuid]


def test_a_successful_run_sends_started_then_succeeded_on_the_task_thread(service, sent):
    log = finished(publish_message(succeeds, "ok"))
    assert log.status == "COMPLETED"
    events = about(sent, log)
    assert [name for name, _, _ in events] == ["task_published", "task_started", "task_succeeded"]
    (_, _, _), (_, started_thread, started), (_, succeeded_thread, succeeded) = events
    assert started_thread == succeeded_thread == ran["ok"]["thread"]
    assert set(started) == RUN_KWARGS
    assert set(succeeded) == {*RUN_KWARGS, "finished_at", "duration"}
    assert started["sender"] is MessageLog and started["attempt"] == succeeded["attempt"] == 1
    assert started["started_at"] == succeeded["started_at"] == log.start_time
    assert succeeded["finished_at"] == log.completion_time
    assert 0.05 <= succeeded["duration"] <= (log.completion_time - log.start_time).total_seconds()


def test_a_failed_run_sends_failed_with_the_exception_and_traceback(service, sent):
    log = finished(publish_message(fails, "bad"))
    assert log.status == "FAILED"
    events = about(sent, log)
    assert [name for name, _, _ in events] == ["task_published", "task_started", "task_failed"]
    _, failed_thread, failed = events[2]
    assert failed_thread == events[1][1] == ran["bad"]["thread"]
    assert set(failed) == {*RUN_KWARGS, "finished_at", "duration", "exception", "traceback"}
    assert isinstance(failed["exception"], ValueError) and str(failed["exception"]) == "bad went wrong"
    assert failed["traceback"] == log.traceback and "ValueError: bad went wrong" in log.traceback
    assert failed["attempt"] == 1 and failed["finished_at"] == log.failure_time
    assert 0 <= failed["duration"] <= (log.failure_time - log.start_time).total_seconds()


def raises(**kwargs):
    raise RuntimeError("a broken receiver")


@pytest.fixture
def broken_receivers():
    for signal in ALL_SIGNALS.values():
        signal.connect(raises)
    yield
    for signal in ALL_SIGNALS.values():
        signal.disconnect(raises)


def test_a_raising_receiver_changes_neither_the_task_nor_the_consumer(
    service, broken_receivers, sent, caplog
):
    first = publish_message(succeeds, "despite")  # the publish does not raise
    assert finished(first).status == "COMPLETED"
    second = finished(publish_message(succeeds, "after"))
    assert second.status == "COMPLETED" and all(consumer.is_alive() for consumer in service.consumers)
    failed = finished(publish_message(fails, "despite too"))
    assert failed.status == "FAILED" and failed.exception == "ValueError: despite too went wrong"
    # the receivers connected after the broken one still ran
    assert [name for name, _, _ in about(sent, first)] == ["task_published", "task_started", "task_succeeded"]
    reported = [r for r in caplog.records if r.name == "carrot.signals" and first.uuid in r.getMessage()]
    assert [r.getMessage().split(" raised")[0].split(" of ")[1] for r in reported] == [
        "task_published",
        "task_started",
        "task_succeeded",
    ]
    assert all(isinstance(r.exc_info[1], RuntimeError) for r in reported)


@pytest.mark.usefixtures("transactional_db", "purge_queues")
def test_publishing_sends_published_once_per_task_on_the_publishing_thread(sent):
    one = publish_message(succeeds, "one")
    many = publish_many(
        [TaskCall(succeeds, ("many",)), TaskCall(fails, ("many",)), TaskCall(succeeds, ("3",))]
    )
    flush()
    published = [(thread, kwargs) for name, thread, kwargs in sent if name == "task_published"]
    assert [kwargs["log"] for _, kwargs in published] == [one, *many]
    assert {thread for thread, _ in published} == {threading.get_ident()}
    assert all(kwargs["attempt"] == 0 and kwargs["log"].pk is not None for _, kwargs in published)
    assert all(set(kwargs) == PUBLISH_KWARGS for _, kwargs in published)


@pytest.mark.usefixtures("transactional_db", "purge_queues")
def test_inside_a_transaction_published_is_sent_on_commit_only(sent):
    with transaction.atomic():
        kept = publish_message(succeeds, "kept")
        assert sent == []
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        publish_message(succeeds, "rolled back")
        1 / 0  # noqa: B018
    flush()
    assert [kwargs["log"] for _, _, kwargs in sent] == [kept]


@pytest.mark.usefixtures("transactional_db", "purge_queues")
def test_the_scheduler_and_run_now_send_published(sent):
    scheduled = create_scheduled_task(succeeds, {"seconds": 30}, task_args=("scheduled",))
    make_due(scheduled)
    assert scheduler.publish_due() == 1
    now = run_now(scheduled)
    [by_scheduler] = MessageLog.objects.exclude(uuid=now.uuid)
    assert [kwargs["log"].uuid for _, _, kwargs in sent] == [by_scheduler.uuid, now.uuid]


@pytest.mark.usefixtures("transactional_db", "purge_queues")
def test_without_durable_publish_published_is_still_sent_once_on_the_publishing_thread(sent):
    with override_settings(CARROT={**test_settings.CARROT, "durable_publish": False}):
        log = publish_message(succeeds, "later")
        flush()
    assert [(thread, kwargs["log"]) for _, thread, kwargs in sent] == [(threading.get_ident(), log)]
    assert MessageLog.objects.filter(uuid=log.uuid).exists()


@pytest.fixture(scope="module")
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    return exporter


@pytest.fixture
def otel_hooks(spans):
    spec = importlib.util.spec_from_file_location("otel_hooks", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.connect()
    spans.clear()
    yield module
    for signal, receiver in module.RECEIVERS:
        signal.disconnect(receiver)


def test_the_opentelemetry_example_traces_each_run_and_reports_failures(service, otel_hooks, spans, caplog):
    ok = finished(publish_message(succeeds, "traced ok"))
    bad = finished(publish_message(fails, "traced bad"))
    by_uuid = {span.attributes["carrot.uuid"]: span for span in spans.get_finished_spans()}
    assert sorted(by_uuid) == sorted([ok.uuid, bad.uuid]) and len(spans.get_finished_spans()) == 2
    ok_span, bad_span = by_uuid[ok.uuid], by_uuid[bad.uuid]
    assert (ok_span.name, ok_span.status.status_code) == (ok.task, StatusCode.OK)
    assert (ok_span.attributes["carrot.status"], ok_span.attributes["carrot.attempt"]) == ("COMPLETED", 1)
    assert (bad_span.name, bad_span.status.status_code) == (bad.task, StatusCode.ERROR)
    assert bad_span.attributes["carrot.status"] == "FAILED"
    [event] = bad_span.events
    assert event.name == "exception"
    assert (event.attributes["exception.type"], event.attributes["exception.message"]) == (
        "ValueError",
        "traced bad went wrong",
    )
    # each run's span was the current one while its task ran
    assert ran["traced ok"]["span"].span_id == ok_span.context.span_id
    assert ran["traced bad"]["span"].span_id == bad_span.context.span_id
    [report] = [r for r in caplog.records if r.name == "myproject.errors"]
    assert report.getMessage() == f"Task {bad.task} ({bad.uuid}) failed on attempt 1"
    assert isinstance(report.exc_info[1], ValueError) and str(report.exc_info[1]) == "traced bad went wrong"
