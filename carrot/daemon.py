"""Running the ``carrot`` service detached, tracked by a pid file (``carrot_daemon``)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from carrot.errors import CarrotError

DEFAULT_PIDFILE = "carrot.pid"
DEFAULT_LOGFILE = "carrot.log"
LEGACY_PIDFILE = Path("/var/run/carrot.pid")
"""Where django-carrot 1.x's ``carrot_daemon`` kept the pid when given no ``--pidfile``."""


class DaemonError(CarrotError):
    """The daemon could not be started, stopped or found."""


def read_pid(pidfile: Path) -> int | None:
    """The pid in ``pidfile`` when that process is alive; a stale file is removed."""
    try:
        pid = int(pidfile.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        with contextlib.suppress(PermissionError):  # another user's stale file: still not running
            pidfile.unlink(missing_ok=True)
        return None
    except PermissionError:
        pass
    return pid


def find_pidfile(own: Path) -> Path:
    """``own``, unless it has no live pid while 1.x's default pid file has one: then that file.

    A service started by django-carrot 1.x's ``carrot_daemon start`` is recorded at
    :data:`LEGACY_PIDFILE`; this lets a bare ``stop``, ``status`` or ``restart`` find it after an upgrade.
    """
    if read_pid(own) is None and read_pid(LEGACY_PIDFILE) is not None:
        return LEGACY_PIDFILE
    return own


def start(pidfile: Path, logfile: Path, service_args: list[str], wait: float = 2.0) -> int:
    """Start ``manage.py carrot`` in its own session, logging to ``logfile``; returns its pid."""
    running = read_pid(pidfile)
    if running is not None:
        raise DaemonError(f"carrot is already running with pid {running} (pid file {pidfile}).")
    # Inside override_settings SETTINGS_MODULE is None; the environment still names the module then.
    module = settings.SETTINGS_MODULE or os.environ.get("DJANGO_SETTINGS_MODULE")
    command = [sys.executable, "-m", "django", "carrot", *(["--settings", module] if module else [])]
    command += ["--logfile", str(logfile), *service_args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p or os.getcwd() for p in sys.path)}
    with open(logfile, "ab") as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, env=env
        )
    pidfile.write_text(f"{process.pid}\n")
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pidfile.unlink(missing_ok=True)
            raise DaemonError(f"carrot exited at start with status {process.returncode}; see {logfile}.")
        time.sleep(0.1)
    return process.pid


def stop(pidfile: Path, timeout: float, hard: bool = False) -> int:
    """Send SIGTERM and wait up to ``timeout`` seconds for running tasks to finish; returns the pid.

    ``hard`` (1.x's ``--hard``) sends SIGKILL instead: running tasks stop at once, and their messages,
    never acked, are delivered again to the next service.
    """
    pid = read_pid(pidfile)
    if pid is None:
        raise DaemonError(f"carrot is not running (no live pid in {pidfile}).")
    try:
        os.kill(pid, signal.SIGKILL if hard else signal.SIGTERM)
    except PermissionError:
        raise DaemonError(f"not allowed to stop carrot (pid {pid}): run this as its user.") from None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            pidfile.unlink(missing_ok=True)
            return pid
        time.sleep(0.1)
    raise DaemonError(f"carrot (pid {pid}) did not stop within {timeout:.0f}s; it is still finishing tasks.")
