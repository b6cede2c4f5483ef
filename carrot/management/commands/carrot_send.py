"""``manage.py carrot_send <task> [args...]``: publish a registered task from the shell."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from carrot.arguments import parse_cli_value, parse_keyword
from carrot.errors import CarrotError
from carrot.publishing import TaskCall, flush, publish


class Command(BaseCommand):
    help = (
        "Publish a registered task. Each argument is a Python literal or JSON "
        "(quote strings: \"'hello'\"); keyword arguments go in --kwargs as a JSON object."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("task", help="Dotted path of a registered task.")
        parser.add_argument("task_args", nargs="*", metavar="args", help="Positional arguments.")
        parser.add_argument(
            "--kwargs", default="", help='Keyword arguments as JSON, e.g. \'{"to": "a@b.c"}\'.'
        )
        parser.add_argument("--queue", default=None)
        parser.add_argument("--priority", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call = TaskCall(
                task=options["task"],
                args=[parse_cli_value(value) for value in options["task_args"]],
                kwargs=parse_keyword(options["kwargs"]),
                priority=options["priority"],
                queue=options["queue"],
            )
            log = publish(call)
            flush()  # "Published" only once the broker confirmed it
        except CarrotError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Published {log.task} as {log.uuid} on queue {log.queue!r}")
