"""Property-based tests: any input to argument parsing, message decoding and value encoding gives a
value or a clear error (a :class:`~carrot.errors.CarrotError` subclass), never another exception.

Each property runs a couple of hundred examples; a hung parser fails on the timeout below.
"""

import json
import math
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pika.spec import BasicProperties

from carrot import values
from carrot.arguments import MAX_INPUT_LENGTH, ArgumentError, parse_cli_value, parse_keyword, parse_positional
from carrot.errors import MalformedMessageError, SerializationError
from carrot.messages import TaskMessage

pytestmark = pytest.mark.timeout(60)

FAST = settings(max_examples=150, deadline=None)

# -- strategies ------------------------------------------------------------------------------------

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
"""Lone surrogates: Python strings may hold them (``surrogateescape``), UTF-8 cannot."""
ANY_CHAR = st.one_of(st.characters(), SURROGATES, st.just("\x00"))
ANY_TEXT = st.text(ANY_CHAR, max_size=30)
STRICT_TEXT = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
"""Text a task may be called with: no NUL, no lone surrogate (PostgreSQL stores neither)."""

LITERAL_ALPHABET = st.sampled_from(
    [
        *"[](){},:'\"\\-+.0123456789eEjxubTrueFalsNn \x00\U0001f600\ud800",
        *["True", "None", "null", "true", "NaN", "Infinity", "1e999", "\\x00", "\\u0000", "\\ud800"],
        *["...", "set()"],
    ]
)
"""Pieces of Python literals and JSON, so that generated text reaches past the first syntax error."""
LITERAL_LIKE = st.lists(LITERAL_ALPHABET, max_size=60).map("".join)


@st.composite
def deep_brackets(draw):
    """Deeply nested (often unbalanced) brackets, inside and over the length cap."""
    opener = draw(st.sampled_from(["[", "(", "{", "{'a':", '{"a":', "-", "not ", "[1,"]))
    depth = draw(st.integers(0, MAX_INPUT_LENGTH // len(opener) + 50))
    closer = {"[": "]", "(": ")", "{": "}", "[1,": "]"}.get(opener, "}" if opener.startswith("{") else "")
    closed = draw(st.sampled_from([0, depth, max(depth - 1, 0)]))
    return opener * depth + draw(st.sampled_from(["", "1", "'x'", "\x00"])) + closer * closed


HUGE = st.builds(
    lambda piece, n: piece * n, st.sampled_from(["1,", "'a'", "\x00", "[]", "é"]), st.integers(0, 12_000)
)

ARBITRARY_INPUT = st.one_of(ANY_TEXT, LITERAL_LIKE, deep_brackets(), HUGE)

JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    STRICT_TEXT,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.dictionaries(STRICT_TEXT, children, max_size=5)
    ),
    max_leaves=10,
)
"""Strict JSON values (finite numbers, text without NUL or lone surrogates) as Python builds them."""

JSON_LIKE = st.recursive(
    st.one_of(JSON_SCALARS, st.floats(), ANY_TEXT),
    lambda children: st.one_of(
        st.lists(children, max_size=5), st.tuples(children), st.dictionaries(ANY_TEXT, children, max_size=5)
    ),
    max_leaves=10,
)
"""What ``json.dumps`` accepts by default: NaN, infinities and NUL included."""

ANY_PYTHON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        ANY_TEXT,
        st.binary(max_size=10),
        st.complex_numbers(),
        st.decimals(),
        st.datetimes(),
        st.just(Ellipsis),
        st.just(object()),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.tuples(children, children),
        st.frozensets(st.integers(), max_size=3),
        st.dictionaries(
            st.one_of(
                ANY_TEXT, st.integers(), st.floats(), st.booleans(), st.none(), st.tuples(st.integers())
            ),
            children,
            max_size=5,
        ),
    ),
    max_leaves=12,
)
"""Any (recursive) Python value, most of them not JSON."""


def nested_list(depth, leaf):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def unstorable(text):
    """Whether PostgreSQL refuses ``text``: it holds a NUL or a lone surrogate (not UTF-8)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def has_unstorable(value):
    """Whether a string or key anywhere in ``value`` is :func:`unstorable` (iterative: values may be deep)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str) and unstorable(item):
            return True
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


# -- carrot.arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize("parse", [parse_positional, parse_keyword, parse_cli_value])
@FAST
@given(text=ARBITRARY_INPUT)
@example(text="[" * MAX_INPUT_LENGTH)
@example(text="-" * (MAX_INPUT_LENGTH - 1) + "1")
@example(text="(" * 100 + ")" * 100)
@example(text="'\x00'")
@example(text="'\ud800'")
@example(text="9" * 5000)
def test_any_text_parses_to_a_strict_json_value_or_an_argument_error(parse, text):
    """A successful parse is something a task can be published with; anything else says why."""
    try:
        value = parse(text)
    except ArgumentError as exc:
        assert str(exc)
        return
    values.dumps_strict(value)


@FAST
@given(arguments=st.lists(JSON_VALUES, max_size=6))
@example(arguments=[-0.0, 1e16, 5e-324, "a, b", {"k": [True, None]}])
@example(arguments=["\U0001f600", "\\x00", " ", ",", "'\""])
def test_positional_round_trip(arguments):
    text = ", ".join(repr(value) for value in arguments)
    if len(text) > MAX_INPUT_LENGTH:
        return
    assert parse_positional(text) == arguments


@FAST
@given(arguments=st.dictionaries(STRICT_TEXT, JSON_VALUES, max_size=6), indent=st.sampled_from([None, 2]))
@example(arguments={"\U0001f600": "\\u0000", "": 1e308}, indent=None)
def test_keyword_round_trip(arguments, indent):
    text = json.dumps(arguments, indent=indent)
    if len(text) > MAX_INPUT_LENGTH:
        return
    assert parse_keyword(text) == arguments


@FAST
@given(value=JSON_VALUES)
def test_cli_value_round_trip(value):
    text = repr(value)
    if len(text) > MAX_INPUT_LENGTH:
        return
    assert parse_cli_value(text) == value


# -- carrot.messages -------------------------------------------------------------------------------

HEADER_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    ANY_TEXT,
    st.binary(max_size=20),
    st.lists(st.integers(), max_size=3),
)
HEADERS = st.one_of(
    st.none(),
    st.dictionaries(ANY_TEXT, HEADER_VALUES, max_size=4),
    st.builds(
        lambda task, extra: {**extra, "type": task},
        HEADER_VALUES,
        st.dictionaries(ANY_TEXT, HEADER_VALUES, max_size=3),
    ),
)
BODIES = st.one_of(
    st.binary(),
    ANY_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    LITERAL_LIKE.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.builds(
        lambda args, kwargs: json.dumps({"args": args, "kwargs": kwargs}).encode(), JSON_LIKE, JSON_LIKE
    ),
    st.builds(lambda content: json.dumps(content).encode(), JSON_LIKE),
    st.builds(
        lambda text, encoding: text.encode(encoding, "surrogatepass"),
        LITERAL_LIKE,
        st.sampled_from(["utf-16", "utf-32"]),
    ),
    st.builds(lambda depth: b"[" * depth + b"]" * depth, st.integers(0, 50_000)),
    st.builds(lambda depth: b'{"args": ' + b"[" * depth, st.integers(0, 50_000)),
)


@FAST
@given(
    headers=HEADERS,
    body=BODIES,
    message_id=st.one_of(st.none(), st.text()),
    priority=st.one_of(st.none(), st.integers(0, 255)),
)
@example(headers={"type": "a.b"}, body=b'{"args": NaN}', message_id=None, priority=None)
@example(headers={"type": "a.b"}, body=b'{"args": [1e999]}', message_id="m", priority=1)
@example(headers={"type": "a.b"}, body=b"\xff\xfe\x00", message_id="m", priority=1)
@example(headers={"type": b"a.b"}, body=b"{}", message_id="m", priority=1)
def test_any_delivery_decodes_to_a_task_message_or_a_malformed_message_error(
    headers, body, message_id, priority
):
    properties = BasicProperties(headers=headers, message_id=message_id, priority=priority)
    try:
        message = TaskMessage.decode(properties, body)
    except MalformedMessageError as exc:
        assert str(exc)
        return
    assert isinstance(message.task, str) and message.task == headers["type"]
    assert isinstance(message.args, tuple) and isinstance(message.kwargs, dict)
    assert message.message_id == (message_id or message.message_id)
    assert message.priority == (priority or 0)


WIRE_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)
"""Header text that pika can put on the wire (UTF-8: no lone surrogates)."""


@FAST
@given(
    task=WIRE_TEXT,
    args=st.lists(JSON_VALUES, max_size=5),
    kwargs=st.dictionaries(STRICT_TEXT, JSON_VALUES, max_size=5),
    message_id=st.uuids().map(str),
    priority=st.integers(0, 255),
)
def test_an_encoded_message_decodes_to_itself_through_the_wire(task, args, kwargs, message_id, priority):
    message = TaskMessage(task, tuple(args), kwargs, message_id, priority)
    properties, body = message.encode()
    on_the_wire = BasicProperties()
    on_the_wire.decode(b"".join(properties.encode()))
    assert TaskMessage.decode(on_the_wire, body) == message
    assert TaskMessage.decode(properties, body) == message


# -- carrot.values ---------------------------------------------------------------------------------


@FAST
@given(
    args=st.one_of(ANY_PYTHON, st.lists(ANY_PYTHON)), kwargs=st.dictionaries(ANY_TEXT, ANY_PYTHON, max_size=4)
)
@example(args=[float("nan")], kwargs={})
@example(args=[], kwargs={"a": [1, {"b": "\x00"}]})
def test_any_value_encodes_to_json_that_reads_back_or_a_serialization_error(args, kwargs):
    try:
        body = values.encode_arguments(args if isinstance(args, list) else [args], kwargs)
    except SerializationError as exc:
        assert str(exc)
        return
    assert isinstance(body, bytes)
    decoded = values.decode_json(body)
    assert decoded == json.loads(body)
    assert decoded == json.loads(
        json.dumps({"args": args if isinstance(args, list) else [args], "kwargs": kwargs})
    )
    assert not has_unstorable(decoded)


@FAST
@given(value=ANY_PYTHON)
def test_dumps_strict_gives_strict_json_or_a_serialization_error(value):
    try:
        body = values.dumps_strict(value, "The value")
    except SerializationError as exc:
        assert str(exc).startswith("The value")
        return
    assert isinstance(body, bytes)
    assert values.decode_json(body) == json.loads(body)


def circular_list():
    circular = []
    circular.append(circular)
    return circular


@pytest.mark.parametrize(
    "value",
    [circular_list(), {"a": circular_list()}, nested_list(50_000, 1), nested_list(900, "\x00")],
    ids=["circular list", "circular dict", "nested 50,000 deep", "NUL nested 900 deep"],
)
def test_circular_and_deep_values_are_a_serialization_error(value):
    with pytest.raises(SerializationError):
        values.encode_arguments([value], {})
    with pytest.raises(SerializationError):
        values.dumps_strict(value)


@FAST
@given(args=st.lists(JSON_VALUES, max_size=5), kwargs=st.dictionaries(STRICT_TEXT, JSON_VALUES, max_size=5))
def test_what_encode_arguments_accepts_decode_json_reads_back_equal(args, kwargs):
    body = values.encode_arguments(args, kwargs)
    assert values.decode_json(body) == {"args": args, "kwargs": kwargs}
    assert values.decode_json(body.decode()) == {"args": args, "kwargs": kwargs}


@FAST
@given(data=st.one_of(st.binary(), ANY_TEXT, LITERAL_LIKE, deep_brackets()))
def test_decode_json_reads_json_or_raises_what_it_documents(data):
    try:
        value = values.decode_json(data)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return
    json.dumps(value, allow_nan=False)


UNSTORABLE = re.compile("[\\x00\\ud800-\\udfff]")
"""NUL and lone surrogates: what PostgreSQL cannot store."""


@FAST
@given(text=ANY_TEXT)
def test_storable_text_has_no_nul_and_keeps_everything_else(text):
    stored = values.storable_text(text)
    assert "\x00" not in stored and not UNSTORABLE.search(stored)
    assert len(stored) == len(text)
    kept = UNSTORABLE.sub("", text).replace(values.NUL_REPLACEMENT, "")
    assert stored.replace(values.NUL_REPLACEMENT, "") == kept


@FAST
@given(value=JSON_LIKE)
@example(value={"\x00": [float("nan"), float("inf"), -math.inf, "a\x00b"]})
def test_storable_json_of_anything_json_like_is_storable_strict_json(value):
    stored = values.storable_json(value)
    assert not has_unstorable(stored)
    json.dumps(stored, allow_nan=False)


@pytest.mark.parametrize("container", ["list", "dict"])
def test_storable_json_takes_every_value_decode_json_reads(container):
    """A foreign producer's message is decoded with decode_json, and its log made with storable_json:
    whatever the first reads, the second must make storable (600 levels: decode_json reads up to ~990)."""
    opener, closer = ("[", "]") if container == "list" else ('{"a\\u0000": ', "}")
    value = values.decode_json(opener * 600 + '"x\\u0000"' + closer * 600)
    stored = values.storable_json(value)
    assert not has_unstorable(stored)
    json.dumps(stored, allow_nan=False)
