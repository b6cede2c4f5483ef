import re

import pytest

from carrot.arguments import (
    MAX_INPUT_LENGTH,
    MAX_NESTING,
    ArgumentError,
    parse_cli_value,
    parse_keyword,
    parse_positional,
)


def test_the_seed_example():
    assert parse_positional("True, 1, 'test', {'foo': 'bar'}") == [True, 1, "test", {"foo": "bar"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", []), ("  ", []), ("1", [1]), ("'a, b'", ["a, b"]), ("[1, 2], None", [[1, 2], None]), ("1,", [1])],
)
def test_positional(text, expected):
    assert parse_positional(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("foo, bar", "'foo' is not a literal"),
        ("1, open('x')", "function calls are not allowed"),
        ("1, 2)", "unmatched ')'"),
        ("True, 1, 'test', {'foo':", "'{' was never closed"),
        ("__import__('os')", "Python literals"),
        ("{1, 2}", "strict JSON"),
        ("b'x'", "strict JSON"),
        ("[" * 200_000, "too long"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        ("-" * 5000 + "1", "nested too deeply"),
        ("not " * 500 + "1", "nested too deeply"),
    ],
    ids=lambda value: value[:20],
)
def test_positional_errors(text, fragment):
    with pytest.raises(ArgumentError, match=re.escape(fragment)):
        parse_positional(text)


def test_keyword_nesting_is_capped_like_positional():
    deepest_allowed = '{"a": ' + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "}"
    assert "a" in parse_keyword(deepest_allowed)
    with pytest.raises(ArgumentError, match="Keyword arguments are nested too deeply"):
        parse_keyword('{"a": [' + deepest_allowed + "]}")


@pytest.mark.parametrize("parse", [parse_positional, parse_cli_value])
def test_nesting_is_capped_before_python_parses_it(parse):
    """Python's parser recurses per level; on 3.11 deep input can leave it raising SystemError."""
    deepest_allowed = "[" * MAX_NESTING + "1" + "]" * MAX_NESTING
    assert repr(parse(deepest_allowed)).count("[") == MAX_NESTING + (parse is parse_positional)
    with pytest.raises(ArgumentError, match="nested too deeply"):
        parse("[" + deepest_allowed + "]")


@pytest.mark.parametrize("parse", [parse_positional, parse_cli_value])
def test_sibling_brackets_do_not_add_up(parse):
    assert parse("[" + "[1], " * 300 + "]") in ([[[1]] * 300], [[1]] * 300)


@pytest.mark.parametrize("parse", [parse_positional, parse_cli_value])
def test_brackets_inside_strings_do_not_count_as_nesting(parse):
    text = "'" + "[(" * 200 + "\\'" + '"' + "'"
    assert "[(" * 200 in repr(parse(text))


def test_keyword_is_json():
    assert parse_keyword('{"a": true, "b": null, "c": ["x"]}') == {"a": True, "b": None, "c": ["x"]}
    assert parse_keyword("") == {}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("{'a': 1}", "JSON, not a Python dict"),
        ('{"a": True}', "JSON, not a Python dict"),
        ("[1]", "JSON object"),
    ],
)
def test_keyword_errors(text, fragment):
    with pytest.raises(ArgumentError, match=fragment):
        parse_keyword(text)


def test_keyword_length_cap():
    with pytest.raises(ArgumentError, match="too long"):
        parse_keyword(" " * (MAX_INPUT_LENGTH + 1))


def test_cli_values():
    assert parse_cli_value("1") == 1
    assert parse_cli_value("'hi'") == "hi"
    assert parse_cli_value("true") is True
    assert parse_cli_value("{'a': [1]}") == {"a": [1]}
    with pytest.raises(ArgumentError, match="quote strings"):
        parse_cli_value("hello")
