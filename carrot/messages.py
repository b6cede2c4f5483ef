"""The wire format of a task message, compatible with django-carrot 1.x.

AMQP properties: ``headers={"type": "<dotted.task.path>"}``, ``message_id=<uuid of the MessageLog>``,
``content_type="application/json"``, ``priority``; body ``{"args": [...], "kwargs": {...}}`` (either key
may be absent). Messages are persistent (``delivery_mode=2``), which 1.x did not set.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pika.spec import PERSISTENT_DELIVERY_MODE, BasicProperties

from carrot import values
from carrot.errors import MalformedMessageError

CONTENT_TYPE = "application/json"


def dumps_arguments(args: Any, kwargs: Any, max_bytes: int | None = None) -> bytes:
    """Encode a task's arguments as the message body; raises :class:`~carrot.errors.SerializationError`.

    Strict JSON only (see :mod:`carrot.values`): no ``NaN``/infinities, no NUL character, and at most
    ``max_bytes`` when given.
    """
    return values.encode_arguments(args, kwargs, max_bytes)


@dataclass(frozen=True)
class TaskMessage:
    """One task call as it travels through the broker."""

    task: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    message_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    priority: int = 0

    def encode(self) -> tuple[BasicProperties, bytes]:
        """The AMQP properties and body; raises :class:`~carrot.errors.SerializationError`."""
        return self.properties(), dumps_arguments(self.args, self.kwargs)

    def properties(self) -> BasicProperties:
        """The AMQP properties."""
        return BasicProperties(
            content_type=CONTENT_TYPE,
            headers={"type": self.task},
            message_id=self.message_id,
            priority=self.priority,
            delivery_mode=PERSISTENT_DELIVERY_MODE,
        )

    @classmethod
    def decode(cls, properties: BasicProperties, body: bytes) -> TaskMessage:
        """Decode a delivered message; raises :class:`MalformedMessageError` saying what is wrong."""
        task = (properties.headers or {}).get("type")
        if not isinstance(task, str) or not task:
            raise MalformedMessageError("The message has no 'type' header naming the task.")
        try:
            content = values.decode_json(body) if body else {}
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            raise MalformedMessageError(f"The message body is not strict JSON: {reason}") from None
        if not isinstance(content, dict):
            raise MalformedMessageError("The message body must be a JSON object with 'args' and 'kwargs'.")
        args = content.get("args", [])
        kwargs = content.get("kwargs", {})
        if not isinstance(args, list) or not isinstance(kwargs, dict):
            raise MalformedMessageError("'args' must be a JSON array and 'kwargs' a JSON object.")
        return cls(
            task=task,
            args=tuple(args),
            kwargs=kwargs,
            message_id=properties.message_id or str(uuid.uuid4()),
            priority=properties.priority or 0,
        )


@dataclass(frozen=True)
class StoredTaskMessage(TaskMessage):
    """A task message whose body is made from a log's stored JSON text, neither decoded nor encoded.

    The relay publishes thousands of due logs a second; decoding their arguments and encoding them
    again took a quarter of its time. ``args`` and ``kwargs`` stay empty: :attr:`body` holds them.
    """

    body: bytes = b"{}"

    @classmethod
    def from_columns(
        cls, task: str, args: str, kwargs: str, message_id: str, priority: int
    ) -> StoredTaskMessage:
        """The message of a log whose ``task_args`` and ``content`` columns hold ``args`` and ``kwargs``.

        They were strict JSON when published (:func:`dumps_arguments`); text that is not (written
        around carrot) reaches the consumer, which fails the task saying so.
        """
        body = b'{"args": %s, "kwargs": %s}' % (args.encode(), kwargs.encode())
        return cls(task, message_id=message_id, priority=priority, body=body)

    def encode(self) -> tuple[BasicProperties, bytes]:
        return self.properties(), self.body
