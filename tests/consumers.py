"""A custom consumer class, as projects configure through a queue's ``consumer_class``."""

from carrot.consumer import Consumer

seen: list[str] = []


class RecordingConsumer(Consumer):
    """Adds a failure callback the way 1.x projects extended their consumers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_failure_callback(lambda log, exc: seen.append(f"{self.name}:{log.task}"))


class Consumer1x(Consumer):
    """Written against django-carrot 1.x's Consumer, as an upgrading project may still have it."""

    def __init__(
        self, host, queue, logger, name, durable=True, queue_arguments=None, exchange_arguments=None
    ):
        super().__init__(queue, name)

    def get_message_log(self, properties, body):
        raise AssertionError("2.x never calls this")

    def fail(self, log, err):
        raise AssertionError("2.x never calls this")


class SerializerOf1x(RecordingConsumer):
    """Takes 2.x's arguments but still sets 1.x's ``serializer``, which 2.x never reads."""

    serializer = object
