"""Delayed tasks, the relay that publishes due ones, run-now and per-call max_retries, on the real broker
and database."""

import datetime
import threading

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from carrot import broker, pipeline, relay, signals
from carrot.conf import get_settings
from carrot.errors import CarrotError
from carrot.logs import outbox
from carrot.models import MessageLog
from carrot.publishing import TaskCall, publish_many, publish_message, requeue, run_waiting_now
from tests import settings as test_settings
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = datetime.timedelta(hours=1)


def ready_in_queue(name="default"):
    """Messages waiting in the queue on the broker, once this process's publishes are confirmed."""
    pipeline.flush()
    return broker.queue_state(get_settings().queue(name))[0]


def waiting(n, status, due_in=datetime.timedelta(seconds=-1), prefix="waiting"):
    """Logs as a delayed publish or a failed run that will be retried leaves them."""
    eta = timezone.now() + due_in
    return MessageLog.objects.bulk_create(
        MessageLog(
            uuid=f"{prefix}-{i}",
            task="tests.tasks.add",
            task_args=[i, 1],
            queue="default",
            status=status,
            eta=eta,
            relay_after=eta,
        )
        for i in range(n)
    )


def finished(log, timeout=15.0):
    return wait_for(
        lambda: MessageLog.objects.filter(pk=log.pk, status__in=["COMPLETED", "FAILED"]).first(),
        timeout,
        f"task {log.uuid} to finish",
    )


@pytest.fixture
def published():
    """The logs ``task_published`` was sent for while the test runs."""
    logs = []

    def receiver(log, **kwargs):
        logs.append(log)

    signals.task_published.connect(receiver)
    yield logs
    signals.task_published.disconnect(receiver)


def test_a_countdown_stores_the_log_delayed_and_sends_nothing(purge_queues, published):
    before = timezone.now()
    log = publish_message(tasks.add, 1, 2, countdown=600)
    stored = MessageLog.objects.get(pk=log.pk)
    assert stored.status == MessageLog.DELAYED and stored.publish_time is None
    assert (
        before + datetime.timedelta(seconds=600)
        <= stored.eta
        <= timezone.now() + datetime.timedelta(seconds=600)
    )
    assert stored.relay_after == stored.eta
    assert ready_in_queue() == 0
    assert [p.uuid for p in published] == [log.uuid]


@pytest.mark.parametrize("mode", ["transaction", "durable_publish off"])
def test_a_delayed_task_is_only_stored_in_a_transaction_or_with_durable_publish_off(
    purge_queues, published, mode
):
    eta = timezone.now() + HOUR
    if mode == "transaction":
        with transaction.atomic():
            log = publish_message(tasks.add, 1, 2, eta=eta)
            assert published == []  # on commit
    else:
        with override_settings(CARROT={**test_settings.CARROT, "durable_publish": False}):
            log = publish_message(tasks.add, 1, 2, eta=eta)
    assert MessageLog.objects.get(pk=log.pk).status == MessageLog.DELAYED  # written by the call itself
    assert ready_in_queue() == 0
    assert [p.uuid for p in published] == [log.uuid]


def test_an_eta_that_has_passed_or_a_zero_countdown_publishes_now(purge_queues):
    logs = [
        publish_message(tasks.add, 1, 2, eta=timezone.now() - HOUR),
        publish_message(tasks.add, 1, 2, countdown=0),
        *publish_many([TaskCall(tasks.add, (1, 2), countdown=0.0)]),
    ]
    assert {log.status for log in MessageLog.objects.filter(pk__in=[log.pk for log in logs])} == {"PUBLISHED"}
    assert ready_in_queue() == 3


def test_a_delayed_task_runs_when_due_and_never_before(service):
    log = publish_message(tasks.add, 2, 3, countdown=1.5)
    eta = MessageLog.objects.get(pk=log.pk).eta
    while timezone.now() < eta - datetime.timedelta(seconds=0.1):
        assert MessageLog.objects.get(pk=log.pk).status == MessageLog.DELAYED
        threading.Event().wait(0.05)
    done = finished(log)
    assert done.status == MessageLog.COMPLETED and done.output == "5"
    assert eta <= done.publish_time <= done.start_time
    assert done.publish_time - eta < datetime.timedelta(seconds=3)  # the relay looks each second
    assert done.relay_after is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ({"countdown": 5, "eta": timezone.now()}, "countdown or eta, not both"),
        ({"countdown": -1}, "countdown must be a number of seconds, 0 or more"),
        ({"countdown": float("nan")}, "countdown must be"),
        ({"countdown": "5"}, "countdown must be"),
        ({"countdown": 1e20}, "past the largest date"),
        ({"eta": datetime.datetime(2030, 1, 1, 12)}, "eta must be an aware datetime"),
        ({"eta": datetime.date(2030, 1, 1)}, "eta must be a datetime"),
        ({"max_retries": -1}, "max_retries must be an integer from 0"),
        ({"max_retries": 2.0}, "max_retries must be an integer"),
        ({"max_retries": True}, "max_retries must be an integer"),
        ({"max_retries": 2**31}, "max_retries must be an integer"),
    ],
)
def test_bad_timing_or_max_retries_is_a_clear_error_and_nothing_is_stored(purge_queues, call, message):
    with pytest.raises(CarrotError, match=message):
        publish_message(tasks.add, 1, 2, **call)
    with pytest.raises(CarrotError, match=message):
        publish_many([TaskCall(tasks.add, (1, 2)), TaskCall(tasks.add, (1, 2), **call)])
    assert not MessageLog.objects.exists()
    assert ready_in_queue() == 0


def test_max_retries_is_stored_per_call_and_absent_by_default(purge_queues):
    one = publish_message(tasks.add, 1, 2, max_retries=3)
    many = publish_many([TaskCall(tasks.add, (1, 2), max_retries=0), TaskCall(tasks.add, (1, 2))])
    assert [MessageLog.objects.get(pk=log.pk).max_retries for log in [one, *many]] == [3, 0, None]


def test_publishing_without_the_new_arguments_is_as_before(purge_queues):
    log = MessageLog.objects.get(pk=publish_message(tasks.add, 1, 2).pk)
    assert log.status == MessageLog.PUBLISHED and log.publish_time is not None
    assert (log.eta, log.max_retries, log.retries, log.history, log.cancelled_time) == (
        None,
        None,
        0,
        [],
        None,
    )
    assert ready_in_queue() == 1


def test_the_relay_claims_due_delayed_and_retrying_logs_once_and_not_early():
    due = [*waiting(3, MessageLog.DELAYED, prefix="d"), *waiting(2, MessageLog.RETRYING, prefix="r")]
    stranded = waiting(1, MessageLog.PUBLISHED, prefix="stranded")[0]  # its publisher died: sent again
    waiting(2, MessageLog.DELAYED, due_in=HOUR, prefix="later")
    waiting(1, MessageLog.CANCELLED, prefix="cancelled")
    now = timezone.now()
    claimed = {log.uuid: log.stranded for log in outbox.claim_due(now)}
    assert claimed == {**{log.uuid: False for log in due}, stranded.uuid: True}
    for log in MessageLog.objects.filter(pk__in=[log.pk for log in due]):
        assert log.status == MessageLog.PUBLISHED and log.publish_time == now
        assert log.relay_after == outbox.relay_time(now)  # in the outbox until the broker confirms it
    assert outbox.claim_due() == []
    assert set(MessageLog.objects.filter(uuid__startswith="later").values_list("status", flat=True)) == {
        "DELAYED"
    }


def test_concurrent_relays_claim_each_due_log_exactly_once():
    waiting(300, MessageLog.DELAYED)
    claims: list[list[str]] = [[], [], []]

    def claim_all(mine):
        try:
            while batch := outbox.claim_due(limit=25):
                mine.extend(log.uuid for log in batch)
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=claim_all, args=(mine,)) for mine in claims]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [uuid for mine in claims for uuid in mine]
    assert len(every) == len(set(every)) == 300


def test_the_relay_keeps_claiming_while_batches_are_full(purge_queues, monkeypatch):
    monkeypatch.setattr(outbox, "BATCH", 4)
    waiting(10, MessageLog.DELAYED)
    assert relay.relay_due() == 10  # 4 + 4 + 2, with no pause between
    assert ready_in_queue() == 10
    assert pipeline.pipeline().drain(5)  # confirmed, and the marks cleared
    assert not MessageLog.objects.filter(relay_after__isnull=False).exists()


def test_waiting_logs_keep_their_mark_when_the_relay_forgets_consumed_ones():
    waiting(1, MessageLog.DELAYED, prefix="d")
    waiting(1, MessageLog.RETRYING, prefix="r")
    waiting(1, MessageLog.COMPLETED, prefix="c")
    assert outbox.forget_consumed() == 1
    assert MessageLog.objects.filter(relay_after__isnull=False).count() == 2


def test_run_waiting_now_makes_delayed_and_retrying_tasks_due_and_the_service_runs_them(service):
    later = [
        *waiting(1, MessageLog.DELAYED, due_in=HOUR, prefix="d"),
        *waiting(1, MessageLog.RETRYING, due_in=HOUR),
    ]
    done = waiting(1, MessageLog.COMPLETED, due_in=HOUR, prefix="c")
    before = timezone.now()
    assert run_waiting_now(MessageLog.objects.all()) == 2
    for log in MessageLog.objects.filter(pk__in=[log.pk for log in later]):
        assert before <= log.eta == log.relay_after <= timezone.now()
    assert MessageLog.objects.get(pk=done[0].pk).eta > timezone.now()
    for log in later:
        assert finished(log, timeout=10).status == MessageLog.COMPLETED


def test_requeue_starts_retries_afresh_and_keeps_the_history(purge_queues):
    entry = {"attempt": 1, "exception": "ValueError: boom"}
    log = waiting(1, MessageLog.FAILED, prefix="f")[0]
    cancelled = waiting(1, MessageLog.CANCELLED, prefix="x")[0]
    MessageLog.objects.filter(pk=log.pk).update(retries=2, attempts=3, history=[entry], relay_after=None)
    MessageLog.objects.filter(pk=cancelled.pk).update(cancelled_time=timezone.now(), relay_after=None)
    assert requeue(MessageLog.objects.filter(pk__in=[log.pk, cancelled.pk])) == 2
    for again in MessageLog.objects.filter(pk__in=[log.pk, cancelled.pk]):
        assert again.status == MessageLog.PUBLISHED
        assert (again.retries, again.attempts, again.eta, again.cancelled_time) == (0, 0, None, None)
    assert MessageLog.objects.get(pk=log.pk).history == [entry]
    assert ready_in_queue() == 2


def test_a_confirm_clears_the_mark_of_a_sent_log_but_not_of_one_that_waits_again():
    waiting(1, MessageLog.RETRYING, due_in=HOUR, prefix="r")  # a fast consumer ran it before the confirm
    waiting(1, MessageLog.PUBLISHED, prefix="p")
    outbox.confirmed(["r-0", "p-0"])
    assert MessageLog.objects.get(uuid="r-0").relay_after is not None
    assert MessageLog.objects.get(uuid="p-0").relay_after is None
