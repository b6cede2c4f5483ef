"""Query.queues / queue and the purgeQueue mutation against the real RabbitMQ (and an unreachable one)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from carrot import queue_state
from carrot.metrics import rollups
from carrot.models import MessageLog, TaskRollup
from carrot.publishing import flush, publish_message
from tests.api.conftest import UNREACHABLE_CARROT, depth, make_log
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def fresh_queue_states():
    """Each test sees the broker as it is now, not a state another test left in the shared cache."""
    queue_state.shared().clear()


QUEUES = """{ queues { name host virtualHost broker concurrency consumable durable maxPriority
  state { reachable messages consumers error } } }"""
PURGE = """mutation($name: String!) {
  purgeQueue(name: $name) { queue { name } purgedCount errors { field message code } }
}"""


def test_configured_queues_with_live_depth(gql, purge_queues):
    publish_message("tests.tasks.noop", queue="other")
    publish_message("tests.tasks.noop", queue="other")
    flush()
    response = gql.post(QUEUES)
    queues = {queue["name"]: queue for queue in response.json()["data"]["queues"]}
    assert list(queues) == ["default", "other", "idle"]
    other = queues["other"]
    assert other["state"] == {"reachable": True, "messages": 2, "consumers": 0, "error": None}
    assert other["virtualHost"].startswith("carrot-test-") and other["host"] == "127.0.0.1:5672"
    assert other["broker"].startswith("amqp://guest:***@")
    assert (other["durable"], other["maxPriority"], queues["idle"]["consumable"]) == (True, 10, False)
    assert b"guest:guest" not in response.content


def test_consumers_are_counted(gql, service):
    queues = {queue["name"]: queue for queue in gql(QUEUES)["queues"]}
    assert queues["default"]["state"]["consumers"] == 2  # concurrency 2 in tests/settings.py
    assert queues["idle"]["state"]["consumers"] == 0


def test_unreachable_broker_is_a_clear_state_not_an_error(gql):
    with override_settings(CARROT=UNREACHABLE_CARROT):
        response = gql.post(QUEUES)
    (queue,) = response.json()["data"]["queues"]
    assert queue["state"]["reachable"] is False
    assert queue["state"]["messages"] is None and queue["state"]["consumers"] is None
    assert "Cannot reach RabbitMQ" in queue["state"]["error"]
    assert b"hunter2" not in response.content


def test_one_queue_by_name(gql):
    query = "query($name: String!) { queue(name: $name) { name consumable } }"
    assert gql(query, {"name": "idle"})["queue"] == {"name": "idle", "consumable": False}
    assert gql(query, {"name": "nowhere"})["queue"] is None


def test_purge_a_queue(gql, purge_queues):
    for _ in range(3):
        publish_message("tests.tasks.noop")
    flush()
    assert depth() == 3
    assert gql(STATE, {"name": "default"})["queue"]["state"]["messages"] == 3  # now in the shared cache
    result = gql(PURGE_WITH_STATE, {"name": "default"})["purgeQueue"]
    assert result == {
        "queue": {"name": "default", "state": {"messages": 0}},  # not the cached 3
        "purgedCount": 3,
        "errors": [],
    }
    assert depth() == 0


PURGE_HELD = """
mutation($name: String!) { purgeQueue(name: $name) { purgedCount heldCount errors { code } } }
"""


def hold(connection, prefetch: int) -> list[int]:
    """Consume queue "other" on ``connection`` until ``prefetch`` messages are delivered; ack none."""
    channel = connection.channel()
    channel.basic_qos(prefetch_count=prefetch)
    held: list[int] = []
    channel.basic_consume("other", lambda ch, method, props, body: held.append(method.delivery_tag))
    deadline = timezone.now() + datetime.timedelta(seconds=10)
    while len(held) < prefetch and timezone.now() < deadline:
        connection.process_data_events(time_limit=0.1)
    return held


@pytest.mark.parametrize(("prefetch", "lost", "expected"), [(2, 0, 2), (2, 5, 3)])
def test_a_purge_leaves_the_messages_a_consumer_holds_and_says_about_how_many(
    gql, purge_queues, prefetch, lost, expected
):
    from carrot import broker
    from carrot.conf import get_settings

    other = get_settings().queue("other")
    assert other.prefetch_count == 3
    for _ in range(lost):  # tasks whose messages are gone already (an earlier purge): they count too...
        make_log(status=MessageLog.PUBLISHED, queue="other")
    logs = [publish_message("tests.tasks.noop", n, queue="other") for n in range(8)]
    flush()
    assert depth("other") == 8
    # A consumer that takes its prefetch and acks none, like a service busy with a task.
    connection = broker.connect(other.broker)
    try:
        assert len(hold(connection, prefetch)) == prefetch and depth("other") == 8 - prefetch
        result = gql(PURGE_HELD, {"name": "other"})["purgeQueue"]
        # ...but never more than the consumers (1) times the queue's prefetch_count (3).
        assert result == {"purgedCount": 8 - prefetch, "heldCount": expected, "errors": []}
        assert depth("other") == 0
    finally:
        connection.close()  # acks none: the held messages go back to the queue, their tasks still run
    wait_for(lambda: depth("other") == prefetch, what="the held messages back in the queue")
    assert all(log.status == MessageLog.PUBLISHED for log in logs)


def test_nothing_is_held_when_no_one_consumes(gql, purge_queues):
    for n in range(4):
        publish_message("tests.tasks.noop", n, queue="other")
    flush()
    # The 4 tasks are still PUBLISHED after the purge, yet with no consumer none of them is held.
    result = gql(PURGE_HELD, {"name": "other"})["purgeQueue"]
    assert result == {"purgedCount": 4, "heldCount": 0, "errors": []}


STATE = "query($name: String!) { queue(name: $name) { state { messages } } }"
PURGE_WITH_STATE = """
mutation($name: String!) {
  purgeQueue(name: $name) { queue { name state { messages } } purgedCount errors { code } }
}
"""


def test_purge_refuses_unknown_queues_and_reports_an_unreachable_broker(gql):
    unknown = gql(PURGE, {"name": "nowhere"})["purgeQueue"]
    assert unknown["errors"][0]["code"] == "UNKNOWN_QUEUE" and unknown["errors"][0]["field"] == "name"
    with override_settings(CARROT=UNREACHABLE_CARROT):
        response = gql.post(PURGE, {"name": "default"})
    (error,) = response.json()["data"]["purgeQueue"]["errors"]
    assert error["code"] == "BROKER_ERROR" and "Cannot reach RabbitMQ" in error["message"]
    assert b"hunter2" not in response.content


def test_rates_are_tasks_per_minute_over_the_last_five_minutes_per_queue(gql):
    rollups.buffer().take()  # counts of earlier tests in this process, which its flusher would add here
    now = timezone.now()
    minute = now.replace(second=0, microsecond=0)

    def rollup(minutes_ago, queue="default", task="tests.tasks.add", **counts):
        TaskRollup.objects.create(
            minute=minute - datetime.timedelta(minutes=minutes_ago), queue=queue, task=task, **counts
        )

    rollup(0, published=7, started=5, completed=3, failed=1, retried=1)  # the minute under way
    rollup(3, task="tests.tasks.echo", published=3, started=5, completed=5)
    rollup(6, published=1000, started=1000, completed=1000)  # before the window
    rollup(1, queue="other", published=10)
    rates = {
        q["name"]: q["rates"]
        for q in gql("{ queues { name rates { published started finished } } }")["queues"]
    }
    assert rates["default"] == {"published": 2.0, "started": 2.0, "finished": 2.0}
    assert rates["other"] == {"published": 2.0, "started": 0.0, "finished": 0.0}
    assert rates["idle"] == {"published": 0.0, "started": 0.0, "finished": 0.0}


def test_the_rate_window_is_the_minute_under_way_and_the_four_before_it():
    minute = timezone.now().replace(second=0, microsecond=0)
    for minutes_ago in (4, 5):
        TaskRollup.objects.create(
            minute=minute - datetime.timedelta(minutes=minutes_ago), queue="q", task="t", published=5
        )
    assert rollups.rates(now=minute + datetime.timedelta(seconds=59))["q"].published == 1.0
