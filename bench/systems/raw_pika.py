"""Raw pika on one connection: the floor for publishing and consuming, with no database at all.

Run in ``bench/.venvs/ours`` (pika 1.3). Messages are persistent and use the carrot wire format.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import common
import pika


def _channel() -> tuple[pika.BlockingConnection, Any]:
    connection = pika.BlockingConnection(pika.URLParameters(common.broker_url()))
    channel = connection.channel()
    channel.queue_declare(queue=common.QUEUE, durable=True, arguments=common.queue_arguments(with_type=True))
    return connection, channel


BODY = json.dumps({"args": common.PAYLOAD_ARGS, "kwargs": common.PAYLOAD_KWARGS}).encode()


def _sender(channel: Any) -> Any:
    def send() -> None:
        properties = pika.BasicProperties(
            headers={"type": common.TASK_PATH},
            message_id=str(uuid.uuid4()),
            content_type="application/json",
            delivery_mode=2,
        )
        channel.basic_publish("", common.QUEUE, BODY, properties, mandatory=True)

    return send


def publish(count: int, confirm: bool) -> dict[str, float]:
    """``count`` publishes; with ``confirm`` each waits for the broker's confirm."""
    connection, channel = _channel()
    if confirm:
        channel.confirm_delivery()
    result = common.timed_rate(count, _sender(channel))
    connection.close()
    return result


def publish_pipelined(count: int) -> dict[str, float]:
    """``count`` publishes written without waiting, then every confirm collected: the most any
    client that has each message confirmed can get from this broker and queue."""
    connection, channel = _channel()
    unconfirmed: set[int] = set()

    def on_confirm(frame: Any) -> None:
        tag = frame.method.delivery_tag
        settled = [t for t in unconfirmed if t <= tag] if frame.method.multiple else [tag]
        unconfirmed.difference_update(settled)

    channel._impl.confirm_delivery(ack_nack_callback=on_confirm)
    tags = iter(range(1, 10**9))
    send = _sender(channel._impl)

    def send_pipelined() -> None:
        unconfirmed.add(next(tags))
        send()

    def settle() -> None:
        while unconfirmed:
            connection.process_data_events(time_limit=0.01)

    result = common.timed_rate(count, send_pipelined, settle)
    connection.close()
    return result


def fill(count: int) -> None:
    connection, channel = _channel()
    send = _sender(channel)
    for _ in range(count):
        send()
    connection.close()


def drain(count: int) -> dict[str, float]:
    """Consume and ack ``count`` messages (decode the body); time first to last."""
    connection, channel = _channel()
    channel.basic_qos(prefetch_count=common.prefetch())
    times: list[float] = []
    for method, _properties, body in channel.consume(common.QUEUE, inactivity_timeout=common.STALL_TIMEOUT):
        if method is None:
            raise SystemExit(f"no message for {common.STALL_TIMEOUT:.0f}s after {len(times)} of {count}")
        json.loads(body)
        channel._impl.basic_ack(method.delivery_tag)  # sent with the next read, without a flush each
        times.append(time.perf_counter())
        if len(times) == count:
            break
    channel.cancel()
    connection.close()
    span = times[-1] - times[0]
    return {"rate": (count - 1) / span, "seconds": span, "n": count}


def main() -> None:
    options = common.arguments(["publish", "publish-pipelined", "fill", "drain"])
    if options.action == "publish":
        common.emit(**publish(options.n, options.confirm))
    elif options.action == "publish-pipelined":
        common.emit(**publish_pipelined(options.n))
    elif options.action == "fill":
        fill(options.n)
        common.emit(n=options.n)
    else:
        common.emit(**drain(options.n))


if __name__ == "__main__":
    main()
