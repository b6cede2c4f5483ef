"""The ``CARROT`` setting: defaults, validation and typed access.

This is the only module that reads ``settings.CARROT``. :func:`validate` returns every problem (the
system checks in :mod:`carrot.checks` report them at start-up); :func:`get_settings` returns the parsed,
typed settings and raises :class:`~carrot.errors.ConfigurationError` when they are invalid.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings as django_settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from carrot.broker_url import BrokerURL, parse_broker
from carrot.errors import ConfigurationError, UnknownQueueError

DEFAULT_BROKER = "amqp://guest:guest@localhost:5672/%2F"
DEFAULT_QUEUE = "default"
DEFAULT_CONSUMER_CLASS = "carrot.consumer.Consumer"
DEFAULT_QUEUE_ARGUMENTS: Mapping[str, Any] = {"x-max-priority": 10}
"""Ten priority levels, as RabbitMQ recommends: each level is a sub-queue in the broker, and with 1.x's
255 the broker confirms about a quarter as many messages a second (docs/scale.rst)."""
MAX_PRIORITY = 255
"""The most priority levels RabbitMQ supports."""
DEFAULT_RETENTION_DAYS = 3.0

IGNORED_QUEUE_KEYS: Mapping[str, str] = {
    "exchange_arguments": (
        "ignored: django-carrot 2 declares no exchange per queue. 1.x declared one named after the "
        "queue with these arguments and bound the queue to it, but published through the default "
        "exchange all the same. Remove the key; a publish_message(..., exchange=<queue name>) of 1.x "
        "now needs that exchange declared and bound on the broker by you, or no exchange at all "
        "(see the docs page 'upgrading')"
    ),
}
"""Queue keys of django-carrot 1.x that are accepted with a warning (:func:`ignored_keys`), never used."""

KNOWN_KEYS = frozenset(
    {
        "default_broker",
        "queues",
        "task_modules",
        "monitor_authentication",
        "failure_callbacks",
        "completed_log_retention_days",
        "failed_log_retention_days",
        "scheduler_enabled",
        "scheduler_spread_seconds",
        "graphql_max_depth",
        "graphql_introspection",
        "durable_publish",
        "publish_retry_seconds",
        "outbox_relay_seconds",
        "max_argument_bytes",
        "max_deliveries",
        "anonymous_role",
        "audit_log_retention_days",
        "graphql_max_cost",
        "max_retries",
        "retry_backoff",
        "retry_backoff_max",
        "time_limit",
        "scheduler_catch_up",
        "heartbeat_seconds",
        "metrics_token",
        "metrics_retention_days",
    }
)
QUEUE_KEYS = frozenset(
    {
        "name",
        "host",
        "concurrency",
        "consumable",
        "queue_arguments",
        "durable",
        "consumer_class",
        "prefetch_count",
        "queue_type",
        *IGNORED_QUEUE_KEYS,
    }
)


DEFAULT_SCHEDULER_SPREAD = 10.0
"""Seconds over which runs of minute-or-longer scheduled tasks are spread (``carrot.scheduler.spread``)."""
MAX_SCHEDULER_SPREAD = 60.0

DEFAULT_PUBLISH_RETRY = 15.0
"""Seconds a publisher keeps retrying through a broker outage before it marks its tasks FAILED."""
DEFAULT_OUTBOX_RELAY = 60.0
"""Seconds after which the service's relay sends a logged task whose publisher never got its confirm."""
DEFAULT_MAX_ARGUMENT_BYTES = 1024 * 1024
MAX_ARGUMENT_BYTES_LIMIT = 16 * 1024 * 1024
DEFAULT_MAX_DELIVERIES = 5
"""Deliveries of one message before the consumer gives up on it (FAILED, acked)."""

DEFAULT_MAX_RETRIES = 0
"""Retries of a failed task unless its ``@task`` or its call says otherwise: none, as in 1.x."""
DEFAULT_RETRY_BACKOFF = 5.0
"""Seconds before the first retry; each further retry waits twice as long (with jitter), up to the cap."""
DEFAULT_RETRY_BACKOFF_MAX = 600.0
"""The longest wait between two attempts, in seconds."""
MAX_RETRIES_LIMIT = 1000
MAX_BACKOFF_LIMIT = 7 * 86400.0
"""A week: the longest ``retry_backoff_max``."""

ROLES = ("viewer", "operator")
"""What an anonymous user of a public monitor may do (``anonymous_role``): see :mod:`carrot.permissions`."""
DEFAULT_ANONYMOUS_ROLE = "viewer"
DEFAULT_AUDIT_RETENTION_DAYS = 90.0
DEFAULT_METRICS_RETENTION_DAYS = 8.0
"""A week of task metrics (per minute, quarter hour and hour) for the charts, and a day to spare."""
MIN_METRICS_TOKEN_LENGTH = 16
DEFAULT_GRAPHQL_MAX_COST = 10_000
"""Fields one GraphQL request may resolve, counting each field once per row of the lists around it."""

QUEUE_TYPES = ("classic", "quorum")
"""``classic``: one node holds the queue (as in 1.x); ``quorum``: replicated over the cluster's nodes."""
QUORUM_MANAGED_ARGUMENTS: Mapping[str, str] = {
    "x-queue-type": "set by the queue's 'queue_type'",
    "x-delivery-limit": "set to CARROT['max_deliveries'], so the broker never gives up before the consumer",
    "x-max-priority": "RabbitMQ 3.x refuses it on a quorum queue (406 PRECONDITION_FAILED) and 4.x has two "
    "fixed priorities instead; leave it out, or keep this queue classic",
}
"""Queue arguments a quorum queue's settings may not name, and why."""
DEAD_LETTER_SUFFIX = ".dead-letter"

DEFAULT_PREFETCH = 10
DEFAULT_HEARTBEAT = 5.0
"""Seconds between a service's heartbeats; silent for three, it is shown as lost."""
HEARTBEAT_RANGE = (0.5, 300.0)
"""Unacked messages per consumer: enough for its recorder to save results in groups (docs/scale.rst)."""


@dataclass(frozen=True)
class QueueSettings:
    """One queue: where it lives and how the service consumes it."""

    name: str
    broker: BrokerURL
    concurrency: int = 1
    consumable: bool = True
    durable: bool = True
    queue_arguments: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_QUEUE_ARGUMENTS))
    consumer_class: str = DEFAULT_CONSUMER_CLASS
    prefetch_count: int = DEFAULT_PREFETCH
    queue_type: str = "classic"

    @property
    def dead_letter_queue(self) -> str | None:
        """The queue the broker moves this queue's messages to past their delivery limit, if any."""
        if self.queue_arguments.get("x-dead-letter-routing-key") == self.name + DEAD_LETTER_SUFFIX:
            return self.name + DEAD_LETTER_SUFFIX
        return None


def quorum_arguments(name: str, arguments: Mapping[str, Any], max_deliveries: int) -> dict[str, Any]:
    """What a quorum queue is declared with: ``arguments``, its type, the project's delivery limit, and,
    unless ``arguments`` dead-letter elsewhere, ``<name>.dead-letter`` for what passes that limit."""
    declared = {**arguments, "x-queue-type": "quorum", "x-delivery-limit": max_deliveries}
    if "x-dead-letter-exchange" not in arguments:
        declared["x-dead-letter-exchange"] = ""
        declared["x-dead-letter-routing-key"] = name + DEAD_LETTER_SUFFIX
    return declared


@dataclass(frozen=True)
class CarrotSettings:
    """The validated ``CARROT`` setting."""

    default_broker: BrokerURL
    queues: tuple[QueueSettings, ...]
    task_modules: tuple[str, ...] = ()
    monitor_authentication: tuple[str, ...] = ()
    failure_callbacks: tuple[str, ...] = ()
    completed_log_retention_days: float = DEFAULT_RETENTION_DAYS
    failed_log_retention_days: float = 0.0
    """Days a failed log is kept; ``0`` (the default, as in 1.x): until someone deletes it."""
    scheduler_enabled: bool = True
    scheduler_spread_seconds: float = DEFAULT_SCHEDULER_SPREAD
    graphql_max_depth: int = 12
    graphql_introspection: bool = True
    durable_publish: bool = True
    publish_retry_seconds: float = DEFAULT_PUBLISH_RETRY
    outbox_relay_seconds: float = DEFAULT_OUTBOX_RELAY
    max_argument_bytes: int = DEFAULT_MAX_ARGUMENT_BYTES
    max_deliveries: int = DEFAULT_MAX_DELIVERIES
    anonymous_role: str | None = DEFAULT_ANONYMOUS_ROLE
    audit_log_retention_days: float = DEFAULT_AUDIT_RETENTION_DAYS
    graphql_max_cost: int = DEFAULT_GRAPHQL_MAX_COST
    metrics_token: str | None = None
    """A bearer token that may read ``<prefix>/metrics`` without the monitor's authentication."""
    metrics_retention_days: float = DEFAULT_METRICS_RETENTION_DAYS
    max_retries: int = DEFAULT_MAX_RETRIES
    retry_backoff: float = DEFAULT_RETRY_BACKOFF
    retry_backoff_max: float = DEFAULT_RETRY_BACKOFF_MAX
    time_limit: float | None = None
    """Seconds a task may run unless its ``@task`` says otherwise; ``None``: no limit."""
    scheduler_catch_up: bool = False
    """After downtime, run a schedule once per missed slot instead of once."""
    heartbeat_seconds: float = DEFAULT_HEARTBEAT
    """Seconds between a service's heartbeats (see :mod:`carrot.workers`)."""

    def queue(self, name: str) -> QueueSettings:
        """The settings of queue ``name``; raises :class:`UnknownQueueError` when not declared."""
        for queue in self.queues:
            if queue.name == name:
                return queue
        known = ", ".join(q.name for q in self.queues)
        raise UnknownQueueError(
            f"Unknown queue {name!r}: declare it in CARROT['queues'] (declared: {known})."
        )


class _Collector:
    """Accumulates problems, each tagged with the key it concerns."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def add(self, key: str, message: str) -> None:
        self.problems.append((key, message))


def _typed(raw: Mapping[str, Any], key: str, kind: type, default: Any, where: str, out: _Collector) -> Any:
    value = raw.get(key, default)
    accepted = (int, float) if kind is float else kind
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, accepted):
        out.add(f"{where}[{key!r}]", f"must be {kind.__name__}, got {type(value).__name__} {value!r}")
        return default
    return value


def _dotted_paths(raw: Mapping[str, Any], key: str, out: _Collector, separator: str = ".") -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and separator in v for v in value):
        out.add(f"CARROT[{key!r}]", f"must be a list of dotted paths, got {value!r}")
        return ()
    return tuple(value)


def _parse_queue(
    index: int, raw: Any, default_broker: BrokerURL, max_deliveries: int, out: _Collector
) -> QueueSettings | None:
    where = f"CARROT['queues'][{index}]"
    if not isinstance(raw, Mapping):
        out.add(where, f"must be a dict, got {raw!r}")
        return None
    for unknown in sorted(set(raw) - QUEUE_KEYS):
        out.add(f"{where}[{unknown!r}]", f"unknown key (known: {', '.join(sorted(QUEUE_KEYS))})")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        out.add(f"{where}['name']", f"must be a non-empty string, got {name!r}")
        return None
    broker = default_broker
    if raw.get("host") is not None:
        try:
            broker = parse_broker(raw["host"])
        except ConfigurationError as exc:
            out.add(f"{where}['host']", str(exc))
    concurrency = _typed(raw, "concurrency", int, 1, where, out)
    prefetch = _typed(raw, "prefetch_count", int, DEFAULT_PREFETCH, where, out)
    for key, number in (("concurrency", concurrency), ("prefetch_count", prefetch)):
        if number < 1:
            out.add(f"{where}[{key!r}]", f"must be at least 1, got {number}")
    queue_type = raw.get("queue_type", "classic")
    if queue_type not in QUEUE_TYPES:
        out.add(f"{where}['queue_type']", f"must be 'classic' or 'quorum', got {queue_type!r}")
        queue_type = "classic"
    quorum = queue_type == "quorum"
    arguments = raw.get("queue_arguments", {} if quorum else DEFAULT_QUEUE_ARGUMENTS)
    if not isinstance(arguments, Mapping):
        out.add(f"{where}['queue_arguments']", f"must be a dict, got {arguments!r}")
        arguments = {} if quorum else DEFAULT_QUEUE_ARGUMENTS
    if quorum:
        for key in sorted(set(arguments) & set(QUORUM_MANAGED_ARGUMENTS)):
            out.add(
                f"{where}['queue_arguments'][{key!r}]",
                f"not with queue_type 'quorum': {QUORUM_MANAGED_ARGUMENTS[key]}",
            )
        if raw.get("durable", True) is False:
            out.add(f"{where}['durable']", "a quorum queue is always durable: RabbitMQ refuses durable=False")
        arguments = quorum_arguments(
            name, {k: v for k, v in arguments.items() if k not in QUORUM_MANAGED_ARGUMENTS}, max_deliveries
        )
    elif arguments.get("x-queue-type", "classic") != "classic":
        out.add(
            f"{where}['queue_arguments']['x-queue-type']",
            f"set the queue's 'queue_type' instead (classic or quorum), got {arguments['x-queue-type']!r}",
        )
    levels = arguments.get("x-max-priority", 1)
    if isinstance(levels, bool) or not isinstance(levels, int) or not 1 <= levels <= MAX_PRIORITY:
        out.add(
            f"{where}['queue_arguments']['x-max-priority']",
            f"must be an integer from 1 to {MAX_PRIORITY} (RabbitMQ recommends at most 10), got {levels!r}",
        )
    consumer_class = _typed(raw, "consumer_class", str, DEFAULT_CONSUMER_CLASS, where, out)
    return QueueSettings(
        name=name,
        broker=broker,
        concurrency=max(concurrency, 1),
        consumable=_typed(raw, "consumable", bool, True, where, out),
        durable=_typed(raw, "durable", bool, True, where, out),
        queue_arguments=dict(arguments),
        consumer_class=consumer_class,
        prefetch_count=max(prefetch, 1),
        queue_type=queue_type,
    )


def _parse_queues(
    raw: Mapping[str, Any], default_broker: BrokerURL, max_deliveries: int, out: _Collector
) -> tuple[QueueSettings, ...]:
    value = raw.get("queues", [])
    if not isinstance(value, list | tuple):
        out.add("CARROT['queues']", f"must be a list of dicts, got {value!r}")
        value = []
    queues: list[QueueSettings] = []
    for index, item in enumerate(value):
        queue = _parse_queue(index, item, default_broker, max_deliveries, out)
        if queue is None:
            continue
        if any(q.name == queue.name for q in queues):
            out.add(f"CARROT['queues'][{index}]['name']", f"queue {queue.name!r} is declared twice")
            continue
        queues.append(queue)
    if not any(q.name == DEFAULT_QUEUE for q in queues):
        queues.insert(0, QueueSettings(name=DEFAULT_QUEUE, broker=default_broker))
    return tuple(queues)


def parse(raw: Any) -> tuple[CarrotSettings | None, list[tuple[str, str]]]:
    """Parse a raw ``CARROT`` value into settings and a list of ``(key, problem)``."""
    out = _Collector()
    if not isinstance(raw, Mapping):
        out.add("CARROT", f"must be a dict, got {type(raw).__name__}")
        return None, out.problems
    for unknown in sorted(set(raw) - KNOWN_KEYS):
        out.add(f"CARROT[{unknown!r}]", f"unknown key (known: {', '.join(sorted(KNOWN_KEYS))})")
    try:
        default_broker = parse_broker(raw.get("default_broker", DEFAULT_BROKER))
    except ConfigurationError as exc:
        out.add("CARROT['default_broker']", str(exc))
        default_broker = parse_broker(DEFAULT_BROKER)
    max_depth = _typed(raw, "graphql_max_depth", int, 12, "CARROT", out)
    spread = _typed(raw, "scheduler_spread_seconds", float, DEFAULT_SCHEDULER_SPREAD, "CARROT", out)
    if not 0 <= spread <= MAX_SCHEDULER_SPREAD:
        out.add(
            "CARROT['scheduler_spread_seconds']",
            f"must be from 0 (no spread) to {MAX_SCHEDULER_SPREAD:.0f}, got {spread!r}",
        )
        spread = DEFAULT_SCHEDULER_SPREAD
    delivery = _parse_delivery(raw, out)
    monitor = _parse_monitor(raw, out)
    lifecycle = _parse_lifecycle(raw, out)
    parsed = CarrotSettings(
        default_broker=default_broker,
        queues=_parse_queues(raw, default_broker, delivery["max_deliveries"], out),
        task_modules=_dotted_paths(raw, "task_modules", out, separator=""),
        monitor_authentication=_dotted_paths(raw, "monitor_authentication", out),
        failure_callbacks=_dotted_paths(raw, "failure_callbacks", out),
        completed_log_retention_days=_retention_days(
            raw, "completed_log_retention_days", DEFAULT_RETENTION_DAYS, "completed logs", out
        ),
        failed_log_retention_days=_retention_days(raw, "failed_log_retention_days", 0.0, "failed logs", out),
        scheduler_enabled=_typed(raw, "scheduler_enabled", bool, True, "CARROT", out),
        scheduler_spread_seconds=float(spread),
        graphql_max_depth=max_depth,
        graphql_introspection=_typed(raw, "graphql_introspection", bool, True, "CARROT", out),
        **delivery,
        **monitor,
        **lifecycle,
        heartbeat_seconds=_parse_heartbeat(raw, out),
    )
    return parsed, out.problems


def _parse_heartbeat(raw: Mapping[str, Any], out: _Collector) -> float:
    low, high = HEARTBEAT_RANGE
    seconds = _typed(raw, "heartbeat_seconds", float, DEFAULT_HEARTBEAT, "CARROT", out)
    if not low <= seconds <= high:
        out.add("CARROT['heartbeat_seconds']", f"must be from {low:g} to {high:g}, got {seconds!r}")
        return DEFAULT_HEARTBEAT
    return float(seconds)


def _retention_days(raw: Mapping[str, Any], key: str, default: float, kept: str, out: _Collector) -> float:
    """Days of a retention setting: a number >= 0, where 0 keeps ``kept`` forever."""
    days = _typed(raw, key, float, default, "CARROT", out)
    if days < 0:
        out.add(f"CARROT['{key}']", f"must be >= 0 (0 keeps {kept} forever)")
        return default
    return float(days)


def _parse_monitor(raw: Mapping[str, Any], out: _Collector) -> dict[str, Any]:
    """The monitor's access, audit and request-budget keys, each within its range."""
    role = raw.get("anonymous_role", DEFAULT_ANONYMOUS_ROLE)
    if role is not None and role not in ROLES:
        out.add("CARROT['anonymous_role']", f"must be None, 'viewer' or 'operator', got {role!r}")
        role = DEFAULT_ANONYMOUS_ROLE
    audit = _retention_days(
        raw, "audit_log_retention_days", DEFAULT_AUDIT_RETENTION_DAYS, "the audit log", out
    )
    cost = _typed(raw, "graphql_max_cost", int, DEFAULT_GRAPHQL_MAX_COST, "CARROT", out)
    if not 100 <= cost <= 1_000_000:
        out.add("CARROT['graphql_max_cost']", f"must be from 100 to 1000000, got {cost!r}")
        cost = DEFAULT_GRAPHQL_MAX_COST
    return {
        "anonymous_role": role,
        "audit_log_retention_days": float(audit),
        "graphql_max_cost": cost,
        **_parse_metrics(raw, out),
    }


def _parse_metrics(raw: Mapping[str, Any], out: _Collector) -> dict[str, Any]:
    """The metrics endpoint's token and how long the task metrics and chart rollups are kept."""
    token = raw.get("metrics_token")
    if token is not None and (not isinstance(token, str) or len(token) < MIN_METRICS_TOKEN_LENGTH):
        out.add(
            "CARROT['metrics_token']",
            f"must be None or a string of at least {MIN_METRICS_TOKEN_LENGTH} characters "
            "(a random one: python -c 'import secrets; print(secrets.token_urlsafe())')",
        )
        token = None
    days = _retention_days(
        raw, "metrics_retention_days", DEFAULT_METRICS_RETENTION_DAYS, "task metrics and chart rollups", out
    )
    return {"metrics_token": token, "metrics_retention_days": days}


def _parse_delivery(raw: Mapping[str, Any], out: _Collector) -> dict[str, Any]:
    """The publishing and delivery keys, each within its range."""
    retry = _typed(raw, "publish_retry_seconds", float, DEFAULT_PUBLISH_RETRY, "CARROT", out)
    relay = _typed(raw, "outbox_relay_seconds", float, DEFAULT_OUTBOX_RELAY, "CARROT", out)
    size = _typed(raw, "max_argument_bytes", int, DEFAULT_MAX_ARGUMENT_BYTES, "CARROT", out)
    deliveries = _typed(raw, "max_deliveries", int, DEFAULT_MAX_DELIVERIES, "CARROT", out)
    if not 0 < retry <= 600:
        out.add("CARROT['publish_retry_seconds']", f"must be more than 0 and at most 600, got {retry!r}")
        retry = DEFAULT_PUBLISH_RETRY
    if relay <= retry:
        out.add(
            "CARROT['outbox_relay_seconds']",
            f"must be more than publish_retry_seconds ({retry:g}), or the relay would send tasks their "
            f"publisher is still sending; got {relay!r}",
        )
    if not 1024 <= size <= MAX_ARGUMENT_BYTES_LIMIT:
        out.add(
            "CARROT['max_argument_bytes']",
            f"must be from 1024 to {MAX_ARGUMENT_BYTES_LIMIT} (RabbitMQ's default message limit), "
            f"got {size!r}",
        )
    if not 1 <= deliveries <= 1000:
        out.add("CARROT['max_deliveries']", f"must be from 1 to 1000, got {deliveries!r}")
    return {
        "durable_publish": _typed(raw, "durable_publish", bool, True, "CARROT", out),
        "publish_retry_seconds": float(retry),
        "outbox_relay_seconds": float(max(relay, retry)),
        "max_argument_bytes": size,
        "max_deliveries": max(deliveries, 1),
    }


def _parse_lifecycle(raw: Mapping[str, Any], out: _Collector) -> dict[str, Any]:
    """The retry, time-limit and schedule keys, each within its range."""
    retries = _typed(raw, "max_retries", int, DEFAULT_MAX_RETRIES, "CARROT", out)
    backoff = _typed(raw, "retry_backoff", float, DEFAULT_RETRY_BACKOFF, "CARROT", out)
    cap = _typed(raw, "retry_backoff_max", float, DEFAULT_RETRY_BACKOFF_MAX, "CARROT", out)
    limit = raw.get("time_limit")
    if isinstance(retries, bool) or not 0 <= retries <= MAX_RETRIES_LIMIT:
        out.add("CARROT['max_retries']", f"must be from 0 to {MAX_RETRIES_LIMIT}, got {retries!r}")
        retries = DEFAULT_MAX_RETRIES
    if not 0 < backoff <= MAX_BACKOFF_LIMIT:
        out.add(
            "CARROT['retry_backoff']",
            f"must be more than 0 and at most {MAX_BACKOFF_LIMIT:.0f}, got {backoff!r}",
        )
        backoff = DEFAULT_RETRY_BACKOFF
    if not backoff <= cap <= MAX_BACKOFF_LIMIT:
        out.add(
            "CARROT['retry_backoff_max']",
            f"must be from retry_backoff ({backoff:g}) to {MAX_BACKOFF_LIMIT:.0f}, got {cap!r}",
        )
        cap = max(backoff, DEFAULT_RETRY_BACKOFF_MAX)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int | float) or not limit > 0):
        out.add(
            "CARROT['time_limit']",
            f"must be a number of seconds more than 0, or None for no limit; got {limit!r}",
        )
        limit = None
    return {
        "max_retries": retries,
        "retry_backoff": float(backoff),
        "retry_backoff_max": float(cap),
        "time_limit": None if limit is None else float(limit),
        "scheduler_catch_up": _typed(raw, "scheduler_catch_up", bool, False, "CARROT", out),
    }


def ignored_keys(raw: Any) -> list[tuple[str, str]]:
    """The 1.x keys of a raw ``CARROT`` value that have no effect now, as ``(key, what to do)`` pairs."""
    queues = raw.get("queues", []) if isinstance(raw, Mapping) else []
    return [
        (f"CARROT['queues'][{index}][{key!r}]", advice)
        for index, queue in enumerate(queues if isinstance(queues, list | tuple) else [])
        if isinstance(queue, Mapping)
        for key, advice in IGNORED_QUEUE_KEYS.items()
        if key in queue
    ]


def validate() -> list[tuple[str, str]]:
    """Every problem of the project's ``CARROT`` setting, as ``(key, problem)`` pairs."""
    return parse(getattr(django_settings, "CARROT", {}))[1]


@functools.cache
def get_settings() -> CarrotSettings:
    """The project's validated settings; raises :class:`ConfigurationError` naming each bad key."""
    parsed, problems = parse(getattr(django_settings, "CARROT", {}))
    if problems or parsed is None:
        details = "; ".join(f"{key}: {message}" for key, message in problems)
        raise ConfigurationError(f"Invalid CARROT setting: {details}")
    return parsed


@receiver(setting_changed)
def _forget_settings(*, setting: str, **_: Any) -> None:
    if setting == "CARROT":
        get_settings.cache_clear()
