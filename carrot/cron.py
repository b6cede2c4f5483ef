"""Cron expressions in an IANA time zone: a check for people, and the times an expression names.

The expressions and their evaluation are `cronsim <https://pypi.org/project/cronsim/>`_'s, which
follows Debian's cron, daylight saving time included: five fields (minute hour day-of-month month
day-of-week, with names such as ``MON`` or ``JAN``, ``L``, ``LW``, ``5L`` and ``MON#2``), or six with a
leading seconds field. Times are evaluated on the wall clock of the zone. Where the zone's clock jumps
forward, a slot in the skipped hour of an expression with a fixed minute and hour (``30 2 * * *``) runs
at the jump (03:00 that day); where it goes back, such a slot runs once, at its first occurrence.
Expressions whose minute or hour field starts with ``*`` (``*/15 * * * *``) run by elapsed time,
through the repeated hour too.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import zoneinfo
from collections.abc import Iterator

from cronsim import CronSim, CronSimError

from carrot.errors import CarrotError

MAX_LENGTH = 200
"""The longest expression (:attr:`carrot.models.ScheduledTask.cron` holds 200 characters)."""
FIELDS = "minute hour day-of-month month day-of-week"
HORIZON_YEARS = 50
"""An expression must match within this many years of any of its slots (cronsim's search)."""


class CronError(CarrotError, ValueError):
    """An invalid cron expression or an unknown time zone; the message says which and why."""


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_problem(name: str) -> str | None:
    """Why ``name`` is not an IANA time zone this system knows, for people; ``None`` if it is one."""
    if name in _zones():
        return None
    return f"Unknown time zone {name!r}: use an IANA name such as 'Europe/Paris' or 'UTC'."


def expression_problem(expression: str) -> str | None:
    """Why ``expression`` is not a usable cron expression, for people; ``None`` if it is one."""
    if len(expression) > MAX_LENGTH:
        return f"A cron expression has at most {MAX_LENGTH} characters, got {len(expression)}."
    try:
        next(CronSim(expression, datetime.datetime.now(datetime.timezone.utc)))
    except CronSimError as exc:
        detail = str(exc).lower()
        return (
            f"Invalid cron expression {expression!r}: {detail}. Use five fields ({FIELDS}), "
            "e.g. '0 2 * * 1-5' for 02:00 on weekdays, or six with a leading seconds field."
        )
    except StopIteration:
        return f"The cron expression {expression!r} matches no time in the next {HORIZON_YEARS} years."
    return None


def problem(expression: str, timezone: str) -> str | None:
    """Why a schedule on ``expression`` in ``timezone`` cannot run, for people; ``None`` if it can.

    An empty ``expression`` means "no cron expression" (the interval applies): only the zone is checked.
    Never raises for any text.
    """
    return (expression_problem(expression) if expression else None) or zone_problem(timezone)


def zone(name: str) -> zoneinfo.ZoneInfo:
    """The time zone ``name``; raises :class:`CronError` when it is not one this system knows."""
    reason = zone_problem(name)
    if reason is not None:
        raise CronError(reason)
    return zoneinfo.ZoneInfo(name)


def _slots(expression: str, timezone: str, after: datetime.datetime) -> Iterator[datetime.datetime]:
    """The slots strictly after the aware ``after``, in the zone, in order; ends past the horizon.

    cronsim evaluates a fixed-time expression on the naive wall clock, so asked during a repeated hour it
    offers that hour's first slot again (already past): the slots up to ``after`` are dropped.
    """
    if after.tzinfo is None or after.utcoffset() is None:
        raise CronError(f"'after' must be an aware datetime, got the naive {after.isoformat()}")
    reason = problem(expression, timezone) if expression else "A cron expression is required."
    if reason:
        raise CronError(reason)
    slots = CronSim(expression, after.astimezone(zone(timezone)))
    after = after.astimezone(datetime.timezone.utc)
    return itertools.dropwhile(lambda slot: slot.astimezone(datetime.timezone.utc) <= after, slots)


def next_times(
    expression: str, timezone: str, after: datetime.datetime, count: int
) -> list[datetime.datetime]:
    """The first ``count`` slots strictly after the aware ``after``, in ``timezone`` (for people).

    Fewer when the expression stops matching (no slot within :data:`HORIZON_YEARS`). Raises
    :class:`CronError` for an invalid expression, an unknown zone or a naive ``after``. Compare them in
    UTC: Python compares two times of one zone by the wall clock (02:30 before and after the clocks go
    back are equal) and never finds such an ambiguous time equal to one of another zone.
    """
    slots = _slots(expression, timezone, after)
    return [slot for slot, _ in zip(slots, range(count), strict=False)]


def following(expression: str, timezone: str, after: datetime.datetime) -> datetime.datetime:
    """The first slot strictly after the aware ``after``, in UTC (for storing and comparing).

    Raises :class:`CronError` as :func:`next_times` does, and when no slot follows within the horizon.
    """
    for slot in _slots(expression, timezone, after):
        return slot.astimezone(datetime.timezone.utc)
    raise CronError(f"The cron expression {expression!r} matches no time after {after.isoformat()}.")


def count_until(
    expression: str, timezone: str, after: datetime.datetime, until: datetime.datetime, limit: int
) -> int:
    """How many slots fall in (``after``, ``until``], counting at most ``limit``."""
    count = 0
    for slot in _slots(expression, timezone, after):
        if count >= limit or slot.astimezone(datetime.timezone.utc) > until:
            break
        count += 1
    return count


def has_seconds(expression: str) -> bool:
    """Whether ``expression`` has the leading seconds field (six fields)."""
    return len(expression.split()) == 6
