"""Target 6: the shipped bundle's gzipped size, and the Failed tab's first page in headless Chromium."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path
from typing import Any

from bench import peers
from bench.monitor.server import SYSTEMS_DIR

STATIC_DIR = peers.REPO_DIR / "carrot" / "static" / "carrot"
BUDGET_KB = 250
BROWSER = peers.Peer(
    "browser",
    # Drives Debian's /usr/bin/chromium, as tests/browser does (the same pins as requirements/test.txt).
    requirements=("playwright==1.65.2", "greenlet==3.5.6"),
)


def bundle_sizes() -> dict[str, float]:
    """KB (1,024 bytes) of ``monitor.js`` and ``monitor.css``, raw and gzipped at level 9."""
    sizes: dict[str, float] = {}
    for name in ("monitor.js", "monitor.css"):
        raw = (STATIC_DIR / name).read_bytes()
        sizes[f"{name} raw"] = len(raw) / 1024
        sizes[f"{name} gzip"] = len(gzip.compress(raw, 9)) / 1024
    sizes["total gzip"] = sizes["monitor.js gzip"] + sizes["monitor.css gzip"]
    return sizes


def bundle_table(sizes: dict[str, float]) -> str:
    total = sizes["total gzip"]
    verdict = "met" if total <= BUDGET_KB else "NOT met"
    return "\n".join(
        [
            "| file | raw KB | gzipped KB |",
            "| --- | --- | --- |",
            f"| monitor.js | {sizes['monitor.js raw']:,.1f} | {sizes['monitor.js gzip']:,.1f} |",
            f"| monitor.css | {sizes['monitor.css raw']:,.1f} | {sizes['monitor.css gzip']:,.1f} |",
            f"| total | | {total:,.1f} (budget {BUDGET_KB}: {verdict}) |",
        ]
    )


def failed_tab(base_url: str, sessionid: str, runs: int) -> list[dict[str, Any]]:
    """``runs`` fresh page loads of ``<base_url>/carrot/failed``; each run's timings in ms."""
    python = peers.ensure(BROWSER)
    command = [str(python), "monitor_browser.py", "--url", f"{base_url}/carrot/failed"]
    command += ["--sessionid", sessionid, "--runs", str(runs)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=SYSTEMS_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"monitor_browser.py failed:\n{done.stderr[-3000:]}")
    runs_data: list[dict[str, Any]] = json.loads(done.stdout.strip().splitlines()[-1])["runs"]
    return runs_data


def chromium_version() -> str:
    found = Path("/usr/bin/chromium")
    if not found.exists():
        return "missing"
    done = subprocess.run([str(found), "--version"], capture_output=True, text=True)
    return done.stdout.strip()
