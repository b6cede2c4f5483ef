"""``manage.py carrot_import_1x (--url URL | --database-alias NAME) [--dry-run]``: copy 1.x history.

Copies the task logs and scheduled tasks of a django-carrot 1.x database into this project's database
(see :mod:`carrot.importer`). Running it again copies only what is not here yet.
"""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import router

from carrot.importer import Importer, ImportStopped, summary_lines
from carrot.legacy_database import LegacyDatabase, SourceError
from carrot.models import MessageLog


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1, got {text!r}")
    return int(text)


class Command(BaseCommand):
    help = (
        "Copy the task logs and scheduled tasks of a django-carrot 1.x database into this project's "
        "database. Safe to run again: what is already here is skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument(
            "--url",
            help="The 1.x database as a URL: postgres://user:password@host:port/name or "
            "sqlite:////absolute/path.db (opened read-only).",
        )
        source.add_argument(
            "--database-alias", metavar="NAME", help="The 1.x database as a key of settings.DATABASES."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be copied and changed; write nothing."
        )
        parser.add_argument(
            "--batch-size",
            type=_positive,
            default=1000,
            metavar="N",
            help="Rows read and written per batch, each batch in one transaction (default 1000).",
        )

    def handle(
        self,
        *args: Any,
        url: str | None,
        database_alias: str | None,
        dry_run: bool,
        batch_size: int,
        **options: Any,
    ) -> None:
        destination = router.db_for_write(MessageLog)
        try:
            source = (
                LegacyDatabase.from_url(url)
                if url is not None
                else LegacyDatabase.from_alias(str(database_alias), destination)
            )
        except SourceError as exc:
            raise CommandError(str(exc)) from exc
        action = "Dry run: nothing will be written. Reading" if dry_run else "Importing from"
        self.stdout.write(f"{action} the {source.description}.")
        try:
            summary = Importer(
                source, destination, dry_run=dry_run, batch_size=batch_size, echo=self.stdout.write
            ).run()
        except ImportStopped as exc:
            raise CommandError(str(exc)) from exc
        finally:
            source.close()
        for line in summary_lines(summary, dry_run):
            self.stdout.write(line)
