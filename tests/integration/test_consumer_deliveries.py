"""Bounded deliveries: a task that kills its worker each time ends FAILED instead of looping.

The service runs as a subprocess, as an operator runs it, restarted after each death as a supervisor
would.
"""

import subprocess
import sys

import pytest

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.publishing import flush
from carrot.utilities import publish_message
from tests import consumer_tasks
from tests.conftest import subprocess_env, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE = (
    "import django; django.setup(); "
    "from django.core.management import call_command; call_command('carrot', '--no-scheduler')"
)


def run_service_until(ended, output) -> bool:
    """Start the service and wait until it dies (``False``) or ``ended()`` holds (``True``, then stop it)."""
    process = subprocess.Popen(
        [sys.executable, "-c", SERVICE], env=subprocess_env(), stdout=output, stderr=subprocess.STDOUT
    )
    try:
        wait_for(
            lambda: process.poll() is not None or ended(), timeout=60, what="the service to run the task"
        )
        return process.poll() is None
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(30)


def test_a_task_that_kills_its_worker_is_given_up_after_max_deliveries(purge_queues, tmp_path):
    max_deliveries = get_settings().max_deliveries
    log = publish_message(consumer_tasks.kill_own_process)
    flush()

    def given_up() -> bool:
        return MessageLog.objects.filter(pk=log.pk, status=MessageLog.FAILED).exists()

    # The first run dies before its start is saved (the recorder's start delay), so it is not counted:
    # the task runs max_deliveries + 1 times, and the service started after that gives up on it.
    starts = 0
    with (tmp_path / "service.log").open("w") as output:
        while starts <= max_deliveries + 1 and not given_up():
            starts += 1
            run_service_until(given_up, output)
    log.refresh_from_db()
    printed = (tmp_path / "service.log").read_text()
    assert log.status == "FAILED", printed
    assert log.exception == (
        f"Gave up after {max_deliveries} deliveries: each delivery ended without a result "
        "(the worker was killed or lost its connection mid-task)"
    )
    assert (starts, log.attempts) == (max_deliveries + 2, max_deliveries)
    assert broker.queue_state(get_settings().queue("default")) == (0, 0)  # acked, and no consumer left
