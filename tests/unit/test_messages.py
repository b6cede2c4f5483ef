import json

import pytest
from pika.spec import BasicProperties

from carrot.errors import MalformedMessageError, SerializationError
from carrot.messages import TaskMessage


def test_encode_is_the_1x_wire_format_plus_persistence():
    message = TaskMessage("app.tasks.send", (1, "a"), {"to": "x"}, "id-1", 7)
    properties, body = message.encode()
    assert properties.headers == {"type": "app.tasks.send"}
    assert properties.message_id == "id-1"
    assert properties.content_type == "application/json"
    assert properties.priority == 7
    assert properties.delivery_mode == 2
    assert json.loads(body) == {"args": [1, "a"], "kwargs": {"to": "x"}}


def test_roundtrip():
    message = TaskMessage("a.b", (1, [2]), {"k": {"n": None}}, priority=3)
    assert TaskMessage.decode(*message.encode()) == TaskMessage(
        "a.b", (1, [2]), {"k": {"n": None}}, message.message_id, 3
    )


def test_decodes_a_1x_message_with_missing_keys():
    properties = BasicProperties(headers={"type": "a.b"}, message_id="m", content_type="application/json")
    assert TaskMessage.decode(properties, b'{"kwargs": {"x": 1}}') == TaskMessage("a.b", (), {"x": 1}, "m", 0)
    assert TaskMessage.decode(properties, b"{}").args == ()


@pytest.mark.parametrize(
    ("headers", "body", "fragment"),
    [
        (None, b"{}", "no 'type' header"),
        ({"type": ""}, b"{}", "no 'type' header"),
        ({"type": "a.b"}, b"not json", "not strict JSON"),
        ({"type": "a.b"}, b"\xff\xfe", "not strict JSON"),
        ({"type": "a.b"}, b"[1, 2]", "JSON object"),
        ({"type": "a.b"}, b'{"args": {"a": 1}}', "'args' must be a JSON array"),
    ],
)
def test_malformed_messages_say_what_is_wrong(headers, body, fragment):
    with pytest.raises(MalformedMessageError, match=fragment):
        TaskMessage.decode(BasicProperties(headers=headers, message_id="m"), body)


def test_unserialisable_arguments():
    with pytest.raises(SerializationError, match="strict JSON"):
        TaskMessage("a.b", (object(),)).encode()
