"""A queue whose host is django-carrot 1.x's broker dict, with 1.x's ``'name': '%2f'`` for the ``/``
vhost, publishes to the real RabbitMQ's ``/`` vhost."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from carrot import broker
from carrot.broker_url import parse_broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.publishing import flush
from carrot.utilities import publish_message
from tests.tasks import add

pytestmark = pytest.mark.django_db(transaction=True)

HOST_1X = {"host": "127.0.0.1", "port": 5672, "name": "%2f", "username": "guest", "password": "guest"}
QUEUE = f"carrot-test-{settings.RUN}-1x-dict"
"""On the shared ``/`` vhost, so named for this run and deleted after it."""


@pytest.fixture
def root_vhost_queue():
    connection = broker.connect(parse_broker("amqp://guest:guest@127.0.0.1:5672/%2F"))
    try:
        yield connection.channel()
    finally:
        connection.channel().queue_delete(QUEUE)
        broker.close_quietly(connection)


def test_publish_through_a_1x_broker_dict_reaches_the_slash_vhost(root_vhost_queue):
    with override_settings(CARROT={**settings.CARROT, "queues": [{"name": QUEUE, "host": HOST_1X}]}):
        assert get_settings().queue(QUEUE).broker.virtual_host == "/"
        log = publish_message(add, 2, 3, queue=QUEUE)
        flush()
    method, properties, body = root_vhost_queue.basic_get(QUEUE, auto_ack=True)
    assert method is not None, "the message did not reach the / vhost"
    assert properties.message_id == str(log.uuid) and properties.headers["type"] == "tests.tasks.add"
    assert json.loads(body)["args"] == [2, 3]
    assert MessageLog.objects.get(uuid=log.uuid).status == MessageLog.PUBLISHED
