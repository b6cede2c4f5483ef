"""Delayed tasks: many tasks due in the same second, published and run by two services or workers.

Run in the system's venv as ``python bench/systems/delayed_load.py <action> --system ours|celery``
(the harness is ``bench/delayed.py``). Every task is :func:`mark_task.mark` with the benchmark
payload plus ``index=<i>``; each run notes ``<index> <time>`` in ``$BENCH_RUNS_DIR``.

- ``migrate``: create the tables;
- ``service``: ours: one ``carrot`` service (consumers and relay, no scheduler), its relay's calls
  timed (claim, publish, confirms) and written to ``--out`` on SIGTERM; celery: one worker (Celery's
  default prefork pool). Prints ``ready`` once started;
- ``prepare``: publish ``--n`` tasks all due at ``--due`` (epoch seconds, a whole second). Ours:
  ``publish_many`` of ``TaskCall(eta=...)`` through a fanout exchange that also routes each message
  to a tap queue nobody consumes; celery: ``apply_async(countdown=due - now)``, which sends each
  message at once (the worker holds it until due). Prints when it finished;
- ``watch`` (ours venv): from the due second, poll the tap queue's depth (``--tap``) and the runs noted
  so far until all ``--n`` are published and run; prints the times, relative to the due second;
- ``depth`` (ours venv): the tap queue's depth: every message ever published for a task, repeats too;
- ``report`` (ours): the logs' statuses and the span of their ``publish_time`` (the relay's claims).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import celery_peer
import common
import mark_task

TAP_EXCHANGE = "bench-delayed"
"""A fanout exchange: each message goes to the consumed queue and to the tap."""
TAP_QUEUE = "bench-delayed-tap"
PUBLISH_CHUNK = 5000
"""Tasks per ``publish_many`` call while preparing."""
POLL_SECONDS = 0.05
STALL_SECONDS = 60.0
"""A watch with neither a publish nor a run for this long (after the due second) gives up."""


# -- ours ------------------------------------------------------------------------------------------


def _ours_setup(concurrency: int = 1) -> None:
    import ours

    ours.setup(concurrency)
    from carrot.registry import register

    register(mark_task.mark)


class RelayTimes:
    """Seconds the relay spends in each step, summed over its calls, and when it first and last did so."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.items: Counter[str] = Counter()
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self._local = threading.local()

    def _active(self) -> set[str]:
        if not hasattr(self._local, "steps"):
            self._local.steps = set()
        return self._local.steps

    def wrap(self, owner: Any, name: str, step: str, within: str = "") -> None:
        """Time every call of ``owner.name`` as ``step``; with ``within``, only calls inside that step.

        A call that returns a list counts its items; first and last times are noted for calls that
        returned something (or ``None``), so the relay's empty looks before the due second are left out.
        A name ``owner`` does not have is left alone (the relay's steps as this checkout has them).
        """
        original: Callable[..., Any] | None = getattr(owner, name, None)
        if original is None:
            return

        def timed(*args: Any, **kwargs: Any) -> Any:
            active = self._active()
            if within and within not in active:
                return original(*args, **kwargs)
            active.add(step)
            started = time.time()
            try:
                result = original(*args, **kwargs)
            finally:
                active.discard(step)
            self._note(step, started, time.time(), result)
            return result

        setattr(owner, name, timed)

    def _note(self, step: str, started: float, ended: float, result: Any) -> None:
        self.seconds[step] += ended - started
        self.calls[step] += 1
        if isinstance(result, list):
            self.items[step] += len(result)
        if result is None or result:
            self.first.setdefault(step, started)
            self.last[step] = ended

    def summary(self) -> dict[str, Any]:
        return {
            "seconds": dict(self.seconds),
            "calls": dict(self.calls),
            "items": dict(self.items),
            "first": self.first,
            "last": self.last,
        }


def ours_service(concurrency: int, out: str) -> None:
    """One ``carrot`` service until SIGTERM; its relay's steps timed and written to ``out``.

    ``relay`` is one :func:`carrot.relay.relay_due` (claim every due batch, hand each to the publishing
    pipeline, then wait for the confirms); within it ``claim`` is :func:`carrot.logs.outbox.claim_due`
    (one ``UPDATE ... RETURNING`` per batch), ``publish`` handing a batch to the pipeline (which sends
    it on its own thread meanwhile), ``confirms`` the wait for the broker's confirms at the end.
    """
    _ours_setup(concurrency)
    import ours

    from carrot import pipeline, publishing, relay
    from carrot.logs import outbox

    times = RelayTimes()
    times.wrap(relay, "relay_due", "relay")
    times.wrap(outbox, "forget_consumed", "forget_consumed", within="relay")
    times.wrap(outbox, "claim_due", "claim", within="relay")
    times.wrap(publishing, "send_recorded", "publish", within="relay")
    times.wrap(pipeline, "flush", "confirms", within="relay")
    print("ready", flush=True)
    ours.consume()
    Path(out).write_text(json.dumps(times.summary()))


def ours_prepare(count: int, due: datetime.datetime) -> None:
    """``count`` tasks due at ``due``, routed to the consumed queue and the tap."""
    import raw_pika

    from carrot.publishing import TaskCall, publish_many

    connection, channel = raw_pika._channel()
    channel.exchange_declare(TAP_EXCHANGE, "fanout", durable=True)
    channel.queue_declare(TAP_QUEUE)
    channel.queue_bind(common.QUEUE, TAP_EXCHANGE)
    channel.queue_bind(TAP_QUEUE, TAP_EXCHANGE)
    connection.close()
    for start in range(0, count, PUBLISH_CHUNK):
        calls = [
            TaskCall(
                mark_task.mark,
                common.PAYLOAD_ARGS,
                {**common.PAYLOAD_KWARGS, "index": index},
                exchange=TAP_EXCHANGE,
                eta=due,
            )
            for index in range(start, min(count, start + PUBLISH_CHUNK))
        ]
        publish_many(calls)


def ours_report() -> dict[str, Any]:
    """How many logs are in each status, and when the first and last were claimed (``publish_time``)."""
    from django.db.models import Count, Max, Min

    from carrot.models import MessageLog

    statuses = dict(MessageLog.objects.values_list("status").annotate(Count("id")).order_by())
    span = MessageLog.objects.aggregate(first=Min("publish_time"), last=Max("publish_time"))
    return {
        "statuses": statuses,
        "first_publish_time": span["first"].timestamp() if span["first"] else None,
        "last_publish_time": span["last"].timestamp() if span["last"] else None,
    }


# -- celery ----------------------------------------------------------------------------------------


def celery_app() -> Any:
    """The Celery app as Celery's Django guide sets it up, with the task registered as ``mark``."""
    app = celery_peer.guide_app()
    app.task(name="mark")(mark_task.mark)
    return app


def celery_worker(concurrency: int) -> None:
    """One worker with Celery's default pool (prefork); prints ``ready`` when it consumes."""
    from celery.signals import worker_ready

    app = celery_app()
    worker_ready.connect(lambda **_: os.write(1, b"ready\n"), weak=False)  # fd 1: Celery redirects sys.stdout
    app.worker_main(
        [
            "worker",
            f"--hostname=worker{os.getpid()}@%h",  # two workers on one host: two names
            f"--concurrency={concurrency}",
            f"--queues={common.QUEUE}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ]
    )


def celery_prepare(count: int, due: float) -> None:
    """``count`` tasks with ``countdown`` such that each is due at ``due``."""
    task = celery_app().tasks["mark"]
    for index in range(count):
        kwargs = {**common.PAYLOAD_KWARGS, "index": index}
        task.apply_async(common.PAYLOAD_ARGS, kwargs, countdown=due - time.time())


# -- measuring -------------------------------------------------------------------------------------


def runs_so_far(folder: str) -> int:
    """Runs noted in ``folder`` (every line has the same length)."""
    return sum(path.stat().st_size for path in Path(folder).glob("runs-*.txt")) // mark_task.LINE


def _depth(channel: Any, queue: str) -> int:
    return int(channel.queue_declare(queue, passive=True).method.message_count)


def watch(count: int, due: float, tap: bool) -> dict[str, Any]:
    """Poll from the due second until ``count`` are published (the tap's depth) and run; seconds after due.

    Just before the due second it notes the tap's depth (``published_before_due``: 0 unless a task
    went early) and the messages still in the consumed queue (``queued_at_due``: for Celery, those
    no worker has taken in yet). Gives up after :data:`STALL_SECONDS` without progress.
    """
    import raw_pika

    time.sleep(max(0.0, due - 1.0 - time.time()))
    channel = raw_pika._channel()[1]  # connected now: no heartbeats missed while asleep
    time.sleep(max(0.0, due - 0.1 - time.time()))
    result: dict[str, Any] = {
        "published_before_due": _depth(channel, TAP_QUEUE) if tap else None,
        "queued_at_due": _depth(channel, common.QUEUE),
    }
    folder = os.environ["BENCH_RUNS_DIR"]
    time.sleep(max(0.0, due - time.time()))
    published, ran, progressed = 0, 0, time.time()
    while (tap and published < count) or ran < count:
        now = time.time()
        if now - progressed > STALL_SECONDS:
            result["stalled"] = True
            break
        if tap and published < count:
            depth = _depth(channel, TAP_QUEUE)
            if depth > published:
                published, progressed = depth, now
                result.setdefault("first_published", now - due)
                if depth >= count:
                    result["all_published"] = now - due
        runs = runs_so_far(folder)
        if runs > ran:
            ran, progressed = runs, now
            if runs >= count:
                result["all_ran_polled"] = now - due
        time.sleep(POLL_SECONDS)
    result.update(published=published if tap else None, ran_polled=ran)
    return result


def depth() -> int:
    import raw_pika

    connection, channel = raw_pika._channel()
    found = _depth(channel, TAP_QUEUE)
    connection.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=["migrate", "service", "prepare", "watch", "depth", "report"])
    parser.add_argument("--system", choices=["ours", "celery"], default="ours")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--due", type=float, default=0.0, help="epoch seconds")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--tap", action="store_true")
    parser.add_argument("--out", default="")
    options = parser.parse_args()
    ours = options.system == "ours"
    if options.action == "watch":
        common.emit(**watch(options.n, options.due, options.tap))
    elif options.action == "depth":
        common.emit(depth=depth())
    elif options.action == "service" and ours:
        ours_service(options.concurrency, options.out)
    elif options.action == "service":
        celery_worker(options.concurrency)
    elif options.action == "migrate":
        _ours_setup() if ours else celery_app()
        common.migrate()
    elif options.action == "report":
        _ours_setup()
        common.emit(**ours_report())
    else:
        _prepare(options.system, options.n, options.due)


def _prepare(system: str, count: int, due: float) -> None:
    if system == "ours":
        _ours_setup()
        ours_prepare(count, datetime.datetime.fromtimestamp(due, datetime.UTC))
    else:
        celery_prepare(count, due)
    common.emit(finished=time.time())


if __name__ == "__main__":
    main()
