"""A three-node RabbitMQ cluster in a directory of its own, beside the machine's main node.

For people::

    python -m tests.cluster.rabbit start DIR    # boots three nodes and clusters them (about 20 s)
    python -m tests.cluster.rabbit status DIR   # each node: running or not, and the cluster's members
    python -m tests.cluster.rabbit stop DIR     # kills the nodes' processes

and for the test suite as :class:`Cluster` (``tests/cluster/conftest.py`` starts it once per session and
always stops it).

Each node has its own node name (``carrot-<amqp port>@localhost``), AMQP port (5681, 5682, 5683 unless
``CARROT_CLUSTER_PORT`` gives another first port), Erlang distribution port (the AMQP port + 20000),
data and log directories under ``DIR``, an empty environment file of its own (the system's
``rabbitmq-env.conf`` names the main node), an empty configuration file and no plugins (so no second
management listener), and a random cookie given with ``-setcookie`` to the server and the CLI. The
scripts of ``/usr/lib/rabbitmq/bin`` are run directly: the ``/usr/sbin`` wrappers switch to the main
node's user and directories. The main node (5672) is never touched.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RABBITMQ_BIN = Path(os.environ.get("CARROT_CLUSTER_RABBITMQ_BIN", "/usr/lib/rabbitmq/bin"))
FIRST_PORT = int(os.environ.get("CARROT_CLUSTER_PORT", "5681"))
NODES = 3
BOOT_TIMEOUT = 90.0
"""Seconds for a node to boot: about 12 s for three in parallel on a quiet two-core machine."""
CLI_TIMEOUT = 60.0


class ClusterError(RuntimeError):
    """The cluster could not be started; the message says why and how to fix it."""


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Node:
    index: int
    port: int
    base: Path
    cookie: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def name(self) -> str:
        return f"carrot-{self.port}@localhost"

    @property
    def dist_port(self) -> int:
        return self.port + 20000

    @property
    def url(self) -> str:
        return f"amqp://guest:guest@127.0.0.1:{self.port}/%2F"

    @property
    def log(self) -> Path:
        return self.base / "server.out"

    @property
    def pid_file(self) -> Path:
        return self.base / "server.pid"

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("RABBITMQ_")}
        env.pop("ERL_FLAGS", None)
        cookie_args = f"-setcookie {self.cookie}"
        local = "-kernel inet_dist_use_interface {127,0,0,1}"  # distribution on loopback only
        return {
            **env,
            "HOME": str(self.base),
            "RABBITMQ_CONF_ENV_FILE": str(self.base / "rabbitmq-env.conf"),
            "RABBITMQ_CONFIG_FILE": str(self.base / "rabbitmq"),
            "RABBITMQ_ADVANCED_CONFIG_FILE": str(self.base / "advanced.config"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.base / "enabled_plugins"),
            "RABBITMQ_NODENAME": self.name,
            "RABBITMQ_NODE_IP_ADDRESS": "127.0.0.1",
            "RABBITMQ_NODE_PORT": str(self.port),
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_MNESIA_BASE": str(self.base / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.base / "log"),
            "RABBITMQ_PID_FILE": str(self.base / "rabbit.pid"),
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS": f"{cookie_args} {local}",
            "RABBITMQ_CTL_ERL_ARGS": cookie_args,
            "RABBITMQ_CTL_DIST_PORT_MIN": str(self.dist_port + 100),
            "RABBITMQ_CTL_DIST_PORT_MAX": str(self.dist_port + 110),
            "ERL_EPMD_ADDRESS": "127.0.0.1",
        }

    def prepare(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "rabbitmq-env.conf").write_text("")
        (self.base / "rabbitmq.conf").write_text("")
        (self.base / "enabled_plugins").write_text("[].\n")

    def pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text())
        except (OSError, ValueError):
            return None

    def alive(self) -> bool:
        """Whether the node's server process runs (not a zombie waiting to be reaped)."""
        if self.process is not None:
            self.process.poll()  # reaps it when this process started it
        pid = self.pid()
        if pid is None:
            return False
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    def start(self) -> None:
        """Start the server in a process group of its own (killed as one by :meth:`kill`)."""
        if self.alive():
            raise ClusterError(f"node {self.name} is already running (pid {self.pid()})")
        for port in (self.port, self.dist_port):
            if port_in_use(port):
                raise ClusterError(
                    f"port {port} (node {self.name}) is in use: stop what listens there "
                    f"(`ss -ltnp 'sport = :{port}'`), or stop a cluster left running "
                    f"(`python -m tests.cluster.rabbit stop DIR`), or choose other ports with "
                    f"CARROT_CLUSTER_PORT=<first AMQP port>"
                )
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [str(RABBITMQ_BIN / "rabbitmq-server")],
                env=self.env(),
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.pid_file.write_text(str(self.process.pid))

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send ``sig`` to the node's process group (the Erlang VM and its helpers)."""
        pid = self.pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, sig)
        if sig == signal.SIGKILL:
            deadline = time.monotonic() + 10
            while self.alive() and time.monotonic() < deadline:
                time.sleep(0.05)
            self.pid_file.unlink(missing_ok=True)

    def ctl(self, *args: str, tool: str = "rabbitmqctl", timeout: float = CLI_TIMEOUT) -> str:
        """Run a CLI command against this node; raises :class:`ClusterError` with its output on failure."""
        command = [str(RABBITMQ_BIN / tool), "-n", self.name, "--erlang-cookie", self.cookie, *args]
        try:
            result = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise ClusterError(f"`{tool} {' '.join(args)}` on {self.name} took over {timeout}s") from exc
        if result.returncode:
            raise ClusterError(
                f"`{tool} {' '.join(args)}` on {self.name} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}"
            )
        return result.stdout

    def wait_booted(self, timeout: float = BOOT_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if not self.alive():
                raise ClusterError(
                    f"node {self.name} exited while booting; its output ({self.log}):\n{self.tail()}"
                )
            if port_in_use(self.port):
                try:
                    self.ctl("await_startup", timeout=30)
                    return
                except ClusterError:
                    pass
            if time.monotonic() > deadline:
                raise ClusterError(
                    f"node {self.name} did not boot in {timeout:.0f}s (a busy machine? try again); "
                    f"its output ({self.log}):\n{self.tail()}"
                )
            time.sleep(0.25)

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


class Cluster:
    """Three nodes in ``directory``; its cookie is kept there, so another process can stop them."""

    def __init__(self, directory: Path | str, first_port: int = FIRST_PORT) -> None:
        self.directory = Path(directory)
        cookie_file = self.directory / "cookie"
        cookie = cookie_file.read_text().strip() if cookie_file.exists() else secrets.token_hex(16).upper()
        self.cookie = cookie
        self.nodes = [Node(i, first_port + i, self.directory / f"node{i + 1}", cookie) for i in range(NODES)]

    @property
    def urls(self) -> list[str]:
        return [node.url for node in self.nodes]

    def start(self) -> Cluster:
        """Boot the three nodes in parallel, then join the second and third to the first."""
        missing = RABBITMQ_BIN / "rabbitmq-server"
        if not missing.exists():
            raise ClusterError(
                f"{missing} not found: install RabbitMQ (apt-get install rabbitmq-server), or set "
                f"CARROT_CLUSTER_RABBITMQ_BIN to the directory of its rabbitmq-server script"
            )
        running = [node.name for node in self.nodes if node.alive()]
        if running:
            raise ClusterError(
                f"{', '.join(running)} already running in {self.directory}: stop them first "
                f"(`python -m tests.cluster.rabbit stop {self.directory}`)"
            )
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "cookie").write_text(self.cookie)
        started = time.monotonic()
        try:
            for node in self.nodes:
                node.prepare()
                node.start()
            for node in self.nodes:
                node.wait_booted()
            booted = time.monotonic()
            first = self.nodes[0]
            for node in self.nodes[1:]:
                node.ctl("stop_app")
                node.ctl("join_cluster", first.name)
                node.ctl("start_app")
            self.wait_members(NODES)
        except BaseException:
            self.stop()
            raise
        self.timings = (booted - started, time.monotonic() - booted)
        return self

    def members(self, via: Node | None = None) -> list[str]:
        """The running members, as the first running node (or ``via``) sees them."""
        for node in [via] if via else self.nodes:
            if node is None or not node.alive():
                continue
            with contextlib.suppress(ClusterError, json.JSONDecodeError):
                status = json.loads(node.ctl("cluster_status", "--formatter", "json"))
                return sorted(status.get("running_nodes", []))
        return []

    def wait_members(self, count: int, timeout: float = BOOT_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while len(self.members()) < count:
            if time.monotonic() > deadline:
                raise ClusterError(
                    f"the cluster has {self.members()} running, not {count} nodes, after {timeout:.0f}s"
                )
            time.sleep(0.25)

    def restart(self, node: Node) -> None:
        """Start a killed node again: it rejoins the cluster from its data directory."""
        node.start()
        node.wait_booted()

    def stop(self) -> None:
        """Kill every node's processes (the data directories stay, for :meth:`start` to reuse)."""
        for node in self.nodes:
            node.kill(signal.SIGKILL)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def status(self) -> str:
        lines = [
            f"{node.name} amqp://127.0.0.1:{node.port} "
            f"{'running, pid ' + str(node.pid()) if node.alive() else 'not running'}"
            for node in self.nodes
        ]
        lines.append(f"running members: {', '.join(self.members()) or 'none'}")
        return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop", "status"):
        print("usage: python -m tests.cluster.rabbit start|stop|status DIR", file=sys.stderr)
        return 2
    command, directory = argv
    cluster = Cluster(directory)
    if command == "start":
        try:
            cluster.start()
        except ClusterError as exc:
            print(f"the cluster did not start: {exc}", file=sys.stderr)
            return 1
        boot, join = cluster.timings
        print(f"booted in {boot:.1f}s, clustered in {join:.1f}s")
        print("\n".join(cluster.urls))
    elif command == "stop":
        cluster.stop()
    print(cluster.status())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
