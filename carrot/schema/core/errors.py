"""Typed field errors returned in mutation payloads, and how domain exceptions map onto them.

User mistakes (a bad argument, an unregistered task, an unknown queue, an unreachable broker) are data:
each mutation payload has ``errors: [<Domain>Error!]!`` with ``field``, ``message`` and ``code``.
GraphQL errors are kept for the exceptional (bad cursors, malformed requests, server faults).
"""

from __future__ import annotations

from dataclasses import dataclass

import graphene

from carrot.arguments import ArgumentError
from carrot.errors import (
    BrokerError,
    CarrotError,
    PublishError,
    SerializationError,
    UnknownQueueError,
    UnknownTaskError,
)


class ErrorCode(graphene.Enum):
    """Why a mutation refused its input or could not complete."""

    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    NOT_REGISTERED = "not_registered"
    UNKNOWN_QUEUE = "unknown_queue"
    INVALID_ARGUMENTS = "invalid_arguments"
    INVALID_STATUS = "invalid_status"
    UNIQUE = "unique"
    BROKER_ERROR = "broker_error"
    DATABASE_ERROR = "database_error"
    FORBIDDEN = "forbidden"

    @property
    def description(self) -> str:
        return _CODE_DESCRIPTIONS[self.name]


_CODE_DESCRIPTIONS = {
    "INVALID": "The value is not acceptable; the message says why.",
    "REQUIRED": "The field must be given.",
    "NOT_FOUND": "No object has this id (it may have been deleted).",
    "NOT_REGISTERED": "The task path is not a registered task; the message says how to register it.",
    "UNKNOWN_QUEUE": "The queue is not declared in CARROT['queues'].",
    "INVALID_ARGUMENTS": "Positional or keyword arguments cannot be parsed; the message says what is wrong.",
    "INVALID_STATUS": "The task's status does not allow this action (e.g. requeueing a completed task).",
    "UNIQUE": "Another object already uses this value.",
    "BROKER_ERROR": "RabbitMQ could not be reached or refused the message; nothing was lost, retry later.",
    "DATABASE_ERROR": "The database was locked, busy or unreachable; the action stopped part-way (its "
    "payload says how far it got) and running it again continues with the rest.",
    "FORBIDDEN": "The caller lacks the permission this mutation needs (the message names it); nothing "
    "was changed.",
}


@dataclass(frozen=True)
class Problem:
    """One field error before it becomes a GraphQL object (``code`` is an :class:`ErrorCode` name)."""

    field: str | None
    message: str
    code: str


def error_type(name: str, domain: str) -> type[graphene.ObjectType]:
    """A ``<Domain>Error`` object type with ``field``, ``message`` and ``code``."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": f"A problem with the input of a {domain} mutation, or why it could not complete.",
            "field": graphene.String(
                description="The input field the error is about (camelCase, dotted for nested "
                "input), or null when it concerns the whole request."
            ),
            "message": graphene.String(required=True, description="What is wrong, for people."),
            "code": graphene.Field(ErrorCode, required=True, description="What is wrong, for programs."),
        },
    )


TaskError = error_type("TaskError", "task")
ScheduledTaskError = error_type("ScheduledTaskError", "scheduled task")
QueueError = error_type("QueueError", "queue")
WorkerError = error_type("WorkerError", "worker")


def as_errors(problems: list[Problem]) -> list[dict[str, object]]:
    """Problems as values the ``<Domain>Error`` types resolve (``code`` as the enum value)."""
    return [
        {"field": p.field, "message": p.message, "code": ErrorCode._meta.enum[p.code].value} for p in problems
    ]


def problem_from(exc: BaseException, field: str | None = None) -> Problem:
    """The field error for a domain exception raised while handling a mutation."""
    if isinstance(exc, UnknownTaskError):
        return Problem(field or "task", str(exc), "NOT_REGISTERED")
    if isinstance(exc, UnknownQueueError):
        return Problem(field or "queue", str(exc), "UNKNOWN_QUEUE")
    if isinstance(exc, ArgumentError | SerializationError):
        return Problem(field, str(exc), "INVALID_ARGUMENTS")
    if isinstance(exc, PublishError | BrokerError):
        return Problem(field, str(exc), "BROKER_ERROR")
    if isinstance(exc, CarrotError):
        return Problem(field, str(exc), "INVALID")
    raise exc
