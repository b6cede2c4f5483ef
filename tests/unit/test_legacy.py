"""Converting django-carrot 1.x values (carrot.legacy): examples as 1.5 wrote them, and properties.

The reference behaviour is 1.5's own code, quoted in the oracles below (``carrot/models.py`` of the
1.5.0 wheel), and what its consumer passed a task: the message body went through ``json``.
"""

import datetime
import json
import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carrot import legacy, values

pytestmark = pytest.mark.timeout(120)

FAST = settings(max_examples=200, deadline=None)


def positional_arguments_15(task_args):
    """1.5's ``ScheduledTask.positional_arguments``, verbatim."""
    if task_args:
        return tuple([a.strip() for a in task_args.split(",") if a])
    else:
        return ()


def log_line_15(thread: str, when: datetime.datetime, level: str, message: str) -> str:
    """One line as 1.5's ``LOGGING_FORMAT`` wrote it."""
    record = logging.LogRecord("carrot", logging.getLevelName(level), __file__, 1, message, None, None)
    record.threadName = thread
    record.created = when.timestamp()
    record.msecs = when.microsecond // 1000
    formatter = logging.Formatter("%(threadName)-10s %(asctime)-10s %(levelname)s:: %(message)s")
    formatter.converter = lambda _: when.timetuple()
    return formatter.format(record)


# -- 1.x message logs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(0, 10)", [0, 10]),
        ("()", []),
        ("('a', {'b': 1})", ["a", {"b": 1}]),
        ("('x',)", ["x"]),
        ("((1, 2), [3, None, True])", [[1, 2], [3, None, True]]),
        ("[1, 'two']", [1, "two"]),
        ("", []),
        (None, []),
    ],
)
def test_log_arguments_as_1x_wrote_them(text, expected):
    converted = legacy.log_fields({"task_args": text, "content": None})
    assert converted.fields["task_args"] == expected
    assert converted.problems == ()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("(datetime.datetime(2020, 1, 1, 0, 0),)", "are not literals: kept as one string"),
        (
            "({1, 2},)",
            "are not JSON values (Object of type set is not JSON serializable): kept as one string",
        ),
        (
            "(b'raw',)",
            "are not JSON values (Object of type bytes is not JSON serializable): kept as one string",
        ),
        ("(" * 500 + ")" * 500, "are not literals: kept as one string"),
    ],
)
def test_log_arguments_that_are_not_json_are_kept_as_one_string(text, problem):
    converted = legacy.log_fields({"task_args": text})
    assert converted.fields["task_args"] == [text]
    assert len(converted.problems) == 1
    assert converted.problems[0].endswith(problem)


def test_values_postgresql_cannot_store_become_text_and_are_reported():
    converted = legacy.log_fields({"task_args": "(1e999, '\\x00')", "content": '{"a": NaN}'})
    assert converted.fields["task_args"] == ["inf", values.NUL_REPLACEMENT]
    assert converted.fields["content"] == {"a": "nan"}
    assert [p.split(":")[-1].strip() for p in converted.problems] == [
        "NaN, infinities and NUL characters were stored as text"
    ] * 2


@pytest.mark.parametrize(
    ("text", "expected", "problem"),
    [
        ('{"to": "a@b.c", "n": [1, 2]}', {"to": "a@b.c", "n": [1, 2]}, None),
        (None, {}, None),
        ("", {}, None),
        ('"{}"', {}, None),
        ("{}", {}, None),
        ('"{\\"a\\": 1}"', {}, "are a JSON string, which 1.x ran as none: dropped"),
        ("[1]", {}, "are not a JSON object: dropped (1.x could not read them)"),
        ("{'a': 1}", {}, "are not JSON: dropped (1.x could not read them)"),
    ],
)
def test_keyword_arguments(text, expected, problem):
    kwargs, problems = legacy.keyword_arguments(text)
    assert kwargs == expected
    assert [p.endswith(problem) for p in problems] == ([True] if problem else [])
    assert all(p.startswith(f"keyword arguments {text!r} ") for p in problems)


def test_a_1x_log_row_becomes_this_versions_fields():
    row = {
        "id": 7,
        "status": "FAILED",
        "exchange": "",
        "queue": "default",
        "routing_key": None,
        "uuid": "5c1f",
        "task": "app.tasks.add",
        "task_args": "(0, 10)",
        "content": '{"retry": false}',
        "exception": "division by zero",
        "traceback": "Traceback (most recent call last):\n...",
        "output": None,
        "log": "default-1  2020-01-01 12:00:00,123 INFO:: Starting task app.tasks.add",
    }
    assert legacy.log_fields(row) == legacy.Converted(
        {
            "task_args": [0, 10],
            "content": {"retry": False},
            "log": [
                {
                    "time": "2020-01-01T12:00:00.123",
                    "level": "INFO",
                    "levelno": 20,
                    "logger": "default-1",
                    "message": "Starting task app.tasks.add",
                }
            ],
            "queue": "default",
            "exchange": "",
            "routing_key": "",
            "output": "",
            "exception": "division by zero",
            "traceback": "Traceback (most recent call last):\n...",
        }
    )


def test_log_text_lines_that_continue_an_entry_join_it():
    text = "\n".join(
        [
            "stray first line",
            "default-1  2020-01-01 12:00:00,123 WARNING:: first",
            "Traceback (most recent call last):",
            '  File "x.py", line 1',
            "default-2  2020-01-01 12:00:01,000 NOTICE:: custom level",
            "default-2  2020-13-45 99:00:01,000 INFO:: no such date",
        ]
    )
    entries = legacy.log_entries(text)
    assert [(e["level"], e["levelno"], e["logger"], e["message"]) for e in entries] == [
        ("INFO", 20, "", "stray first line"),
        ("WARNING", 30, "default-1", 'first\nTraceback (most recent call last):\n  File "x.py", line 1'),
        ("INFO", 20, "default-2", "custom level"),
        ("INFO", 20, "default-2", "no such date"),
    ]
    assert entries[-1]["time"] == "2020-13-45T99:00:01.000"  # kept as written, not parsed


# -- 1.x scheduled tasks ---------------------------------------------------------------------------


def test_a_1x_scheduled_task_row_becomes_this_versions_fields():
    row = {
        "id": 3,
        "interval_type": "weeks",
        "interval_count": 2,
        "exchange": None,
        "routing_key": None,
        "queue": None,
        "task": "app.tasks.report",
        "task_args": "1, 2",
        "content": '"{}"',
        "active": True,
        "task_name": None,
    }
    assert legacy.schedule_fields(row) == legacy.Converted(
        {
            "task_args": ["1", "2"],
            "content": {},
            "interval_type": "days",
            "interval_count": 14,
            "queue": "default",
            "exchange": "",
            "routing_key": "",
        },
        (
            "positional arguments '1, 2' stay the strings ['1', '2'] 1.x passed",
            "every 2 weeks became every 14 days (1.x ran it every 2 seconds)",
        ),
    )


@pytest.mark.parametrize(
    ("unit", "count", "expected", "problem"),
    [
        ("minutes", 5, ("minutes", 5), None),
        ("weeks", 1, ("days", 7), "every 1 weeks became every 7 days (1.x ran it every 1 seconds)"),
        ("fortnights", 3, ("seconds", 3), "unknown interval unit 'fortnights' became seconds, as 1.x ran it"),
        ("hours", 0, ("hours", 1), "interval count 0 became 1 (1.x published the task without pause)"),
        (
            "weeks",
            60,
            ("days", 420),
            "every 420 days is longer than a year: the monitor asks for less when edited",
        ),
    ],
)
def test_intervals(unit, count, expected, problem):
    new_unit, new_count, problems = legacy.interval(unit, count)
    assert (new_unit, new_count) == expected
    assert problems[-1:] == ((problem,) if problem else ())


def test_task_names_duplicates_and_missing():
    rows = [
        (1, "app.a", "nightly"),
        (2, "app.a", "nightly"),
        (3, "app.b", None),
        (4, "app.b", ""),
        (5, "app.c", "app.b"),
        (6, "app.c", "nightly-2"),
    ]
    assert legacy.unique_task_names(rows) == {2: "nightly-2-2", 3: "app.b-3", 4: "app.b-4"}


def test_task_names_stay_within_the_column():
    long_name = "n" * 200
    renamed = legacy.unique_task_names([(1, "t", long_name), (12345, "t", long_name), (9, "p" * 250, None)])
    assert renamed == {12345: "n" * 194 + "-12345", 9: "p" * 200}


# -- properties ------------------------------------------------------------------------------------

SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=15)
JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), SAFE_TEXT
)
PY_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(SAFE_TEXT, inner, max_size=4),
    ),
    max_leaves=12,
)
"""What a 1.x caller could pass ``publish_message`` that its JSON message body carried."""
ANY_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from([*"()[]{},:'\" 0123456789.-xeE\\\n", "None", "True", "1e999", "set()"])).map(
        "".join
    ),
)


@FAST
@given(st.lists(PY_VALUES, max_size=5).map(tuple))
def test_log_arguments_are_what_1x_passed_the_task(args):
    """``str(tuple)`` as 1.x stored it converts to what 1.x's consumer received through JSON."""
    converted, problems = legacy.log_positional(str(args))
    assert converted == json.loads(json.dumps(list(args)))
    assert problems == ()


@FAST
@given(st.dictionaries(SAFE_TEXT, PY_VALUES, max_size=5))
def test_keyword_arguments_round_trip(kwargs):
    assert legacy.keyword_arguments(json.dumps(kwargs)) == (json.loads(json.dumps(kwargs)), ())


@FAST
@given(ANY_TEXT, ANY_TEXT, ANY_TEXT)
def test_any_log_row_converts_to_storable_values(args, kwargs, log):
    converted = legacy.log_fields({"task_args": args, "content": kwargs, "log": log})
    values.dumps_strict(converted.fields)  # strict JSON, nothing PostgreSQL refuses
    assert isinstance(converted.fields["task_args"], list)
    assert isinstance(converted.fields["content"], dict)
    for problem in converted.problems:
        assert problem.startswith(("positional arguments ", "keyword arguments "))


@FAST
@given(ANY_TEXT)
def test_schedule_arguments_are_the_strings_1x_passed(text):
    """The same strings, but NUL and lone surrogates (not on PostgreSQL) become the replacement character."""
    expected = [values.storable_text(arg) for arg in positional_arguments_15(text)]
    assert legacy.schedule_positional(text) == expected


@FAST
@given(
    st.one_of(st.none(), st.sampled_from(["seconds", "minutes", "hours", "days", "weeks", "x"])),
    st.integers(0, 10**6),
)
def test_any_interval_is_one_this_version_runs(unit, count):
    new_unit, new_count, _ = legacy.interval(unit, count)
    assert new_unit in legacy.SECONDS_PER
    assert new_count >= 1
    if unit == "weeks" and count:
        assert (new_unit, new_count) == ("days", count * 7)


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["app.a", "app.b", "x" * 210]),
            st.one_of(st.none(), st.just(""), st.sampled_from(["n", "n-2", "n-3", "app.a", "m" * 200])),
        ),
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_task_names_become_unique_and_the_lowest_id_keeps_its_name(pairs, random):
    ids = random.sample(range(1, 1000), len(pairs))
    rows = [(pk, task, name) for pk, (task, name) in zip(ids, pairs, strict=True)]
    renamed = legacy.unique_task_names(rows)
    final = {pk: renamed.get(pk, name) for pk, _, name in rows}
    assert len(set(final.values())) == len(rows)
    assert all(0 < len(name) <= legacy.NAME_LENGTH for name in final.values())
    for pk, task, name in rows:
        if name and pk == min(p for p, _, n in rows if n == name):
            assert pk not in renamed
        elif pk in renamed:
            base = name or task
            assert renamed[pk].startswith(base[: legacy.NAME_LENGTH - len(str(pk)) - 1])
        assert (pk in renamed) == (not name or pk != min(p for p, _, n in rows if n == name))


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["default-1", "MainThread", "q 2"]),
            st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2030, 1, 1)),
            st.sampled_from(["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]),
            st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=20),
        ),
        max_size=5,
    )
)
def test_log_lines_as_1x_wrote_them_become_entries(lines):
    text = "\n".join(log_line_15(*line) for line in lines)
    entries = legacy.log_entries(text)
    expected = [
        (thread, f"{when:%Y-%m-%dT%H:%M:%S}.{when.microsecond // 1000:03d}", level, message)
        for thread, when, level, message in lines
    ]
    assert [(e["logger"], e["time"], e["level"], e["message"]) for e in entries] == expected
