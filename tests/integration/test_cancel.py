"""carrot.cancel on the real broker and database: queued tasks never run, running ones are asked to stop."""

import datetime
import threading

import pytest
from django.db import transaction
from django.utils import timezone

import carrot
from carrot import broker, pipeline, signals
from carrot.conf import get_settings
from carrot.errors import CarrotError
from carrot.logs import outbox
from carrot.models import MessageLog
from carrot.publishing import publish_message, requeue
from carrot.service import Service
from tests import tasks
from tests.conftest import wait_for
from tests.integration.test_delayed import finished, waiting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cancelled_signals():
    """The logs ``task_cancelled`` was sent for while the test runs."""
    logs = []

    def receiver(log, **kwargs):
        logs.append(log)

    signals.task_cancelled.connect(receiver)
    yield logs
    signals.task_cancelled.disconnect(receiver)


def statuses(*logs):
    return [MessageLog.objects.get(pk=log.pk).status for log in logs]


def test_queued_tasks_are_cancelled_and_out_of_the_outbox(cancelled_signals):
    delayed = waiting(1, MessageLog.DELAYED, due_in=datetime.timedelta(hours=1), prefix="d")[0]
    retrying = waiting(1, MessageLog.RETRYING, prefix="r")[0]
    published = waiting(1, MessageLog.PUBLISHED, prefix="p")[0]
    before = timezone.now()
    assert carrot.cancel([delayed.uuid, retrying.pk, published]) == 3
    for log in MessageLog.objects.filter(pk__in=[delayed.pk, retrying.pk, published.pk]):
        assert log.status == MessageLog.CANCELLED and log.relay_after is None
        assert before <= log.cancelled_time <= timezone.now()
    assert outbox.claim_due(timezone.now() + datetime.timedelta(hours=2)) == []  # never relayed
    assert sorted(log.uuid for log in cancelled_signals) == sorted(
        [delayed.uuid, retrying.uuid, published.uuid]
    )
    assert {log.status for log in cancelled_signals} == {MessageLog.CANCELLED}


def test_a_running_task_is_asked_to_stop_and_finished_ones_are_left_alone(cancelled_signals):
    running = waiting(1, MessageLog.IN_PROGRESS, prefix="running")[0]
    done = [*waiting(1, MessageLog.COMPLETED, prefix="c"), *waiting(1, MessageLog.FAILED, prefix="f")]
    assert carrot.cancel(MessageLog.objects.all()) == 1
    log = MessageLog.objects.get(pk=running.pk)
    assert log.status == MessageLog.IN_PROGRESS and log.cancelled_time is not None
    assert carrot.cancel(running.pk) == 0  # asked already
    assert MessageLog.objects.get(pk=running.pk).cancelled_time == log.cancelled_time
    assert statuses(*done) == [MessageLog.COMPLETED, MessageLog.FAILED]
    assert not MessageLog.objects.filter(pk__in=[d.pk for d in done], cancelled_time__isnull=False).exists()
    assert cancelled_signals == []  # sent once the running task stops


def test_many_logs_are_cancelled_chunk_by_chunk(monkeypatch):
    monkeypatch.setattr(outbox, "CHUNK", 7)
    waiting(40, MessageLog.DELAYED)
    waiting(3, MessageLog.COMPLETED, prefix="done")
    assert carrot.cancel(MessageLog.objects.filter(uuid__startswith="waiting")) == 40
    assert MessageLog.objects.filter(status=MessageLog.CANCELLED).count() == 40


def test_in_a_transaction_the_signal_waits_for_the_commit(cancelled_signals):
    log = waiting(1, MessageLog.DELAYED)[0]
    with transaction.atomic():
        assert carrot.cancel(log.uuid) == 1
        assert cancelled_signals == []
    assert [c.uuid for c in cancelled_signals] == [log.uuid]


def test_a_rolled_back_cancel_leaves_the_task_queued(cancelled_signals):
    log = waiting(1, MessageLog.DELAYED)[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        carrot.cancel(log)
        raise RuntimeError("rolled back")
    assert statuses(log) == [MessageLog.DELAYED] and cancelled_signals == []


@pytest.mark.parametrize("target", [1.5, None, [b"bytes"], True])
def test_a_target_that_names_no_task_is_a_clear_error(target):
    log = waiting(1, MessageLog.DELAYED)[0]
    with pytest.raises(CarrotError, match="cancel\\(\\) takes a task's uuid"):
        carrot.cancel(target)
    assert statuses(log) == [MessageLog.DELAYED]


def test_unknown_ids_cancel_nothing():
    assert carrot.cancel(["no-such-task", 123456789]) == 0


def test_a_cancelled_delayed_task_never_runs(service):
    log = publish_message(tasks.add, 1, 2, countdown=0.5)
    assert carrot.cancel(log.uuid) == 1
    threading.Event().wait(2.0)  # past its eta and a relay round
    after = MessageLog.objects.get(pk=log.pk)
    assert after.status == MessageLog.CANCELLED and after.start_time is None and after.attempts == 0


def test_a_cancelled_published_message_is_acked_without_running(transactional_db, purge_queues):
    queue = get_settings().queue("default")
    log = publish_message(tasks.add, 1, 2)
    pipeline.flush()
    assert broker.queue_state(queue)[0] == 1  # no service yet: the message waits in the queue
    assert carrot.cancel(log.uuid) == 1
    running = Service()
    running.start()
    try:
        wait_for(lambda: broker.queue_state(queue)[0] == 0, what="the consumer to take the message")
        threading.Event().wait(0.5)  # the ack, and any run, happen meanwhile
    finally:
        running.stop()
    after = MessageLog.objects.get(pk=log.pk)
    assert after.status == MessageLog.CANCELLED and after.start_time is None and after.attempts == 0
    assert broker.queue_state(queue)[0] == 0  # acked, not requeued


def test_a_requeued_cancelled_task_runs(service):
    log = waiting(1, MessageLog.DELAYED, due_in=datetime.timedelta(hours=1))[0]
    carrot.cancel(log)
    assert requeue(MessageLog.objects.filter(pk=log.pk)) == 1
    done = finished(log)
    assert done.status == MessageLog.COMPLETED and done.cancelled_time is None
