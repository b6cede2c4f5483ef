"""The virtualenvs the benchmarks run in: one per system, installed from PyPI with pinned versions.

Each peer lives in ``bench/.venvs/<name>`` (gitignored). A venv is (re)built when its pinned
requirement list changes; a stamp file holds the list it was built from.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
VENVS_DIR = BENCH_DIR / ".venvs"
STAMP = "bench-requirements.txt"


@dataclass(frozen=True)
class Peer:
    """One system's environment: pinned requirements, and those installed without dependencies."""

    name: str
    requirements: tuple[str, ...]
    no_deps: tuple[str, ...] = ()
    editable: tuple[Path, ...] = ()

    @property
    def path(self) -> Path:
        return VENVS_DIR / self.name

    @property
    def python(self) -> Path:
        return self.path / "bin" / "python"

    def spec(self) -> str:
        """The text of the stamp: what this venv was built from."""
        lines = [*self.requirements, *(f"--no-deps {r}" for r in self.no_deps)]
        lines += [f"-e {p}" for p in self.editable]
        return "\n".join(lines) + "\n"


OURS = Peer(
    "ours",
    # This checkout, installed editable; its runtime dependencies pinned as in the dev venv.
    requirements=(
        "Django==5.2.19",
        "pika==1.3.2",
        "graphene==3.4.3",
        "graphene-django==3.2.3",
        "psycopg[binary]==3.2.13",
        "cronsim==2.8",
        "prometheus-client==0.26.0",
    ),
    editable=(REPO_DIR,),
)
CARROT15 = Peer(
    "carrot15",
    requirements=(
        "Django==2.2.28",
        "pika==0.13.1",
        "djangorestframework==3.11.2",
        "psutil==5.9.8",
        "psycopg2-binary==2.9.10",
    ),
    no_deps=("django-carrot==1.5.0",),
)
CELERY = Peer(
    "celery",
    requirements=(
        "Django==5.2.19",
        "celery==5.7.0",
        "django-celery-results==2.6.0",
        "psycopg[binary]==3.2.13",
    ),
)
PEERS = {peer.name: peer for peer in (OURS, CARROT15, CELERY)}


def _pip(peer: Peer, *args: str) -> None:
    subprocess.run([str(peer.python), "-m", "pip", "install", "--quiet", *args], check=True)


def ensure(peer: Peer) -> Path:
    """Build ``peer``'s venv if it is missing or stale; returns its Python interpreter."""
    stamp = peer.path / STAMP
    if stamp.exists() and stamp.read_text() == peer.spec():
        return peer.python
    print(f"[bench] installing {peer.name} into {peer.path} ...", file=sys.stderr, flush=True)
    venv.EnvBuilder(clear=True, with_pip=True).create(peer.path)
    _pip(peer, *peer.requirements)
    if peer.no_deps:
        _pip(peer, "--no-deps", *peer.no_deps)
    for path in peer.editable:
        _pip(peer, "--no-deps", "-e", str(path))
    stamp.write_text(peer.spec())
    return peer.python


def main() -> None:
    """``python -m bench.peers``: build every peer venv."""
    for peer in PEERS.values():
        print(f"{peer.name}: {ensure(peer)}")


if __name__ == "__main__":
    main()
