"""``manage.py carrot_graphql_schema``: write (or check) the SDL of the monitor's GraphQL schema.

The repository keeps the result as ``schema.graphql``; the UI generates its TypeScript types from it
and a test fails when it is stale. Regenerate it after every schema change::

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=tests.settings .venv/bin/django-admin carrot_graphql_schema
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


def schema_sdl() -> str:
    """The SDL of ``carrot.schema.schema``, as written to ``schema.graphql``."""
    from carrot.schema import schema

    return f"{str(schema).strip()}\n"


class Command(BaseCommand):
    help = "Write the monitor's GraphQL schema (SDL) to schema.graphql, or check that it is current."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default="schema.graphql", help="Where to write (default: %(default)s).")
        parser.add_argument(
            "--check", action="store_true", help="Write nothing; exit 1 when the file is missing or stale."
        )

    def handle(self, *args: Any, out: str, check: bool, **options: Any) -> None:
        path = Path(out)
        sdl = schema_sdl()
        if check:
            if not path.exists() or path.read_text() != sdl:
                raise CommandError(f"{path} is stale: run `manage.py carrot_graphql_schema --out {path}`.")
            self.stdout.write(f"{path} is up to date.")
            return
        path.write_text(sdl)
        self.stdout.write(f"Wrote {path}.")
