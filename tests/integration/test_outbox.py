"""The publishing outbox and the service's relay, against the real database and RabbitMQ."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carrot import pipeline, relay
from carrot.logs import outbox
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

PAST = datetime.timedelta(seconds=1)


def stranded(n, status=MessageLog.PUBLISHED, prefix="stranded"):
    """Logs as a publisher that died before the confirm leaves them: written, marked, never sent."""
    due = timezone.now() - PAST
    return MessageLog.objects.bulk_create(
        MessageLog(
            uuid=f"{prefix}-{i}",
            task="tests.tasks.add",
            task_args=[i, i],
            queue="default",
            status=status,
            publish_time=due,
            relay_after=due,
        )
        for i in range(n)
    )


def test_a_published_log_is_marked_for_the_relay_until_the_broker_confirms_it(purge_queues):
    log = publish_message(tasks.noop)
    stored = MessageLog.objects.get(uuid=log.uuid)
    assert stored.relay_after is not None and stored.relay_after > timezone.now()
    assert pipeline.pipeline().drain(5)  # confirmed, and the marks cleared (as at exit)
    assert MessageLog.objects.get(uuid=log.uuid).relay_after is None


def test_each_due_log_is_claimed_once_however_many_relays_ask():
    stranded(30)
    first, second = outbox.claim_due(limit=20), outbox.claim_due(limit=20)
    assert len(first) == 20 and len(second) == 10
    assert not {log.uuid for log in first} & {log.uuid for log in second}
    assert outbox.claim_due() == []  # claimed: moved a relay period on
    assert all(log.relay_after > timezone.now() for log in [*first, *second])


def test_the_longest_due_logs_are_claimed_first():
    for minutes_overdue in (1, 30, 5, 60, 10):
        due = timezone.now() - datetime.timedelta(minutes=minutes_overdue)
        MessageLog.objects.create(
            uuid=f"overdue-{minutes_overdue}",
            task="tests.tasks.add",
            queue="default",
            status=MessageLog.DELAYED,
            publish_time=due,
            relay_after=due,
        )
    first = outbox.claim_due(limit=2)
    assert {log.uuid for log in first} == {"overdue-60", "overdue-30"}
    assert {log.uuid for log in outbox.claim_due(limit=2)} == {"overdue-10", "overdue-5"}


def test_a_log_a_consumer_moved_on_is_neither_claimed_nor_marked_failed():
    stranded(2, status=MessageLog.COMPLETED, prefix="done")
    stranded(1, status=MessageLog.PUBLISHED, prefix="waiting")
    assert [log.uuid for log in outbox.claim_due()] == ["waiting-0"]
    marked = outbox.mark_unpublished({"done-0": "lost", "waiting-0": "lost"})
    assert marked == {"waiting-0"}
    assert MessageLog.objects.get(uuid="done-0").status == MessageLog.COMPLETED
    assert MessageLog.objects.get(uuid="waiting-0").exception == "PublishError: lost"
    assert outbox.forget_consumed() == 2  # nothing to send for those: their marks go
    assert not MessageLog.objects.filter(relay_after__isnull=False).exists()


def test_the_service_relays_what_a_dead_publisher_left_and_each_task_runs_once(service):
    logs = stranded(25)
    wait_for(
        lambda: MessageLog.objects.filter(status=MessageLog.COMPLETED).count() == 25,
        timeout=20,
        what="the relay to send 25 stranded tasks and the consumers to run them",
    )
    done = MessageLog.objects.filter(uuid__in=[log.uuid for log in logs])
    assert sorted(done.values_list("output", flat=True)) == sorted(str(2 * i) for i in range(25))
    assert set(done.values_list("attempts", flat=True)) == {1}
    assert not done.filter(relay_after__isnull=False).exists()


def test_a_relayed_log_whose_queue_is_gone_from_the_settings_fails_saying_so():
    log = stranded(1)[0]
    MessageLog.objects.filter(pk=log.pk).update(queue="retired")
    assert relay.relay_due() == 1
    log.refresh_from_db()
    assert log.status == MessageLog.FAILED and "Unknown queue 'retired'" in log.exception


JSON_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))
"""Text a log can store: any UTF-8 but NUL (refused when published)."""
ARGUMENT = st.recursive(
    # Floats within +-1e15: PostgreSQL's jsonb writes a larger whole float as an integer (1e20 as
    # 100000000000000000000), so it comes back an int on every path that reads the log.
    st.none() | st.booleans() | st.integers(-(2**63), 2**63) | st.floats(-1e15, 1e15) | JSON_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(JSON_TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.lists(ARGUMENT, max_size=4), kwargs=st.dictionaries(JSON_TEXT, ARGUMENT, max_size=4))
def test_a_relayed_message_carries_the_stored_arguments_exactly(args, kwargs):
    """The relay makes the body from the stored JSON text as it is: it decodes to what was stored."""
    due = timezone.now() - PAST
    log = MessageLog.objects.create(
        uuid="relayed",
        task="tests.tasks.add",
        task_args=args,
        content=kwargs,
        priority=3,
        status=MessageLog.DELAYED,
        eta=due,
        relay_after=due,
    )
    try:
        (claimed,) = outbox.claim_due()
        message = TaskMessage.decode(*claimed.message.encode())
        assert (message.args, message.kwargs) == (tuple(args), kwargs)
        assert (message.task, message.message_id, message.priority) == ("tests.tasks.add", "relayed", 3)
    finally:
        log.delete()


def test_a_relay_pass_that_finds_nothing_due_clears_the_marks_of_consumed_logs():
    stranded(2, status=MessageLog.COMPLETED, prefix="done")
    assert relay.relay_due() == 0
    assert not MessageLog.objects.filter(relay_after__isnull=False).exists()
