"""A real three-node RabbitMQ cluster losing a node mid-stream (:mod:`tests.cluster.rabbit`).

A service (in this process, as in ``tests/faults/test_broker_failover.py``) consumes a queue whose
broker setting lists the three nodes while a thread publishes a stream of tasks in batches and another
reads the queue's state as the monitor does. The node holding the queue is SIGKILLed mid-stream and
started again a few seconds later. Each task appends its token to a ledger when it runs, so lost tasks
and duplicate runs are counted from a record of their own.

- A **quorum** queue: nothing lost, duplicates within :data:`DUPLICATE_BOUND`, publishing and consuming
  carry on within :data:`RECOVERY_BOUND` seconds, the monitor answers throughout.
- A **classic** queue on the killed node: what a user loses while the node is down (the queue, and the
  publishes to it), and that nothing published before is lost once it is back (durable queue,
  persistent messages).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pika
import pytest
from django.db import close_old_connections
from django.test import override_settings

from carrot.conf import get_settings
from carrot.errors import PublishError
from carrot.models import MessageLog
from carrot.publishing import TaskCall, publish_many
from carrot.queue_state import QueueStates
from carrot.service import Service
from tests.cluster.rabbit import Cluster, Node
from tests.conftest import wait_for
from tests.faults import settings as fault_settings
from tests.faults import tasks as fault_tasks
from tests.faults.harness import ledger_runs

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

BATCH = 10
PAUSE = 0.1
"""Seconds between batches."""
AFTER_RESTART = 10
"""Batches published after the killed node is back, before the stream ends."""
MAX_BATCHES = 1000
KILL_AFTER = 150
"""Runs in the ledger when the node is killed: publishing and consuming both going on."""
DOWN_FOR = 3.0
CONCURRENCY = 2
PREFETCH = 10
DUPLICATE_BOUND = CONCURRENCY * PREFETCH + BATCH
"""Runs beyond the first: each consumer's unacked messages (redelivered when its connection dies) and
one batch republished by the publisher (unconfirmed when its connection died)."""
RECOVERY_BOUND = 30.0
"""Seconds within which publishing and consuming resume after the kill (about 1-5 s measured)."""
MONITOR_BOUND = 5.0
"""Seconds any one read of the queue's state may take (the monitor waits at most 3 s for the broker)."""


@dataclass
class Stream:
    """What the publishing and monitoring threads saw, with the times (``time.monotonic``) they saw it."""

    published: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    batches: list[tuple[float, float]] = field(default_factory=list)
    """(start, end) of each ``publish_many`` call that returned."""
    reads: list[tuple[float, float, int | None, str | None]] = field(default_factory=list)
    """(start, seconds, messages, error) of each read of the queue's state."""
    runs: list[tuple[float, int]] = field(default_factory=list)
    """(time, runs in the ledger)."""
    done: threading.Event = field(default_factory=threading.Event)
    enough: threading.Event = field(default_factory=threading.Event)
    """Set to end the publishing."""


def publish_stream(stream: Stream, queue: str) -> None:
    try:
        for _ in range(MAX_BATCHES):
            if stream.enough.is_set():
                break
            tokens = [uuid.uuid4().hex for _ in range(BATCH)]
            started = time.monotonic()
            try:
                publish_many([TaskCall(fault_tasks.record, (token,), queue=queue) for token in tokens])
            except PublishError as exc:
                stream.refused += tokens
                stream.refusals.append(f"{time.monotonic():.1f} {exc}")
            else:
                stream.published += tokens
                stream.batches.append((started, time.monotonic()))
            time.sleep(PAUSE)
    except BaseException as exc:  # reported by the test
        stream.errors.append(exc)
    finally:
        close_old_connections()


def watch(stream: Stream, queue_name: str, ledger: Path) -> None:
    """Read the queue's state as the monitor does (a :class:`QueueStates` kept 1 s), and the ledger."""
    states = QueueStates()
    queue = get_settings().queue(queue_name)
    try:
        while not stream.done.is_set():
            started = time.monotonic()
            state = states.get(queue)
            stream.reads.append(
                (
                    started,
                    time.monotonic() - started,
                    state.messages,
                    str(state.error) if state.error else None,
                )
            )
            stream.runs.append((time.monotonic(), sum(ledger_runs(ledger).values())))
            time.sleep(0.2)
    finally:
        states.clear()


def longest_gap(times: list[float], start: float) -> float:
    """The longest time without an event from ``start`` on."""
    later = [start, *sorted(t for t in times if t >= start)]
    return max((b - a for a, b in itertools.pairwise(later)), default=0.0)


def run_times(stream: Stream) -> list[float]:
    """When the watcher saw the ledger grow."""
    return [later for (_, before), (later, count) in itertools.pairwise(stream.runs) if count > before]


def leader(cluster: Cluster, queue: str) -> Node:
    """The node holding the quorum queue's leader, as the cluster's CLI says (a member on each node)."""
    rows = json.loads(
        cluster.nodes[1].ctl("list_queues", "-q", "name", "leader", "members", "--formatter", "json")
    )
    row = next(row for row in rows if row["name"] == queue)
    assert sorted(row["members"]) == sorted(node.name for node in cluster.nodes), row
    name = row["leader"]
    return next(node for node in cluster.nodes if node.name == name)


def home(cluster: Cluster, queue: str) -> Node:
    """The node a classic queue lives on (the one that lists it among its local queues)."""
    return next(
        node
        for node in cluster.nodes
        if queue in node.ctl("list_queues", "-q", "--local", "name", "--no-table-headers").split()
    )


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "ledger"
    monkeypatch.setenv(fault_tasks.LEDGER_ENV, str(path))
    return path


@pytest.fixture
def cluster(rabbit_cluster: Cluster) -> Iterator[Cluster]:
    """The session's cluster with every node running, before and after the test."""
    for node in rabbit_cluster.nodes:
        if not node.alive():
            rabbit_cluster.restart(node)
    yield rabbit_cluster
    for node in rabbit_cluster.nodes:
        if not node.alive():
            rabbit_cluster.restart(node)


def carrot_settings(cluster: Cluster, queue: str, queue_type: str) -> dict:
    return {
        **fault_settings.CARROT,
        "default_broker": cluster.urls,
        "queues": [
            # The queue tasks go to when they name none: declared (classic, on the first node) but not
            # consumed here, so that only the queue under test is.
            {"name": "default", "consumable": False},
            {"name": queue, "queue_type": queue_type, "concurrency": CONCURRENCY, "prefetch_count": PREFETCH},
        ],
    }


def delete_queue(cluster: Cluster, *names: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(cluster.urls[0]))
    try:
        for name in names:
            connection.channel().queue_delete(name)
    finally:
        connection.close()


def run_stream(
    cluster: Cluster, queue: str, ledger: Path, holder: Callable[[Cluster, str], Node]
) -> tuple[Stream, float, float, str]:
    """Publish and consume the stream, killing the node ``holder`` names (once the service declared the
    queue) mid-stream and restarting it after :data:`DOWN_FOR` seconds; returns the stream, the times of
    the kill and of the restart, and the killed node's name."""
    stream = Stream()
    service = Service(scheduler=False)
    service.start()
    try:
        wait_for(lambda: all(c.consuming.is_set() for c in service.consumers), timeout=60, what="consumers")
        kill = holder(cluster, queue)
        watcher = threading.Thread(target=watch, args=(stream, queue, ledger))
        publisher = threading.Thread(target=publish_stream, args=(stream, queue))
        watcher.start()
        publisher.start()
        try:
            wait_for(lambda: len(ledger_runs(ledger)) >= KILL_AFTER, timeout=60, what=f"{KILL_AFTER} runs")
            kill.kill()
            killed = time.monotonic()
            time.sleep(DOWN_FOR)
            cluster.restart(kill)
            restarted = time.monotonic()
            cluster.wait_members(len(cluster.nodes))  # it rejoined the cluster
            batches = len(stream.batches) + len(stream.refused) // BATCH
            wait_for(
                lambda: len(stream.batches) + len(stream.refused) // BATCH >= batches + AFTER_RESTART,
                timeout=60,
                what=f"{AFTER_RESTART} more batches",
            )
            stream.enough.set()
            publisher.join(120)
            assert not publisher.is_alive(), "the publisher did not finish in 120s"
            expected = set(stream.published)
            wait_for(
                lambda: expected <= set(ledger_runs(ledger)),
                timeout=90,
                what=f"the {len(expected)} published tasks to run",
            )
            wait_for(
                lambda: (
                    not MessageLog.objects.filter(
                        status__in=(MessageLog.PUBLISHED, MessageLog.IN_PROGRESS)
                    ).exists()
                ),
                timeout=60,
                what="every log to end (the recorder to save every run)",
            )
        finally:
            stream.enough.set()
            stream.done.set()
            publisher.join(30)
            watcher.join(30)
    finally:
        service.stop()
    return stream, killed, restarted, kill.name


def test_quorum_queue_leader_killed_mid_stream(cluster: Cluster, ledger: Path, caplog) -> None:
    queue = f"cluster-quorum-{uuid.uuid4().hex[:6]}"
    with (
        override_settings(CARROT=carrot_settings(cluster, queue, "quorum")),
        caplog.at_level(logging.INFO),
    ):
        try:
            stream, killed, restarted, holder = run_stream(cluster, queue, ledger, leader)
        finally:
            delete_queue(cluster, queue, f"{queue}.dead-letter")
    runs = ledger_runs(ledger)
    redelivered = sum("acknowledging the redelivery" in r.getMessage() for r in caplog.records)
    lost = [token for token in stream.published if not runs[token]]
    duplicates = sum(count - 1 for count in runs.values() if count > 1)
    publish_gap = longest_gap([end for _, end in stream.batches], killed)
    consume_gap = longest_gap(run_times(stream), killed)
    slowest_read = max(seconds for _, seconds, _, _ in stream.reads)
    read_errors = [(t - killed, error) for t, _, _, error in stream.reads if error]
    answered_after = [t for t, _, messages, _ in stream.reads if messages is not None and t > killed]
    print(
        f"\n[cluster] quorum queue, leader {holder} killed with {KILL_AFTER}+ runs done and restarted "
        f"{restarted - killed:.1f}s later: {len(stream.published)} published, {len(stream.refused)} "
        f"refused, {len(lost)} lost, {duplicates} duplicate runs, {redelivered} redeliveries of completed "
        f"tasks acked; longest pause after the kill: "
        f"publishing {publish_gap:.1f}s, consuming {consume_gap:.1f}s; monitor: {len(stream.reads)} reads, "
        f"slowest {slowest_read:.1f}s, {len(read_errors)} errors, first answer after the kill "
        f"{(answered_after[0] - killed) if answered_after else float('nan'):.1f}s"
    )
    assert not stream.errors, stream.errors
    assert not stream.refused, stream.refusals[:3]
    assert len(stream.published) == BATCH * len(stream.batches)
    assert stream.batches[-1][1] > restarted, "the stream ended before the node came back"
    assert lost == []
    assert duplicates <= DUPLICATE_BOUND
    assert publish_gap <= RECOVERY_BOUND and consume_gap <= RECOVERY_BOUND
    assert slowest_read <= MONITOR_BOUND
    assert answered_after and answered_after[0] - killed <= RECOVERY_BOUND
    assert MessageLog.objects.exclude(status=MessageLog.COMPLETED).count() == 0


def test_classic_queue_node_killed_mid_stream(cluster: Cluster, ledger: Path, caplog) -> None:
    """What a classic queue loses with its node: the queue is down (consumers and the monitor get 404
    "home node ... is down") and publishes to it are refused until the node is back; what it held
    before, durable and persistent, is all there after, and every task whose publish returned runs."""
    queue = f"cluster-classic-{uuid.uuid4().hex[:6]}"
    with (
        override_settings(CARROT=carrot_settings(cluster, queue, "classic")),
        caplog.at_level(logging.INFO),
    ):
        try:
            stream, killed, restarted, holder = run_stream(cluster, queue, ledger, home)
        finally:
            delete_queue(cluster, queue)
    runs = ledger_runs(ledger)
    lost = [token for token in stream.published if not runs[token]]
    duplicates = sum(count - 1 for count in runs.values() if count > 1)
    refused_at = [float(line.split(" ", 1)[0]) for line in stream.refusals]
    consume_gap = longest_gap(run_times(stream), killed)
    slowest_read = max(seconds for _, seconds, _, _ in stream.reads)
    down_reads = [error for t, _, _, error in stream.reads if killed < t < restarted]
    down_counts = sorted({messages for t, _, messages, _ in stream.reads if killed < t < restarted}, key=str)
    print(
        f"\n[cluster] classic queue, its node {holder} killed with {KILL_AFTER}+ runs done and restarted "
        f"{restarted - killed:.1f}s later: {len(stream.published)} published, {len(stream.refused)} "
        f"refused (the last {max(refused_at, default=killed) - restarted:+.1f}s after the restart), "
        f"{len(lost)} lost, {duplicates} duplicate runs; longest pause in consuming {consume_gap:.1f}s; "
        f"monitor: {len(stream.reads)} reads, slowest {slowest_read:.1f}s, "
        f"{sum(1 for e in down_reads if e)} of {len(down_reads)} errors while the node was down "
        f"({next((e for e in down_reads if e), None)}), messages shown then: {down_counts}"
    )
    if stream.refusals:
        print(f"[cluster] classic queue, a refusal: {stream.refusals[0]}")
    assert not stream.errors, stream.errors
    assert lost == []
    assert stream.refused, "no publish was refused while the queue's node was down"
    assert all(killed < t for t in refused_at)
    assert down_reads, "the monitor was not read while the node was down"
    assert any(error and "is down" in error for error in down_reads), "the monitor showed no error"
    assert consume_gap >= restarted - killed - 1, "tasks ran while the queue's node was down"
    assert slowest_read <= MONITOR_BOUND
    assert duplicates <= DUPLICATE_BOUND
    assert MessageLog.objects.filter(status=MessageLog.COMPLETED).count() == len(stream.published)
