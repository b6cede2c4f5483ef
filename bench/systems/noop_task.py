"""The task every system runs: it takes the benchmark payload and does nothing."""

from typing import Any


def noop(*args: Any, **kwargs: Any) -> None:
    """Accept anything, do nothing: the benchmark measures the queue, not the task."""
