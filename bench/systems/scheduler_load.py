"""Scheduler under load: many scheduled tasks due together, published by one or more schedulers.

Run in the system's venv as ``python bench/systems/scheduler_load.py <action> --system S``:

- ``prepare``: create ``--n`` scheduled tasks at one moment, every ``--interval`` seconds, each with
  the benchmark payload plus ``scheduled=<index>`` so that a message says which task sent it; prints
  ``{"first_due": <epoch seconds>, "offsets": [...]}`` (ours: when all fall due, and each task's
  :func:`carrot.scheduler.spread` in seconds; 1.5 stores no due time);
- ``service``: one scheduler (ours: :class:`carrot.scheduler.Scheduler`; 1.5: its
  ``ScheduledTaskManager``, a thread per task) until SIGTERM, counting every SQL statement it sends
  (a wrapper on each new database connection: the same method for both); prints ``ready`` once set
  up, then ``{"queries": N, "seconds": S}``;
- ``receive`` (``ours`` venv, pika 1.3): consume the queue without acks until SIGTERM and write each
  message's ``[scheduled index, arrival time]`` to ``--out``: when a run was really published;
- ``logs`` (ours): each log's ``[scheduled index, publish_time]`` as the database recorded it.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import common

_statements = itertools.count()


def _count_statement(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    next(_statements)
    return execute(sql, params, many, context)


def _count_queries() -> None:
    """Count every statement of every connection opened from now on (all threads)."""
    from django.db.backends.signals import connection_created

    def install(sender: Any, connection: Any, **_: Any) -> None:
        if _count_statement not in connection.execute_wrappers:
            connection.execute_wrappers.append(_count_statement)

    connection_created.connect(install, weak=False)


def _setup(system: str) -> None:
    if system == "ours":
        import ours

        ours.setup()
    else:
        import carrot15

        carrot15.setup()


def _create(count: int, interval: int, fields: Callable[[int], dict[str, Any]]) -> None:
    """``count`` scheduled tasks of the no-op, every ``interval`` seconds; ``fields(index)`` adds the rest."""
    from carrot.models import ScheduledTask

    ScheduledTask.objects.bulk_create(
        (
            ScheduledTask(
                task=common.TASK_PATH,
                task_name=f"bench-{index}",
                interval_type="seconds",
                interval_count=interval,
                **fields(index),
            )
            for index in range(count)
        ),
        batch_size=500,  # Django 2.2 on SQLite inserts a batch as one compound SELECT: at most 500 terms
    )


def prepare(system: str, count: int, interval: int) -> dict[str, Any]:
    common.migrate()
    from django.utils import timezone

    now = timezone.now()
    if system == "carrot15":  # 1.5 stores arguments as text and no due time
        import carrot15

        carrot15.declare_queue()
        _create(
            count,
            interval,
            lambda index: {
                "task_args": ", ".join(str(a) for a in common.PAYLOAD_ARGS),
                "content": json.dumps({**common.PAYLOAD_KWARGS, "scheduled": index}),
                "queue": common.QUEUE,
            },
        )
        return {"first_due": 0.0, "created": now.timestamp()}
    from carrot.models import ScheduledTask
    from carrot.scheduler import spread

    every = datetime.timedelta(seconds=interval)
    due = now + every
    _create(
        count,
        interval,
        lambda index: {
            "task_args": list(common.PAYLOAD_ARGS),
            "content": {**common.PAYLOAD_KWARGS, "scheduled": index},
            "next_run_at": due,
        },
    )
    offsets = [0.0] * count
    for pk, content in ScheduledTask.objects.values_list("pk", "content"):
        offsets[content["scheduled"]] = spread(pk, every).total_seconds()
    return {"first_due": due.timestamp(), "created": now.timestamp(), "offsets": offsets}


def _service_until_signal(system: str, out: TextIO) -> None:
    stopping: list[int] = []
    if system == "ours":
        from carrot.scheduler import Scheduler

        scheduler = Scheduler()
        signal.signal(signal.SIGTERM, lambda signum, _frame: scheduler.stop())
        out.write("ready\n")
        out.flush()
        scheduler.run()  # in this thread, so that the process is the scheduler and nothing else
        return
    from carrot.scheduler import ScheduledTaskManager

    signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    manager = ScheduledTaskManager()
    manager.start()
    out.write("ready\n")
    out.flush()
    while not stopping:
        time.sleep(0.2)
    for thread in manager.threads:  # manager.stop() joins each thread before stopping the next: minutes
        thread.active = False
    for thread in manager.threads:
        thread.join()


def service(system: str) -> None:
    import logging

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    _count_queries()
    started = time.monotonic()
    with open(os.devnull, "w") as devnull:
        out, sys.stdout = sys.stdout, devnull  # 1.5 prints a line per thread and per publish
        _service_until_signal(system, out)
    out.write(json.dumps({"queries": next(_statements), "seconds": time.monotonic() - started}) + "\n")
    out.flush()


def receive(path: str) -> None:
    """Record ``[scheduled index, arrival time]`` of every message until SIGTERM."""
    import raw_pika

    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    connection, channel = raw_pika._channel()
    arrivals: list[tuple[int, float]] = []

    def on_message(_channel: Any, _method: Any, _properties: Any, body: bytes) -> None:
        arrivals.append((json.loads(body).get("kwargs", {}).get("scheduled", -1), time.time()))

    channel.basic_consume(common.QUEUE, on_message, auto_ack=True)
    print("ready", flush=True)
    while not stopping:
        connection.process_data_events(time_limit=0.2)
    connection.close()
    with open(path, "w") as file:
        json.dump(arrivals, file)


def logs() -> list[tuple[int, float]]:
    from carrot.models import MessageLog

    return [
        (content.get("scheduled", -1), published.timestamp())
        for content, published in MessageLog.objects.values_list("content", "publish_time").iterator()
        if published is not None
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["prepare", "service", "receive", "logs"])
    parser.add_argument("--system", choices=["ours", "carrot15"], default="ours")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--out", default="")
    options = parser.parse_args()
    if options.action == "receive":
        receive(options.out)
        return
    _setup(options.system)
    if options.action == "prepare":
        common.emit(**prepare(options.system, options.n, options.interval))
    elif options.action == "service":
        service(options.system)
    else:
        with open(options.out, "w") as file:
            json.dump(logs(), file)


if __name__ == "__main__":
    main()
