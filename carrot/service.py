"""The ``carrot`` service: consumers for every consumable queue, the scheduler, retention, the relay,
and its heartbeat."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from django.db import connections
from django.utils.module_loading import import_string

from carrot import audit, control, workers
from carrot.conf import CarrotSettings, get_settings
from carrot.consumer import Consumer
from carrot.dbretry import GaveUp, with_db_retry
from carrot.logs import retention
from carrot.metrics import rollups
from carrot.models import MessageLog
from carrot.relay import Relay
from carrot.scheduler import Scheduler
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)


class _RetentionThread(StoppableThread):
    """Deletes expired task logs, audit entries and metric minutes every :data:`retention.INTERVAL`
    seconds."""

    def __init__(self, settings: CarrotSettings) -> None:
        super().__init__(name="retention")
        self.clean_ups = (
            (
                lambda: retention.delete_expired_logs(settings.completed_log_retention_days),
                "expired completed logs",
            ),
            (
                lambda: retention.delete_expired_logs(
                    settings.failed_log_retention_days, status=MessageLog.FAILED
                ),
                "expired failed logs",
            ),
            (
                lambda: audit.delete_expired_entries(settings.audit_log_retention_days),
                "expired audit entries",
            ),
            (workers.delete_gone, "the rows of services gone for a week"),
            (
                lambda: rollups.delete_expired(settings.metrics_retention_days),
                "expired per-minute metrics",
            ),
        )

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    for clean_up, what in self.clean_ups:
                        with_db_retry(clean_up, self._stopping, f"deleting {what}")
                except GaveUp:
                    break
                self._stopping.wait(retention.INTERVAL)
        finally:
            connections.close_all()


class Service:
    """Starts and stops everything one ``carrot`` process runs."""

    def __init__(self, settings: CarrotSettings | None = None, *, scheduler: bool = True) -> None:
        self.settings = settings or get_settings()
        self.consumers: list[Consumer] = []
        self.threads: list[StoppableThread] = []
        self.heartbeat = workers.Heartbeat(self.settings, self._obey)
        """Started first and stopped last: the service is alive while its tasks finish."""
        self._held: frozenset[str] | None = None
        """The queues this service takes no messages from, as last read (``None``: not read yet)."""
        self.run_scheduler = scheduler and self.settings.scheduler_enabled
        self._stop_requested = threading.Event()

    def describe(self) -> str:
        """One line per queue: broker (without password), queue and concurrency."""
        lines = [
            f"  queue {q.name!r} on {q.broker.display}: "
            f"{q.concurrency} consumer(s), prefetch {q.prefetch_count}"
            for q in self.settings.queues
            if q.consumable
        ]
        lines.append(f"  scheduler: {'on' if self.run_scheduler else 'off'}")
        return "\n".join(lines)

    def start(self) -> None:
        """Start the heartbeat, consumers, scheduler, retention and relay threads (returns at once).

        The consumers take no message before the heartbeat has read which queues are paused.
        """
        for queue in self.settings.queues:
            if not queue.consumable:
                continue
            consumer_class: type[Consumer] = import_string(queue.consumer_class)
            for index in range(queue.concurrency):
                name = f"{queue.name}-{index + 1}"
                consumer = consumer_class(queue, name, self.settings.failure_callbacks)
                consumer.pause()
                self.consumers.append(consumer)
        self.heartbeat.start()
        self.threads = [*self.consumers]
        if self.run_scheduler:
            self.threads.append(Scheduler())
        self.threads.append(_RetentionThread(self.settings))
        self.threads.append(Relay())
        for thread in self.threads:
            thread.start()

    def _obey(self, told: control.Control) -> None:
        """On the heartbeat's thread: pause or resume consumers as operators told this service."""
        held = frozenset(c.queue.name for c in self.consumers if told.holds(c.queue.name))
        if held == self._held:
            return
        for consumer in self.consumers:
            consumer.pause(consumer.queue.name in held)
        before = self._held or frozenset()
        for name in sorted(held - before):
            logger.info("Taking no new messages from %s (%s)", name, "quiet" if told.quiet else "paused")
        for name in sorted(before - held):
            logger.info("Taking messages from %s again", name)
        self._held = held

    def stop(self) -> None:
        """Stop taking work, let running tasks finish, wait for every thread, and save the metrics
        counted since the last flush."""
        for thread in self.threads:
            thread.stop()
        for thread in self.threads:
            thread.join()
        rollups.flush_quietly(rollups.buffer())
        self.heartbeat.stop()
        self.heartbeat.join()

    def request_stop(self, signum: int | None = None, _frame: FrameType | None = None) -> None:
        if signum is not None:
            logger.info("Received %s: finishing running tasks, then stopping", signal.Signals(signum).name)
        self._stop_requested.set()

    def run_until_signalled(self) -> None:
        """Start, wait for SIGTERM/SIGINT, then stop gracefully (main thread only)."""
        signal.signal(signal.SIGTERM, self.request_stop)
        signal.signal(signal.SIGINT, self.request_stop)
        self.start()
        while not self._stop_requested.wait(0.5):
            pass
        self.stop()
        logger.info("carrot service stopped")
