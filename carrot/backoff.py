"""Exponential backoff delays for reconnecting to the broker or the database."""

from __future__ import annotations

import random


class Backoff:
    """Delays that double from ``first`` up to ``cap`` seconds, with a little jitter."""

    def __init__(self, first: float = 0.5, cap: float = 30.0) -> None:
        self.first = first
        self.cap = cap
        self._current = first

    def next(self) -> float:
        """The next delay to wait."""
        delay = self._current
        self._current = min(self._current * 2, self.cap)
        return delay * random.uniform(0.8, 1.0)  # noqa: S311 - jitter, not cryptography

    def reset(self) -> None:
        self._current = self.first
