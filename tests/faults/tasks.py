"""Tasks of the fault suite: each run appends a line to a ledger, the record the suite counts runs by.

The ledger is the file named by ``CARROT_FAULTS_LEDGER`` in the service's environment. Each run
appends one short line (``<token> <pid>``) with a single ``write`` to a file opened ``O_APPEND``, so
lines written by concurrent consumers, or by processes killed mid-drain, never interleave; a run is
recorded before the task returns, so a run counted here really happened even if its result was lost.

The poison tasks put a NUL character (which PostgreSQL cannot store in text) into their result, their
log or their exception.
"""

import logging
import os
import time

LEDGER_ENV = "CARROT_FAULTS_LEDGER"
NUL_TEXT = "before\x00after"

logger = logging.getLogger("carrot.faults")  # a child of "carrot": captured into the task's log


def _ledger_path() -> str:
    path = os.environ.get(LEDGER_ENV)
    if not path:
        raise RuntimeError(f"{LEDGER_ENV} is not set: the fault suite's service sets it to its ledger file")
    return path


def write_ledger(token: str) -> None:
    """Append ``token`` as one line to the ledger (one ``write``: concurrent appends stay whole lines)."""
    line = f"{token} {os.getpid()}\n".encode()
    descriptor = os.open(_ledger_path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, line)
    finally:
        os.close(descriptor)


def record(token, seconds=0.0):
    """Record a run of ``token``, then take ``seconds`` (so that faults land mid-drain)."""
    write_ledger(token)
    if seconds:
        time.sleep(seconds)
    return token


def take(token, value):
    """Record a run of ``token`` whatever ``value`` is (a poison argument); returns its length."""
    write_ledger(token)
    return len(value) if hasattr(value, "__len__") else 0


def returns_nul(token):
    write_ledger(token)
    return NUL_TEXT


def logs_nul(token):
    write_ledger(token)
    logger.warning("a log line with %s", NUL_TEXT)
    return "logged"


def raises_nul(token):
    write_ledger(token)
    raise ValueError(f"an exception with {NUL_TEXT}")
