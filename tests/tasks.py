"""Tasks the test suite publishes (registered through ``CARROT['task_modules']``)."""

import logging
import os
import time
from pathlib import Path

logger = logging.getLogger("carrot")
failures: list[tuple[str, str]] = []


def add(a, b):
    return a + b


def spawn(path, unroutable=False, **kwargs):
    """Publish another task from inside a task (to nowhere when ``unroutable``); returns its uuid."""
    from carrot.utilities import publish_message

    route = {"exchange": "amq.direct", "routing_key": "nobody-listens"} if unroutable else {}
    return publish_message(path, **route, **kwargs).uuid


def noop(*args, **kwargs):
    return None


def echo(*args, **kwargs):
    return {"args": list(args), "kwargs": kwargs}


def fail(message="boom"):
    logger.info("about to fail")
    raise ValueError(message)


def chatty():
    logger.debug("a debug line")
    logger.info("an info line")
    logger.warning("a warning line")
    logger.error("an error line")
    return "done"


def returns_object():
    return object()


def sleep(seconds, marker=None):
    """Sleep; with ``marker`` append one line per start to that file (to count runs)."""
    if marker:
        with Path(marker).open("a") as file:
            file.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    return seconds


def record_failure(log, exc):
    failures.append((log.uuid, repr(exc)))


def broken_callback(log, exc):
    raise RuntimeError("callback bug")


def _private():
    return "not a task"
