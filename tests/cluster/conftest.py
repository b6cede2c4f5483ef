"""The cluster suite's three-node RabbitMQ cluster: started once per session, always stopped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cluster.rabbit import Cluster, ClusterError


@pytest.fixture(scope="session")
def rabbit_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """Three RabbitMQ nodes on 5681-5683 (``CARROT_CLUSTER_PORT``), clustered, killed at the end."""
    cluster = Cluster(tmp_path_factory.mktemp("rabbit-cluster"))
    try:
        problem = None
        try:
            cluster.start()
        except ClusterError as exc:
            problem = str(exc)
        if problem is not None:
            pytest.fail(f"the three-node RabbitMQ cluster did not start: {problem}", pytrace=False)
        boot, join = cluster.timings
        print(f"\n[cluster] three nodes booted in {boot:.1f}s, clustered in {join:.1f}s", flush=True)
        yield cluster
    finally:
        cluster.stop()
