"""Stored arguments checked against a task's signature: each mismatch named, on its side."""

import pytest

from carrot import signatures
from carrot.arguments import ArgumentError


def add(a, b):
    return a + b


def scaled(a, *, scale, unit="s", **extra):
    return a * scale


def positional_only(a, /, b=1):
    return a + b


def anything(*args, **kwargs):
    return None


def found(func, args=(), kwargs=None):
    return [
        (m.field, m.message.split(" It takes ")[0]) for m in signatures.mismatches(func, args, kwargs or {})
    ]


def test_arguments_that_bind_are_accepted():
    assert found(add, (1, 2)) == []
    assert found(add, (1,), {"b": 2}) == []
    assert found(scaled, (1,), {"scale": 2, "colour": "red"}) == []  # **extra takes any keyword
    assert found(anything, (1, 2, 3), {"x": 1}) == []


def test_an_unknown_keyword_is_named():
    assert found(add, (1, 2), {"c": 3}) == [("kwargs", "The task takes no keyword argument 'c'.")]
    assert found(positional_only, (1,), {"a": 1}) == [("kwargs", "The task takes no keyword argument 'a'.")]


def test_a_missing_required_argument_is_named_on_its_side():
    assert found(add, (1,)) == [("args", "The required argument 'b' is missing.")]
    assert found(scaled, (1,)) == [("kwargs", "The required argument 'scale' is missing.")]
    assert found(positional_only, (), {"a": 1}) == [
        ("kwargs", "The task takes no keyword argument 'a'."),
        ("args", "The required argument 'a' is missing."),
    ]


def test_too_many_positional_arguments_and_an_argument_given_twice():
    assert found(add, (1, 2, 3)) == [("args", "Too many positional arguments: at most 2, got 3.")]
    assert found(add, (1, 2), {"a": 1}) == [
        ("kwargs", "Argument 'a' is given both by position and by keyword.")
    ]


def test_every_message_shows_the_signature_and_check_raises_the_argument_error():
    (mismatch,) = signatures.mismatches(add, (1,), {})
    assert mismatch.message.endswith("It takes (a, b).")
    with pytest.raises(
        ArgumentError, match=r"kwargs: The task takes no keyword argument 'c'\..*args: The required"
    ):
        signatures.check(add, (), {"a": 1, "c": 2})
    signatures.check(add, (1, 2), {})  # no error
