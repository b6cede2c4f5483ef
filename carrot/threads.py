"""The base of the service's long-running threads: each stops when asked, finishing what it does."""

from __future__ import annotations

import threading


class StoppableThread(threading.Thread):
    """A daemon thread with a ``stop()`` that sets an event its loop watches."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self._stopping = threading.Event()

    def stop(self) -> None:
        """Ask the thread to finish its current work and end."""
        self._stopping.set()
