"""What a quorum queue costs beside a classic one on the local RabbitMQ: broker memory held by the
queue with a backlog, and confirmed publishes a second.

    python -m bench.quorum_memory [messages] [bytes]

Each queue gets a unique name in the ``/`` vhost and is deleted at the end. The queue's memory is
RabbitMQ's own figure (``rabbitmqctl list_queues memory``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import pika

BROKER = "amqp://guest:guest@127.0.0.1:5672/%2F"
KINDS = {
    "classic (x-max-priority 10)": {"x-max-priority": 10},
    "quorum": {"x-queue-type": "quorum", "x-delivery-limit": 5},
}


def queue_memory(name: str) -> int:
    out = subprocess.run(
        ["rabbitmqctl", "-q", "list_queues", "name", "memory", "--formatter", "json"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return next(int(row["memory"]) for row in json.loads(out) if row["name"] == name)


def measure(kind: str, arguments: dict, messages: int, size: int) -> str:
    name = f"bench-{kind.split()[0]}-{uuid.uuid4().hex[:8]}"
    connection = pika.BlockingConnection(pika.URLParameters(BROKER))
    try:
        channel = connection.channel()
        channel.queue_declare(name, durable=True, arguments=arguments)
        channel.confirm_delivery()
        body = b"x" * size
        properties = pika.BasicProperties(delivery_mode=2)
        started = time.perf_counter()
        for _ in range(messages):
            channel.basic_publish("", name, body, properties)
        rate = messages / (time.perf_counter() - started)
        time.sleep(2)  # let the queue settle before its memory is read
        memory = queue_memory(name)
        channel.queue_delete(name)
    finally:
        connection.close()
    return f"| {kind} | {messages:,} x {size:,} B | {rate:,.0f} | {memory / 2**20:.1f} MiB |"


def main() -> None:
    messages = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    print("| queue | backlog | confirmed publishes/s (one at a time) | queue memory |")
    print("|---|---|---|---|")
    for kind, arguments in KINDS.items():
        print(measure(kind, arguments, messages, size))


if __name__ == "__main__":
    main()
