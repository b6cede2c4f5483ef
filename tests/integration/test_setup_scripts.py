"""The set-up scripts fail fast with a message that says what to change: `make test`'s preflight
(scripts/preflight.sh) and `make demo`'s port check (scripts/demo.sh), run as a user runs them."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"


def run(*command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def node_18(tmp_path: Path) -> str:
    """A PATH whose ``node`` is Debian 12's (18.19)."""
    node = tmp_path / "node"
    node.write_text("#!/bin/sh\necho v18.19.0\n")
    node.chmod(0o755)
    return f"{tmp_path}{os.pathsep}{os.environ['PATH']}"


def test_preflight_names_every_missing_prerequisite_and_how_to_get_it(node_18: str) -> None:
    checked = run("bash", str(SCRIPTS / "preflight.sh"), PATH=node_18, PGUSER="carrot_no_such_role")
    assert checked.returncode == 1
    assert "Node.js v18.19.0 is too old" in checked.stderr
    assert "it needs 20.19+, 22.13+ or 24+" in checked.stderr
    assert "PostgreSQL refuses the tests' login (user 'carrot_no_such_role' from PGUSER" in checked.stderr
    assert 'role "carrot_no_such_role" does not exist' in checked.stderr
    assert "PGPASSWORD=postgres make test" in checked.stderr


def test_preflight_passes_quietly_on_a_machine_that_has_everything() -> None:
    checked = run("bash", str(SCRIPTS / "preflight.sh"))
    assert (checked.returncode, checked.stderr) == (0, "")


NODE_VERSIONS = {
    "v18.19.0": False,
    "v20.18.3": False,
    "v20.19.0": True,
    "v21.7.3": False,
    "v22.12.0": False,  # vite takes it, eslint does not
    "v22.13.0": True,
    "v23.11.0": False,
    "v24.0.0": True,
    "not-a-version": False,
}


def test_preflight_accepts_exactly_the_node_versions_of_the_ui_lockfile() -> None:
    loop = 'source scripts/preflight.sh; for v in "$@"; do node_fits "$v" && echo yes || echo no; done'
    answers = run("bash", "-c", loop, "bash", *NODE_VERSIONS).stdout.split()
    assert dict(zip(NODE_VERSIONS, [a == "yes" for a in answers], strict=True)) == NODE_VERSIONS


@pytest.fixture
def occupied_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_demo_refuses_an_occupied_port_before_installing_or_starting_anything(occupied_port: int) -> None:
    demo = run("bash", str(SCRIPTS / "demo.sh"), PORT=str(occupied_port))
    assert demo.returncode == 1
    assert f"port {occupied_port} on 127.0.0.1 is in use: choose another with PORT" in demo.stderr
    assert "make demo" in demo.stderr
    assert "==>" not in demo.stdout  # every step (install, migrate, service, publish) announces itself


@pytest.mark.parametrize("port", ["80a", "0", "65536"])
def test_demo_refuses_a_port_that_is_not_a_port_number(port: str) -> None:
    demo = run("bash", str(SCRIPTS / "demo.sh"), PORT=port)
    assert demo.returncode == 1
    assert f"PORT must be a port number from 1 to 65535, got '{port}'" in demo.stderr
    assert "==>" not in demo.stdout


def test_demo_names_an_unreachable_carrot_broker_without_its_password() -> None:
    demo = run("bash", str(SCRIPTS / "demo.sh"), PORT="1", CARROT_BROKER="amqp://demo:s3cret@127.0.0.1:1/x")
    assert demo.returncode == 1
    assert "the broker in CARROT_BROKER (127.0.0.1:1) is not reachable" in demo.stderr
    assert "s3cret" not in demo.stderr + demo.stdout
    assert "==>" not in demo.stdout
