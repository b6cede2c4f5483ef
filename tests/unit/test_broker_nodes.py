"""Several broker nodes and quorum queues in the settings: what parses, and what the checks refuse."""

from __future__ import annotations

import logging

import pika
import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from pika.exceptions import AMQPConnectionError

from carrot import broker, conf
from carrot.broker_url import BrokerURL, parse_broker
from carrot.errors import ConfigurationError

A = "amqp://carrot:hunter2@rabbit1:5672/prod"
B = "amqp://carrot:hunter2@rabbit2:5673/prod"


def test_a_list_of_urls_is_the_nodes_in_order():
    url = parse_broker([A, B])
    assert [node.url for node in url.nodes] == [A, B]
    assert url.virtual_host == "prod"
    assert url.host == "rabbit1:5672, rabbit2:5673"
    assert url.display == "amqp://carrot:***@rabbit1:5672/prod, amqp://carrot:***@rabbit2:5673/prod"


def test_a_list_of_dicts_and_a_dict_of_hosts_with_shared_credentials():
    nodes = [{"host": "rabbit1", "username": "carrot", "password": "hunter2", "vhost": "prod"}]
    nodes.append({**nodes[0], "host": "rabbit2", "port": 5673})
    shared = {
        "hosts": ["rabbit1", "rabbit2:5673"],
        "username": "carrot",
        "password": "hunter2",
        "vhost": "prod",
    }
    assert parse_broker(nodes) == parse_broker(shared) == parse_broker([A, B])
    assert parse_broker(shared).nodes[1].parameters().credentials.password == "hunter2"


def test_one_url_is_one_node_as_before():
    assert parse_broker(A) == BrokerURL(A) and parse_broker(A).nodes == (BrokerURL(A),)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ([], "at least one node"),
        ([A, "http://rabbit2/"], "node [1]: 'http://rabbit2/' is not an AMQP URI"),
        ([A, 5672], "node [1]: must be an AMQP URI string"),
        ([A, [B]], "node [1] must be an AMQP URI or a broker dict"),
        ([A, A], "node rabbit1:5672 is listed twice"),
        ([A, "amqp://carrot:hunter2@rabbit2:5672/other"], "share one virtual host"),
        ({"hosts": []}, "'hosts' must be a non-empty list"),
        ({"hosts": "rabbit1,rabbit2"}, "'hosts' must be a non-empty list"),
        ({"hosts": ["rabbit1:http"]}, "must be 'name' or 'name:port'"),
        ({"hosts": ["rabbit1"], "url": A}, "unknown key(s) 'url' beside 'hosts'"),
    ],
)
def test_malformed_node_lists_say_what_is_wrong(raw, fragment):
    with pytest.raises(ConfigurationError) as caught:
        parse_broker(raw)
    assert fragment in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_manage_py_check_names_the_key_of_a_malformed_list():
    bad = {"default_broker": [A, "nope"], "queues": [{"name": "q", "host": [B, B]}]}
    with override_settings(CARROT=bad), pytest.raises(SystemCheckError) as caught:
        call_command("check")
    message = str(caught.value)
    assert "CARROT['default_broker']: node [1]: 'nope' is not an AMQP URI" in message
    assert "CARROT['queues'][0]['host']: node rabbit2:5673 is listed twice" in message
    assert "hunter2" not in message


def test_connect_fails_over_in_order_and_starts_next_time_at_the_node_that_answered(monkeypatch, caplog):
    url = parse_broker({"hosts": ["dead1", "live", "dead2"], "password": "hunter2"})
    tried: list[str] = []

    def fake_connection(parameters: pika.URLParameters) -> str:
        tried.append(parameters.host)
        if parameters.host != "live":
            raise AMQPConnectionError("refused")
        return "connection"

    monkeypatch.setattr(broker.pika, "BlockingConnection", fake_connection)
    monkeypatch.setattr(broker, "_answered", {})
    with caplog.at_level(logging.WARNING, logger="carrot.broker"):
        assert broker.connect(url) == "connection"
        assert broker.connect(url) == "connection"
    assert tried == ["dead1", "live", "live"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "RabbitMQ node amqp://guest:***@dead1:5672/%2F does not answer (AMQPConnectionError: refused); "
        "trying amqp://guest:***@live:5672/%2F",
        "Connected to RabbitMQ node amqp://guest:***@live:5672/%2F instead of amqp://guest:***@dead1:5672/%2F",
    ]
    tried.clear()
    monkeypatch.setattr(broker, "_answered", {url: 2})
    with caplog.at_level(logging.WARNING, logger="carrot.broker"), pytest.raises(AMQPConnectionError):
        broker.connect(parse_broker({"hosts": ["dead1", "dead2"]}))
    assert tried == ["dead1", "dead2"]
    assert "no other node answered either" in caplog.records[-1].getMessage()


QUORUM = {"name": "jobs", "queue_type": "quorum"}


def test_a_quorum_queue_gets_the_projects_delivery_limit_and_a_dead_letter_queue():
    settings, problems = conf.parse({"queues": [QUORUM], "max_deliveries": 4})
    assert problems == []
    queue = settings.queue("jobs")
    assert queue.queue_type == "quorum"
    assert dict(queue.queue_arguments) == {
        "x-queue-type": "quorum",
        "x-delivery-limit": 4,
        "x-dead-letter-exchange": "",
        "x-dead-letter-routing-key": "jobs.dead-letter",
    }
    assert queue.dead_letter_queue == "jobs.dead-letter"


def test_classic_stays_the_default_and_unchanged():
    queue = conf.parse({"queues": [{"name": "jobs"}]})[0].queue("jobs")
    assert queue.queue_type == "classic"
    assert dict(queue.queue_arguments) == {"x-max-priority": 10}
    assert queue.dead_letter_queue is None


def test_a_quorum_queue_keeps_its_own_dead_lettering():
    raw = {**QUORUM, "queue_arguments": {"x-dead-letter-exchange": "graveyard", "x-max-length": 1000}}
    queue = conf.parse({"queues": [raw]})[0].queue("jobs")
    assert queue.queue_arguments["x-dead-letter-exchange"] == "graveyard"
    assert queue.queue_arguments["x-max-length"] == 1000
    assert queue.dead_letter_queue is None


@pytest.mark.parametrize(
    ("raw", "key", "fragment"),
    [
        (
            {**QUORUM, "queue_arguments": {"x-max-priority": 10}},
            "['queue_arguments']['x-max-priority']",
            "refuses it",
        ),
        (
            {**QUORUM, "queue_arguments": {"x-delivery-limit": 9}},
            "['queue_arguments']['x-delivery-limit']",
            "max_deliveries",
        ),
        ({**QUORUM, "durable": False}, "['durable']", "always durable"),
        ({"name": "jobs", "queue_type": "stream"}, "['queue_type']", "'classic' or 'quorum'"),
        (
            {"name": "jobs", "queue_arguments": {"x-queue-type": "quorum"}},
            "['queue_arguments']['x-queue-type']",
            "queue_type",
        ),
    ],
)
def test_manage_py_check_refuses_what_the_broker_would(raw, key, fragment):
    with override_settings(CARROT={"queues": [raw]}), pytest.raises(SystemCheckError) as caught:
        call_command("check")
    assert f"CARROT['queues'][0]{key}" in str(caught.value)
    assert fragment in str(caught.value)
