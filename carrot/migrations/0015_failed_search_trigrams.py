"""On PostgreSQL, a trigram index (``pg_trgm``) of the text that search reads in failed logs.

Without it a search in the failed tab that matches few logs reads every failed log's text, so its time
grows with the failed logs kept; with it, PostgreSQL finds the few candidates in the index. Only failed
logs are indexed: a log enters the index once, when it fails, so publishing and running pay nothing.

The index is built ``CONCURRENTLY`` (publishing and the services go on writing while it builds), so
this migration runs outside a transaction. ``pg_trgm`` is a trusted extension (PostgreSQL 13+): a
user with ``CREATE`` on the database may install it. Where that is refused, the migration logs a
warning and carries on without the index: search gives the same answers, more slowly
(docs/scale.rst says how to add it later).
"""

import logging

from django.db import DatabaseError, migrations

logger = logging.getLogger("carrot.migrations")

INDEX = "carrot_log_failed_trigrams"
SEARCHED = ("{task}", "LOWER(({task_args})::text)", "LOWER(({content})::text)", "LOWER({exception})")
"""The expressions ``carrot.logs.queries.search`` matches, as it writes them."""


def _trigram_schema(cursor) -> str | None:
    cursor.execute("SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'")
    row = cursor.fetchone()
    return row[0] if row else None


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    table = quote(apps.get_model("carrot", "MessageLog")._meta.db_table)
    with connection.cursor() as cursor:
        if _trigram_schema(cursor) is None:
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except DatabaseError as exc:
                logger.warning(
                    "carrot: the failed tab's search index was not made, because the pg_trgm extension "
                    "could not be installed (%s). Search works without it, more slowly as failed logs "
                    "grow; a database owner can run `CREATE EXTENSION pg_trgm;` and then "
                    "`manage.py migrate carrot 0014 && manage.py migrate carrot`.",
                    str(exc).strip(),
                )
                return
        ops = f"{quote(_trigram_schema(cursor))}.gin_trgm_ops"
        columns = {name: quote(name) for name in ("task", "task_args", "content", "exception")}
        expressions = ", ".join(f"{expression.format(**columns)} {ops}" for expression in SEARCHED)
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {quote(INDEX)}")  # an earlier build cut short
        cursor.execute(
            f"CREATE INDEX CONCURRENTLY {quote(INDEX)} ON {table} USING gin ({expressions}) "
            "WHERE status = 'FAILED'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {schema_editor.connection.ops.quote_name(INDEX)}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("carrot", "0014_span_rollups"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
