"""The database that holds carrot's tables: the one Django's database routers choose for them.

Every raw SQL statement, transaction and ``on_commit`` of carrot goes through here, so carrot's
tables may live in a database of their own (``DATABASE_ROUTERS``) as well as in ``default``. All of
carrot's models are written and read on the alias the routers give :class:`~carrot.models.MessageLog`
for writing: route them together, to a primary (a replica lagging behind would hide a log just written).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model


def alias() -> str:
    """The alias of the database holding carrot's tables."""
    from carrot.models import MessageLog

    return router.db_for_write(MessageLog)


def connection() -> BaseDatabaseWrapper:
    """This thread's connection to the database holding carrot's tables."""
    return connections[alias()]


def atomic() -> transaction.Atomic:
    """A transaction (a savepoint when nested) on the database holding carrot's tables."""
    return transaction.atomic(using=alias())


def on_commit(func: Callable[[], object]) -> None:
    """Run ``func`` when the transaction on carrot's database commits (at once outside one)."""
    transaction.on_commit(func, using=alias())


def in_transaction() -> bool:
    """Whether this thread is inside ``atomic()`` on carrot's database."""
    return connection().in_atomic_block


def lock_tables_at_once(*models: type[Model]) -> None:
    """Inside ``atomic()``, on PostgreSQL: take the row-write lock of every model's table now, or fail
    at once (``OperationalError``) if one is held by a statement that takes a whole table.

    A transaction that writes to several tables takes their locks one by one as it goes. Another that
    locks whole tables in some other order (``TRUNCATE``, as Django's test cases do between tests, or
    a migration) can then hold one it needs while waiting for one it holds: a deadlock, which PostgreSQL
    ends by aborting either of them. Taking every lock first, without waiting, means this transaction
    never waits on a table while holding another. SQLite locks the whole database: nothing to do there.
    """
    db = connection()
    if db.vendor != "postgresql":
        return
    tables = ", ".join(db.ops.quote_name(model._meta.db_table) for model in models)
    with db.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {tables} IN ROW EXCLUSIVE MODE NOWAIT")  # quoted names only


def take_write_lock(model: type[Model]) -> None:
    """Inside ``atomic()``, on SQLite: make the transaction's first statement a write to ``model``'s table.

    SQLite locks the whole database. A transaction that reads first cannot wait for another writer
    when it then writes: it fails at once with "database is locked", whatever the timeout (waiting
    could deadlock). One that writes first waits up to the timeout. An ``UPDATE`` that matches no row
    takes the write lock and changes nothing. PostgreSQL locks rows: nothing to do there.
    """
    db = connection()
    if db.vendor != "sqlite":
        return
    table, pk = db.ops.quote_name(model._meta.db_table), db.ops.quote_name(model._meta.pk.column)
    with db.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {pk} = {pk} WHERE 1 = 0")  # noqa: S608 - quoted names only
