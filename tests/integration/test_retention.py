import datetime

import pytest
from django.utils import timezone

from carrot.logs import retention
from carrot.logs.retention import delete_expired_logs
from carrot.models import MessageLog
from carrot.service import Service
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db


def make(status, days_ago, count=1):
    """``count`` logs of ``status`` that ended ``days_ago`` (both end times set, so each status is
    seen to be kept from its own)."""
    when = timezone.now() - datetime.timedelta(days=days_ago)
    MessageLog.objects.bulk_create(
        MessageLog(
            uuid=f"{status}-{days_ago}-{i}", task="t", status=status, completion_time=when, failure_time=when
        )
        for i in range(count)
    )


def test_deletes_only_old_completed_logs_in_batches():
    make("COMPLETED", 4, count=25)
    make("COMPLETED", 1)
    make("FAILED", 10)
    make("PUBLISHED", 10)
    assert delete_expired_logs(3, batch=10) == 25
    assert sorted(MessageLog.objects.values_list("status", flat=True)) == ["COMPLETED", "FAILED", "PUBLISHED"]


def test_failed_logs_are_deleted_by_their_failure_time_only_when_asked():
    make("FAILED", 40, count=3)
    make("FAILED", 10)
    make("COMPLETED", 40)
    assert delete_expired_logs(30, status="FAILED", batch=2) == 3
    assert sorted(MessageLog.objects.values_list("uuid", flat=True)) == ["COMPLETED-40-0", "FAILED-10-0"]
    failed = MessageLog.objects.filter(status="FAILED")
    failed.update(failure_time=timezone.now() - datetime.timedelta(days=1))
    failed.update(completion_time=timezone.now() - datetime.timedelta(days=99))
    assert delete_expired_logs(30, status="FAILED") == 0  # kept from when it failed, not another time


def test_zero_days_keeps_everything():
    make("COMPLETED", 400)
    assert delete_expired_logs(0) == 0
    assert MessageLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_running_service_deletes_expired_logs_by_itself_every_interval(monkeypatch, settings, purge_queues):
    monkeypatch.setattr(retention, "INTERVAL", 0.2)
    settings.CARROT = {**settings.CARROT, "failed_log_retention_days": 30}
    make("COMPLETED", 4, count=3)
    make("FAILED", 31)
    make("COMPLETED", 1)
    running = Service(scheduler=False)
    running.start()
    try:
        wait_for(lambda: MessageLog.objects.count() == 1, what="the clean-up at start")
        make("COMPLETED", 5)  # expired while the service runs
        wait_for(lambda: MessageLog.objects.count() == 1, what="the next clean-up")
    finally:
        running.stop()
    assert MessageLog.objects.get().uuid == "COMPLETED-1-0"
