"""What :mod:`carrot.pika_private` needs of pika's private API still holds in the installed pika.

The first tests read pika's code only (no broker), so a pika upgrade that renames ``_impl`` or changes
a method of the asynchronous :class:`pika.channel.Channel` fails here, by name. The last one runs the
seam against the real RabbitMQ (this run's vhost): a confirmed publish, an ack and a requeue through
``_impl``.
"""

import inspect
import time
import uuid

import pika
import pytest
from pika.adapters.blocking_connection import BlockingChannel
from pika.channel import Channel
from pika.spec import Basic, BasicProperties

from carrot import pika_private
from tests import settings as test_settings

pytestmark = pytest.mark.timeout(60)


def test_a_blocking_channel_keeps_its_asynchronous_channel_as_impl():
    parameters = list(inspect.signature(BlockingChannel.__init__).parameters)
    assert parameters[1] == "channel_impl", parameters
    assert "self._impl = channel_impl" in inspect.getsource(BlockingChannel.__init__)


def test_the_blocking_channel_impl_is_a_pika_channel():
    """``BlockingConnection.channel`` wraps a :class:`pika.channel.Channel` (the class checked below)."""
    source = inspect.getsource(pika.BlockingConnection.channel)
    assert "BlockingChannel(" in source and "_impl.channel(" in source


def parameters_of(method):
    return inspect.signature(method).parameters


@pytest.mark.parametrize(
    ("method", "names"),
    [
        ("confirm_delivery", ["ack_nack_callback"]),
        ("add_on_close_callback", ["callback"]),
        ("basic_publish", ["exchange", "routing_key", "body", "properties", "mandatory"]),
        ("basic_ack", ["delivery_tag"]),
        ("basic_nack", ["delivery_tag", "requeue"]),
    ],
)
def test_the_asynchronous_channel_has_what_the_seam_calls(method, names):
    assert callable(getattr(Channel, method, None)), f"pika.channel.Channel.{method} is gone"
    parameters = parameters_of(getattr(Channel, method))
    missing = [name for name in names if name not in parameters]
    assert not missing, (
        f"pika.channel.Channel.{method}{inspect.signature(getattr(Channel, method))}: no {missing}"
    )
    positional = [
        name for name, p in parameters.items() if name != "self" and p.kind is p.POSITIONAL_OR_KEYWORD
    ]
    if method == "basic_publish":  # called positionally: exchange, routing_key, body, properties
        assert positional[:4] == names[:4], positional
    if method in ("basic_ack", "basic_nack"):  # the delivery tag is passed positionally
        assert positional[0] == "delivery_tag", positional
    if method == "confirm_delivery":  # any further parameter must be optional
        assert all(p.default is not p.empty for name, p in parameters.items() if name not in ("self", *names))
    if method == "add_on_close_callback":
        assert len([name for name in parameters if name != "self"]) == 1


def test_the_seam_publishes_with_confirms_and_acks_on_the_real_broker():
    parameters = pika.ConnectionParameters(
        "127.0.0.1", 5672, test_settings.VHOST, pika.PlainCredentials("guest", "guest"), connection_attempts=3
    )
    connection = pika.BlockingConnection(parameters)
    queue = f"carrot-test-pika-private-{uuid.uuid4().hex}"
    try:
        channel = connection.channel()
        channel.queue_declare(queue, auto_delete=False)
        confirms, closes = [], []
        pika_private.on_confirm(channel, confirms.append)
        pika_private.on_close(channel, lambda closed, reason: closes.append(reason))

        body = b'{"args": [], "kwargs": {}}'
        pika_private.publish(channel, "", queue, body, BasicProperties(message_id="m-1", delivery_mode=2))
        deadline = time.monotonic() + 10
        while not confirms and time.monotonic() < deadline:
            connection.process_data_events(time_limit=0.1)
        assert len(confirms) == 1, "the broker's confirm never reached the callback"
        assert isinstance(confirms[0].method, Basic.Ack)
        assert confirms[0].method.delivery_tag == 1

        method, properties, got = channel.basic_get(queue, auto_ack=False)
        assert (got, properties.message_id) == (body, "m-1")
        pika_private.ack(channel, method.delivery_tag)
        connection.process_data_events(time_limit=0.2)  # sends the queued ack
        # Acked, not requeued: after the channel closes (which would requeue an unacked message), the
        # queue is empty.
        channel.close()
        assert closes, "the close callback was not called"
        check = connection.channel()
        assert check.queue_declare(queue, passive=True).method.message_count == 0

        # And a nack through the seam does give a message back.
        pika_private.publish(check, "", queue, b"again", BasicProperties())
        connection.process_data_events(time_limit=0.2)
        method, _, got = check.basic_get(queue, auto_ack=False)
        assert got == b"again"
        pika_private.requeue(check, method.delivery_tag)
        connection.process_data_events(time_limit=0.2)
        method, _, got = check.basic_get(queue, auto_ack=True)
        assert got == b"again" and method.redelivered
    finally:
        if connection.is_open:
            connection.channel().queue_delete(queue)
            connection.close()


def test_the_connection_emits_each_frame_through_adapter_emit_data():
    """:func:`pika_private.writes_joined` collects frames by shadowing ``_adapter_emit_data``."""
    assert "self.connection = connection" in inspect.getsource(Channel.__init__)
    assert "self._adapter_emit_data(" in inspect.getsource(
        pika.connection.Connection._output_marshaled_frames
    )
    base = pika.adapters.base_connection.BaseConnection
    assert "_adapter_emit_data" in vars(base), "a method of the class, so an instance attribute shadows it"


def test_joined_writes_reach_the_real_broker_in_one_piece_and_in_order():
    parameters = pika.ConnectionParameters(
        "127.0.0.1", 5672, test_settings.VHOST, pika.PlainCredentials("guest", "guest"), connection_attempts=3
    )
    connection = pika.BlockingConnection(parameters)
    queue = f"carrot-test-pika-joined-{uuid.uuid4().hex}"
    try:
        channel = connection.channel()
        channel.queue_declare(queue, auto_delete=False)
        confirms = []
        pika_private.on_confirm(channel, confirms.append)
        transport = channel._impl.connection._transport
        writes = []
        real_write = transport.write
        transport.write = lambda data: (writes.append(len(data)), real_write(data))
        with pika_private.writes_joined(channel):
            for index in range(20):
                body = b"x" * index * 1000  # some bodies span several frames
                pika_private.publish(channel, "", queue, body, BasicProperties(message_id=f"m-{index}"))
        assert len(writes) == 1, f"{len(writes)} writes"
        deadline = time.monotonic() + 10
        while not any(c.method.delivery_tag == 20 for c in confirms) and time.monotonic() < deadline:
            connection.process_data_events(time_limit=0.1)
        assert all(isinstance(c.method, Basic.Ack) for c in confirms)
        assert confirms and confirms[-1].method.delivery_tag == 20  # an ack may confirm several
        got = [channel.basic_get(queue, auto_ack=True)[1].message_id for _ in range(20)]
        assert got == [f"m-{index}" for index in range(20)]
    finally:
        if connection.is_open:
            connection.channel().queue_delete(queue)
            connection.close()
