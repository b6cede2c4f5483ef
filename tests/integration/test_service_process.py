"""The ``carrot`` service as a process, as an operator runs it: start-up, SIGTERM, SIGKILL, daemon."""

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import subprocess_env, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

MANAGE = [sys.executable, "-m", "django"]


def start_service(*args, env=None):
    process = subprocess.Popen(
        [*MANAGE, "carrot", *args],
        env=env or subprocess_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return process


def wait_consuming(process, queues=3):
    """Wait until every consumer of the subprocess says it is consuming; returns what it printed."""
    lines = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("service exited:\n" + "".join(lines))
        lines.append(line)
        if sum("consuming" in seen for seen in lines) >= queues:
            return "".join(lines)
    raise AssertionError("service did not start:\n" + "".join(lines))


def stop(process, sig=signal.SIGTERM, timeout=30):
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()


def status_of(log):
    return MessageLog.objects.filter(uuid=log.uuid).values_list("status", flat=True).first()


def test_start_up_says_broker_queues_and_concurrency_without_password(purge_queues):
    process = start_service("--no-scheduler")
    try:
        output = wait_consuming(process)
    finally:
        assert stop(process) == 0
    assert "queue 'default' on amqp://guest:***@127.0.0.1:5672/carrot-test-" in output
    assert "2 consumer(s)" in output and "queue 'other'" in output and "scheduler: off" in output
    assert "guest:guest" not in output


def test_unreachable_broker_at_start_is_a_clear_error():
    env = subprocess_env(CARROT_TEST_BROKER_OVERRIDE="amqp://guest:pw@127.0.0.1:1/%2F")
    result = subprocess.run([*MANAGE, "carrot"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Cannot reach RabbitMQ at amqp://guest:***@127.0.0.1:1/%2F" in result.stderr
    assert "rabbitmq-server -detached" in result.stderr


def test_sigterm_finishes_running_tasks_and_requeues_prefetched_ones(purge_queues, tmp_path):
    """The running task completes; the prefetched ones go back to the queue and run once, later."""
    other = get_settings().queue("other")  # concurrency 1, prefetch 3
    marker = {name: str(tmp_path / name) for name in ("running", "waiting-0", "waiting-1")}
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process)
        running = publish_message(tasks.sleep, 2, marker["running"], queue="other")
        waiting = [publish_message(tasks.sleep, 0, marker[f"waiting-{i}"], queue="other") for i in range(2)]
        wait_for(lambda: status_of(running) == "IN_PROGRESS", what="task start")
    finally:
        assert stop(process) == 0
    assert status_of(running) == "COMPLETED"
    assert [status_of(log) for log in waiting] == ["PUBLISHED", "PUBLISHED"]
    assert broker.queue_state(other)[0] == 2  # back in the queue, not run and not lost
    restarted = start_service("--no-scheduler")
    try:
        wait_consuming(restarted)
        wait_for(
            lambda: [status_of(log) for log in waiting] == ["COMPLETED", "COMPLETED"],
            timeout=30,
            what="the requeued tasks to run after the restart",
        )
        wait_for(lambda: broker.queue_state(other)[0] == 0, what="the queue to drain")
        time.sleep(1)  # a second run of any of them would have started by now
    finally:
        assert stop(restarted) == 0
    runs = {name: Path(path).read_text().count("\n") for name, path in marker.items()}
    assert runs == {"running": 1, "waiting-0": 1, "waiting-1": 1}


def test_sigkill_mid_task_redelivers_and_runs_again_on_restart(purge_queues, tmp_path):
    marker = tmp_path / "runs"
    first = start_service("--no-scheduler")
    try:
        wait_consuming(first)
        log = publish_message(tasks.sleep, 3, str(marker))
        wait_for(marker.exists, what="the task to start running")
        # A run's start is saved once it has lasted recorder.START_DELAY.
        wait_for(lambda: status_of(log) == "IN_PROGRESS", what="the start to be saved")
    finally:
        stop(first, signal.SIGKILL)
    second = start_service("--no-scheduler")
    try:
        wait_consuming(second)
        wait_for(lambda: status_of(log) == "COMPLETED", timeout=30, what="the redelivered task")
    finally:
        assert stop(second) == 0
    log.refresh_from_db()
    assert (log.attempts, log.redelivered) == (2, True)
    assert "Redelivered by the broker (attempt 2)" in log.log[0]["message"]
    assert marker.read_text().count("\n") == 2


def test_carrot_daemon_start_status_stop(purge_queues, tmp_path):
    pidfile, logfile = tmp_path / "carrot.pid", tmp_path / "carrot.log"
    common = ["--pidfile", str(pidfile)]

    def daemon(*args):
        return subprocess.run(
            [*MANAGE, "carrot_daemon", *args, *common],
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=90,
        )

    started = daemon("start", "--logfile", str(logfile), "--no-scheduler", "--loglevel", "DEBUG")
    assert started.returncode == 0, started.stderr
    try:
        assert "started with pid" in started.stdout
        assert daemon("status").stdout.startswith("carrot is running with pid")
        assert "already running" in daemon("start", "--logfile", str(logfile)).stderr
        log = publish_message(tasks.add, 2, 3)
        wait_for(lambda: status_of(log) == "COMPLETED", what="the daemon to run a task")
        restarted = daemon("restart", "-l", str(logfile), "--no-scheduler")  # 1.x's short option
        assert restarted.returncode == 0 and "stopped" in restarted.stdout and "started" in restarted.stdout
    finally:
        stopped = daemon("stop", "--hard")  # 1.x's option: SIGKILL, no waiting for running tasks
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    status = daemon("status")
    assert status.returncode == 3 and "not running" in status.stderr
    assert "scheduler: off" in logfile.read_text()
    assert logfile.read_text().count("carrot service stopped") == 1  # the restart's, not the hard stop's
    assert not pidfile.exists()


def test_carrot_send_publishes_from_the_shell(purge_queues):
    result = subprocess.run(
        [
            *MANAGE,
            "carrot_send",
            "tests.tasks.echo",
            "1",
            "'two'",
            "true",
            "{'a': [3]}",
            "--kwargs",
            '{"k": null}',
        ],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    log = MessageLog.objects.get()
    assert (log.args, log.kwargs) == ([1, "two", True, {"a": [3]}], {"k": None})
    assert f"Published tests.tasks.echo as {log.uuid}" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["os.system", "'ls'"], "not registered"),
        (["tests.tasks.echo", "hello"], "quote strings"),
        (["tests.tasks.echo", "--kwargs", "{'a': 1}"], "JSON, not a Python dict"),
        (["tests.tasks.echo", "--queue", "nope"], "Unknown queue 'nope'"),
    ],
)
def test_carrot_send_bad_input_is_a_clear_error(args, fragment):
    result = subprocess.run(
        [*MANAGE, "carrot_send", *args], env=subprocess_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and fragment in result.stderr
    assert MessageLog.objects.count() == 0


def test_carrot_send_to_a_broker_that_is_down_fails_and_leaves_a_failed_log():
    env = subprocess_env(CARROT_TEST_BROKER_OVERRIDE="amqp://guest:guest@127.0.0.1:1/%2F")
    result = subprocess.run(
        [*MANAGE, "carrot_send", "tests.tasks.noop"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "Cannot reach RabbitMQ" in result.stderr
    assert "Published" not in result.stdout
    assert MessageLog.objects.get().status == MessageLog.FAILED


def test_carrot_daemon_stop_when_not_running_and_a_stale_pidfile(tmp_path):
    pidfile = tmp_path / "carrot.pid"

    def daemon(action):
        return subprocess.run(
            [*MANAGE, "carrot_daemon", action, "--pidfile", str(pidfile)],
            env=subprocess_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )

    stopped = daemon("stop")
    assert stopped.returncode == 1 and "carrot is not running" in stopped.stderr
    pidfile.write_text("999999999\n")  # no such process: left behind by a crash
    status = daemon("status")
    assert status.returncode == 3 and "not running" in status.stderr
    assert not pidfile.exists()
