"""The consumer, in-process, against the real RabbitMQ: results, logs, failures, malformed messages."""

import dataclasses
import json
import uuid

import pika
import pytest
from django.test import override_settings
from pika.exceptions import ChannelClosedByBroker

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.publishing import TaskCall, flush, publish_many
from carrot.service import Service
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import close_broker_connections, wait_for


def finished(log, timeout=20.0):
    """Wait for a log to be COMPLETED or FAILED and return it fresh."""
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=["COMPLETED", "FAILED"]).first(),
        timeout,
        f"task {log.task} to finish",
    )


def by_uuid(message_id, timeout=20.0):
    return wait_for(
        lambda: MessageLog.objects.filter(uuid=message_id, status__in=["COMPLETED", "FAILED"]).first(),
        timeout,
        f"message {message_id} to finish",
    )


def publish_raw(body, headers, message_id=None, queue="default"):
    """Publish as another (1.x-compatible or broken) producer would, without writing a log."""
    settings_queue = get_settings().queue(queue)
    connection = broker.connect(settings_queue.broker)
    try:
        broker.declare_queue(connection, settings_queue)
        channel = connection.channel()
        properties = pika.BasicProperties(
            headers=headers, message_id=message_id, content_type="application/json"
        )
        channel.basic_publish("", queue, body, properties)
    finally:
        connection.close()


def test_completed_task_records_output_times_and_worker(service):
    log = finished(publish_message(tasks.echo, 1, "a", k=[1]))
    assert log.status == "COMPLETED"
    assert json.loads(log.output) == {"args": [1, "a"], "kwargs": {"k": [1]}}
    assert log.start_time <= log.completion_time and log.duration is not None
    assert log.worker.count(":") == 2 and log.worker.endswith(("default-1", "default-2"))
    assert (log.attempts, log.redelivered) == (1, False)


def test_output_that_is_not_json_is_kept_as_its_repr(service):
    assert finished(publish_message(tasks.returns_object)).output.startswith("<object object at")


def test_task_log_keeps_every_level_with_time(service):
    log = finished(publish_message(tasks.chatty))
    assert [(e["level"], e["message"]) for e in log.log] == [
        ("DEBUG", "a debug line"),
        ("INFO", "an info line"),
        ("WARNING", "a warning line"),
        ("ERROR", "an error line"),
    ]
    assert all(e["time"] and e["levelno"] for e in log.log)


def test_failed_task_records_exception_traceback_and_log_and_calls_back(service):
    tasks.failures.clear()
    log = finished(publish_message(tasks.fail, "kaput"))
    assert log.status == "FAILED" and log.failure_time is not None
    assert log.exception == "ValueError: kaput"
    assert "raise ValueError(message)" in log.traceback and "tests/tasks.py" in log.traceback
    assert [e["message"] for e in log.log] == ["about to fail"]
    # Callbacks run once the failure is recorded, so just after the log reads FAILED.
    wait_for(lambda: tasks.failures, what="the failure callback")
    assert tasks.failures == [(log.uuid, "ValueError('kaput')")]


def test_a_failing_failure_callback_does_not_stop_the_consumer(service):
    for consumer in service.consumers:
        consumer.add_failure_callback(tasks.broken_callback)
    assert finished(publish_message(tasks.fail)).status == "FAILED"
    assert finished(publish_message(tasks.add, 2, 2)).output == "4"


@pytest.mark.parametrize(
    ("body", "headers", "fragment"),
    [
        (b"{not json", {"type": "tests.tasks.noop"}, "not strict JSON"),
        (b"{}", {}, "no 'type' header"),
        (b'{"args": "x"}', {"type": "tests.tasks.noop"}, "'args' must be a JSON array"),
    ],
)
def test_malformed_messages_end_as_failed_logs_and_the_consumer_goes_on(service, body, headers, fragment):
    message_id = str(uuid.uuid4())
    publish_raw(body, headers, message_id)
    log = by_uuid(message_id)
    assert (
        log.status == "FAILED" and log.exception.startswith("Malformed message") and fragment in log.exception
    )
    assert finished(publish_message(tasks.add, 1, 1)).output == "2"


def test_unknown_task_in_a_message_is_never_imported(service):
    message_id = str(uuid.uuid4())
    publish_raw(b'{"args": ["echo hacked"]}', {"type": "os.system"}, message_id)
    log = by_uuid(message_id)
    assert log.status == "FAILED"
    assert "not registered" in log.exception and "task_modules" in log.exception
    assert log.traceback == ""


def test_message_without_a_log_from_another_producer_is_run(service):
    message_id = str(uuid.uuid4())
    publish_raw(b'{"args": [20, 22]}', {"type": "tests.tasks.add"}, message_id)
    log = by_uuid(message_id, timeout=5)
    assert (log.status, log.output, log.task) == ("COMPLETED", "42", "tests.tasks.add")


def test_a_redelivered_message_whose_log_completed_is_not_run_again(service):
    log = finished(publish_message(tasks.add, 1, 2))
    publish_raw(b'{"args": [1, 2]}', {"type": "tests.tasks.add"}, log.uuid)
    wait_for(lambda: broker.queue_state(get_settings().queue("default"))[0] == 0, what="the queue to drain")
    marker = finished(publish_message(tasks.noop))  # consumed after the duplicate
    assert marker.status == "COMPLETED"
    log.refresh_from_db()
    assert log.attempts == 1


def test_consumers_reconnect_after_the_broker_drops_them(service):
    assert finished(publish_message(tasks.add, 1, 1)).status == "COMPLETED"
    close_broker_connections()
    wait_for(
        lambda: all(c.connections_opened >= 2 and c.consuming.is_set() for c in service.consumers),
        what="consumers to reconnect",
    )
    assert finished(publish_message(tasks.add, 2, 3)).output == "5"


def test_consumers_come_back_after_their_queue_is_deleted(service, caplog):
    """RabbitMQ cancels the consumers of a deleted queue (Basic.Cancel); they declare it and consume again."""
    assert finished(publish_message(tasks.add, 1, 1)).status == "COMPLETED"
    queue = get_settings().queue("default")
    connection = broker.connect(queue.broker)
    try:
        connection.channel().queue_delete("default")
    finally:
        connection.close()
    wait_for(lambda: broker.queue_state(queue) == (0, 2), timeout=5, what="both consumers to consume again")
    log = publish_message(tasks.add, 2, 3)
    flush()
    assert finished(log, timeout=5).output == "5"
    cancelled = [r for r in caplog.records if r.levelname == "WARNING" and "cancelled consumer" in r.message]
    assert len(cancelled) == 2 and all("queue 'default'" in r.message for r in cancelled)  # concurrency 2
    assert all(c.connections_opened == 1 for c in service.consumers)


def test_connection_dropped_mid_task_completes_once(service, tmp_path):
    marker = tmp_path / "runs"
    log = publish_message(tasks.sleep, 1.5, str(marker))
    wait_for(lambda: MessageLog.objects.filter(pk=log.pk, status="IN_PROGRESS").exists(), what="task start")
    close_broker_connections()
    log = finished(log)
    assert log.status == "COMPLETED"
    # The ack was lost with the connection, so the broker redelivers; the completed log stops a re-run.
    wait_for(lambda: broker.queue_state(get_settings().queue("default"))[0] == 0, what="redelivery consumed")
    assert finished(publish_message(tasks.noop)).status == "COMPLETED"
    assert marker.read_text().count("\n") == 1
    log.refresh_from_db()
    assert log.attempts == 1


def test_task_longer_than_twice_the_heartbeat_completes_once(transactional_db, purge_queues, tmp_path):
    carrot = {**get_settings_raw(), "default_broker": get_settings().default_broker.url + "?heartbeat=1"}
    with override_settings(CARROT=carrot):
        running = Service(scheduler=False)
        running.start()
        try:
            wait_for(lambda: all(c.consuming.is_set() for c in running.consumers), what="consumers")
            marker = tmp_path / "runs"
            log = finished(publish_message(tasks.sleep, 3.5, str(marker)), timeout=30)
            assert (log.status, log.attempts, log.redelivered) == ("COMPLETED", 1, False)
            assert marker.read_text().count("\n") == 1
            assert all(c.connections_opened == 1 for c in running.consumers)
        finally:
            running.stop()


def get_settings_raw():
    from django.conf import settings

    return dict(settings.CARROT)


def test_a_queue_can_name_its_own_consumer_class(transactional_db, purge_queues):
    from tests import consumers

    carrot = {
        **get_settings_raw(),
        "queues": [{"name": "default", "consumer_class": "tests.consumers.RecordingConsumer"}],
    }
    consumers.seen.clear()
    with override_settings(CARROT=carrot):
        running = Service(scheduler=False)
        running.start()
        try:
            assert [type(c).__name__ for c in running.consumers] == ["RecordingConsumer"]
            wait_for(lambda: running.consumers[0].consuming.is_set(), what="consumer")
            assert finished(publish_message(tasks.fail)).status == "FAILED"
        finally:
            running.stop()
    assert consumers.seen == ["default-1:tests.tasks.fail"]


def test_a_task_that_publishes_completes_once_its_child_is_confirmed(service):
    parent = finished(publish_message(tasks.spawn, "tests.tasks.add", a=1, b=2))
    assert parent.status == "COMPLETED"
    child = by_uuid(json.loads(parent.output))
    assert (child.task, child.output) == ("tests.tasks.add", "3")


def test_a_task_whose_publish_the_broker_refuses_fails(service):
    parent = finished(publish_message(tasks.spawn, "tests.tasks.noop", unroutable=True))
    assert parent.status == "FAILED"
    assert parent.exception.startswith("1 task(s) were not published") and "unroutable" in parent.exception


def test_a_burst_of_tasks_completes_and_leaves_nothing_unacked(service):
    logs = publish_many([TaskCall(tasks.add, (i, i)) for i in range(300)])
    wait_for(
        lambda: MessageLog.objects.filter(status="COMPLETED").count() == 300, timeout=60, what="300 tasks"
    )
    outputs = dict(MessageLog.objects.values_list("pk", "output"))
    assert [outputs[log.pk] for log in logs] == [str(2 * i) for i in range(300)]
    assert MessageLog.objects.filter(attempts=1).count() == 300
    service.stop()
    assert broker.queue_state(get_settings().queue("default")) == (0, 0)  # every message acked


def test_a_queue_that_1x_declared_with_255_priorities_is_used_as_it_is(transactional_db, caplog):
    """Ours declares 10 priority levels; the broker refuses to redeclare a queue with other arguments."""
    name = f"legacy-{uuid.uuid4().hex[:6]}"
    carrot = {**get_settings_raw(), "queues": [{"name": name, "queue_arguments": {"x-max-priority": 255}}]}
    with override_settings(CARROT=carrot):  # as django-carrot 1.x declared it
        broker.purge_queue(get_settings().queue(name))
    with override_settings(CARROT={**carrot, "queues": [{"name": name}]}):
        assert get_settings().queue(name).queue_arguments == {"x-max-priority": 10}
        running = Service(scheduler=False)
        running.start()
        try:
            wait_for(lambda: running.consumers[0].consuming.is_set(), what="consumer")
            log = publish_message(tasks.add, 2, 3, queue=name, priority=200)
            flush()
            assert finished(log).status == "COMPLETED"
        finally:
            running.stop()
    warnings = [r.getMessage() for r in caplog.records if "exists with other settings" in r.getMessage()]
    assert warnings and all(f"Queue {name!r}" in w and "x-max-priority" in w for w in warnings)
    assert "received '10' but current is '255'" in warnings[0]


def test_a_queue_the_broker_refuses_to_declare_is_an_error_not_a_warning(caplog):
    queue = dataclasses.replace(
        get_settings().queue("default"), name="bad-priority", queue_arguments={"x-max-priority": 300}
    )
    connection = broker.connect(queue.broker)
    try:
        with pytest.raises(ChannelClosedByBroker, match="invalid arg 'x-max-priority'"):
            broker.declare_queue(connection, queue)  # settings validation refuses 300 before this
    finally:
        connection.close()
    assert "exists with other settings" not in caplog.text
