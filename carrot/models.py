"""What django-carrot keeps in the project's database.

Table names and the app label stay those of django-carrot 1.x (``carrot_messagelog``,
``carrot_scheduledtask``). Arguments are stored as JSON (``task_args`` a list, ``content`` the kwargs
object) and a task's log as a list of ``{"time", "level", "levelno", "logger", "message"}`` entries.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from carrot import cron as cron_expressions


class MessageLog(models.Model):
    """One published task and, once it has run, its result."""

    DELAYED = "DELAYED"
    PUBLISHED = "PUBLISHED"
    IN_PROGRESS = "IN_PROGRESS"
    RETRYING = "RETRYING"
    FAILED = "FAILED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"
    STATUS_CHOICES = (
        (DELAYED, "Delayed"),
        (PUBLISHED, "Published"),
        (IN_PROGRESS, "In progress"),
        (RETRYING, "Retrying"),
        (FAILED, "Failed"),
        (COMPLETED, "Completed"),
        (CANCELLED, "Cancelled"),
    )
    QUEUED_STATUSES = (PUBLISHED, IN_PROGRESS)
    WAITING_STATUSES = (DELAYED, RETRYING)
    """Stored, not yet published: the relay publishes them at ``eta``."""
    CANCELLABLE_STATUSES = (DELAYED, PUBLISHED, RETRYING)

    status = models.CharField(max_length=11, choices=STATUS_CHOICES, default=PUBLISHED)
    uuid = models.CharField(max_length=200, unique=True, help_text="The AMQP message_id.")
    task = models.CharField(max_length=200)
    task_args = models.JSONField(default=list, blank=True, help_text="Positional arguments.")
    content = models.JSONField(default=dict, blank=True, help_text="Keyword arguments.")
    priority = models.PositiveIntegerField(default=0)
    queue = models.CharField(max_length=200, blank=True, default="")
    exchange = models.CharField(max_length=200, blank=True, default="")
    routing_key = models.CharField(max_length=200, blank=True, default="")
    virtual_host = models.CharField(max_length=200, blank=True, default="")
    publish_time = models.DateTimeField(null=True, blank=True)
    start_time = models.DateTimeField(null=True, blank=True)
    completion_time = models.DateTimeField(null=True, blank=True)
    failure_time = models.DateTimeField(null=True, blank=True)
    output = models.TextField(blank=True, default="")
    exception = models.TextField(blank=True, default="")
    traceback = models.TextField(blank=True, default="")
    log = models.JSONField(default=list, blank=True, help_text="Log entries of the last run.")
    worker = models.CharField(max_length=200, blank=True, default="", help_text="host:pid:thread")
    attempts = models.PositiveIntegerField(default=0, help_text="How many times the task started.")
    redelivered = models.BooleanField(default=False, help_text="The last run was a redelivery.")
    relay_after = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "Set while the broker has not confirmed the message: after this time the service's relay "
            "sends it (its publisher died first). Cleared once confirmed or consumed. For a DELAYED or "
            "RETRYING task, its eta: the relay publishes it then."
        ),
    )
    eta = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Not before: when a DELAYED task or the next attempt of a RETRYING one runs.",
    )
    max_retries = models.PositiveIntegerField(
        null=True, blank=True, help_text="Set by the call; empty: the task's or the settings' default."
    )
    retries = models.PositiveIntegerField(default=0, help_text="Retries scheduled so far.")
    history = models.JSONField(
        default=list,
        blank=True,
        help_text="Every failed attempt: number, times, exception, traceback, next attempt.",
    )
    cancelled_time = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("purge_queue", "Can purge the messages waiting in a queue")]
        indexes = [
            models.Index(fields=["status", "-id"], name="carrot_log_status_id"),
            models.Index(fields=["task", "-id"], name="carrot_log_task_id"),
            # The failed, completed and cancelled lists are ordered by the time they show, newest
            # first; retention deletes completed (and failed) logs by that time too.
            models.Index(
                fields=["-completion_time", "-id"],
                condition=models.Q(status="COMPLETED"),
                name="carrot_log_completed_time",
            ),
            models.Index(
                fields=["-cancelled_time", "-id"],
                condition=models.Q(status="CANCELLED"),
                name="carrot_log_cancelled_time",
            ),
            # Searching the failed tab reads only this small index (failed logs are few), not every
            # failed log's table page; see docs/scale.rst. INCLUDE is PostgreSQL's, ignored elsewhere.
            models.Index(
                fields=["-failure_time", "-id"],
                include=["task", "task_args", "content", "exception", "uuid"],
                condition=models.Q(status="FAILED"),
                name="carrot_log_failed_search",
            ),
            # The outbox: the few logs whose message is not confirmed yet, for the relay to find.
            models.Index(
                fields=["relay_after"],
                condition=models.Q(relay_after__isnull=False),
                name="carrot_log_outbox",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} [{self.status}] {self.uuid}"

    @property
    def args(self) -> list[Any]:
        return list(self.task_args or [])

    @property
    def kwargs(self) -> dict[str, Any]:
        return dict(self.content or {})

    def requeue(self) -> MessageLog:
        """Publish this task again under the same id, as the monitor's requeue does (django-carrot 1.x).

        1.x published a copy and deleted this log; here the log itself goes back to ``PUBLISHED``.
        Returns the log as saved. Raises :class:`~carrot.errors.PublishError` when the broker
        refuses the message.
        """
        from carrot import publishing
        from carrot.logs import queries

        publishing.requeue(queries.by_pk(self.pk))
        self.refresh_from_db()
        return self

    @property
    def duration(self) -> datetime.timedelta | None:
        """How long the last run took, once it has ended (completed, failed, or failed and retrying).

        ``None`` while it runs or waits for its first run, and for a task that failed without running
        since it was last published by hand (refused by the broker, or requeued onto a removed queue):
        its start is an earlier run's. A cancelled task has none either: stopping it is not its run
        ending.
        """
        end = {
            self.COMPLETED: self.completion_time,
            self.FAILED: self.failure_time,
            self.RETRYING: self.failure_time,
        }.get(self.status)
        if self.start_time is None or end is None or end < self.start_time:
            return None
        if self.publish_time is not None and self.start_time < self.publish_time:
            return None  # the start of a run before it was last published
        return end - self.start_time


class ScheduledTask(models.Model):
    """A task published every ``interval_count`` ``interval_type``, or on a cron expression in a time zone."""

    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    INTERVAL_CHOICES = ((SECONDS, "seconds"), (MINUTES, "minutes"), (HOURS, "hours"), (DAYS, "days"))
    _SECONDS_PER = {SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400}
    MAX_INTERVAL = datetime.timedelta(days=365)
    """The longest interval: at most 31,536,000 seconds, 525,600 minutes, 8,760 hours or 365 days."""

    task = models.CharField(max_length=200)
    task_name = models.CharField(max_length=200, unique=True)
    queue = models.CharField(max_length=200, default="default")
    exchange = models.CharField(max_length=200, blank=True, default="")
    routing_key = models.CharField(max_length=200, blank=True, default="")
    interval_type = models.CharField(max_length=7, choices=INTERVAL_CHOICES, default=SECONDS)
    interval_count = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])
    task_args = models.JSONField(default=list, blank=True, help_text="Positional arguments.")
    content = models.JSONField(default=dict, blank=True, help_text="Keyword arguments.")
    cron = models.CharField(
        max_length=200, blank=True, default="", help_text="A cron expression; empty: the interval applies."
    )
    timezone = models.CharField(
        max_length=64, default="UTC", help_text="The IANA time zone of the cron expression."
    )
    active = models.BooleanField(default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["active", "next_run_at"], name="carrot_sched_due")]

    def __str__(self) -> str:
        if self.cron:
            return f"{self.task_name} ({self.task} at {self.cron!r} {self.timezone})"
        return f"{self.task_name} ({self.task} every {self.interval_count} {self.interval_type})"

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> ScheduledTask:
        instance = super().from_db(db, field_names, values)
        instance._loaded_timing = instance._timing()
        return instance

    @classmethod
    def max_count(cls, interval_type: str) -> int:
        """The largest ``interval_count`` for ``interval_type`` (:data:`MAX_INTERVAL` in that unit)."""
        return int(cls.MAX_INTERVAL.total_seconds()) // cls._SECONDS_PER[interval_type]

    @classmethod
    def interval_problem(cls, interval_type: str, interval_count: int) -> str | None:
        """Why ``interval_count`` ``interval_type`` is not a valid interval, for people; ``None`` if it is."""
        maximum = cls.max_count(interval_type)
        if not 1 <= interval_count <= maximum:
            return f"The interval must be from 1 to {maximum} {interval_type} (a year), got {interval_count}."
        return None

    def publish(self, priority: int = 0) -> MessageLog:
        """Publish this scheduled task now, its schedule unchanged (django-carrot 1.x); returns the log."""
        from carrot import publishing

        return publishing.run_now(self, priority)

    @property
    def interval(self) -> datetime.timedelta:
        return datetime.timedelta(seconds=self._SECONDS_PER[self.interval_type] * self.interval_count)

    def first_run_after(self, now: datetime.datetime) -> datetime.datetime:
        """The first run after ``now``: the next slot of ``cron`` in ``timezone``, else one interval on.

        Raises :class:`~carrot.cron.CronError` for an invalid ``cron`` or ``timezone``.
        """
        if self.cron:
            return cron_expressions.following(self.cron, self.timezone, now)
        return now + self.interval

    def clean(self) -> None:
        """Refuse an invalid ``cron`` expression or an unknown ``timezone`` (errors keyed by field)."""
        errors = {
            field: reason
            for field, reason in (
                ("cron", cron_expressions.expression_problem(self.cron) if self.cron else None),
                ("timezone", cron_expressions.zone_problem(self.timezone)),
            )
            if reason
        }
        if errors:
            raise ValidationError(errors)

    def _timing(self) -> tuple[Any, ...]:
        return (self.interval_type, self.interval_count, self.cron, self.timezone, self.active)

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saving a new task, or a changed schedule or activation, schedules the next run afresh.

        Raises :class:`~carrot.cron.CronError` (nothing saved) for an invalid ``cron`` or ``timezone``.
        """
        if self.next_run_at is None or getattr(self, "_loaded_timing", None) != self._timing():
            self.next_run_at = self.first_run_after(timezone.now())
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "next_run_at"}
        super().save(*args, **kwargs)
        self._loaded_timing = self._timing()


class AuditEntry(models.Model):
    """One mutation of the monitor's API: who asked for what, from where, and what it changed.

    The user is kept by name, not by foreign key, so the record outlives the account.
    """

    SUCCESS = "SUCCESS"
    ERROR = "ERROR"
    FORBIDDEN = "FORBIDDEN"
    OUTCOME_CHOICES = ((SUCCESS, "Success"), (ERROR, "Error"), (FORBIDDEN, "Forbidden"))

    time = models.DateTimeField(default=timezone.now)
    username = models.CharField(max_length=150, blank=True, default="", help_text="Empty: anonymous.")
    via = models.CharField(max_length=10, help_text="How the caller signed in: session, token or none.")
    address = models.GenericIPAddressField(null=True, blank=True, help_text="The client's address.")
    mutation = models.CharField(max_length=100)
    arguments = models.JSONField(default=dict, blank=True, help_text="Its arguments (ids, filter, input).")
    outcome = models.CharField(max_length=9, choices=OUTCOME_CHOICES)
    rows = models.PositiveIntegerField(default=0, help_text="Task logs or scheduled tasks changed.")
    messages = models.PositiveIntegerField(default=0, help_text="Messages published or purged.")
    error = models.TextField(blank=True, default="", help_text="Why it failed or was refused.")

    class Meta:
        verbose_name_plural = "audit entries"
        indexes = [
            models.Index(fields=["-id"], name="carrot_audit_id"),
            models.Index(fields=["time"], name="carrot_audit_time"),
        ]

    def __str__(self) -> str:
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.username or 'anonymous'} {self.mutation} {self.outcome}"


class TokenRevocation(models.Model):
    """Every JSON Web Token of this user issued before ``revoked_at`` is refused.

    Keyed by the username the tokens carry (not a foreign key: the auth app stays optional).
    """

    username = models.CharField(max_length=150, unique=True)
    revoked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.username}: tokens before {self.revoked_at:%Y-%m-%d %H:%M:%S} revoked"


class Worker(models.Model):
    """A ``carrot`` service process as its heartbeats report it: running, stopped, or silent (lost).

    Each service writes its row when it starts and its ``heartbeat`` every ``heartbeat_seconds``; a
    row whose heartbeat is three of its own intervals old belongs to a service that died (SIGKILL,
    power loss) or cannot reach the database.
    """

    ident = models.CharField(max_length=36, unique=True, help_text="Unique to this run of the service.")
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    version = models.CharField(max_length=50, help_text="The django-carrot version it runs.")
    queues = models.JSONField(
        default=list, help_text='[{"name": ..., "concurrency": ...}], what it consumes.'
    )
    started = models.DateTimeField()
    heartbeat = models.DateTimeField(help_text="Its last sign of life.")
    heartbeat_seconds = models.FloatField(help_text="Its interval between heartbeats.")
    stopped = models.DateTimeField(null=True, blank=True, help_text="When it stopped cleanly.")
    quiet = models.BooleanField(
        default=False, help_text="Told to finish its running tasks and take no new ones."
    )

    class Meta:
        indexes = [models.Index(fields=["-heartbeat"], name="carrot_worker_heartbeat")]

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"


DURATION_BUCKETS: tuple[tuple[float, str], ...] = (
    (0.01, "runs_le_10ms"),
    (0.05, "runs_le_50ms"),
    (0.1, "runs_le_100ms"),
    (0.25, "runs_le_250ms"),
    (0.5, "runs_le_500ms"),
    (1.0, "runs_le_1s"),
    (2.5, "runs_le_2500ms"),
    (5.0, "runs_le_5s"),
    (10.0, "runs_le_10s"),
    (30.0, "runs_le_30s"),
    (60.0, "runs_le_1m"),
    (300.0, "runs_le_5m"),
    (float("inf"), "runs_over_5m"),
)
"""The run-time histogram: each field counts the runs that took at most its bound in seconds and more
than the bound before it (so a run adds one to exactly one field)."""


def _count(help_text: str) -> models.PositiveBigIntegerField:
    return models.PositiveBigIntegerField(default=0, help_text=help_text)


class TaskCounts(models.Model):
    """What happened to one task on one queue: its life events and the run-time histogram."""

    queue = models.CharField(max_length=200)
    task = models.CharField(max_length=200)
    published = _count("Tasks published (a task requeued or retried is not counted again).")
    started = _count("Runs started.")
    completed = _count("Runs that returned.")
    failed = _count("Runs that failed for good.")
    retried = _count("Runs that failed and will run again.")
    cancelled = _count("Tasks cancelled, waiting or running.")
    runs_le_10ms = _count("Runs of at most 0.01 s.")
    runs_le_50ms = _count("Runs of more than 0.01 s and at most 0.05 s.")
    runs_le_100ms = _count("Runs of more than 0.05 s and at most 0.1 s.")
    runs_le_250ms = _count("Runs of more than 0.1 s and at most 0.25 s.")
    runs_le_500ms = _count("Runs of more than 0.25 s and at most 0.5 s.")
    runs_le_1s = _count("Runs of more than 0.5 s and at most 1 s.")
    runs_le_2500ms = _count("Runs of more than 1 s and at most 2.5 s.")
    runs_le_5s = _count("Runs of more than 2.5 s and at most 5 s.")
    runs_le_10s = _count("Runs of more than 5 s and at most 10 s.")
    runs_le_30s = _count("Runs of more than 10 s and at most 30 s.")
    runs_le_1m = _count("Runs of more than 30 s and at most 60 s.")
    runs_le_5m = _count("Runs of more than 60 s and at most 300 s.")
    runs_over_5m = _count("Runs of more than 300 s.")
    duration_sum = models.FloatField(default=0.0, help_text="Seconds all the runs counted here took.")

    class Meta:
        abstract = True


class TaskRollup(TaskCounts):
    """The counts of one task on one queue in one minute, kept for ``CARROT['metrics_retention_days']``.

    Written by :mod:`carrot.metrics.rollups` only, from counts each process gathers in memory.
    """

    minute = models.DateTimeField(help_text="The minute's start (UTC, seconds zero).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minute", "queue", "task"], name="carrot_rollup_minute_key")
        ]

    def __str__(self) -> str:
        return f"{self.minute:%Y-%m-%d %H:%M} {self.queue} {self.task}"


class TaskSpanRollup(TaskCounts):
    """The counts of one task on one queue in a span longer than a minute (15 minutes or an hour), kept
    like :class:`TaskRollup` for ``CARROT['metrics_retention_days']``.

    Added to with the same amounts and in the same transaction as :class:`TaskRollup`, so the charts of
    a day or a week (:mod:`carrot.metrics.charts`) read a row per point. Rows whose ``queue`` or
    ``task`` is empty sum every queue or task (both empty: everything).
    """

    span = models.PositiveIntegerField(help_text="The span's length in seconds (900 or 3600).")
    start = models.DateTimeField(help_text="The span's start (UTC, a multiple of its length).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["span", "start", "queue", "task"], name="carrot_rollup_span_key")
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} +{self.span}s {self.queue} {self.task}"


class TaskTotal(TaskCounts):
    """The counts of one task on one queue since counting began: the Prometheus counters.

    Added to with the same amounts and in the same transaction as :class:`TaskRollup`, never deleted,
    so the counters never go down when old minutes are deleted.
    """

    class Meta:
        constraints = [models.UniqueConstraint(fields=["queue", "task"], name="carrot_total_key")]

    def __str__(self) -> str:
        return f"{self.queue} {self.task}"


class QueuePause(models.Model):
    """A paused queue: no ``carrot`` service takes messages from it until the row is deleted.

    Keyed by the queue's name, as ``CARROT['queues']`` names it; publishing into it goes on.
    """

    queue = models.CharField(max_length=255, unique=True)
    paused_at = models.DateTimeField(default=timezone.now)
    paused_by = models.CharField(max_length=150, blank=True, default="", help_text="Empty: anonymous.")

    def __str__(self) -> str:
        return f"{self.queue} paused at {self.paused_at:%Y-%m-%d %H:%M:%S}"
