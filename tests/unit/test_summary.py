"""The one-line summary of a task's arguments shown in the monitor's lists."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from carrot.summary import MAX_DEPTH, SUMMARY_LIMIT, arguments_summary

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def test_positional_then_keyword_arguments_as_the_forms_take_them():
    assert (
        arguments_summary([42, "a@b.c", True, None], {"retry": False})
        == "42, 'a@b.c', True, None, retry=False"
    )
    assert arguments_summary([{"foo": [1, 2.5]}], {}) == "{'foo': [1, 2.5]}"
    assert arguments_summary([], {"to": "x", "cc": None}) == "to='x', cc=None"
    assert arguments_summary([], {}) == arguments_summary(None, None) == ""


def test_a_long_line_is_cut_with_an_ellipsis():
    summary = arguments_summary(["x" * 500], {"flag": True})
    assert len(summary) == SUMMARY_LIMIT
    assert summary.startswith("'xxx") and summary.endswith("x…")
    assert arguments_summary(list(range(100)), {}).endswith(", 31, 3…")
    exactly = "a" * (SUMMARY_LIMIT - 2)  # with its quotes, exactly the limit: not cut
    assert arguments_summary([exactly], {}) == repr(exactly)


def test_text_stays_on_one_line():
    assert arguments_summary(["two\nlines"], {"k": "\r\t"}) == "'two\\nlines', k='\\r\\t'"


def test_a_key_that_is_no_name_and_values_a_damaged_log_may_hold():
    assert arguments_summary([], {"not a name": 1}) == "'not a name'=1"
    assert arguments_summary({"a": 1}, "text") == "{'a': 1}, **'text'"
    assert arguments_summary([object()], {}) == "<object>"


def test_deep_nesting_is_shown_as_an_ellipsis():
    deep: list = []
    for _ in range(10_000):
        deep = [deep]
    summary = arguments_summary([deep], {}, limit=1000)
    assert summary == "[" * MAX_DEPTH + "…" + "]" * MAX_DEPTH


def test_an_integer_too_long_to_print():
    assert arguments_summary([10**5000], {}) == "<int of 16610 bits>"


def test_huge_arguments_cost_no_more_than_short_ones():
    huge = [list(range(1_000_000)), "y" * 10_000_000]
    started = time.perf_counter()
    summary = arguments_summary(huge, {"k": huge})
    assert time.perf_counter() - started < 0.5  # a scan of it all would take seconds
    assert len(summary) == SUMMARY_LIMIT


@settings(max_examples=100, deadline=None)
@given(JSON, JSON, st.integers(min_value=0, max_value=300))
def test_never_longer_than_the_limit_never_raises_and_one_line(args, kwargs, limit):
    summary = arguments_summary(args, kwargs, limit)
    assert len(summary) <= limit
    assert "\n" not in summary and "\r" not in summary


@settings(max_examples=100, deadline=None)
@given(
    st.lists(JSON, max_size=5), st.dictionaries(st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True), JSON)
)
def test_a_short_summary_is_the_whole_call(args, kwargs):
    summary = arguments_summary(args, kwargs, limit=10_000)
    whole = ", ".join(
        [*(repr(value) for value in args), *(f"{key}={value!r}" for key, value in kwargs.items())]
    )
    short = all(len(text) <= 10_000 for text in _strings([args, kwargs]))
    if len(whole) <= 10_000 and short and _depth([args, kwargs]) <= MAX_DEPTH:
        assert summary == whole


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)


def _depth(value):
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0
