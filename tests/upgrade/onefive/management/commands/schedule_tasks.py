"""Create scheduled tasks as 1.5 users did: ``create_scheduled_task``, and the monitor's serializer.

Prints, as JSON by task name, the arguments 1.5's scheduler publishes each task with: 1.5's own
``ScheduledTask.publish`` decides them (its ``publish_message`` is replaced by a recorder meanwhile).
"""

import json
from unittest import mock

from carrot.api import ScheduledTaskSerializer
from django.core.management.base import BaseCommand, CommandError

from carrot.models import ScheduledTask
from carrot.utilities import create_scheduled_task
from tests.upgrade import fleet

TASK = "tests.upgrade.onefive.tasks.record_run"


def published_arguments(scheduled: ScheduledTask) -> dict:
    """The arguments 1.5 publishes ``scheduled`` with, without publishing it."""
    calls = []

    def record(task, *args, priority=0, queue=None, exchange="", routing_key=None, **kwargs):
        calls.append({"args": list(args), "kwargs": kwargs})

    with mock.patch("carrot.utilities.publish_message", record):
        scheduled.publish()
    return calls[0]


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--ledger", required=True)

    def handle(self, *args, **options):
        ledger = options["ledger"]
        create_scheduled_task(
            TASK, {"days": 1}, task_name="daily", queue=fleet.QUEUE, ledger=ledger, run_id="scheduled-daily"
        )
        form = ScheduledTaskSerializer(
            data={
                "task": TASK,
                "task_name": "from the monitor",
                "queue": fleet.QUEUE,
                "interval_type": "hours",
                "interval_count": 12,
                "task_args": f"'{ledger}', 'scheduled-monitor'",
                "content": json.dumps({}),
                "active": True,
            }
        )
        if not form.is_valid():
            raise CommandError(form.errors)
        form.save()
        arguments = {task.task_name: published_arguments(task) for task in ScheduledTask.objects.all()}
        self.stdout.write(json.dumps(arguments))
