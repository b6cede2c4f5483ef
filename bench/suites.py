"""What each benchmark measures: the systems side by side, their sizes, and the targets of issue 5."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.peers import CARROT15, CELERY, OURS, Peer


@dataclass(frozen=True)
class Measurement:
    """One system's run of one benchmark: ``python bench/systems/<script> <action> <args>``."""

    label: str
    peer: Peer
    script: str
    action: str
    n: int
    args: tuple[str, ...] = ()
    uses_database: bool = True
    needs_fill: bool = False
    env: tuple[tuple[str, str], ...] = ()
    """Environment variables of the script beside the runner's (``BENCH_VHOST``, ``BENCH_DB``)."""


@dataclass(frozen=True)
class Target:
    """Issue 5's bar: ``ours`` must be at least ``ratio`` times ``other`` (both are labels)."""

    ours: str
    other: str
    ratio: float


@dataclass(frozen=True)
class Suite:
    name: str
    metric: str
    baseline: str
    measurements: tuple[Measurement, ...]
    targets: tuple[Target, ...] = field(default=())


def publish_suite() -> Suite:
    """Target 1: one thread publishing the no-op task (sizes chosen for a few seconds per run)."""
    raw = ("raw_pika.py", "publish")
    return Suite(
        name="publish",
        metric="publish, tasks/s",
        baseline="ours publish_message",
        measurements=(
            Measurement("ours publish_message", OURS, "ours.py", "publish", 5000),
            Measurement(
                "ours publish_message, durable_publish off",
                OURS,
                "ours.py",
                "publish",
                10_000,
                args=("--background",),
            ),
            Measurement("ours publish_many(10,000)", OURS, "ours.py", "publish-many", 10_000),
            Measurement("carrot 1.5 publish_message", CARROT15, "carrot15.py", "publish", 300),
            Measurement("celery apply_async", CELERY, "celery_peer.py", "publish", 3000),
            Measurement(
                "celery apply_async, confirm_publish",
                CELERY,
                "celery_peer.py",
                "publish",
                1000,
                args=("--confirm",),
            ),
            Measurement("raw pika, no confirms", OURS, *raw, 10_000, uses_database=False),
            Measurement("raw pika, confirm each", OURS, *raw, 1000, args=("--confirm",), uses_database=False),
            Measurement(
                "raw pika, pipelined confirms",
                OURS,
                "raw_pika.py",
                "publish-pipelined",
                10_000,
                uses_database=False,
            ),
        ),
        targets=(
            Target("ours publish_message", "carrot 1.5 publish_message", 10),
            Target("ours publish_message", "celery apply_async", 1),
            Target("ours publish_message, durable_publish off", "celery apply_async", 1),
            Target("ours publish_many(10,000)", "celery apply_async", 3),
        ),
    )


def drain_suite(n: int, concurrency: int) -> Suite:
    """Target 2: ``n`` queued no-op tasks to completed rows, ``concurrency`` consumers for every system."""
    workers = ("--concurrency", str(concurrency))

    def drain(label: str, peer: Peer, script: str, *args: str, database: bool = True) -> Measurement:
        return Measurement(
            label, peer, script, "drain", n, (*workers, *args), uses_database=database, needs_fill=True
        )

    return Suite(
        name="drain",
        metric=f"drain, tasks/s (concurrency {concurrency})",
        baseline="ours service",
        measurements=(
            drain("ours service", OURS, "ours.py"),
            drain("carrot 1.5 consumer", CARROT15, "carrot15.py"),
            drain("celery threads", CELERY, "celery_peer.py", "--pool", "threads"),
            drain("celery prefork", CELERY, "celery_peer.py", "--pool", "prefork"),
            drain("raw pika consume+ack", OURS, "raw_pika.py", database=False),
        ),
        targets=(
            Target("ours service", "carrot 1.5 consumer", 2),
            Target("ours service", "celery threads", 2),
            Target("ours service", "celery prefork", 2),
        ),
    )
