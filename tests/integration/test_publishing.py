"""publish_message and friends against the real RabbitMQ."""

import json
import time

import pika
import pytest
from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carrot import broker, pipeline
from carrot.conf import get_settings
from carrot.errors import PublishError, SerializationError, UnknownQueueError, UnknownTaskError
from carrot.logs.write import insert_logs
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.publisher import Publisher
from carrot.publishing import TaskCall, flush, publish_many, requeue
from carrot.utilities import create_scheduled_task, publish_message
from tests import settings as test_settings
from tests import tasks
from tests.conftest import close_broker_connections, wait_for
from tests.faults.proxy import Proxy

pytestmark = pytest.mark.django_db(transaction=True)


def take(queue_name="default"):
    """Take one message from a queue of the test vhost: (properties, body) or None."""
    queue = get_settings().queue(queue_name)
    connection = broker.connect(queue.broker)
    try:
        method, properties, body = connection.channel().basic_get(queue_name, auto_ack=True)
        return None if method is None else (properties, body)
    finally:
        connection.close()


def depth(queue_name="default"):
    return broker.queue_state(get_settings().queue(queue_name))[0]


def test_publish_writes_the_log_and_a_1x_compatible_persistent_message(purge_queues):
    log = publish_message(tasks.add, 1, 2, priority=5, flag=True)
    assert log.uuid and log.status == MessageLog.PUBLISHED
    flush()
    assert log.pk is not None
    log.refresh_from_db()
    assert log.status == MessageLog.PUBLISHED
    assert (log.task, log.args, log.kwargs, log.priority) == ("tests.tasks.add", [1, 2], {"flag": True}, 5)
    assert log.queue == "default" and log.routing_key == "default"
    assert log.virtual_host.startswith("carrot-test-") and "guest" not in log.virtual_host
    properties, body = take()
    assert properties.headers == {"type": "tests.tasks.add"}
    assert properties.message_id == log.uuid
    assert properties.content_type == "application/json"
    assert properties.priority == 5
    assert properties.delivery_mode == 2
    assert json.loads(body) == {"args": [1, 2], "kwargs": {"flag": True}}


def test_publish_by_path_to_another_queue(purge_queues):
    log = publish_message("tests.tasks.noop", queue="other")
    assert log.queue == "other"
    flush()
    assert take("other")[0].message_id == log.uuid


def test_one_connection_serves_many_publishes(purge_queues):
    url = get_settings().default_broker
    publish_message(tasks.noop)
    flush()
    connection = pipeline.pipeline().publishers[url]._connection
    for _ in range(20):
        publish_message(tasks.noop)
    flush()
    assert pipeline.pipeline().publishers[url]._connection is connection
    assert depth() == 21


def through(proxy):
    """CARROT with the default broker reached through ``proxy``."""
    url = f"amqp://guest:guest@127.0.0.1:{proxy.port}/{test_settings.VHOST}"
    return {**test_settings.CARROT, "default_broker": url}


def test_publish_message_returns_with_its_log_written_before_the_confirm_and_flush_waits(purge_queues):
    with Proxy(5672) as proxy, override_settings(CARROT=through(proxy)):
        publish_message(tasks.noop)
        flush()  # connected
        proxy.stall()  # the broker gets nothing and answers nothing
        started = time.monotonic()
        logs = [publish_message(tasks.add, i, i) for i in range(200)]
        assert time.monotonic() - started < 5
        # Written and committed before each call returned, marked for the relay: no confirm yet.
        assert all(log.pk is not None for log in logs)
        stored = MessageLog.objects.filter(uuid__in=[log.uuid for log in logs], relay_after__isnull=False)
        assert stored.count() == 200
        assert pipeline.pipeline().pending()
        proxy.resume()
        flush()
    assert pipeline.pipeline().drain(5)  # as at exit: confirmed, and their outbox marks cleared
    assert not MessageLog.objects.filter(relay_after__isnull=False).exists()  # nothing to relay
    assert MessageLog.objects.filter(status=MessageLog.PUBLISHED).count() == 201
    assert depth() == 201
    flush()  # nothing pending: returns at once


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda: publish_message("os.system", "ls"), UnknownTaskError, "task_modules"),
        (lambda: publish_message(tasks.noop, queue="nope"), UnknownQueueError, "Unknown queue 'nope'"),
        (lambda: publish_message(tasks.noop, object()), SerializationError, "strict JSON"),
        (lambda: publish_message(tasks.noop, when={1, 2}), SerializationError, "strict JSON"),
        (lambda: publish_message(tasks.noop, priority=256), Exception, "priority must be an integer"),
    ],
)
def test_bad_calls_raise_and_publish_nothing(purge_queues, call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()
    assert MessageLog.objects.count() == 0
    assert depth() == 0


def test_inside_a_transaction_the_message_is_sent_on_commit(purge_queues):
    with transaction.atomic():
        log = publish_message(tasks.noop)
        assert depth() == 0
    assert take()[0].message_id == log.uuid


def test_rollback_publishes_nothing(purge_queues):
    with pytest.raises(RuntimeError), transaction.atomic():
        publish_message(tasks.noop)
        raise RuntimeError("rollback")
    assert MessageLog.objects.count() == 0
    assert depth() == 0


DOWN = {
    "default_broker": "amqp://guest:secret-pw@127.0.0.1:1/%2F",
    "task_modules": ["tests.tasks"],
    "publish_retry_seconds": 0.5,  # how long a publisher rides out an outage: short, the broker stays down
}


def test_unreachable_broker_raises_and_leaves_a_failed_log():
    with override_settings(CARROT=DOWN), pytest.raises(PublishError, match="Cannot reach RabbitMQ") as info:
        publish_message(tasks.noop)
        flush()
    assert list(info.value.failures) == [MessageLog.objects.get().uuid]
    assert "secret-pw" not in str(info.value)
    log = MessageLog.objects.get()
    assert log.status == MessageLog.FAILED
    assert "Cannot reach RabbitMQ" in log.exception and "secret-pw" not in log.exception


def test_unroutable_message_raises_and_leaves_a_failed_log(purge_queues):
    publish_message(tasks.noop, exchange="amq.direct", routing_key="nobody-listens")
    with pytest.raises(PublishError, match="unroutable"):
        flush()
    assert MessageLog.objects.get().status == MessageLog.FAILED
    flush()  # a failure is raised once


def test_a_dropped_connection_is_replaced_on_the_next_publish(purge_queues):
    publish_message(tasks.noop)
    flush()
    close_broker_connections()
    log = publish_message(tasks.noop)
    flush()
    log.refresh_from_db()
    assert log.status == MessageLog.PUBLISHED
    assert depth() == 2


def test_publish_many_writes_every_log_and_every_message_is_confirmed(purge_queues):
    calls = [TaskCall(tasks.add, (i, i)) for i in range(500)] + [TaskCall("tests.tasks.noop", queue="other")]
    logs = publish_many(calls)
    assert len(logs) == 501 and all(log.pk is not None for log in logs)
    assert MessageLog.objects.filter(status=MessageLog.PUBLISHED).count() == 501
    assert MessageLog.objects.get(pk=logs[3].pk).args == [3, 3]
    assert depth() == 500 and depth("other") == 1


def test_logs_are_inserted_500_to_a_statement_with_their_primary_keys():
    logs = [MessageLog(uuid=f"bulk-{i}", task="tests.tasks.noop", task_args=[i], log=[]) for i in range(501)]
    logs[3].exception, logs[4].publish_time = "tab\tand\nnewline \\N", timezone.now()  # COPY's escapes
    with CaptureQueriesContext(connection) as queries:
        insert_logs(logs)
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    # PostgreSQL: ids from the sequence, then COPY (a chunk of a few rows: one INSERT ... RETURNING);
    # SQLite: INSERT ... VALUES ... RETURNING.
    assert statements == (
        ["SELECT", "COPY", "INSERT"] if connection.vendor == "postgresql" else ["INSERT"] * 2
    )
    stored = dict(MessageLog.objects.values_list("uuid", "pk"))
    assert [log.pk for log in logs] == [stored[f"bulk-{i}"] for i in range(501)]
    assert MessageLog.objects.get(uuid="bulk-7").task_args == [7]
    assert MessageLog.objects.get(uuid="bulk-3").exception == "tab\tand\nnewline \\N"
    assert MessageLog.objects.get(uuid="bulk-4").publish_time == logs[4].publish_time
    assert MessageLog.objects.create(uuid="after", task="tests.tasks.noop").pk > logs[-1].pk  # sequence moved


def test_publish_many_validates_everything_first(purge_queues):
    with pytest.raises(UnknownTaskError):
        publish_many([TaskCall(tasks.noop), TaskCall("os.system")])
    assert MessageLog.objects.count() == 0 and depth() == 0


def test_publish_many_to_a_down_broker_marks_every_log_failed():
    with override_settings(CARROT=DOWN), pytest.raises(PublishError, match=r"3 task\(s\) were not published"):
        publish_many([TaskCall(tasks.noop)] * 3)
    assert MessageLog.objects.filter(status=MessageLog.FAILED).count() == 3


def test_requeue_publishes_failed_logs_again_under_the_same_id(purge_queues):
    with override_settings(CARROT=DOWN), pytest.raises(PublishError):
        publish_message(tasks.noop)
        flush()
    log = MessageLog.objects.get()
    assert requeue(MessageLog.objects.filter(pk=log.pk)) == 1
    log.refresh_from_db()
    assert log.status == MessageLog.PUBLISHED and log.exception == ""
    assert take()[0].message_id == log.uuid


def test_create_scheduled_task_keeps_the_1x_signature():
    scheduled = create_scheduled_task(tasks.echo, {"minutes": 5}, task_args=(1, 2), flag=True)
    assert (scheduled.task, scheduled.task_name) == ("tests.tasks.echo", "tests.tasks.echo")
    assert (scheduled.interval_type, scheduled.interval_count) == ("minutes", 5)
    assert scheduled.task_args == [1, 2] and scheduled.content == {"flag": True}
    again = create_scheduled_task(tasks.echo, {"seconds": 10})
    assert again.pk == scheduled.pk and again.interval_type == "seconds"


@pytest.mark.parametrize(
    ("task", "interval", "fragment"),
    [
        ("os.system", {"seconds": 1}, "not registered"),
        (tasks.add, {"weeks": 1}, "interval must be"),
        (tasks.add, {"seconds": 0}, "from 1 to 31536000 seconds"),
        (tasks.add, {"days": 2147483647}, "from 1 to 365 days"),  # was an OverflowError at save
        (tasks.add, {"seconds": 1, "days": 1}, "exactly one key"),
    ],
)
def test_create_scheduled_task_refuses_bad_input(task, interval, fragment):
    with pytest.raises(Exception, match=fragment):
        create_scheduled_task(task, interval)


def test_the_test_vhost_is_not_the_default_one():
    assert get_settings().default_broker.virtual_host != "/"
    assert isinstance(get_settings().default_broker.parameters(), pika.URLParameters)


def test_broker_refusal_after_commit_leaves_a_failed_log_and_flush_raises():
    with override_settings(CARROT=DOWN):
        with transaction.atomic():
            log = publish_message(tasks.noop)
        with pytest.raises(PublishError, match="Cannot reach RabbitMQ"):
            flush()
    log.refresh_from_db()
    assert log.status == MessageLog.FAILED and "Cannot reach RabbitMQ" in log.exception


def test_requeue_works_through_a_large_backlog_in_batches(purge_queues, monkeypatch):
    from carrot import publishing

    monkeypatch.setattr(publishing, "REQUEUE_BATCH", 7)
    MessageLog.objects.bulk_create(
        MessageLog(uuid=f"failed-{i}", task="tests.tasks.noop", status=MessageLog.FAILED, queue="default")
        for i in range(30)
    )
    assert requeue(MessageLog.objects.filter(status=MessageLog.FAILED)) == 30
    assert MessageLog.objects.filter(status=MessageLog.PUBLISHED).count() == 30
    wait_for(lambda: depth() == 30, what="30 requeued messages")


def test_publish_many_collects_every_confirm_over_many_small_batches(purge_queues):
    # Regression: an ack read while basic_publish flushed, before the tag was recorded, was lost.
    queue = get_settings().queue("default")
    publisher = Publisher(queue.broker)
    route = broker.Route(queue)
    for batch in range(100):
        assert (
            publisher.publish_many([(route, TaskMessage("tests.tasks.noop", (batch, i))) for i in range(3)])
            == {}
        )
    assert depth() == 300
    publisher.reset()


def test_a_failing_round_is_reported_and_the_pipeline_goes_on(purge_queues, monkeypatch):
    def broken(jobs, sent):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pipeline, "_write_logs", broken)
    publish_message(tasks.noop)
    with pytest.raises(PublishError, match="RuntimeError: disk on fire"):
        flush()
    monkeypatch.undo()
    log = publish_message(tasks.noop)
    flush()
    assert MessageLog.objects.get(uuid=log.uuid).status == MessageLog.PUBLISHED


def test_the_end_of_a_request_flushes_what_it_published(purge_queues):
    from django.core.signals import request_finished

    publish_message(tasks.noop)
    request_finished.send(sender=None)
    assert not pipeline.pipeline().pending()
    assert depth() == 1


def test_messages_unconfirmed_when_the_connection_drops_are_sent_again(purge_queues):
    queue = get_settings().queue("default")
    publisher = Publisher(queue.broker)
    messages = [TaskMessage("tests.tasks.noop", (i,)) for i in range(300)]
    mark = publisher.send([(broker.Route(queue), message) for message in messages])
    close_broker_connections()
    assert publisher.settle(mark, [m.message_id for m in messages]) == {}
    received = set()
    while (item := take()) is not None:
        received.add(item[0].message_id)
    assert received == {m.message_id for m in messages}  # some may have arrived twice: at-least-once
    publisher.reset()


def test_the_pipeline_outlives_a_failing_connection_check_while_idle(purge_queues, monkeypatch):
    def refused():
        raise RuntimeError("database access not allowed")

    monkeypatch.setattr(pipeline, "close_old_connections", refused)
    publish_message(tasks.noop)
    flush()
    time.sleep(pipeline.IDLE_SECONDS + 0.3)  # the thread checks its connection once idle
    publish_message(tasks.noop)
    flush(timeout=10)
    assert depth() == 2


def test_logs_stored_before_a_dropped_connection_are_not_written_twice(caplog, monkeypatch):
    from carrot.logs import write

    on_postgresql = connection.vendor == "postgresql"
    real, calls = (write._insert_copy if on_postgresql else write._insert_values), []

    def drops_on_the_second_chunk(*args):
        calls.append(len(args[-1]))
        if len(calls) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        return real(*args)

    path = "_insert_copy" if on_postgresql else "_insert_values"
    monkeypatch.setattr(write, path, drops_on_the_second_chunk)
    logs = [MessageLog(uuid=f"drop-{i}", task="tests.tasks.noop") for i in range(600)]
    route, ticket = broker.Route(get_settings().queue("default")), pipeline.Ticket()
    jobs = [pipeline.Job(route, TaskMessage(log.task, message_id=log.uuid), log, ticket) for log in logs]
    assert pipeline._write_logs(jobs, pipeline.Round(jobs)) == jobs
    assert calls == [500, 100, 100]  # the first chunk once, the second again on a new connection
    assert MessageLog.objects.filter(uuid__startswith="drop-").count() == 600
    assert all(log.pk is not None for log in logs) and "Could not write" not in caplog.text


def test_a_nacked_message_goes_again_on_a_new_channel_until_its_deadline():
    """The broker refusing a message (here a full queue with ``reject-publish``; in a cluster, a quorum
    queue whose leader just died) does not fail it at once: it goes again on a new channel, gets in
    once there is room, and fails, saying the broker refused it, only after ``retry_seconds``."""
    import dataclasses
    import threading
    import uuid

    queue = dataclasses.replace(
        get_settings().queue("default"),
        name=f"full-{uuid.uuid4().hex[:8]}",
        queue_arguments={"x-max-length": 1, "x-overflow": "reject-publish"},
    )
    route = broker.Route(queue)
    publisher = Publisher(queue.broker, retry_seconds=5.0)

    def make_room() -> None:
        connection = broker.connect(queue.broker)
        try:
            connection.channel().basic_get(queue.name, auto_ack=True)
        finally:
            connection.close()

    try:
        assert publisher.publish_many([(route, TaskMessage("tests.tasks.noop", (0,)))]) == {}
        room = threading.Timer(1.0, make_room)
        room.start()
        started = time.monotonic()
        assert publisher.publish_many([(route, TaskMessage("tests.tasks.noop", (1,)))]) == {}
        assert 0.9 < time.monotonic() - started < 4.0  # taken once the queue had room
        room.join()
        started = time.monotonic()
        short = Publisher(queue.broker, retry_seconds=1.0)
        failed = short.publish_many([(route, TaskMessage("tests.tasks.noop", (2,)))])
        short.reset()
        assert 0.9 < time.monotonic() - started < 4.0
        assert list(failed.values()) == [
            "not published within 1s: the broker refused it (nack); see the RabbitMQ log"
        ]
    finally:
        publisher.reset()
        connection = broker.connect(queue.broker)
        try:
            connection.channel().queue_delete(queue.name)
        finally:
            connection.close()
