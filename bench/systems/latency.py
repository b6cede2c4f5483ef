"""Latency at low load: publish one task, wait until its body has started, publish the next.

Run in the system's own venv as ``python bench/systems/latency.py <system> [--n N] [--pool P]``
(``ours``, ``raw-pika``: the ``ours`` venv; ``carrot15``; ``celery``). The consumer is the one the
drain benchmark starts (``consume`` of the system's script), with the task :func:`stamp_task.stamp`
made known to it; raw pika gets a minimal consumer here. Publish-to-start of each task is the start
time the task sent (``stamp_task``) minus ``time.time()`` just before the publish call.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import common
import stamp_task

STAMP_PATH = "stamp_task.stamp"
FIRST_START_TIMEOUT = 120.0
"""The first (warm-up) task also waits for the consumer to start."""
START_TIMEOUT = 30.0


# -- per system: make the stamp task known, publish it, run the consumer --------------------------


def _ours_setup() -> None:
    import ours

    ours.setup()
    from carrot.registry import register

    register(stamp_task.stamp)


def ours_sender() -> Callable[[], Any]:
    _ours_setup()
    common.migrate()
    from carrot.utilities import publish_message

    return lambda: publish_message(STAMP_PATH, *common.PAYLOAD_ARGS, **common.PAYLOAD_KWARGS)


def ours_consume(options: argparse.Namespace) -> None:
    import ours

    _ours_setup()
    ours.consume()


def carrot15_sender() -> Callable[[], Any]:
    import carrot15

    carrot15.setup()
    common.migrate()
    carrot15.declare_queue()
    from carrot.utilities import publish_message

    return lambda: publish_message(STAMP_PATH, *common.PAYLOAD_ARGS, **common.PAYLOAD_KWARGS)


def carrot15_consume(options: argparse.Namespace) -> None:
    import carrot15  # 1.5 imports whatever path a message names: stamp_task is on sys.path

    carrot15.setup()
    carrot15.consume(1)


def _celery_app() -> Any:
    import celery_peer

    app = celery_peer.setup()
    app.task(name="stamp")(stamp_task.stamp)
    return app


def celery_sender() -> Callable[[], Any]:
    task = _celery_app().tasks["stamp"]
    common.migrate()
    return lambda: task.apply_async(common.PAYLOAD_ARGS, common.PAYLOAD_KWARGS)


def celery_consume(options: argparse.Namespace) -> None:
    import celery_peer

    _celery_app()
    celery_peer.consume(options.pool, 1)


def raw_pika_sender() -> Callable[[], Any]:
    import raw_pika

    _connection, channel = raw_pika._channel()
    return raw_pika._sender(channel)


def raw_pika_consume(options: argparse.Namespace) -> None:
    """Prefetch 1, decode the JSON body, run the task, ack: no database (the floor)."""
    import json

    import raw_pika

    stopping: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: stopping.append(signum))
    connection, channel = raw_pika._channel()
    channel.basic_qos(prefetch_count=1)

    def on_message(channel: Any, method: Any, _properties: Any, body: bytes) -> None:
        call = json.loads(body)
        stamp_task.stamp(*call.get("args", ()), **call.get("kwargs", {}))
        channel.basic_ack(method.delivery_tag)

    channel.basic_consume(common.QUEUE, on_message)
    while not stopping:
        connection.process_data_events(time_limit=0.2)
    connection.close()


SYSTEMS: dict[str, tuple[Callable[[], Callable[[], Any]], Callable[[argparse.Namespace], None]]] = {
    "ours": (ours_sender, ours_consume),
    "carrot15": (carrot15_sender, carrot15_consume),
    "celery": (celery_sender, celery_consume),
    "raw-pika": (raw_pika_sender, raw_pika_consume),
}


# -- the measurement ----------------------------------------------------------------------------


def _wait_for_stamp(receiver: socket.socket, timeout: float, consumer: subprocess.Popen[bytes]) -> float:
    deadline = time.monotonic() + timeout
    while True:
        if consumer.poll() is not None:
            raise SystemExit(f"the consumer exited with {consumer.returncode}")
        receiver.settimeout(max(0.01, min(1.0, deadline - time.monotonic())))
        try:
            return float(receiver.recv(64))
        except TimeoutError:
            if time.monotonic() >= deadline:
                raise SystemExit(f"no task started within {timeout:.0f}s") from None


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure(options: argparse.Namespace) -> dict[str, float]:
    """Publish-to-start of ``options.n`` tasks one after another (after :data:`common.WARMUP`)."""
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    env = {**os.environ, "BENCH_STAMP_PORT": str(receiver.getsockname()[1])}
    os.environ.update(env)
    make_sender, _ = SYSTEMS[options.system]
    send = make_sender()
    command = [sys.executable, "latency.py", options.system, "--consume", "--pool", options.pool]
    consumer = subprocess.Popen(command, cwd=common.HERE, env=env, stdout=subprocess.DEVNULL)
    latencies: list[float] = []
    try:
        for index in range(common.WARMUP + options.n):
            before = time.time()
            send()
            started = _wait_for_stamp(receiver, START_TIMEOUT if index else FIRST_START_TIMEOUT, consumer)
            if index >= common.WARMUP:
                latencies.append((started - before) * 1000)
            time.sleep(options.gap)
    finally:
        common.stop(consumer)
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    return {
        "p50_ms": p50,
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": p99,
        "max_ms": max(latencies),
        "mean_ms": statistics.fmean(latencies),
        "p99_over_p50": p99 / p50,
        "n": len(latencies),
        "rate": 1000 / p50,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("system", choices=sorted(SYSTEMS))
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--pool", default="threads", help="Celery's worker pool")
    parser.add_argument(
        "--gap", type=float, default=0.02, help="seconds between a start and the next publish"
    )
    parser.add_argument("--consume", action="store_true", help="run the system's consumer (internal)")
    options = parser.parse_args()
    if options.consume:
        SYSTEMS[options.system][1](options)
    else:
        common.emit(**measure(options))


if __name__ == "__main__":
    main()
