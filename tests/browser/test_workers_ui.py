"""The Workers tab: each service with its state, queues, heartbeat and what it runs now; a lost
service's tasks shown orphaned, saying where their messages are, with "Publish again" only for one
whose message is gone."""

from __future__ import annotations

import datetime
import os
import re
import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import MessageLog, Worker
from carrot.utilities import publish_message
from tests import tasks
from tests.browser.conftest import screenshot
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def lost_service(**queues: int) -> Worker:
    """The row of a service that died a minute ago."""
    long_ago = timezone.now() - datetime.timedelta(minutes=1)
    return Worker.objects.create(
        ident=str(uuid.uuid4()),
        host="gone-box",
        pid=4242,
        version="2.0.0",
        queues=[{"name": name, "concurrency": n} for name, n in queues.items()],
        started=long_ago,
        heartbeat=long_ago,
        heartbeat_seconds=1,
    )


def orphan(worker: Worker, queue: str) -> MessageLog:
    """A task ``worker`` held IN_PROGRESS on ``queue`` when it died."""
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.noop",
        queue=queue,
        routing_key=queue,
        status=MessageLog.IN_PROGRESS,
        worker=f"{worker}:{queue}-1",
        start_time=worker.started + datetime.timedelta(seconds=1),
    )


def test_workers_tab_shows_services_what_they_run_and_orphans(monitor: str, page: Any, tmp_path: Any) -> None:
    dead = lost_service(idle=1, other=1)
    waiting = orphan(dead, "idle")
    publish_message(tasks.add, 1, 2, queue="idle")  # queue idle holds a message: the orphan's, it seems
    gone = orphan(dead, "other")  # queue other is empty and its only consumer idle: the message is gone
    running = publish_message(tasks.sleep, 6, str(tmp_path / "runs"))
    wait_for(lambda: MessageLog.objects.get(pk=running.pk).status == MessageLog.IN_PROGRESS, what="the run")

    page.goto(monitor + "workers")
    alive = page.get_by_test_id("worker-row").and_(page.locator("[data-state=ALIVE]"))
    lost = page.get_by_test_id("worker-row").and_(page.locator("[data-state=LOST]"))
    expect(alive.get_by_test_id("worker-state")).to_have_text("Alive")
    expect(alive.get_by_test_id("worker-queue")).to_have_text(["default \u00d72", "other \u00d71"])
    expect(alive.get_by_test_id("worker-task-link")).to_have_text("tests.tasks.sleep")
    expect(lost.get_by_test_id("worker-state")).to_have_text("Lost")
    expect(lost).to_contain_text("gone-box:4242")
    expect(lost.get_by_test_id("orphan-count")).to_have_text("2 orphaned")
    in_queue = lost.locator("[data-whereabouts=IN_QUEUE]")
    expect(in_queue).to_contain_text("Its message went back to queue idle (1 waiting)")
    expect(in_queue.get_by_test_id("publish-orphan")).to_have_count(0)
    expect(lost.locator("[data-whereabouts=GONE]")).to_contain_text("its message is gone")
    screenshot(page, "workers")

    lost.locator("[data-whereabouts=GONE]").get_by_test_id("publish-orphan").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Published the orphaned task again")
    wait_for(
        lambda: MessageLog.objects.get(pk=gone.pk).status == MessageLog.COMPLETED, what="the orphan to run"
    )
    expect(lost.get_by_test_id("orphan-count")).to_have_text("1 orphaned")

    # A task opens its detail; an orphan's detail says where its message is.
    alive.get_by_test_id("worker-task-link").click()
    expect(page).to_have_url(re.compile(f"/queued\\?selected={running.uuid}"))
    page.goto(f"{monitor}queued?selected={waiting.uuid}")
    expect(page.get_by_test_id("orphan")).to_contain_text("Orphaned: its service gone-box:4242 is lost")
    expect(page.get_by_test_id("orphan-explanation")).to_contain_text("went back to queue idle")
    expect(page.get_by_test_id("publish-orphan")).to_have_count(0)


def test_a_service_is_made_quiet_and_takes_tasks_again_from_its_row(monitor: str, page: Any) -> None:
    page.goto(monitor + "workers")
    row = page.get_by_test_id("worker-row").and_(page.locator(f"[data-pid='{os.getpid()}']"))
    row.get_by_test_id("worker-quiet").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("to take no new tasks")
    expect(row.get_by_test_id("worker-state")).to_have_text("Quiet")
    assert Worker.objects.get(pid=os.getpid(), stopped__isnull=True).quiet
    row.get_by_test_id("worker-quiet").click()
    expect(row.get_by_test_id("worker-state")).to_have_text("Alive")
    assert not Worker.objects.get(pid=os.getpid(), stopped__isnull=True).quiet
