"""Create scheduled tasks as 1.5 users did: ``create_scheduled_task``, and the monitor's serializer."""

import json

from carrot.api import ScheduledTaskSerializer
from django.core.management.base import BaseCommand, CommandError

from carrot.utilities import create_scheduled_task
from tests.upgrade import fleet

TASK = "tests.upgrade.onefive.tasks.record_run"


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
