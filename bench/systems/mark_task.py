"""The delayed benchmark's task: a no-op that notes, in one line, which task ran and when.

Each run appends ``<index> <time.time()>`` as one fixed-width line to ``$BENCH_RUNS_DIR/runs-<pid>.txt``
(one ``write`` to a file opened ``O_APPEND``: whole lines, whatever the threads). A file per process,
opened after any fork, so prefork children never share one. The benchmark counts the lines by the
files' sizes while it waits, and reads them at the end: how many times each task ran, and when.
"""

from __future__ import annotations

import os
import time
from typing import Any

LINE = len(f"{0:08d} {0.0:017.6f}\n")
"""Bytes per line: index, a space, epoch seconds with microseconds."""

_file: tuple[int, int] | None = None
"""(pid, descriptor) of this process's runs file."""


def _descriptor() -> int:
    global _file
    if _file is None or _file[0] != os.getpid():
        path = os.path.join(os.environ["BENCH_RUNS_DIR"], f"runs-{os.getpid()}.txt")
        _file = (os.getpid(), os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644))
    return _file[1]


def mark(*args: Any, index: int, **kwargs: Any) -> None:
    """Note that task ``index`` ran now; otherwise do nothing."""
    os.write(_descriptor(), f"{index:08d} {time.time():017.6f}\n".encode())
