"""carrot.cron: messages for people, the slots of an expression in its zone, DST on the wall clock."""

import datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from carrot import cron

UTC = datetime.timezone.utc
CRON_TEXT = st.text(st.one_of(st.characters(), st.sampled_from("0123456789*/,-#LW ")), max_size=40)


def field(low: int, high: int) -> st.SearchStrategy[str]:
    """Valid text of a cron field whose values run from ``low`` to ``high``."""
    value = st.integers(low, high)
    return st.one_of(
        st.just("*"),
        value.map(str),
        st.builds("{}/{}".format, st.one_of(st.just("*"), value.map(str)), st.integers(1, high + 1)),
        st.tuples(value, value).map(sorted).map(lambda pair: f"{pair[0]}-{pair[1]}"),
        st.lists(value.map(str), min_size=1, max_size=3).map(",".join),
    )


RANGES = [(0, 59), (0, 23), (1, 28), (1, 12), (0, 6)]
EXPRESSIONS = st.tuples(*(field(low, high) for low, high in RANGES)).map(" ".join)
ZONES = st.sampled_from(["UTC", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"])
CLOCK_CHANGES = [
    datetime.datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime.datetime(2026, 10, 25, 1, tzinfo=UTC),
]
AFTER = st.one_of(
    st.datetimes(
        min_value=datetime.datetime(2000, 1, 1),
        max_value=datetime.datetime(2090, 1, 1),
        timezones=st.just(UTC),
    ),
    st.builds(
        lambda change, minutes: change + datetime.timedelta(minutes=minutes),
        st.sampled_from(CLOCK_CHANGES),
        st.integers(-180, 180),
    ),
)


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("expression", "zone", "fragment"),
    [
        ("61 * * * *", "UTC", "Invalid cron expression '61 * * * *': bad minute. Use five fields"),
        ("* * * *", "UTC", "wrong number of fields"),
        ("@daily", "UTC", "wrong number of fields"),
        ("0 0 31 2 *", "UTC", "bad day-of-month"),
        ("* * */20 * 1L", "UTC", "matches no time in the next 50 years"),
        ("x" * 201, "UTC", "at most 200 characters, got 201"),
        ("0 2 * * *", "Europe/Pariss", "Unknown time zone 'Europe/Pariss': use an IANA name"),
        ("", "Mars/Olympus", "Unknown time zone 'Mars/Olympus'"),
        ("0 2 * * *", "../../etc/passwd", "Unknown time zone"),
    ],
)
def test_problem_says_what_is_wrong(expression, zone, fragment):
    assert fragment in cron.problem(expression, zone)


@pytest.mark.parametrize(
    ("expression", "zone"),
    [("0 2 * * 1-5", "Europe/Paris"), ("*/15 * * * * *", "UTC"), ("0 0 L * *", "Asia/Tokyo"), ("", "UTC")],
)
def test_problem_is_none_for_a_usable_schedule(expression, zone):
    assert cron.problem(expression, zone) is None


@given(CRON_TEXT, st.text(max_size=30))
@example("", "")
@example("* * * * *", "\x00")
@example("1/0 * * * *", "UTC")
def test_problem_never_raises_for_any_text(expression, zone):
    assert cron.problem(expression, zone) is None or isinstance(cron.problem(expression, zone), str)


@settings(max_examples=200, deadline=None)
@given(EXPRESSIONS, ZONES, AFTER)
@example("30 2 * * *", "Europe/Paris", datetime.datetime(2026, 10, 25, 1, 0, tzinfo=UTC))  # repeated hour
def test_next_times_are_strictly_increasing_and_after_after(expression, zone, after):
    times = cron.next_times(expression, zone, after, 5)
    assert times, "every generated expression matches within 50 years"
    instants = [after.timestamp(), *(moment.timestamp() for moment in times)]
    assert instants == sorted(set(instants))
    assert all(str(moment.tzinfo) == zone for moment in times)
    assert cron.following(expression, zone, after).timestamp() == instants[1]


def test_next_times_are_in_the_zone_of_the_schedule():
    times = cron.next_times("0 2 * * 1-5", "Europe/Paris", utc(2026, 1, 2, 12), 3)
    assert [moment.isoformat() for moment in times] == [
        "2026-01-05T02:00:00+01:00",
        "2026-01-06T02:00:00+01:00",
        "2026-01-07T02:00:00+01:00",
    ]


def in_utc(times):
    return [moment.astimezone(UTC) for moment in times]


def test_spring_forward_runs_a_skipped_slot_once_at_the_jump():
    times = cron.next_times("30 2 * * *", "Europe/Paris", utc(2026, 3, 28, 12), 2)
    assert in_utc(times) == [utc(2026, 3, 29, 1, 0), utc(2026, 3, 30, 0, 30)]  # 03:00 CEST, then 02:30 CEST


def test_autumn_back_runs_a_repeated_slot_once():
    times = cron.next_times("30 2 * * *", "Europe/Paris", utc(2026, 10, 24, 12), 2)
    assert in_utc(times) == [utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30)]
    # asked during the repeated hour, after the first 02:30: the second 02:30 is not a slot
    second_pass = utc(2026, 10, 25, 1, 0)
    assert cron.following("30 2 * * *", "Europe/Paris", second_pass) == utc(2026, 10, 26, 1, 30)
    assert cron.following("30 2 * * *", "Europe/Paris", second_pass).tzinfo is UTC


def test_an_expression_by_elapsed_time_runs_through_the_repeated_hour():
    times = cron.next_times("*/30 * * * *", "Europe/Paris", utc(2026, 10, 24, 23, 45), 5)
    half_hours = [utc(2026, 10, 25, 0) + datetime.timedelta(minutes=30 * n) for n in range(5)]
    assert in_utc(times) == half_hours  # 02:00 CEST ... 02:30 CET, 03:00 CET: the hour twice


def test_bad_input_raises_a_cron_error():
    with pytest.raises(cron.CronError, match="bad hour"):
        cron.next_times("0 24 * * *", "UTC", utc(2026, 1, 1), 1)
    with pytest.raises(cron.CronError, match="Unknown time zone"):
        cron.following("0 2 * * *", "Nowhere", utc(2026, 1, 1))
    with pytest.raises(cron.CronError, match="required"):
        cron.following("", "UTC", utc(2026, 1, 1))
    with pytest.raises(cron.CronError, match="aware"):
        cron.following("0 2 * * *", "UTC", datetime.datetime(2026, 1, 1))


def test_count_until_counts_the_slots_in_the_window_up_to_the_limit():
    start, end = utc(2026, 1, 1), utc(2026, 1, 1, 1)
    assert cron.count_until("*/10 * * * *", "UTC", start, end, 100) == 6  # 00:10 ... 01:00
    assert cron.count_until("*/10 * * * *", "UTC", start, end, 4) == 4
    assert cron.count_until("0 3 * * *", "UTC", start, end, 100) == 0


def test_has_seconds():
    assert cron.has_seconds("*/5 * * * * *") and not cron.has_seconds("*/5 * * * *")
