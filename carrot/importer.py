"""Copying a django-carrot 1.x database's task logs and scheduled tasks into this project's database.

Idempotent: a task log is known by its uuid (the AMQP message id) and is copied only when no log here
has that uuid, so a second run copies nothing and a log a consumer of this version already wrote for a
1.x message stays as it is. A scheduled task goes in under its 1.x name, made unique among 1.x's names
by :func:`carrot.legacy.unique_task_names`; when a scheduled task here already has that name, the same
task with the same arguments counts as imported already, and another task makes the import try
``<name>-1x-<1.x id>`` (then ``-2``, ``-3``, ...), so the next run finds the same name again.

Logs are read and written in batches by 1.x id, each batch in one transaction of the destination, so
memory does not grow with the table and an import stopped part-way keeps its finished batches: run it
again to go on. Values are converted by :mod:`carrot.legacy`, whose notes on anything a person may not
expect are passed to ``echo`` as they are met; so is a line of progress per batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from carrot import legacy
from carrot.errors import CarrotError
from carrot.legacy_database import LOG_COLUMNS, LOGS, SCHEDULE_COLUMNS, SCHEDULES, LegacyDatabase
from carrot.logs import imported
from carrot.models import ScheduledTask

KEPT_LOG_COLUMNS = ("status", "uuid", "task", "priority", "publish_time", "failure_time", "completion_time")
"""1.x log columns copied as they are (:func:`carrot.legacy.log_fields` converts the others)."""

ALREADY_HERE = "already here"
DUPLICATE = "duplicate uuid in the 1.x database"
RENAMED_IN_1X = "renamed (duplicate or missing name in 1.x)"
RENAMED_HERE = "renamed (name taken here by another task)"
TOO_LONG = "interval too long to schedule"

Echo = Callable[[str], None]


class ImportStopped(CarrotError):
    """A batch failed; the batches before it are imported and a new run goes on from there."""


@dataclass
class Tally:
    """What an import did (or, dry, would do) with one 1.x table."""

    total: int
    read: int = 0
    copied: Counter[str] = field(default_factory=Counter)
    """Rows copied, by status (logs) or by how they were named (scheduled tasks)."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Rows not copied, by reason."""
    notes: int = 0
    """Conversion notes passed to ``echo``."""


@dataclass
class Summary:
    logs: Tally
    schedules: Tally
    active_schedules: int = 0
    """Scheduled tasks copied active: a running service publishes them."""


def log_values(row: Mapping[str, Any]) -> legacy.Converted:
    """A 1.x log row as this version's ``MessageLog`` field values, with the conversion's notes."""
    converted = legacy.log_fields(row)
    kept = {column: row[column] for column in KEPT_LOG_COLUMNS}
    return legacy.Converted({**kept, **converted.fields}, converted.problems)


def candidate_names(name: str, pk: int) -> Iterator[str]:
    """The names a 1.x scheduled task may take here, in order: its own, then ``-1x-<pk>`` ones."""
    yield name
    attempt = 1
    while True:
        suffix = f"-1x-{pk}" if attempt == 1 else f"-1x-{pk}-{attempt}"
        yield name[: legacy.NAME_LENGTH - len(suffix)] + suffix
        attempt += 1


def _same_task(existing: ScheduledTask, fields: Mapping[str, Any]) -> bool:
    return (existing.task, existing.task_args, existing.content) == (
        fields["task"],
        fields["task_args"],
        fields["content"],
    )


def _unschedulable(schedule: ScheduledTask) -> str | None:
    """Why ``schedule``'s next run cannot be set (an interval past the calendar's end), or ``None``."""
    try:
        timezone.now() + schedule.interval
    except OverflowError:
        return (
            f"every {schedule.interval_count:,} {schedule.interval_type} is too long to schedule: "
            "not imported (create it again with a shorter interval)"
        )
    return None


class Importer:
    """One import run from ``source`` into the database ``destination`` (an alias)."""

    def __init__(
        self, source: LegacyDatabase, destination: str, *, dry_run: bool, batch_size: int, echo: Echo
    ) -> None:
        self.source = source
        self.destination = destination
        self.dry_run = dry_run
        self.batch_size = batch_size
        self.echo = echo

    def run(self) -> Summary:
        """Import the logs, then the scheduled tasks. Raises :class:`ImportStopped` when a batch fails."""
        logs = self.import_logs()
        schedules, active = self.import_schedules()
        return Summary(logs, schedules, active)

    def _batches(self, table: str, columns: tuple[str, ...]) -> Iterator[list[dict[str, Any]]]:
        rows = self.source.rows(table, columns, self.batch_size)
        while True:
            try:
                batch = next(rows)
            except StopIteration:
                return
            except DatabaseError as exc:
                raise ImportStopped(
                    f"Reading {table} from the {self.source.description} failed: {exc}"
                ) from exc
            yield batch

    def _stopped(self, table: str, batch: list[dict[str, Any]], exc: Exception) -> ImportStopped:
        span = f"1.x ids {batch[0]['id']} to {batch[-1]['id']}"
        kept = "Nothing was written (dry run)." if self.dry_run else "The batches before it are imported."
        return ImportStopped(
            f"Importing {table} stopped at the batch of {span}: {exc}. {kept} "
            "Run the import again once this is fixed: what is imported already is skipped."
        )

    # Task logs

    def import_logs(self) -> Tally:
        tally = Tally(self.source.count(LOGS))
        duplicates = self.source.duplicated_uuids()
        for batch in self._batches(LOGS, LOG_COLUMNS):
            unique = [row for row in batch if duplicates.get(row["uuid"], row["id"]) == row["id"]]
            tally.read += len(batch)
            tally.skipped[DUPLICATE] += len(batch) - len(unique)
            try:
                self._copy_logs(unique, tally)
            except DatabaseError as exc:
                raise self._stopped(LOGS, batch, exc) from exc
            self.echo(self._progress("task logs", tally))
        return tally

    def _copy_logs(self, rows: list[dict[str, Any]], tally: Tally) -> None:
        """Copy the rows whose uuid is not here, in one transaction; once more if a consumer wrote one of
        those uuids meanwhile (the insert then fails on the unique uuid and rolls back)."""
        try:
            new = self._insert_new_logs(rows)
        except IntegrityError:
            new = self._insert_new_logs(rows)
        tally.skipped[ALREADY_HERE] += len(rows) - len(new)
        for row, converted in new:
            tally.copied[row["status"]] += 1
            tally.notes += len(converted.problems)
            for problem in converted.problems:
                self.echo(f"  task log {row['id']} ({row['uuid']}): {problem}")

    def _insert_new_logs(self, rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], legacy.Converted]]:
        with transaction.atomic(using=self.destination):
            present = imported.present_uuids([row["uuid"] for row in rows], self.destination)
            new = [(row, log_values(row)) for row in rows if row["uuid"] not in present]
            if not self.dry_run:
                imported.insert_copies([converted.fields for _, converted in new], self.destination)
        return new

    # Scheduled tasks

    def import_schedules(self) -> tuple[Tally, int]:
        """Import the scheduled tasks; returns the tally and how many were copied active.

        1.x's rows are read whole first: naming them needs every 1.x name (scheduled tasks are few).
        """
        rows = [row for batch in self._batches(SCHEDULES, SCHEDULE_COLUMNS) for row in batch]
        renamed = legacy.unique_task_names((row["id"], row["task"], row["task_name"]) for row in rows)
        tally, taken, active = Tally(len(rows)), set[str](), 0
        for start in range(0, len(rows), self.batch_size):
            batch = rows[start : start + self.batch_size]
            try:
                with transaction.atomic(using=self.destination):
                    for row in batch:
                        active += self._copy_schedule(row, renamed.get(row["id"]), taken, tally)
            except DatabaseError as exc:
                raise self._stopped(SCHEDULES, batch, exc) from exc
            tally.read += len(batch)
            self.echo(self._progress("scheduled tasks", tally))
        return tally, active

    def _copy_schedule(self, row: dict[str, Any], renamed: str | None, taken: set[str], tally: Tally) -> bool:
        """Copy one 1.x scheduled task unless it is here already; returns whether it was copied active."""
        converted = legacy.schedule_fields(row)
        fields = {**converted.fields, "task": row["task"], "active": bool(row["active"])}
        name = renamed or row["task_name"]
        candidate = self._place(name, row["id"], fields, taken)
        if candidate is None:
            tally.skipped[ALREADY_HERE] += 1
            return False
        schedule = ScheduledTask(task_name=candidate, **fields)
        if (too_long := _unschedulable(schedule)) is not None:
            tally.skipped[TOO_LONG] += 1
            self.echo(f"  scheduled task {row['id']} ({row['task_name']!r}): {too_long}")
            return False
        taken.add(candidate)
        problems = list(converted.problems)
        if candidate != name:
            problems.append(f"the name {name!r} is taken here by another task: imported as {candidate!r}")
        if renamed is not None:
            why = "has no name" if not row["task_name"] else f"shares its name {row['task_name']!r}"
            problems.append(f"{why} in 1.x: named {name!r}")
        kind = RENAMED_HERE if candidate != name else RENAMED_IN_1X if renamed else "under its 1.x name"
        tally.copied[kind] += 1
        tally.notes += len(problems)
        for problem in problems:
            self.echo(f"  scheduled task {row['id']} ({row['task_name']!r}): {problem}")
        if not self.dry_run:
            schedule.save(using=self.destination)
        return fields["active"]

    def _place(self, name: str, pk: int, fields: Mapping[str, Any], taken: set[str]) -> str | None:
        """The first of :func:`candidate_names` that is free here and in this run (``taken``), or ``None``
        when the same task with the same arguments is here under one of them."""
        candidates = candidate_names(name, pk)
        while True:
            candidate = next(candidates)
            existing = ScheduledTask.objects.using(self.destination).filter(task_name=candidate).first()
            if existing is not None and _same_task(existing, fields):
                return None
            if existing is None and candidate not in taken:
                return candidate

    def _progress(self, what: str, tally: Tally) -> str:
        copied = "to copy" if self.dry_run else "copied"
        return (
            f"{what}: {tally.read:,} of {tally.total:,} read, {sum(tally.copied.values()):,} {copied}, "
            f"{sum(tally.skipped.values()):,} skipped"
        )


def _counted(counts: Counter[str]) -> str:
    """``"3 (2 FAILED, 1 PUBLISHED)"``: the total, then each kind's count."""
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(counts.items()) if count)
    return f"{counts.total():,}" + (f" ({kinds})" if kinds else "")


def summary_lines(summary: Summary, dry_run: bool) -> list[str]:
    """The end of an import's output, for people."""
    copied = "would be copied" if dry_run else "copied"
    lines = []
    for what, tally in (("Task logs", summary.logs), ("Scheduled tasks", summary.schedules)):
        lines += [
            f"{what}: {tally.total:,} in the 1.x database",
            f"  {copied}: {_counted(tally.copied)}",
            f"  skipped: {_counted(tally.skipped)}",
            f"  conversion notes: {tally.notes:,}" + (" (listed above)" if tally.notes else ""),
        ]
    if summary.active_schedules:
        lines.append(
            f"{summary.active_schedules:,} scheduled task(s) {copied} active: a running carrot service "
            "publishes them, so stop 1.x's scheduler before starting it."
        )
    lines.append(
        "Dry run: nothing was written." if dry_run else "Done: running the import again copies only new rows."
    )
    return lines
