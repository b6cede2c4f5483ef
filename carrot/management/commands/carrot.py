"""``manage.py carrot``: run the consumers and the scheduler in the foreground until SIGTERM/SIGINT."""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from pika.exceptions import AMQPConnectionError

from carrot import broker, database_checks, logsetup
from carrot.errors import CarrotError
from carrot.service import Service

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def add_service_arguments(parser: ArgumentParser) -> None:
    """The options shared by ``carrot`` and ``carrot_daemon``."""
    parser.add_argument("--no-scheduler", action="store_true", help="Do not run the scheduler here.")
    parser.add_argument("--loglevel", default="INFO", type=str.upper, choices=LEVELS)
    parser.add_argument("-l", "--logfile", default=None, help="Log to this file instead of stdout.")


class Command(BaseCommand):
    help = "Run the django-carrot service: consumers for every consumable queue, and the scheduler."

    def add_arguments(self, parser: ArgumentParser) -> None:
        add_service_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        logsetup.configure(options["loglevel"], options["logfile"])
        problem = database_checks.upgrade_problem()
        if problem:
            raise CommandError(problem)
        try:
            service = Service(scheduler=not options["no_scheduler"])
            for queue in {q.broker: q for q in service.settings.queues if q.consumable}.values():
                try:
                    broker.connect(queue.broker).close()
                except AMQPConnectionError as exc:
                    raise CommandError(broker.unreachable_message(queue.broker, exc)) from None
        except CarrotError as exc:
            raise CommandError(str(exc)) from None
        logging.getLogger("carrot.service").info("Starting the carrot service\n%s", service.describe())
        service.run_until_signalled()
