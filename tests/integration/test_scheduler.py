"""The scheduler: due tasks published once, even with several services; edits take effect quickly."""

import datetime
import threading
import time

import pytest
from django.db import connections, transaction
from django.utils import timezone

from carrot import scheduler
from carrot.models import MessageLog, ScheduledTask
from carrot.publishing import run_now
from carrot.service import Service
from carrot.utilities import create_scheduled_task, publish_message
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def make_due(scheduled, seconds_ago=0.0):
    """Due ``seconds_ago``, its :func:`~carrot.scheduler.spread` included."""
    ago = datetime.timedelta(seconds=seconds_ago) + scheduler.spread(scheduled.pk, scheduled.interval)
    ScheduledTask.objects.filter(pk=scheduled.pk).update(next_run_at=timezone.now() - ago)


def two_services_at_once(work):
    """Run ``work`` in two threads (as two services would) started together; their results."""
    counts: list[int] = []
    barrier = threading.Barrier(2)

    def one_service():
        try:
            barrier.wait()
            counts.append(work())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_service) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def test_new_task_is_first_due_one_interval_from_now():
    before = timezone.now()
    scheduled = create_scheduled_task(tasks.noop, {"minutes": 2})
    assert before + datetime.timedelta(minutes=2) <= scheduled.next_run_at


def test_changing_the_interval_reschedules_and_other_edits_do_not():
    scheduled = create_scheduled_task(tasks.noop, {"days": 1})
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.interval_type = "seconds"
    scheduled.save()
    assert scheduled.next_run_at <= timezone.now() + datetime.timedelta(seconds=1)
    untouched = scheduled.next_run_at
    scheduled.task_args = [1]
    scheduled.save()
    assert scheduled.next_run_at == untouched


def test_reactivating_schedules_the_next_run_one_interval_from_now_and_the_scheduler_runs_it(purge_queues):
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 30})
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.active = False
    scheduled.save()
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)  # its run fell due while it was off
    ScheduledTask.objects.filter(pk=scheduled.pk).update(next_run_at=an_hour_ago)
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.active = True
    before = timezone.now()
    scheduled.save()
    after = timezone.now()
    stored = ScheduledTask.objects.get(pk=scheduled.pk).next_run_at
    assert before + scheduled.interval <= stored <= after + scheduled.interval
    assert scheduler.publish_due(after) == 0  # not replayed at once
    assert scheduler.publish_due(stored) == 1
    assert MessageLog.objects.get().task == "tests.tasks.noop"


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
    counts = two_services_at_once(scheduler.publish_due)
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


def test_a_service_with_scheduler_enabled_false_publishes_no_scheduled_run(settings, purge_queues):
    settings.CARROT = {**settings.CARROT, "scheduler_enabled": False}
    scheduled = create_scheduled_task(tasks.noop, {"seconds": 1}, task_name="scheduler-off")
    make_due(scheduled)
    running = Service()
    running.start()
    try:
        wait_for(lambda: all(c.consuming.is_set() for c in running.consumers), what="consumers to start")
        log = publish_message(tasks.add, 1, 2)  # the service is up and running tasks
        wait_for(lambda: MessageLog.objects.filter(pk=log.pk, status="COMPLETED").exists(), what="a task")
        time.sleep(2 * scheduler.MAX_SLEEP)  # a scheduler publishes a due task on its first look
        threads = {thread.name for thread in threading.enumerate()}
    finally:
        running.stop()
    assert not MessageLog.objects.filter(task="tests.tasks.noop").exists()
    assert ScheduledTask.objects.get(pk=scheduled.pk).last_run_at is None
    assert "scheduler" not in threads


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


def test_a_batch_of_due_tasks_is_claimed_with_one_update_and_published_together(purge_queues):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(scheduler.BATCH + 20):
        create_scheduled_task(tasks.noop, {"seconds": 30}, task_name=f"batch{index}")
    ScheduledTask.objects.update(next_run_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        assert scheduler.publish_due() == scheduler.BATCH
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    assert scheduler.publish_due() == 20
    assert scheduler.publish_due() == 0
    assert MessageLog.objects.count() == scheduler.BATCH + 20


def test_each_task_of_a_batch_moves_forward_by_its_own_interval(purge_queues):
    seconds = create_scheduled_task(tasks.noop, {"seconds": 30}, task_name="thirty")
    minutes = create_scheduled_task(tasks.noop, {"minutes": 5}, task_name="five-minutes")
    due = timezone.now()
    ScheduledTask.objects.update(next_run_at=due)
    now = due + scheduler.SPREAD
    assert scheduler.publish_due(now) == 2
    seconds.refresh_from_db()
    minutes.refresh_from_db()
    assert seconds.next_run_at == due + datetime.timedelta(seconds=30)
    assert minutes.next_run_at == due + datetime.timedelta(minutes=5)
    assert seconds.last_run_at == minutes.last_run_at == now


def test_a_batch_partly_claimed_elsewhere_publishes_only_the_rest(purge_queues, monkeypatch):
    for index in range(5):
        make_due(create_scheduled_task(tasks.noop, {"seconds": 60}, task_name=f"race{index}"))
    now = timezone.now()
    stale = list(ScheduledTask.objects.order_by("pk"))
    pks = [task.pk for task in stale]
    assert scheduler.claim(stale[0], now)  # another service wins the first one after our read
    monkeypatch.setattr(scheduler, "_due", lambda now, pks, lock: stale)
    claimed = scheduler.claim_due(now, pks)
    assert [task.pk for task in claimed] == pks[1:]
    assert not scheduler.claim_due(now, pks)  # all moved forward: nothing left to win


def test_a_batch_wholly_claimed_elsewhere_costs_one_update(purge_queues, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for index in range(5):
        make_due(create_scheduled_task(tasks.noop, {"seconds": 60}, task_name=f"lost{index}"))
    now = timezone.now()
    stale = list(ScheduledTask.objects.order_by("pk"))
    assert len(scheduler.claim_due(now, [task.pk for task in stale])) == 5  # the other service
    monkeypatch.setattr(scheduler, "_due", lambda now, pks, lock: stale)
    with CaptureQueriesContext(connection) as queries:
        assert scheduler.claim_due(now, [task.pk for task in stale]) == []
    assert sum(q["sql"].startswith("UPDATE") for q in queries.captured_queries) == 1


def test_an_unpublishable_task_does_not_hold_back_the_rest_of_its_batch(purge_queues, caplog):
    for index in range(3):
        make_due(create_scheduled_task(tasks.noop, {"seconds": 60}, task_name=f"mixed{index}"))
    ScheduledTask.objects.filter(task_name="mixed1").update(task="tests.tasks.not_registered")
    assert scheduler.publish_due() == 2
    assert MessageLog.objects.count() == 2
    assert "'mixed1' could not be published" in caplog.text


def test_two_schedulers_publish_several_batches_exactly_once(purge_queues):
    count = 2 * scheduler.BATCH + 100
    ScheduledTask.objects.bulk_create(
        ScheduledTask(
            task="tests.tasks.noop", task_name=f"herd{i}", interval_type="minutes", content={"i": i}
        )
        for i in range(count)
    )
    ScheduledTask.objects.update(next_run_at=timezone.now() - scheduler.SPREAD)

    def until_none_due():
        published = 0
        while batch := scheduler.publish_due():
            published += batch
        return published

    counts = two_services_at_once(until_none_due)
    assert sum(counts) == count
    assert MessageLog.objects.count() == count
    assert len({log.content["i"] for log in MessageLog.objects.all()}) == count


def test_runs_of_minute_tasks_are_spread_by_a_fixed_offset_and_published_on_their_due_time(purge_queues):
    nominal = timezone.now()
    for index in range(20):
        create_scheduled_task(tasks.noop, {"minutes": 1}, task_name=f"spread{index}")
    ScheduledTask.objects.update(next_run_at=nominal)
    offsets = {task.pk: scheduler.spread(task.pk, task.interval) for task in ScheduledTask.objects.all()}
    assert all(datetime.timedelta(0) <= offset < scheduler.SPREAD for offset in offsets.values())
    assert len(set(offsets.values())) == 20
    assert scheduler.publish_due(nominal) == sum(1 for offset in offsets.values() if not offset)
    halfway = nominal + scheduler.SPREAD / 2
    ready = sum(1 for offset in offsets.values() if offset <= scheduler.SPREAD / 2)
    assert scheduler.publish_due(halfway) == ready
    assert 0 < ready < 20
    assert scheduler.publish_due(nominal + scheduler.SPREAD) == 20 - ready
    for task in ScheduledTask.objects.all():  # the next run keeps the nominal grid: no drift
        assert task.next_run_at == nominal + datetime.timedelta(minutes=1)
    assert scheduler.spread(7, datetime.timedelta(seconds=59)) == datetime.timedelta(0)


def test_a_spread_of_zero_runs_every_task_on_its_due_time(settings):
    settings.CARROT = {**settings.CARROT, "scheduler_spread_seconds": 0}
    assert scheduler.spread(7, datetime.timedelta(hours=1)) == datetime.timedelta(0)
    settings.CARROT = {**settings.CARROT, "scheduler_spread_seconds": 30}
    assert (
        datetime.timedelta(0)
        < scheduler.spread(7, datetime.timedelta(hours=1))
        < datetime.timedelta(seconds=30)
    )


def test_the_loop_sleeps_until_the_next_spread_run_not_a_whole_second():
    now = timezone.now()
    planned = [(now - datetime.timedelta(seconds=1), 1), (now + datetime.timedelta(seconds=0.3), 2)]
    assert scheduler.seconds_until_next(now, planned) == pytest.approx(0.3)
    assert scheduler.seconds_until_next(now, []) == scheduler.MAX_SLEEP
    soon = [(now + datetime.timedelta(microseconds=10), 3)]
    assert scheduler.seconds_until_next(now, soon) == scheduler.MIN_SLEEP


@pytest.mark.django_db(transaction=True)
def test_saving_a_schedule_waits_for_another_writer_instead_of_failing():
    """On SQLite a transaction that reads before it writes fails at once ("database is locked") when
    another connection is writing; saving a schedule (an update or create) waits for it instead."""
    create_scheduled_task(tasks.add, {"hours": 1}, task_name="nightly", a=1, b=2)
    writing, finished = threading.Event(), threading.Event()

    def other_writer() -> None:
        try:
            with transaction.atomic():
                ScheduledTask.objects.filter(task_name="nightly").update(queue="default")  # the write lock
                writing.set()
                time.sleep(1.0)
        finally:
            connections.close_all()
            finished.set()

    threading.Thread(target=other_writer).start()
    assert writing.wait(10)
    create_scheduled_task(tasks.add, {"hours": 2}, task_name="nightly", a=1, b=2)
    assert finished.is_set()  # it waited for the other writer's commit
    assert ScheduledTask.objects.get(task_name="nightly").interval_count == 2
