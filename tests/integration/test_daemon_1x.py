"""A bare ``carrot_daemon stop|status|restart`` finds a service that django-carrot 1.x's ``carrot_daemon
start`` recorded in 1.x's default pid file, when ours records none.

The 1.x service is a real process whose pid is written where 1.x wrote it; the tests point
``LEGACY_PIDFILE`` at a file of their own, so that they never touch the machine's ``/var/run``.
"""

import contextlib
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from carrot import daemon
from tests.conftest import wait_for

SERVICE_1X = "import signal, time; signal.signal(signal.SIGTERM, lambda *_: exit(0)); time.sleep(120)"
"""Stands in for 1.x's service: stops on SIGTERM, as it did."""


def detached_service() -> int:
    """Start :data:`SERVICE_1X` as 1.x's daemon left it, no child of ours (so never our zombie)."""
    started = subprocess.run(
        ["sh", "-c", '"$0" -c "$1" >/dev/null 2>&1 & echo $!', sys.executable, SERVICE_1X],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(started.stdout)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def test_the_1x_default_is_the_pid_file_1x_wrote():
    assert Path("/var/run/carrot.pid") == daemon.LEGACY_PIDFILE


@pytest.fixture
def service_1x(tmp_path, monkeypatch):
    legacy = tmp_path / "var-run" / "carrot.pid"
    legacy.parent.mkdir()
    monkeypatch.setattr(daemon, "LEGACY_PIDFILE", legacy)
    project = tmp_path / "project"
    project.mkdir()
    monkeypatch.chdir(project)
    pid = detached_service()
    legacy.write_text(f"{pid}\n")
    yield pid
    kill(pid)


def carrot_daemon(*args):
    out = io.StringIO()
    call_command("carrot_daemon", *args, stdout=out)
    return out.getvalue()


def test_status_finds_the_1x_service_and_says_so(service_1x):
    said = carrot_daemon("status")
    assert f"using the pid file of django-carrot 1.x, {daemon.LEGACY_PIDFILE}" in said
    assert f"carrot is running with pid {service_1x}" in said
    assert alive(service_1x)


def test_stop_stops_the_1x_service(service_1x):
    said = carrot_daemon("stop", "--timeout", "10")
    assert f"using the pid file of django-carrot 1.x, {daemon.LEGACY_PIDFILE}" in said
    assert f"carrot (pid {service_1x}) stopped" in said
    assert not alive(service_1x) and not daemon.LEGACY_PIDFILE.exists()


def test_status_without_either_names_both_pid_files(service_1x):
    kill(service_1x)
    wait_for(lambda: not alive(service_1x), what="the 1.x service to end")
    with pytest.raises(CommandError, match=r"carrot.pid, nor 1\.x's .*var-run/carrot\.pid\)"):
        carrot_daemon("status")


def test_a_given_pidfile_never_falls_back(service_1x):
    with pytest.raises(CommandError, match="not running"):
        carrot_daemon("stop", "--pidfile", "carrot.pid")
    assert alive(service_1x)


def test_our_own_live_pid_file_comes_first(service_1x):
    ours = detached_service()
    try:
        Path(daemon.DEFAULT_PIDFILE).write_text(f"{ours}\n")
        assert carrot_daemon("status") == f"carrot is running with pid {ours}\n"
    finally:
        kill(ours)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("overridden", [False, True], ids=["settings", "inside override_settings"])
def test_restart_replaces_the_1x_service_with_ours(service_1x, purge_queues, monkeypatch, overridden):
    monkeypatch.setenv("CARROT_TEST_SUBPROCESS", "1")  # the service uses this run's database
    # override_settings hides settings.SETTINGS_MODULE (None); the service still gets this run's settings.
    with override_settings(DEBUG=False) if overridden else contextlib.nullcontext():
        said = carrot_daemon("restart", "--no-scheduler")
    assert f"carrot (pid {service_1x}) stopped" in said and not alive(service_1x)
    ours = daemon.read_pid(Path(daemon.DEFAULT_PIDFILE).resolve())
    try:
        assert ours is not None and f"carrot started with pid {ours}" in said
        assert carrot_daemon("status") == f"carrot is running with pid {ours}\n"
    finally:
        if ours is not None:  # our child here (in-process call_command): kill and reap it
            kill(ours)
            os.waitpid(ours, 0)
