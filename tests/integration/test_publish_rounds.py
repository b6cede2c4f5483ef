"""One bad call fails only itself: the publishing pipeline's rounds against the real database and broker."""

import threading

import pytest
from django.test import override_settings

from carrot import broker, pipeline
from carrot.conf import get_settings
from carrot.errors import PublishError
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.publishing import flush
from carrot.utilities import publish_message
from tests import settings as test_settings
from tests import tasks

pytestmark = pytest.mark.django_db(transaction=True)

BACKGROUND = {**test_settings.CARROT, "durable_publish": False}


def depth(queue_name="default"):
    return broker.queue_state(get_settings().queue(queue_name))[0]


def job(uuid):
    log = MessageLog(uuid=uuid, task="tests.tasks.noop", queue="default")
    return (
        broker.Route(get_settings().queue("default")),
        TaskMessage("tests.tasks.noop", message_id=uuid),
        log,
    )


def test_a_log_the_database_refuses_fails_its_own_call_and_the_round_is_published(purge_queues):
    MessageLog.objects.create(uuid="taken", task="tests.tasks.noop")  # the refused log's uuid is taken
    with override_settings(CARROT=BACKGROUND):
        pipeline.pipeline().submit([job("first"), job("taken"), job("last")])
        with pytest.raises(PublishError) as info:
            flush()
    assert list(info.value.failures) == ["taken"]
    assert "its log could not be written" in info.value.failures["taken"]
    assert set(MessageLog.objects.values_list("uuid", flat=True)) == {"first", "taken", "last"}
    assert depth() == 2


def test_other_threads_tasks_in_the_same_rounds_are_published(purge_queues):
    MessageLog.objects.create(uuid="taken", task="tests.tasks.noop")
    published: list[str] = []

    def publish_many_times():
        for _ in range(50):
            published.append(publish_message(tasks.noop).uuid)
        flush()

    with override_settings(CARROT=BACKGROUND):
        others = [threading.Thread(target=publish_many_times) for _ in range(3)]
        for thread in others:
            thread.start()
        pipeline.pipeline().submit([job("taken")])
        for thread in others:
            thread.join()
        with pytest.raises(PublishError, match="1 task"):
            flush()
    assert MessageLog.objects.filter(uuid__in=published, status=MessageLog.PUBLISHED).count() == 150
    assert depth() == 150
