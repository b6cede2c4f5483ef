"""Scale-out: one quorum queue on a three-node RabbitMQ cluster drained by 1, 2 and 4 processes, ours
beside Celery, and where the CPU went.

The project's test cluster (``tests/cluster/rabbit.py``, nodes on 5681-5683 unless
``CARROT_CLUSTER_PORT`` says otherwise) is started for the benchmark in a directory of its own and
always stopped at the end. Each run (``bench/runner.py``: a vhost of its own on the cluster, a
PostgreSQL database of its own, repetitions interleaved) publishes ``n`` no-op tasks to a quorum queue
whose broker setting lists the three nodes, then starts ``k`` processes at once and waits for the
``n``-th completed row (``bench/systems/common.py``, ``drain``):

- ours: ``k`` ``carrot`` services (the management command, no scheduler), one consumer each;
- Celery: ``k`` workers with the default prefork pool and ``--concurrency 1`` each (one consumer and one
  pool process per worker), set up as Celery's Django guide says (``DJANGO_SETTINGS_MODULE``, the Django
  fixup, django-celery-results; ``bench/systems/celery_settings.py``), the queue declared with
  ``x-queue-type: quorum``; and the same with ``CELERY_DB_REUSE_MAX`` (:data:`REUSE`);
- raw pika, one consumer that decodes and acks, no database (:data:`FLOOR`): the queue's own pace.

All take ``--prefetch`` messages per consumer (10 by default) and ack after the task. The rate counts
from the first completion to the last; "from start" counts from the moment the processes were
started, their start-up included. CPU is read from ``/proc`` between the first completion seen and
the last (``bench/systems/procfs.py``), as cores kept busy: the ``k`` processes and their children,
the three nodes' processes, this run's PostgreSQL backends, the whole PostgreSQL server (every
database: others' work on a shared machine included), the machine, and its time idle waiting for
the disk.
"""

from __future__ import annotations

import os
import statistics
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

from bench import infra, runner
from bench.peers import CELERY, OURS
from bench.suites import Measurement, Suite
from tests.cluster.rabbit import Cluster

PROCESSES = (1, 2, 4)
ENGINE = "postgres"
"""Several processes write their task logs at once: PostgreSQL, as in production."""
GROUPS = {
    "consumers": "the k processes",
    "broker": "the three RabbitMQ nodes",
    "database": "this run's PostgreSQL backends",
    "postgres": "the PostgreSQL server, every database",
    "machine": "the machine, everything",
    "iowait": "idle, waiting for the disk",
}
"""What ``bench/systems/common.py``'s drain reports the busy cores of (the database's backends are
part of the server)."""
CELERY_ARGS = ("--pool", "prefork", "--concurrency", "1")
CELERY_ENV = (("DJANGO_SETTINGS_MODULE", "celery_settings"),)
REUSE = ("BENCH_DB_REUSE", "1")
"""Celery with ``CELERY_DB_REUSE_MAX``: its Django fixup keeps each pool process's database connection
for 1,000 tasks instead of closing it around every task."""
SYSTEMS = ("ours", "celery", "celery db_reuse_max")
CONNECTIONS = ("broker_connections", "database_connections")
FLOOR = "raw pika consume+ack, 1 consumer"
"""The queue's own pace: one pika consumer that decodes and acks each message, no database."""


def suite(n: int, processes: Sequence[int], cluster: Cluster) -> Suite:
    """Ours and Celery with each count of ``processes``, on ``cluster``'s three nodes."""
    env = (
        ("BENCH_BROKER_NODES", ",".join(f"127.0.0.1:{node.port}" for node in cluster.nodes)),
        ("BENCH_BROKER_PIDS", ",".join(str(node.pid()) for node in cluster.nodes)),
        ("BENCH_QUEUE_TYPE", "quorum"),
    )
    systems = {
        "ours": ("ours.py", (), OURS, env),
        "celery": ("celery_peer.py", CELERY_ARGS, CELERY, (*env, *CELERY_ENV)),
        "celery db_reuse_max": ("celery_peer.py", CELERY_ARGS, CELERY, (*env, *CELERY_ENV, REUSE)),
    }
    measurements = [
        Measurement(
            label(k, system),
            peer,
            script,
            "drain",
            n,
            ("--processes", str(k), *args),
            needs_fill=True,
            env=extra,
        )
        for k in processes
        for system, (script, args, peer, extra) in systems.items()
    ]
    floor = Measurement(FLOOR, OURS, "raw_pika.py", "drain", n, uses_database=False, needs_fill=True, env=env)
    return Suite("scaleout", "drain, tasks/s", label(processes[0], "ours"), (*measurements, floor))


def label(processes: int, system: str) -> str:
    kind = "service" if system == "ours" else "worker"
    return f"{system}, {processes} {kind}{'s' if processes > 1 else ''}"


@contextmanager
def cluster_running() -> Iterator[Cluster]:
    """The three-node cluster in a temporary directory, killed and removed on exit."""
    with tempfile.TemporaryDirectory(prefix="bench-scaleout-") as directory:
        cluster = Cluster(directory)
        try:
            cluster.start()
            yield cluster
        finally:
            cluster.remove()


def _cores(results: list[dict[str, Any]], group: str) -> list[float]:
    return [result["cores"][group] for result in results if group in result.get("cores", {})]


def _cell(values: list[float], digits: int = 0, spread: bool = False) -> str:
    if not values:
        return "-"
    median = f"{statistics.median(values):,.{digits}f}"
    return f"{median} ({min(values):,.{digits}f}-{max(values):,.{digits}f})" if spread else median


def _values(results: list[dict[str, Any]], key: str) -> list[float]:
    return [result[key] for result in results if key in result]


def _ratio(ours: list[float], these: list[float]) -> str:
    return f"{statistics.median(ours) / statistics.median(these):.2f}x" if ours and these else "-"


def _row(name: str, results: list[dict[str, Any]], ours: list[dict[str, Any]]) -> str:
    rates, all_up = _values(results, "rate"), _values(results, "rate_all_up")
    cells = [name, _cell(rates, spread=True), _ratio(_values(ours, "rate"), rates)]
    cells += [_cell(all_up), _ratio(_values(ours, "rate_all_up"), all_up)]
    cells.append(_cell(_values(results, "rate_from_start")))
    cells += [_cell(_cores(results, group), 2) for group in GROUPS]
    cells += [_cell(_values(results, key)) for key in CONNECTIONS]
    return "| " + " | ".join(cells) + " |"


def table(samples: list[runner.Samples], processes: Sequence[int]) -> str:
    """One row per system and ``k``: medians (the rate with its min-max), ours / this at the same ``k``
    from the medians, the cores each part kept busy, the consumers' connections at the end."""
    by_label = {sample.measurement.label: sample.results for sample in samples}
    header = ["system", "tasks/s (min-max)", "ours / this", "tasks/s, all k up", "ours / this, all k up"]
    header += ["tasks/s from start", *(f"cores: {name}" for name in GROUPS.values())]
    header += ["broker connections", "database connections"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for k in processes:
        ours = by_label[label(k, "ours")]
        lines += [_row(label(k, system), by_label[label(k, system)], ours) for system in SYSTEMS]
    lines.append(_row(FLOOR, by_label[FLOOR], []))
    return "\n".join(lines)


def limits(samples: list[runner.Samples]) -> str:
    """One line per system and ``k``: the rate with all ``k`` up (the rate from the first completion
    if they never were), the machine's busy cores against its cores, each part's share, and the CPU
    milliseconds per task of each part (its cores / that rate: about the same window)."""
    cores = os.cpu_count() or 1
    lines = []
    for sample in samples:
        if not _cores(sample.results, "machine"):
            continue
        busy = {group: statistics.median(_cores(sample.results, group) or [0.0]) for group in GROUPS}
        rate = statistics.median(_values(sample.results, "rate_all_up") or _values(sample.results, "rate"))
        parts = ", ".join(f"{group} {busy[group]:.2f}" for group in ("consumers", "broker", "postgres"))
        other = busy["machine"] - busy["consumers"] - busy["broker"] - busy["postgres"]
        saturated = "saturated" if busy["machine"] >= 0.9 * cores else "not saturated"
        per_task = ", ".join(
            f"{group} {1000 * busy[group] / rate:.2f}"
            for group in ("consumers", "broker", "database", "postgres")
        )
        lines.append(
            f"- {sample.measurement.label}: {rate:,.0f} tasks/s (all up); machine {busy['machine']:.2f} "
            f"of {cores} cores busy ({saturated}): {parts} (this run's database {busy['database']:.2f}), "
            f"everything else {other:.2f}; waiting for the disk {busy['iowait']:.2f}. "
            f"CPU ms per task: {per_task}"
        )
    return "\n".join(lines)


def main(n: int, repetitions: int, processes: Sequence[int] = PROCESSES) -> None:
    with cluster_running() as cluster:
        boot, join = cluster.timings
        print(f"[bench] scaleout: cluster booted in {boot:.0f}s, clustered in {join:.0f}s", flush=True)
        vhost_of: runner.VhostFactory = partial(infra.vhost, ctl=cluster.nodes[0].ctl)
        the_suite = suite(n, processes, cluster)
        samples = runner.run_suite(the_suite, repetitions, ENGINE, vhost_of)
    path = runner.save(the_suite, samples, ENGINE)
    print(
        f"\n## scaleout ({n:,} tasks per run, quorum queue on three RabbitMQ nodes, {ENGINE}, "
        f"{repetitions} runs each, {os.cpu_count()} cores; raw results in {path})\n"
    )
    print(table(samples, processes))
    print("\nWhere the CPU went (medians, cores kept busy from the first completion, or from all k up if")
    print("later, to the last):")
    print(limits(samples), flush=True)
