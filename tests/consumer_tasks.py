"""Tasks the consumer's poison and delivery tests run (add to ``CARROT['task_modules']``).

Until then the tests register them with :func:`carrot.registry.register`.
"""

import logging
import os
import signal

logger = logging.getLogger("carrot")

REFUSED = "refused by the database"
"""Output that the tests' database constraint refuses to store."""


class _NulRepr:
    def __repr__(self) -> str:
        return "<nul\x00repr>"


def nul_output():
    """Log a line and return an object whose ``repr`` (its stored output) both hold NUL."""
    logging.getLogger("carrot.nul\x00logger").warning("line with \x00 NUL")
    return _NulRepr()


def nul_failure():
    """Raise an exception whose text holds NUL."""
    raise ValueError("bad \x00 byte")


def refused_output():
    return REFUSED


def kill_own_process():
    """SIGKILL the service running it, as the kernel's OOM killer would; only in a test subprocess."""
    if os.environ.get("CARROT_TEST_SUBPROCESS") != "1":
        raise RuntimeError("kill_own_process runs only in a service subprocess of the tests")
    os.kill(os.getpid(), signal.SIGKILL)
