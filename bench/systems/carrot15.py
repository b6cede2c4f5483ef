"""django-carrot 1.5.0 from PyPI: publish, fill a queue, drain it with its consumer threads.

Run in ``bench/.venvs/carrot15`` (Django 2.2, pika 0.13). pika 0.13 and Django 2.2 use the
``collections`` ABC aliases that Python 3.10 removed: they are restored before either is imported.
"""

from __future__ import annotations

import collections
import collections.abc
import datetime
import logging
import os

for _name in ("Callable", "Mapping", "MutableMapping", "Sequence", "Iterable", "Iterator", "Set"):
    setattr(collections, _name, getattr(collections.abc, _name))

import common  # noqa: E402


def setup() -> None:
    """Django for 1.5. On PostgreSQL ``USE_TZ`` is off: Django 2.2 rejects psycopg2 2.9's connections
    ("database connection isn't set to UTC"), and psycopg2 2.8 has no wheel for Python 3.11."""
    common.configure_django(
        ["django.contrib.contenttypes", "django.contrib.auth", "carrot"],
        use_tz=not os.environ["BENCH_DB"].startswith("postgres:"),
        CARROT={
            "default_broker": common.broker_url(),
            "queues": [
                {
                    "name": common.QUEUE,
                    "host": common.broker_url(),
                    "queue_arguments": common.queue_arguments(),
                }
            ],
        },
    )


def declare_queue() -> None:
    """Declare the queue as 1.5's consumer does, so that published messages are kept, not dropped."""
    from carrot.utilities import get_host_from_name

    connection = get_host_from_name(common.QUEUE).blocking_connection
    connection.channel().queue_declare(queue=common.QUEUE, durable=True, arguments=common.queue_arguments())
    connection.close()


def publish(count: int) -> dict[str, float]:
    from carrot.utilities import publish_message

    declare_queue()
    return common.timed_rate(
        count, lambda: publish_message(common.TASK_PATH, *common.PAYLOAD_ARGS, **common.PAYLOAD_KWARGS)
    )


def fill(count: int) -> None:
    """Queue ``count`` tasks as 1.5's ``publish_message`` would, but on one connection (it is slow)."""
    import json

    import pika
    from django.utils import timezone

    from carrot.models import MessageLog
    from carrot.utilities import create_message, get_host_from_name

    messages = [
        create_message(
            common.TASK_PATH, common.QUEUE, 0, common.PAYLOAD_ARGS, "", None, common.PAYLOAD_KWARGS
        )
        for _ in range(count)
    ]
    MessageLog.objects.bulk_create(
        MessageLog(
            status="PUBLISHED",
            queue=m.queue,
            exchange="",
            routing_key=m.routing_key,
            uuid=m.uuid,
            priority=m.priority,
            task_args=m.task_args,
            content=json.dumps(m.task_kwargs),
            task=m.task,
            publish_time=timezone.now(),
        )
        for m in messages
    )
    declare_queue()
    connection = get_host_from_name(common.QUEUE).blocking_connection
    channel = connection.channel()
    for message in messages:
        options = message.formatter.publish_kwargs()
        properties = pika.BasicProperties(**message.formatter.properties())
        channel.basic_publish(properties=properties, **options)
    connection.close()


def completed() -> int:
    from carrot.models import MessageLog

    return MessageLog.objects.filter(status="COMPLETED").count()


def completion_times() -> tuple[datetime.datetime, datetime.datetime]:
    from django.db.models import Max, Min

    from carrot.models import MessageLog

    span = MessageLog.objects.filter(status="COMPLETED").aggregate(
        first=Min("completion_time"), last=Max("completion_time")
    )
    return span["first"], span["last"]


def consume(concurrency: int) -> None:
    """1.5's consumer threads for the queue, as its ``carrot`` command starts them (no scheduler)."""
    from carrot.consumer import ConsumerSet
    from carrot.utilities import get_host_from_name

    logger = logging.getLogger("carrot")
    logger.setLevel(logging.WARNING)
    consumers = ConsumerSet(
        host=get_host_from_name(common.QUEUE), queue=common.QUEUE, logger=logger, concurrency=concurrency
    )
    consumers.start_consuming()
    common.wait_for_signal()
    consumers.stop_consuming()


def main() -> None:
    options = common.arguments(["publish", "fill", "drain", "consume"])
    setup()
    if options.action == "consume":
        consume(options.concurrency)
        return
    common.migrate()
    if options.action == "publish":
        common.emit(**publish(options.n))
    elif options.action == "fill":
        fill(options.n)
        common.emit(n=options.n)
    else:
        consume_cmd = ["carrot15.py", "consume", "--concurrency", str(options.concurrency)]
        common.emit(**common.drain(consume_cmd, options.n, completed, completion_times))


if __name__ == "__main__":
    main()
