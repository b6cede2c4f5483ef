"""The latency benchmark's task: a no-op that reports the moment its body started.

The first thing the task does is read ``time.time()`` and send it in one UDP datagram to the
benchmark (``127.0.0.1:$BENCH_STAMP_PORT``): a few microseconds, the same for every system, and the
benchmark blocks on the socket instead of polling a file or a table.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

_socket: socket.socket | None = None


def stamp(*args: Any, **kwargs: Any) -> None:
    """Send the start time of this call to the benchmark; otherwise do nothing."""
    started = time.time()
    global _socket
    if _socket is None:
        _socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    _socket.sendto(repr(started).encode(), ("127.0.0.1", int(os.environ["BENCH_STAMP_PORT"])))
