"""django-carrot 1.x's ``CARROT`` settings pass ``manage.py check`` with their 1.x meaning, or fail it
with a message that names what replaces them. The setting below gathers every key 1.x read, in the
forms its documentation showed."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from carrot import conf

BROKER_DICT_1X = {
    "host": "127.0.0.1",
    "port": 5672,
    "name": "%2f",
    "username": "guest",
    "password": "guest",
    "secure": False,
}
CARROT_1X = {
    "default_broker": BROKER_DICT_1X,
    "queues": [
        {"name": "default", "host": "amqp://guest:guest@127.0.0.1:5672/%2f", "concurrency": 5},
        {"name": "reports", "host": {**BROKER_DICT_1X, "name": "reports-vhost"}, "consumable": False},
        {
            "name": "urgent",
            "host": {"url": "amqp://guest:guest@127.0.0.1:5672/"},
            "durable": False,
            "queue_arguments": {"x-max-priority": 255},
            "exchange_arguments": {"exchange_type": "direct", "durable": True},
            "consumer_class": "carrot.consumer.Consumer",
        },
    ],
    "task_modules": ["tests.tasks"],
    "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
}


def carrot_checks(setting):
    with override_settings(CARROT=setting):
        return [(m.id, m.msg) for m in run_checks() if m.id.startswith("carrot.")]


def test_a_1x_setting_passes_the_checks_with_one_pointer_for_exchange_arguments():
    [(check_id, message)] = carrot_checks(CARROT_1X)
    assert check_id == "carrot.W001"
    assert message.startswith("CARROT['queues'][2]['exchange_arguments']: ignored")
    assert "declares no exchange per queue" in message and "'upgrading'" in message


def test_each_1x_key_keeps_its_meaning():
    parsed, problems = conf.parse(CARROT_1X)
    assert problems == []
    assert parsed.default_broker.virtual_host == "/" and parsed.default_broker.host == "127.0.0.1:5672"
    default, reports, urgent = (parsed.queue(name) for name in ("default", "reports", "urgent"))
    assert default.concurrency == 5 and default.broker.virtual_host == "/"
    assert not reports.consumable and reports.broker.virtual_host == "reports-vhost"
    assert not urgent.durable and urgent.queue_arguments == {"x-max-priority": 255}
    assert urgent.broker.virtual_host == "/"
    assert parsed.task_modules == ("tests.tasks",)
    assert parsed.monitor_authentication == ("django.contrib.auth.decorators.login_required",)


def test_a_1x_consumer_class_fails_the_check_with_the_way_to_2x():
    [(check_id, message)] = carrot_checks(
        {"queues": [{"name": "default", "consumer_class": "tests.consumers.Consumer1x"}]}
    )
    assert check_id == "carrot.E001"
    assert message.startswith(
        "CARROT['queues'][0]['consumer_class']: tests.consumers.Consumer1x is written for "
        "django-carrot 1.x's Consumer: its __init__(host, queue, logger, name, durable=True, "
    )
    assert "cannot take what the service passes, (queue: QueueSettings, name: str" in message
    assert "fail of 1.x is never called in 2.x; instead: CARROT['failure_callbacks']" in message
    assert "get_message_log of 1.x is never called in 2.x; instead: nothing" in message
    assert message.endswith("(see the docs page 'upgrading')")


def test_a_consumer_taking_2x_arguments_but_keeping_a_1x_hook_fails_the_check():
    [(check_id, message)] = carrot_checks(
        {"queues": [{"name": "default", "consumer_class": "tests.consumers.SerializerOf1x"}]}
    )
    assert check_id == "carrot.E001"
    assert "serializer of 1.x is never called in 2.x; instead: nothing: the task is the message's" in message
    assert "__init__" not in message


def test_a_consumer_written_for_2x_passes():
    queue = {"name": "q", "consumer_class": "tests.consumers.RecordingConsumer"}
    assert carrot_checks({"queues": [queue]}) == []


@pytest.mark.parametrize(
    ("host", "fragment"),
    [
        ({"url": "amqp://u:p@rabbit:5672", "name": "%2f"}, "write them in the URL"),
        ({"host": "rabbit", "vhost_name": "x"}, "unknown broker dict key(s) 'vhost_name'"),
    ],
)
def test_a_1x_broker_dict_that_2x_reads_otherwise_fails_the_check(host, fragment):
    [(check_id, message)] = carrot_checks({"queues": [{"name": "q", "host": host}]})
    assert check_id == "carrot.E001" and message.startswith("CARROT['queues'][0]['host']: ")
    assert fragment in message
