"""What Linux's ``/proc`` says about groups of processes: their trees, CPU time, memory and TCP connections.

Standard library only, like :mod:`common`: the system scripts import it inside each peer's venv.

CPU time of a group is read as a counter that survives processes exiting: for every live process of
the group's trees, its own user and system time plus that of the children it has reaped (``cutime``,
``cstime``). A child that exits between two readings moves its whole time into its parent's
``cutime``, so the difference of two readings is the CPU the group used in between, short-lived
processes included (a PostgreSQL backend that served one task, a Celery pool child), as long as the
roots themselves live through both readings.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants that are alive now (an empty list once ``pid`` is gone)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            tasks = list(Path(f"/proc/{current}/task").iterdir())
            children = [int(child) for task in tasks for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        found.append(current)
        pending += children
    return found


def _stat(pid: int) -> list[str]:
    """The fields of ``/proc/<pid>/stat`` after the command name (state, ppid, ...)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def parent(pid: int) -> int:
    """The parent process of ``pid``."""
    return int(_stat(pid)[1])


def _ticks(pid: int, reaped: bool = True) -> int:
    """The process's CPU time in clock ticks, with its reaped children's unless told (0 once gone)."""
    try:
        fields = _stat(pid)
    except OSError:
        return 0
    return sum(int(value) for value in fields[11 : 15 if reaped else 13])  # utime, stime, cutime, cstime


def rss_kb(roots: Iterable[int]) -> int:
    """Resident memory of the trees of ``roots``, in kB (0 once they are gone)."""
    total = 0
    for pid in (member for root in roots for member in tree(root)):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        except (OSError, StopIteration, ValueError):
            continue
    return total


def cpu_seconds(roots: Iterable[int]) -> float:
    """CPU seconds used so far by the trees of ``roots`` (see the module's docstring)."""
    return sum(_ticks(pid) for root in roots for pid in tree(root)) / TICKS_PER_SECOND


class Followed:
    """CPU seconds of a changing set of processes that are not ours to wait for (a database's backends),
    each followed from the first :meth:`poll` that finds it.

    Those found by :meth:`start` count from then; those found later count from zero (they began
    after it). One that exits between two polls keeps what it had used at the last: a process that
    lives for less than a poll is missed.
    """

    def __init__(self, find: Callable[[], Iterable[int]]) -> None:
        self._find = find
        self._baseline: dict[int, int] = {}
        self._last: dict[int, int] = {}

    def _read(self) -> dict[int, int]:
        return {pid: _ticks(pid, reaped=False) for pid in self._find()}

    def start(self) -> None:
        self._baseline = self._read()
        self._last = dict(self._baseline)

    def poll(self) -> None:
        for pid, ticks in self._read().items():
            self._baseline.setdefault(pid, 0)
            self._last[pid] = max(self._last.get(pid, 0), ticks)

    def seconds(self) -> float:
        return sum(self._last[pid] - self._baseline[pid] for pid in self._last) / TICKS_PER_SECOND


def machine_seconds() -> tuple[float, float]:
    """CPU seconds the whole machine (all cores) has spent busy, and idle waiting for the disk."""
    values = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, iowait, irq, softirq, steal = values[:8]
    return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND, iowait / TICKS_PER_SECOND


def read_cpu(groups: Mapping[str, Iterable[int]]) -> dict[str, float]:
    """:func:`cpu_seconds` of each group of roots, and the machine's ``busy`` and ``iowait``
    (:func:`machine_seconds`)."""
    busy, iowait = machine_seconds()
    return {**{name: cpu_seconds(roots) for name, roots in groups.items()}, "machine": busy, "iowait": iowait}


def _socket_inodes(pids: Iterable[int]) -> set[str]:
    inodes = set()
    for pid in pids:
        try:
            links = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        inodes.update(link[8:-1] for link in links if link.startswith("socket:["))
    return inodes


def tcp_connections(roots: Iterable[int], ports: Iterable[int]) -> int:
    """Established TCP connections (IPv4 and IPv6) from the trees of ``roots`` to any of ``ports``."""
    inodes = _socket_inodes(pid for root in roots for pid in tree(root))
    wanted = {f"{port:04X}" for port in ports}
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            remote_port, state, inode = fields[2].rsplit(":", 1)[1], fields[3], fields[9]
            count += state == "01" and remote_port in wanted and inode in inodes
    return count
