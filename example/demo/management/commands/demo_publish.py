"""``manage.py demo_publish``: the demo's tasks and schedule, in one process (scripts/demo.sh)."""

from typing import Any

from django.core.management.base import BaseCommand

from carrot.publishing import flush
from carrot.utilities import create_scheduled_task, publish_message

QUEUE = "carrot-demo"
"""The demo's own queues (example/example/settings.py), never the broker's ``default``."""
EMAILS = "carrot-demo-emails"


class Command(BaseCommand):
    help = "Publish the demo tasks (one divides by zero) and schedule a flaky task every 30 seconds."

    def handle(self, *args: Any, **options: Any) -> None:
        logs = [
            publish_message("demo.tasks.hello", "carrot", queue=QUEUE),
            publish_message("demo.tasks.add", 2, 40, queue=QUEUE),
            publish_message("demo.tasks.send_report", "ops@example.com", ["summary", "queues"], queue=EMAILS),
            publish_message("demo.tasks.divide", 1, 0, queue=QUEUE),
        ]
        flush()  # "Published" only once the broker confirmed them
        for log in logs:
            self.stdout.write(f"Published {log.task} on queue {log.queue!r}")
        create_scheduled_task("demo.tasks.flaky", {"seconds": 30}, "Flaky every 30s", QUEUE, probability=0.3)
        self.stdout.write("Scheduled demo.tasks.flaky every 30 seconds")
