"""The tasks of the switch tests, run by either version: each run appends one line to a ledger file.

A line is ``<run id> <version that ran it>``. The ledger is opened with ``O_APPEND`` and written in one
``write`` shorter than ``PIPE_BUF``, so the lines of consumers of both versions, in several processes,
never mix.
"""

import os
import sys


def runner() -> str:
    """Which django-carrot runs this process: 1.x's consumer imports ``carrot.objects``, ours has none."""
    return "1.5" if "carrot.objects" in sys.modules else "2.x"


def record_run(ledger: str, run_id: str) -> str:
    """Note that the task ``run_id`` ran once, and on which version."""
    fd = os.open(ledger, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{run_id} {runner()}\n".encode())
    finally:
        os.close(fd)
    return run_id
