"""The scheduler: due tasks published once, even with several services; edits take effect quickly."""

import datetime
import threading
import time

import pytest
from django.db import connections
from django.utils import timezone

from carrot import scheduler
from carrot.models import MessageLog, ScheduledTask
from carrot.publishing import run_now
from carrot.utilities import create_scheduled_task
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def make_due(scheduled, seconds_ago=0.0):
    ScheduledTask.objects.filter(pk=scheduled.pk).update(
        next_run_at=timezone.now() - datetime.timedelta(seconds=seconds_ago)
    )


def test_new_task_is_first_due_one_interval_from_now():
    before = timezone.now()
    scheduled = create_scheduled_task(tasks.noop, {"minutes": 2})
    assert before + datetime.timedelta(minutes=2) <= scheduled.next_run_at


def test_changing_the_interval_or_reactivating_reschedules():
    scheduled = create_scheduled_task(tasks.noop, {"days": 1})
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.interval_type = "seconds"
    scheduled.save()
    assert scheduled.next_run_at <= timezone.now() + datetime.timedelta(seconds=1)
    untouched = scheduled.next_run_at
    scheduled.task_args = [1]
    scheduled.save()
    assert scheduled.next_run_at == untouched


def test_due_task_is_published_and_moved_forward(purge_queues):
    scheduled = create_scheduled_task(tasks.add, {"seconds": 30}, task_args=(1, 2), queue="other")
    make_due(scheduled)
    assert scheduler.publish_due() == 1
    log = MessageLog.objects.get()
    assert (log.task, log.args, log.queue) == ("tests.tasks.add", [1, 2], "other")
    scheduled.refresh_from_db()
    assert scheduled.last_run_at is not None
    assert scheduled.next_run_at > timezone.now() + datetime.timedelta(seconds=25)
    assert scheduler.publish_due() == 0


def test_missed_runs_are_skipped_not_replayed(purge_queues):
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 10})
    make_due(scheduled, seconds_ago=3600)
    assert scheduler.publish_due() == 1
    scheduled.refresh_from_db()
    assert scheduled.next_run_at > timezone.now()


def test_inactive_tasks_are_not_published(purge_queues):
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 10})
    ScheduledTask.objects.filter(pk=scheduled.pk).update(active=False)
    make_due(scheduled)
    assert scheduler.publish_due() == 0


def test_two_schedulers_at_once_publish_each_due_task_once(purge_queues):
    for index in range(40):
        make_due(create_scheduled_task(tasks.noop, {"seconds": 60}, task_name=f"t{index}"))
    counts: list[int] = []
    barrier = threading.Barrier(2)

    def one_service():
        try:
            barrier.wait()
            counts.append(scheduler.publish_due())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_service) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 40
    assert MessageLog.objects.count() == 40
    assert MessageLog.objects.values("task").distinct().count() == 1


def test_scheduler_thread_publishes_on_time_and_edits_take_effect_within_two_seconds(service):
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 1}, task_name="every-second")
    wait_for(
        lambda: MessageLog.objects.filter(task="tests.tasks.noop").count() >= 2, timeout=5, what="two runs"
    )
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.active = False
    scheduled.save()
    at_edit = MessageLog.objects.count()
    time.sleep(2)  # the loop re-reads the table every second; a run claimed just before may land
    after_edit = MessageLog.objects.count()
    assert after_edit <= at_edit + 1
    time.sleep(2)
    assert MessageLog.objects.count() == after_edit


def test_deleting_a_scheduled_task_stops_it_within_two_seconds(service):
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 1}, task_name="short-lived")
    wait_for(lambda: MessageLog.objects.exists(), timeout=5, what="a first run")
    scheduled.delete()
    time.sleep(2)
    after_delete = MessageLog.objects.count()
    time.sleep(2)
    assert MessageLog.objects.count() == after_delete


def test_run_now_publishes_immediately_and_keeps_the_schedule(service):
    scheduled = create_scheduled_task(tasks.add, {"days": 1}, task_args=(20, 1))
    next_run = ScheduledTask.objects.get(pk=scheduled.pk).next_run_at
    log = run_now(scheduled)
    assert log.status == "PUBLISHED" and log.task == "tests.tasks.add"
    done = wait_for(lambda: MessageLog.objects.filter(pk=log.pk, status="COMPLETED").first(), what="run now")
    assert done.output == "21"
    assert ScheduledTask.objects.get(pk=scheduled.pk).next_run_at == next_run
