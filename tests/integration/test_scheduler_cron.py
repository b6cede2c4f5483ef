"""Cron schedules in a time zone, through the scheduler's functions on the real database and broker.

Clock changes are driven with fixed 'now' values (``publish_due(now)``): each wall-clock slot runs once.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from carrot import cron, scheduler
from carrot.errors import CarrotError
from carrot.models import MessageLog, ScheduledTask
from carrot.utilities import create_scheduled_task
from tests import tasks
from tests.conftest import wait_for
from tests.integration.test_scheduler import two_services_at_once

pytestmark = pytest.mark.django_db(transaction=True)

UTC = datetime.timezone.utc
MINUTE = datetime.timedelta(minutes=1)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.fixture
def exact(settings):
    """No spread: runs are published on their slot, so a walk through the clock sees when exactly."""
    settings.CARROT = {**settings.CARROT, "scheduler_spread_seconds": 0}


def cron_task(expression, zone="UTC", name="cron", after=None):
    """A cron task whose next run is its first slot after ``after`` (now by default)."""
    scheduled = create_scheduled_task(tasks.noop, cron=expression, timezone=zone, task_name=name)
    if after is not None:
        first = cron.following(expression, zone, after)
        ScheduledTask.objects.filter(pk=scheduled.pk).update(next_run_at=first)
    return ScheduledTask.objects.get(pk=scheduled.pk)


def walk(start, end, step=MINUTE):
    """Call ``publish_due`` at each ``step`` from ``start`` to ``end``; the moments that published."""
    published, now = [], start
    while now <= end:
        if scheduler.publish_due(now):
            published.append(now)
        now += step
    return published


def test_a_cron_task_is_first_due_at_its_next_slot_in_its_zone():
    before = timezone.now()
    scheduled = cron_task("0 2 * * 1-5", "Europe/Paris")
    after = timezone.now()
    assert cron.following("0 2 * * 1-5", "Europe/Paris", before) <= scheduled.next_run_at
    assert scheduled.next_run_at == cron.following("0 2 * * 1-5", "Europe/Paris", after)
    local = scheduled.next_run_at.astimezone(cron.zone("Europe/Paris"))
    assert (local.hour, local.minute, local.weekday() < 5) == (2, 0, True)
    assert (scheduled.cron, scheduled.timezone) == ("0 2 * * 1-5", "Europe/Paris")


def test_a_cron_task_runs_at_each_slot_and_its_schedule_stays_on_the_slots(purge_queues, exact):
    cron_task("*/15 * * * *", "Asia/Kolkata", after=utc(2026, 1, 5, 8, 50))  # 14:20 in Kolkata
    assert walk(utc(2026, 1, 5, 8, 50), utc(2026, 1, 5, 9, 35)) == [
        utc(2026, 1, 5, 9, 0),  # 14:30 IST
        utc(2026, 1, 5, 9, 15),
        utc(2026, 1, 5, 9, 30),
    ]
    assert MessageLog.objects.filter(task="tests.tasks.noop").count() == 3
    assert ScheduledTask.objects.get().next_run_at == utc(2026, 1, 5, 9, 45)


def test_spring_forward_runs_the_skipped_slot_once_at_the_jump(purge_queues, exact):
    cron_task("30 2 * * *", "Europe/Paris", after=utc(2026, 3, 28, 12))
    # Paris skips 02:00-03:00 on 29 March 2026 (01:00 UTC): the 02:30 slot runs at 03:00 CEST
    assert walk(utc(2026, 3, 28, 23), utc(2026, 3, 30, 1)) == [
        utc(2026, 3, 29, 1, 0),
        utc(2026, 3, 30, 0, 30),
    ]
    assert MessageLog.objects.count() == 2


def test_autumn_back_runs_the_repeated_slot_once(purge_queues, exact):
    cron_task("30 2 * * *", "Europe/Paris", after=utc(2026, 10, 24, 12))
    # Paris lives 02:00-03:00 twice on 25 October 2026 (00:00-02:00 UTC): 02:30 runs at its first pass
    assert walk(utc(2026, 10, 24, 23), utc(2026, 10, 26, 2)) == [
        utc(2026, 10, 25, 0, 30),
        utc(2026, 10, 26, 1, 30),
    ]
    assert MessageLog.objects.count() == 2


def test_back_from_downtime_in_the_repeated_hour_the_slot_already_run_is_not_run_again(purge_queues, exact):
    cron_task("30 2 * * *", "Europe/Paris", after=utc(2026, 10, 23, 12))  # due 24 October, 00:30 UTC
    back = utc(2026, 10, 25, 1, 10)  # 02:10 CET, the second pass; 02:30 CEST was at 00:30 UTC
    assert walk(back, utc(2026, 10, 26, 2)) == [back, utc(2026, 10, 26, 1, 30)]


def test_after_downtime_a_cron_task_runs_once_then_at_its_next_slot(purge_queues):
    scheduled = cron_task("*/10 * * * *", after=utc(2026, 1, 5, 8, 55))  # due 09:00
    back = utc(2026, 1, 5, 10, 3)  # seven slots missed while no service was up
    assert scheduler.publish_due(back) == 1
    assert scheduler.publish_due(back) == 0
    assert MessageLog.objects.count() == 1
    scheduled.refresh_from_db()
    assert (scheduled.next_run_at, scheduled.last_run_at) == (utc(2026, 1, 5, 10, 10), back)


def test_catch_up_runs_each_missed_slot_of_a_cron_task(settings, purge_queues):
    settings.CARROT = {**settings.CARROT, "scheduler_catch_up": True}
    scheduled = cron_task("*/10 * * * *", after=utc(2026, 1, 5, 8, 55))
    back = utc(2026, 1, 5, 10, 3)
    assert scheduler.publish_due(back) == 1  # one task ...
    assert MessageLog.objects.count() == 7  # ... run for 09:00, 09:10, ... 10:00
    scheduled.refresh_from_db()
    assert scheduled.next_run_at == utc(2026, 1, 5, 10, 10)
    assert scheduler.publish_due(back) == 0


def test_catch_up_runs_each_missed_interval_and_is_bounded(settings, purge_queues):
    settings.CARROT = {**settings.CARROT, "scheduler_catch_up": True}
    every_ten = create_scheduled_task(tasks.add, {"seconds": 10}, task_name="ten", task_args=(1, 2))
    every_minute = cron_task("* * * * *", name="minute", after=utc(2026, 1, 4, 23, 59))
    due = utc(2026, 1, 5)
    ScheduledTask.objects.filter(pk=every_ten.pk).update(next_run_at=due)
    assert scheduler.publish_due(due + datetime.timedelta(days=1)) == 2  # a day missed by both
    assert MessageLog.objects.filter(task="tests.tasks.add").count() == scheduler.CATCH_UP_LIMIT
    assert MessageLog.objects.filter(task="tests.tasks.noop").count() == scheduler.CATCH_UP_LIMIT
    every_minute.refresh_from_db()
    assert every_minute.next_run_at == due + datetime.timedelta(days=1, minutes=1)
    ScheduledTask.objects.filter(pk=every_ten.pk).update(next_run_at=due)
    MessageLog.objects.all().delete()
    assert scheduler.publish_due(due + datetime.timedelta(seconds=65)) == 1
    assert MessageLog.objects.count() == 7  # 0 s, 10 s, ... 60 s


def test_cron_runs_are_spread_never_early_and_keep_their_slots(purge_queues):
    slot = utc(2026, 1, 5, 9)
    for index in range(10):
        cron_task("0 * * * *", name=f"hourly{index}", after=slot - MINUTE)
    seconds = cron_task("0 0 * * * *", name="with-seconds", after=slot - MINUTE)
    offsets = [scheduler.spread(task.pk, scheduler.cadence(task.cron, task.interval)) for task in
               ScheduledTask.objects.exclude(pk=seconds.pk)]  # fmt: skip
    assert len(set(offsets)) == 10 and all(datetime.timedelta(0) <= o < scheduler.SPREAD for o in offsets)
    assert scheduler.cadence(seconds.cron, seconds.interval) == datetime.timedelta(0)
    assert scheduler.publish_due(slot - datetime.timedelta(microseconds=1)) == 0  # never early
    assert scheduler.publish_due(slot) == 1 + offsets.count(datetime.timedelta(0))  # the seconds one
    assert scheduler.publish_due(slot + scheduler.SPREAD) == 10 - offsets.count(datetime.timedelta(0))
    assert {task.next_run_at for task in ScheduledTask.objects.all()} == {slot + datetime.timedelta(hours=1)}


def test_two_schedulers_at_once_publish_each_cron_slot_once(purge_queues, exact):
    slot = utc(2026, 1, 5, 9)
    for index in range(30):
        cron_task("0 9 * * *", "UTC", name=f"daily{index}", after=slot - MINUTE)
    counts = two_services_at_once(lambda: scheduler.publish_due(slot))
    assert sum(counts) == 30
    assert MessageLog.objects.count() == 30


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"cron": "61 * * * *"}, "Invalid cron expression '61 * * * *': bad minute"),
        ({"cron": "0 2 * * *", "timezone": "Europe/Pariss"}, "Unknown time zone 'Europe/Pariss'"),
        ({"cron": ""}, "cron must be a cron expression"),
        ({"cron": "* * */20 * 1L"}, "matches no time in the next 50 years"),
        ({"cron": "0 2 * * *", "interval": {"hours": 1}}, "either interval"),
        ({}, "either interval"),
        ({"interval": {"hours": 1}, "timezone": "Europe/Paris"}, "timezone applies to a cron expression"),
    ],
)
def test_bad_schedules_are_refused_and_nothing_is_stored(options, fragment):
    with pytest.raises(CarrotError) as raised:
        create_scheduled_task(tasks.noop, task_name="bad", **options)
    assert fragment in str(raised.value)
    assert not ScheduledTask.objects.exists()


def test_full_clean_names_the_bad_field():
    scheduled = ScheduledTask(
        task="tests.tasks.noop", task_name="bad", cron="0 2 * * * * *", timezone="Nowhere"
    )
    with pytest.raises(ValidationError) as raised:
        scheduled.full_clean()
    assert set(raised.value.message_dict) == {"cron", "timezone"}
    assert "wrong number of fields" in raised.value.message_dict["cron"][0]
    assert "Unknown time zone 'Nowhere'" in raised.value.message_dict["timezone"][0]
    ScheduledTask(
        task="tests.tasks.noop", task_name="good", cron="0 2 * * *", timezone="Asia/Tokyo"
    ).full_clean()
    assert not ScheduledTask.objects.exists()


def test_switching_between_interval_and_cron_reschedules():
    create_scheduled_task(tasks.noop, {"days": 1}, task_name="switch")
    now = timezone.now()
    scheduled = create_scheduled_task(tasks.noop, cron="* * * * *", task_name="switch")
    assert scheduled.next_run_at <= now + MINUTE
    assert (scheduled.cron, scheduled.timezone) == ("* * * * *", "UTC")
    scheduled = create_scheduled_task(tasks.noop, {"hours": 1}, task_name="switch")
    assert scheduled.cron == "" and scheduled.next_run_at >= now + datetime.timedelta(minutes=59)
    scheduled = ScheduledTask.objects.get(pk=scheduled.pk)
    scheduled.cron, scheduled.timezone = "0 0 1 1 *", "Pacific/Kiritimati"
    scheduled.save()
    assert scheduled.next_run_at == cron.following("0 0 1 1 *", "Pacific/Kiritimati", timezone.now())


def test_a_stored_schedule_that_cannot_be_evaluated_runs_its_due_slot_then_is_parked(purge_queues, caplog):
    scheduled = cron_task("0 * * * *", after=utc(2026, 1, 5, 8, 30))
    ScheduledTask.objects.filter(pk=scheduled.pk).update(timezone="Gone/Away")  # around validation
    now = utc(2026, 1, 5, 9, 1)
    assert scheduler.publish_due(now) == 1
    assert ScheduledTask.objects.get().next_run_at is None
    assert "'cron' is parked until it is saved with a valid schedule: Unknown time zone" in caplog.text
    assert scheduler.publish_due(now + datetime.timedelta(days=1)) == 0
    assert MessageLog.objects.count() == 1


def test_the_scheduler_thread_runs_a_cron_task_at_its_slots(service):
    create_scheduled_task(tasks.add, cron="* * * * * *", timezone="America/New_York", task_args=(2, 3))
    wait_for(
        lambda: MessageLog.objects.filter(task="tests.tasks.add", status="COMPLETED").count() >= 2,
        timeout=6,
        what="two runs of an every-second cron task",
    )
    assert {log.output for log in MessageLog.objects.filter(status="COMPLETED")} == {"5"}
