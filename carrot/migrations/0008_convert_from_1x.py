"""Convert django-carrot 1.x's tables (and their rows) to this version's, in place.

Runs only where ``carrot_messagelog`` has no ``virtual_host`` column, i.e. on 1.x tables: a fresh
database (whose ``0001_initial`` made 1.x's tables, then empty) or a 1.x one. On tables of this
version it changes nothing (see ``carrot.table_shape``).

1. The 1.x text columns that become JSON are renamed ``*_1x`` and the new columns added.
2. Every row is converted by ``carrot.legacy`` (frozen API for this migration): arguments and logs
   to JSON, ``NULL`` texts to ``''``, duplicate message ids and task names made unique, ``weeks``
   to days, and each scheduled task's next run set to one interval from now (1.x ran each task one
   interval after its service started). What changed is printed, by category.
3. The ``*_1x`` columns are dropped and the remaining columns get this version's types.
"""

import datetime
import sys
from collections import Counter

from django.db import migrations, models
from django.db.models import Count
from django.utils import timezone

from carrot import legacy
from carrot.table_shape import LOG_TABLE, SINCE_2X, WhenColumnMissing

BATCH = 1000
SHOWN = 20
"""Notes printed per category; the rest are counted."""
OLD_LOG_TEXT = ("task_args", "content", "log")
OLD_SCHEDULE_TEXT = ("task_args", "content")
STATUSES = ("PUBLISHED", "IN_PROGRESS", "FAILED", "COMPLETED")


class Report:
    """What the conversion changed, printed on ``migrate``'s output by category."""

    def __init__(self):
        self.lines = []

    def category(self, title, notes):
        if not notes:
            return
        self.lines.append(f"    {title} ({len(notes)}):")
        self.lines.extend(f"      {note}" for note in notes[:SHOWN])
        if len(notes) > SHOWN:
            self.lines.append(f"      ... and {len(notes) - SHOWN} more")

    def line(self, text):
        self.lines.append(f"    {text}")

    def print(self):
        if self.lines:
            print("\n  Converted django-carrot 1.x data:", *self.lines, sep="\n", file=sys.stdout)


def _rows_1x(queryset, renamed):
    """The rows of ``queryset`` in batches, as dicts keyed by the 1.x column names."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk").values()[:BATCH])
        if not batch:
            return
        for row in batch:
            for column in renamed:
                row[column] = row.pop(f"{column}_1x")
        yield batch
        last = batch[-1]["id"]


def _update(model, connection, updates):
    """Write ``updates`` (``(pk, {field: value})``, the same fields in each): one ``UPDATE`` run per row.

    Django's ``bulk_update`` builds a ``CASE`` per field over the whole batch, many times slower here.
    """
    if not updates:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in updates[0][1]]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    params = [
        [field.get_db_prep_save(values[field.name], connection) for field in fields] + [pk]
        for pk, values in updates
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _unique_uuids(logs, connection, report):
    duplicated = logs.values("uuid").annotate(n=Count("id")).filter(n__gt=1).values("uuid")
    changed = legacy.unique(logs.filter(uuid__in=duplicated).values_list("pk", "uuid"))
    if logs.filter(uuid__in=changed.values()).exists():
        raise RuntimeError(f"Cannot make the task logs' message ids unique: {changed} are taken already.")
    _update(logs.model, connection, [(pk, {"uuid": uuid}) for pk, uuid in changed.items()])
    report.category(
        "task logs sharing a message id (uuid), the lowest id keeps it",
        [f"task log {pk}: uuid -> {uuid!r}" for pk, uuid in sorted(changed.items())],
    )


def convert_logs(apps, schema_editor, report):
    Log = apps.get_model("carrot", "MessageLog")
    logs = Log._default_manager.db_manager(schema_editor.connection.alias)
    notes, statuses = [], Counter()
    for batch in _rows_1x(logs.all(), OLD_LOG_TEXT):
        converted = [(row, legacy.log_fields(row)) for row in batch]
        _update(Log, schema_editor.connection, [(row["id"], c.fields) for row, c in converted])
        statuses.update(row["status"] for row in batch)
        notes += [f"task log {row['id']} ({row['task']}): {p}" for row, c in converted for p in c.problems]
    if statuses:
        order = (*STATUSES, *sorted(set(statuses) - set(STATUSES)))
        counts = ", ".join(f"{statuses[status]} {status}" for status in order if statuses[status])
        report.line(
            f"task logs: {sum(statuses.values())} ({counts}); arguments and logs now JSON, empty texts ''"
        )
    report.category("task logs with notes", notes)
    _unique_uuids(logs, schema_editor.connection, report)


def _scheduled_fields(row, now):
    converted = legacy.schedule_fields(row)
    fields = dict(converted.fields)
    seconds = legacy.SECONDS_PER[fields["interval_type"]] * fields["interval_count"]
    fields["next_run_at"] = now + datetime.timedelta(seconds=seconds)
    return fields, converted.problems


def convert_schedules(apps, schema_editor, report):
    Scheduled = apps.get_model("carrot", "ScheduledTask")
    tasks = Scheduled._default_manager.db_manager(schema_editor.connection.alias)
    notes, now, rows = [], timezone.now(), []
    for batch in _rows_1x(tasks.all(), OLD_SCHEDULE_TEXT):
        rows += batch
    names = legacy.unique_task_names((row["id"], row["task"], row["task_name"]) for row in rows)
    old_names = {row["id"]: row["task_name"] for row in rows}
    updated = []
    for row in rows:
        fields, problems = _scheduled_fields(row, now)
        fields["task_name"] = names.get(row["id"], row["task_name"])
        updated.append((row["id"], fields))
        notes += [f"scheduled task {row['id']} ({row['task']}): {p}" for p in problems]
    if updated:
        _update(Scheduled, schema_editor.connection, updated)
        report.line(
            f"scheduled tasks: {len(rows)}; each runs next one interval from now, as 1.x ran it after a start"
        )
    report.category("scheduled tasks with notes", notes)
    report.category(
        "scheduled task names made unique (the lowest id keeps a name; no name: the task path)",
        [f"scheduled task {pk}: {old_names[pk]!r} -> {name!r}" for pk, name in sorted(names.items())],
    )


def _json(default, help_text):
    return models.JSONField(blank=True, default=default, help_text=help_text)


def _text():
    return models.TextField(blank=True, default="")


def _name_field():
    return models.CharField(blank=True, default="", max_length=200)


def _renamed(model, columns):
    return [migrations.RenameField(model, column, f"{column}_1x") for column in columns]


def _removed(model, columns):
    return [migrations.RemoveField(model, f"{column}_1x") for column in columns]


def _big_id(model):
    return migrations.AlterField(
        model,
        "id",
        models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
    )


FAILED_SEARCH = models.Index(
    condition=models.Q(("status", "FAILED")),
    fields=["-id"],
    include=("task", "task_args", "content", "exception", "uuid"),
    name="carrot_log_failed_search",
)
"""``0005_failed_search_index``'s index, which names columns that are renamed here: dropped and made again."""

ADD_COLUMNS = [
    migrations.RemoveIndex("messagelog", FAILED_SEARCH.name),
    *_renamed("messagelog", OLD_LOG_TEXT),
    migrations.AddField("messagelog", "task_args", _json(list, "Positional arguments.")),
    migrations.AddField("messagelog", "content", _json(dict, "Keyword arguments.")),
    migrations.AddField("messagelog", "log", _json(list, "Log entries of the last run.")),
    migrations.AddField("messagelog", "virtual_host", _name_field()),
    migrations.AddField("messagelog", "start_time", models.DateTimeField(blank=True, null=True)),
    migrations.AddField(
        "messagelog",
        "worker",
        models.CharField(blank=True, default="", help_text="host:pid:thread", max_length=200),
    ),
    migrations.AddField(
        "messagelog",
        "attempts",
        models.PositiveIntegerField(default=0, help_text="How many times the task started."),
    ),
    migrations.AddField(
        "messagelog",
        "redelivered",
        models.BooleanField(default=False, help_text="The last run was a redelivery."),
    ),
    *_renamed("scheduledtask", OLD_SCHEDULE_TEXT),
    migrations.AddField("scheduledtask", "task_args", _json(list, "Positional arguments.")),
    migrations.AddField("scheduledtask", "content", _json(dict, "Keyword arguments.")),
    migrations.AddField("scheduledtask", "last_run_at", models.DateTimeField(blank=True, null=True)),
    migrations.AddField("scheduledtask", "next_run_at", models.DateTimeField(blank=True, null=True)),
]


def convert_rows(apps, schema_editor):
    report = Report()
    convert_logs(apps, schema_editor, report)
    convert_schedules(apps, schema_editor, report)
    report.print()


CONVERT_ROWS = [migrations.RunPython(convert_rows)]

SET_TYPES = [
    *_removed("messagelog", OLD_LOG_TEXT),
    _big_id("messagelog"),
    migrations.AlterField(
        "messagelog", "uuid", models.CharField(help_text="The AMQP message_id.", max_length=200, unique=True)
    ),
    *(
        migrations.AlterField("messagelog", name, _name_field())
        for name in ("queue", "exchange", "routing_key")
    ),
    *(migrations.AlterField("messagelog", name, _text()) for name in ("output", "exception", "traceback")),
    migrations.AddIndex("messagelog", models.Index(fields=["status", "-id"], name="carrot_log_status_id")),
    migrations.AddIndex("messagelog", models.Index(fields=["task", "-id"], name="carrot_log_task_id")),
    migrations.AddIndex(
        "messagelog", models.Index(fields=["status", "completion_time"], name="carrot_log_status_done")
    ),
    migrations.AddIndex("messagelog", FAILED_SEARCH),
    *_removed("scheduledtask", OLD_SCHEDULE_TEXT),
    _big_id("scheduledtask"),
    migrations.AlterField("scheduledtask", "task_name", models.CharField(max_length=200, unique=True)),
    migrations.AlterField("scheduledtask", "queue", models.CharField(default="default", max_length=200)),
    *(migrations.AlterField("scheduledtask", name, _name_field()) for name in ("exchange", "routing_key")),
    migrations.AlterField(
        "scheduledtask",
        "interval_type",
        models.CharField(
            choices=[("seconds", "seconds"), ("minutes", "minutes"), ("hours", "hours"), ("days", "days")],
            default="seconds",
            max_length=7,
        ),
    ),
    migrations.AddIndex(
        "scheduledtask", models.Index(fields=["active", "next_run_at"], name="carrot_sched_due")
    ),
]


class Migration(migrations.Migration):
    dependencies = [("carrot", "0007_audit_and_roles")]

    operations = [WhenColumnMissing(LOG_TABLE, SINCE_2X, [*ADD_COLUMNS, *CONVERT_ROWS, *SET_TYPES])]
