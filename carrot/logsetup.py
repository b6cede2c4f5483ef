"""Console (or file) logging for the ``carrot`` service: readable lines, no passwords."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def configure(level: str = "INFO", logfile: str | None = None) -> None:
    """Send the ``carrot`` logger's records at ``level`` and above to stdout, or to ``logfile``."""
    handler: logging.Handler = logging.FileHandler(logfile) if logfile else logging.StreamHandler(sys.stdout)
    handler.setLevel(level.upper())
    handler.setFormatter(logging.Formatter(FORMAT))
    carrot_logger = logging.getLogger("carrot")
    carrot_logger.addHandler(handler)
    carrot_logger.propagate = False
    if carrot_logger.level == logging.NOTSET or carrot_logger.level > handler.level:
        carrot_logger.setLevel(handler.level)
