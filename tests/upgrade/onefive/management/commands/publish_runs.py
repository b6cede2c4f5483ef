"""Publish ``record_run`` tasks with 1.5's ``publish_message``; prints ``<run id> <uuid>`` per task.

Without ``--count`` it publishes until SIGTERM, which ends it between two publishes.
"""

import itertools
import signal
import threading

from django.core.management.base import BaseCommand

from carrot.utilities import publish_message
from tests.upgrade import fleet
from tests.upgrade.onefive.tasks import record_run


class Command(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--ledger", required=True)
        parser.add_argument("--prefix", required=True, help="Run ids are <prefix>-<n>.")
        parser.add_argument("--count", type=int, help="How many (default: until SIGTERM).")
        parser.add_argument("--pause", type=float, default=0.0, help="Seconds between two publishes.")

    def handle(self, *args, **options):
        stopping = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
        numbers = range(options["count"]) if options["count"] is not None else itertools.count()
        for n in numbers:
            if stopping.is_set():
                break
            run_id = f"{options['prefix']}-{n}"
            log = publish_message(record_run, options["ledger"], run_id, queue=fleet.QUEUE)
            self.stdout.write(f"{run_id} {log.uuid}")
            self.stdout.flush()
            stopping.wait(options["pause"])
