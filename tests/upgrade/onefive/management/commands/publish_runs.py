"""Publish ``record_run`` tasks with 1.5's ``publish_message``; prints ``<run id> <uuid>`` per task."""

import time

from django.core.management.base import BaseCommand

from carrot.utilities import publish_message
from tests.upgrade import fleet
from tests.upgrade.onefive.tasks import record_run


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--ledger", required=True)
        parser.add_argument("--prefix", required=True, help="Run ids are <prefix>-<n>.")
        parser.add_argument("--count", type=int, required=True)
        parser.add_argument("--pause", type=float, default=0.0, help="Seconds between two publishes.")

    def handle(self, *args, **options):
        for n in range(options["count"]):
            run_id = f"{options['prefix']}-{n}"
            log = publish_message(record_run, options["ledger"], run_id, queue=fleet.QUEUE)
            self.stdout.write(f"{run_id} {log.uuid}")
            self.stdout.flush()
            time.sleep(options["pause"])
