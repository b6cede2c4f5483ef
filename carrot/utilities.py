"""django-carrot 1.x's public helpers, kept so 1.x code keeps working."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.decorators import method_decorator
from django.utils.module_loading import import_string

from carrot import broker, publishing
from carrot.conf import get_settings
from carrot.logs import queries
from carrot.publishing import create_scheduled_task, publish_message

__all__ = [
    "create_scheduled_task",
    "decorate_class_view",
    "decorate_function_view",
    "publish_message",
    "purge_queue",
    "requeue_all",
]


def decorate_class_view(view_class: type, decorators: Sequence[str] | None = None) -> type:
    """``view_class`` with each decorator (a dotted path) applied to its ``dispatch``, the last outermost."""
    for path in decorators or ():
        view_class = method_decorator(import_string(path), name="dispatch")(
            type(view_class.__name__, (view_class,), {})
        )
    return view_class


def decorate_function_view(view: Callable[..., Any], decorators: Sequence[str] | None = None) -> Any:
    """``view`` wrapped by each decorator (a dotted path), the last outermost (as in 1.x)."""
    for path in decorators or ():
        view = import_string(path)(view)
    return view


def purge_queue() -> None:
    """Empty every declared queue and delete the logs of the tasks that were waiting (as in 1.x).

    The monitor's ``purgeQueue`` keeps those logs instead, so ``requeuePendingTasks`` can send them
    again. Raises :class:`~carrot.errors.BrokerError` when a queue cannot be purged.
    """
    for queue in get_settings().queues:
        broker.purge_queue(queue)
    queries.delete(queries.stuck())


def requeue_all() -> int:
    """Publish again every task still ``PUBLISHED`` or ``IN_PROGRESS``; returns how many (as in 1.x).

    A task whose message is still in its queue then runs twice, as it did in 1.x.
    """
    return publishing.requeue(queries.stuck())
