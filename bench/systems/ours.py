"""This checkout's django-carrot: publish, bulk publish, fill a queue, drain it with the service.

Run in ``bench/.venvs/ours`` as ``python bench/systems/ours.py <action>``.
"""

from __future__ import annotations

import datetime
import time

import common


def setup(concurrency: int = 1, durable: bool = True) -> None:
    common.configure_django(
        ["django.contrib.contenttypes", "django.contrib.auth", "carrot"],
        CARROT={
            "default_broker": common.broker_urls(),
            "queues": [
                {
                    "name": common.QUEUE,
                    "queue_type": common.queue_type(),
                    "concurrency": concurrency,
                    "prefetch_count": common.prefetch(),
                    "queue_arguments": common.queue_arguments(),
                }
            ],
            "task_modules": ["noop_task"],
            "scheduler_enabled": False,
            "completed_log_retention_days": 0,
            "durable_publish": durable,
        },
    )


def publish(count: int) -> dict[str, float]:
    """``publish_message`` in a loop; the clock stops once every message is confirmed (``flush``).

    Each call writes its log before it returns (durable publishing), or with ``--background``
    hands it to the publishing pipeline, which writes the logs of each round together.
    """
    from carrot.publishing import flush
    from carrot.utilities import publish_message

    return common.timed_rate(
        count,
        lambda: publish_message(common.TASK_PATH, *common.PAYLOAD_ARGS, **common.PAYLOAD_KWARGS),
        settle=flush,
    )


def calls(count: int) -> list[object]:
    from carrot.publishing import TaskCall

    return [TaskCall(common.TASK_PATH, common.PAYLOAD_ARGS, common.PAYLOAD_KWARGS) for _ in range(count)]


def publish_many(count: int) -> dict[str, float]:
    from carrot.publishing import publish_many as send

    send(calls(common.WARMUP))
    batch = calls(count)
    started = time.perf_counter()
    send(batch)
    seconds = time.perf_counter() - started
    return {"rate": count / seconds, "seconds": seconds, "n": count}


def fill(count: int) -> None:
    from carrot.publishing import publish_many as send

    for start in range(0, count, 1000):
        send(calls(min(1000, count - start)))


def completed() -> int:
    from carrot.models import MessageLog

    return MessageLog.objects.filter(status=MessageLog.COMPLETED).count()


def completion_times() -> tuple[datetime.datetime, datetime.datetime]:
    from django.db.models import Max, Min

    from carrot.models import MessageLog

    span = MessageLog.objects.filter(status=MessageLog.COMPLETED).aggregate(
        first=Min("completion_time"), last=Max("completion_time")
    )
    return span["first"], span["last"]


def consumers() -> int:
    """The consumers RabbitMQ lists on the queue (0 while it does not exist yet)."""
    from carrot.broker import queue_state
    from carrot.conf import get_settings

    return queue_state(get_settings().queue(common.QUEUE))[1]


def consume() -> None:
    """The ``carrot`` service as its management command runs it (consumers only, no scheduler)."""
    from django.core.management import call_command

    call_command("carrot", "--no-scheduler", "--loglevel", "WARNING")


def main() -> None:
    options = common.arguments(["publish", "publish-many", "fill", "drain", "consume"])
    setup(options.concurrency, durable=not options.background)
    if options.action == "consume":
        consume()
        return
    common.migrate()
    if options.action == "publish":
        common.emit(**publish(options.n))
    elif options.action == "publish-many":
        common.emit(**publish_many(options.n))
    elif options.action == "fill":
        fill(options.n)
        common.emit(n=options.n)
    else:
        consume_cmd = ["ours.py", "consume", "--concurrency", str(options.concurrency)]
        drained = common.drain(
            consume_cmd, options.n, completed, completion_times, options.processes, consumers
        )
        common.emit(**drained)


if __name__ == "__main__":
    main()
