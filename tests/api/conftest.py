"""Helpers for the GraphQL API tests: every request goes over HTTP through Django's test client."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from carrot.models import MessageLog

API = "/carrot/graphql"
AUTH = "/carrot/graphql/auth"


class GraphQL:
    """POST GraphQL documents to the API and return the decoded body (status checked)."""

    def __init__(self, client: Client, url: str = API) -> None:
        self.client = client
        self.url = url

    def post(self, query: str, variables: dict[str, Any] | None = None, **headers: Any) -> Any:
        body = {"query": query, "variables": variables or {}}
        return self.client.post(self.url, json.dumps(body), content_type="application/json", **headers)

    def __call__(self, query: str, variables: dict[str, Any] | None = None, status: int = 200) -> Any:
        response = self.post(query, variables)
        assert response.status_code == status, response.content
        result = response.json()
        if status == 200:
            assert "errors" not in result, result
            return result["data"]
        return result


@pytest.fixture
def gql(client: Client) -> GraphQL:
    return GraphQL(client)


def make_log(**fields: Any) -> MessageLog:
    """A task log written directly (for queries that need no broker)."""
    import uuid

    defaults: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "task": "tests.tasks.add",
        "status": MessageLog.COMPLETED,
        "queue": "default",
        "routing_key": "default",
        "virtual_host": "carrot-test",
    }
    ended = {MessageLog.FAILED: "failure_time", MessageLog.COMPLETED: "completion_time"}
    ended[MessageLog.CANCELLED] = "cancelled_time"
    time_field = ended.get(fields.get("status", defaults["status"]))
    if time_field is not None:  # as the service writes them: an ended log has its end time
        defaults[time_field] = timezone.now()
    return MessageLog.objects.create(**{**defaults, **fields})


def depth(queue_name: str = "default") -> int:
    """Messages ready in a queue of this run's vhost (the real broker)."""
    from carrot import broker
    from carrot.conf import get_settings

    return broker.queue_state(get_settings().queue(queue_name))[0]


def take(queue_name: str = "default") -> Any:
    """Take one message from a queue: ``(properties, body)`` or ``None``."""
    from carrot import broker
    from carrot.conf import get_settings

    connection = broker.connect(get_settings().queue(queue_name).broker)
    try:
        method, properties, body = connection.channel().basic_get(queue_name, auto_ack=True)
        return None if method is None else (properties, json.loads(body))
    finally:
        connection.close()


UNREACHABLE_CARROT = {
    "default_broker": "amqp://guest:hunter2@127.0.0.1:1/%2F",
    "queues": [{"name": "default"}],
    "task_modules": ["tests.tasks"],
    "publish_retry_seconds": 0.5,
    "anonymous_role": "operator",
}
"""Settings whose broker is not listening (port 1), with a password that must never appear; publishers
give up after half a second instead of riding out the outage."""
