"""A custom consumer class, as projects configure through a queue's ``consumer_class``."""

from carrot.consumer import Consumer

seen: list[str] = []


class RecordingConsumer(Consumer):
    """Adds a failure callback the way 1.x projects extended their consumers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_failure_callback(lambda log, exc: seen.append(f"{self.name}:{log.task}"))
