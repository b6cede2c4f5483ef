"""The benchmark's site as a real HTTP server: ``bench/systems/monitor_site.py`` in ours' venv."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.infra import SCRATCH_DIR
from bench.systems.common import stop

SYSTEMS_DIR = Path(__file__).resolve().parents[1] / "systems"
SITE = "monitor_site.py"
START_TIMEOUT = 60.0


def site(python: Path, action: str, database: str, script: str = SITE) -> dict[str, Any]:
    """Run ``<script> <action>`` (``monitor_site.py``) with ``BENCH_DB=database``; the JSON it prints."""
    done = subprocess.run(
        [str(python), script, action], cwd=SYSTEMS_DIR, env=_env(database), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} {action} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env(database: str) -> dict[str, str]:
    return {**os.environ, "BENCH_DB": database, "PYTHONDONTWRITEBYTECODE": "1"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(python: Path, database: str, script: str = SITE) -> Iterator[str]:
    """The site served on a free port (``<script> serve``, ``monitor_site.py``); yields its base URL.

    The server's output goes to a log in ``bench/.scratch/``, kept only when something failed.
    """
    port = _free_port()
    SCRATCH_DIR.mkdir(exist_ok=True)
    log = open(SCRATCH_DIR / f"monitor-server-{port}.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [str(python), script, "serve", "--port", str(port)],
        cwd=SYSTEMS_DIR,
        env=_env(database),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}; see {log.name}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server did not listen within {START_TIMEOUT:.0f}s") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)  # type: ignore[arg-type]
        log.close()
    Path(log.name).unlink()
