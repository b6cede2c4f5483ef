"""Demo tasks: each public function here is registered through CARROT['task_modules']."""

import logging
import random
import time

logger = logging.getLogger("carrot")


def hello(name="world"):
    logger.info("saying hello to %s", name)
    return f"Hello, {name}!"


def add(a, b):
    logger.debug("adding %r and %r", a, b)
    return a + b


def send_report(recipient, sections=None):
    for section in sections or ["summary"]:
        logger.info("rendering section %s", section)
        time.sleep(0.2)
    logger.warning("%s has no mail server configured; pretending", recipient)
    return {"recipient": recipient, "sections": len(sections or [])}


def flaky(probability=0.5):
    if random.random() < probability:  # noqa: S311 - a demo
        raise RuntimeError("the flaky task failed this time")
    return "survived"


def divide(a, b):
    logger.info("dividing %s by %s", a, b)
    return a / b
