"""Consuming a queue: one connection per consumer, the task on a worker thread, ack after the result.

This follows pika's threaded-consumer pattern: the consumer thread owns a ``BlockingConnection`` and
keeps servicing it (heartbeats included) while a worker thread runs the task, so a task longer than
the heartbeat does not lose the connection. The worker commits the result, then hands the ack back to
the connection's thread with ``add_callback_threadsafe``: delivery is at-least-once.

Every message ends: a redelivered one runs at most ``CARROT['max_deliveries']`` times in all (its
start is committed before it runs, so a task that kills its worker is counted too), and one whose
handling keeps raising is given up on after as many tries; either is then saved ``FAILED`` and acked.
A consumer the broker cancels (its queue was deleted) declares the queue again and goes on.

A task past its time limit, or cancelled while it runs, is interrupted by :mod:`carrot.watchdog`; one
that ignores its time limit is abandoned: the consumer records it ``FAILED``, acks it, and goes on with
a new worker thread.

Subclass :class:`Consumer` and name it in a queue's ``consumer_class`` to extend it (as in 1.x), e.g.
with :meth:`Consumer.add_failure_callback`.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import logging
import os
import queue as queue_module
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pika
from django.db import connections
from django.utils.module_loading import import_string
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError
from pika.spec import PERSISTENT_DELIVERY_MODE, Basic, BasicProperties

from carrot import broker, pika_private, registry, runner, signals, watchdog
from carrot.backoff import Backoff
from carrot.conf import QueueSettings, get_settings
from carrot.dbretry import GaveUp, with_db_retry
from carrot.errors import MalformedMessageError
from carrot.logs import runs
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.recorder import Recorder, Run
from carrot.runner import Outcome
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

FailureCallback = Callable[[MessageLog, BaseException | None], Any]


class _RunningHere:
    """The message ids whose tasks run in this process right now.

    After a dropped connection the broker redelivers unacked messages, often to a sibling consumer of
    the same process while the first run is still going. The sibling waits for that run to end, then
    finds the log completed and only acks, instead of running the task a second time at once.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._runs: dict[str, threading.Event] = {}

    def wait_for(self, message_id: str, stopping: threading.Event) -> bool:
        """Wait until no run of ``message_id`` is going on here; ``True`` when there was one."""
        with self._lock:
            done = self._runs.get(message_id)
        while done is not None and not done.wait(0.2):
            if stopping.is_set():
                raise GaveUp(f"stopped while message {message_id} was still running on another consumer")
        return done is not None

    def begin(self, message_id: str) -> Callable[[], None]:
        """Note a run here; call the returned function once its result is saved or abandoned."""
        done = threading.Event()
        with self._lock:
            self._runs[message_id] = done

        def end() -> None:
            with self._lock:
                if self._runs.get(message_id) is done:
                    del self._runs[message_id]
            done.set()

        return end


_running_here = _RunningHere()


class _HandlingFailures:
    """How many times handling each message raised unexpectedly in this process, until it ends.

    Such a message is requeued, usually to this process again; counting lets the consumer give up on
    it instead of requeueing it forever.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def add(self, key: str) -> int:
        """Count one more failure for ``key``; returns the count so far."""
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def forget(self, key: str) -> None:
        if self._counts:  # nearly always empty: skip the lock
            with self._lock:
                self._counts.pop(key, None)


_handling_failures = _HandlingFailures()


def _message_key(delivery: _Delivery) -> str:
    """What identifies a message across its deliveries: its id, else its content."""
    if delivery.properties.message_id:
        return str(delivery.properties.message_id)
    return "sha256:" + hashlib.sha256(delivery.body).hexdigest()


class _Pending(NamedTuple):
    """What the consumer keeps with a run until its result is saved."""

    delivery: _Delivery
    end: Callable[[], None]
    """Ends the run's entry in :data:`_running_here`."""


@dataclass(frozen=True)
class _Delivery:
    connection: pika.BlockingConnection
    channel: BlockingChannel
    method: Basic.Deliver
    properties: BasicProperties
    body: bytes


class Consumer(StoppableThread):
    """Consumes one queue until :meth:`stop`; reconnects with backoff when the broker goes away."""

    def __init__(self, queue: QueueSettings, name: str, failure_callbacks: tuple[str, ...] = ()) -> None:
        super().__init__(name=name)
        self.queue = queue
        self.failure_callbacks: list[FailureCallback] = [import_string(path) for path in failure_callbacks]
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{name}"
        self.max_deliveries = get_settings().max_deliveries
        self.consuming = threading.Event()
        self._paused = threading.Event()
        self.connections_opened = 0
        self._work: queue_module.Queue[_Delivery | None] = queue_module.Queue()
        self._in_flight = 0
        self._in_flight_lock = threading.Lock()
        self._batch: collections.deque[_Delivery] = collections.deque()
        """Deliveries taken from ``_work`` together (their logs read in one query), not yet handled."""
        self._known: dict[str, MessageLog] = {}
        self._batch_ended = False
        self._workers_started = 0

    def add_failure_callback(self, callback: FailureCallback) -> None:
        """Call ``callback(log, exception)`` after each failed task (its errors are logged, not raised)."""
        self.failure_callbacks.append(callback)

    def stop(self) -> None:
        """Stop taking messages; the running task finishes and prefetched ones go back to the queue."""
        super().stop()

    def pause(self, paused: bool = True) -> None:
        """Stop taking messages (``paused``) or take them again, within half a second.

        As on :meth:`stop`, the running task finishes and prefetched ones go back to the queue; the
        connection stays open.
        """
        if paused:
            self._paused.set()
        else:
            self._paused.clear()

    # -- the connection's thread --------------------------------------------------------------

    def run(self) -> None:
        self._watchdog = watchdog.acquire()
        self._recorder = Recorder(self.name, self._stopping, self._saved)
        self._start_worker()
        backoff = Backoff()
        while not self._stopping.is_set():
            try:
                self._consume(backoff)
            except AMQPError as exc:
                self.consuming.clear()
                self._forget_unstarted()
                delay = backoff.next()
                logger.warning(
                    "Consumer %s lost the broker (%s: %s); reconnecting in %.1fs",
                    self.name,
                    type(exc).__name__,
                    exc,
                    delay,
                )
                self._stopping.wait(delay)
        self._work.put(None)
        self._join_worker()
        self._recorder.close()
        watchdog.release()
        logger.info("Consumer %s stopped", self.name)

    def _start_worker(self, first: Callable[[], None] | None = None) -> None:
        """Start the thread that runs the tasks (a new one when the last was abandoned), which first
        calls ``first``."""
        self._workers_started += 1
        number = f"-{self._workers_started}" if self._workers_started > 1 else ""
        worker = threading.Thread(
            target=self._work_loop, args=(first,), name=f"{self.name}-worker{number}", daemon=True
        )
        self._worker = worker
        worker.start()

    def _join_worker(self) -> None:
        """Wait for the worker thread, and for the one replacing it if it is abandoned meanwhile."""
        worker = None
        while worker is not self._worker:
            worker = self._worker
            worker.join()

    def _consume(self, backoff: Backoff) -> None:
        connection = broker.connect(self.queue.broker)
        self.connections_opened += 1
        try:
            channel = connection.channel()
            # Per consumer: quorum queues refuse a channel-wide (global) prefetch.
            channel.basic_qos(prefetch_count=self.queue.prefetch_count, global_qos=False)
            cancelled = threading.Event()
            channel.add_on_cancel_callback(lambda _frame: cancelled.set())
            broker.declare_queue(connection, self.queue)
            backoff.reset()
            tag: str | None = None
            while not self._stopping.is_set():
                if tag is None and not self._paused.is_set():
                    tag = self._start_consuming(connection, channel)
                elif tag is not None and self._paused.is_set():
                    self._stop_consuming(channel, tag)
                    tag = None
                connection.process_data_events(time_limit=0.5)
                if cancelled.is_set():
                    cancelled.clear()
                    if tag is not None:
                        tag = self._consume_again(connection, channel)
            if tag is not None:
                channel.basic_cancel(tag)
            self._finish_in_flight(connection)
        finally:
            self.consuming.clear()
            if connection.is_open:
                connection.close()

    def _start_consuming(self, connection: pika.BlockingConnection, channel: BlockingChannel) -> str:
        """Consume the queue on ``channel``; returns the consumer tag."""
        tag: str = channel.basic_consume(self.queue.name, functools.partial(self._on_message, connection))
        self.consuming.set()
        logger.info("Consumer %s consuming %s on %s", self.name, self.queue.name, self.queue.broker.display)
        return tag

    def _stop_consuming(self, channel: BlockingChannel, tag: str) -> None:
        """Paused: cancel the consumer and give back what was prefetched and has not started.

        pika requeues the deliveries that arrive before the broker confirms the cancel; those already
        handed to this consumer are requeued here, or by the worker thread when it meets them. Running
        tasks go on and ack on the channel, which stays open.
        """
        channel.basic_cancel(tag)
        self.consuming.clear()
        given_back = self._take_unstarted()
        for delivery in given_back:
            pika_private.requeue(delivery.channel, delivery.method.delivery_tag)
        logger.info(
            "Consumer %s paused: no new messages from %s (%d prefetched given back)",
            self.name,
            self.queue.name,
            len(given_back),
        )

    def _consume_again(self, connection: pika.BlockingConnection, channel: BlockingChannel) -> str:
        """After the broker cancelled the consumer (Basic.Cancel): the queue was deleted, or its node left.

        The channel stays open and keeps the unacked deliveries, so running tasks still ack on it.
        """
        self.consuming.clear()
        logger.warning(
            "The broker cancelled consumer %s of queue %r (the queue was deleted or its node went down); "
            "declaring the queue again and consuming it",
            self.name,
            self.queue.name,
        )
        broker.declare_queue(connection, self.queue)
        return self._start_consuming(connection, channel)

    def _on_message(
        self,
        connection: pika.BlockingConnection,
        channel: BlockingChannel,
        method: Basic.Deliver,
        properties: BasicProperties,
        body: bytes,
    ) -> None:
        with self._in_flight_lock:
            self._in_flight += 1
        self._work.put(_Delivery(connection, channel, method, properties, body))

    def _finish_in_flight(self, connection: pika.BlockingConnection) -> None:
        """On stop: requeue what has not started, and wait (servicing the connection) for the rest."""
        for delivery in self._take_unstarted():
            delivery.channel.basic_nack(delivery.method.delivery_tag, requeue=True)
        while self._in_flight:
            connection.process_data_events(time_limit=0.2)
        connection.process_data_events(time_limit=0)

    def _take_unstarted(self) -> list[_Delivery]:
        taken: list[_Delivery] = []
        while True:
            try:
                item = self._work.get_nowait()
            except queue_module.Empty:
                return taken
            if item is not None:
                taken.append(item)
                self._done_with_one()

    def _forget_unstarted(self) -> None:
        """After a lost connection the broker requeues our unacked messages: drop the local copies."""
        dropped = self._take_unstarted()
        if dropped:
            logger.info("Consumer %s left %d prefetched message(s) to the broker", self.name, len(dropped))

    def _done_with_one(self) -> None:
        with self._in_flight_lock:
            self._in_flight -= 1

    # -- the worker thread --------------------------------------------------------------------

    def _work_loop(self, first: Callable[[], None] | None) -> None:
        """Handle deliveries until the end marker, or until this thread is abandoned and replaced."""
        runner.install_log_capture()
        try:
            if first is not None:
                first()
            while self._worker is threading.current_thread() and (delivery := self._next()) is not None:
                self._handle_delivery(delivery)
        finally:
            connections.close_all()

    def _next(self) -> _Delivery | None:
        """The next delivery to handle (waiting for one), ``None`` at the end marker.

        Takes every delivery already prefetched with it, and reads their logs in one query.
        """
        if not self._batch:
            delivery = None if self._batch_ended else self._work.get()
            if delivery is None:
                return None
            waiting, self._batch_ended = self._waiting()
            self._batch.extend([delivery, *waiting])
            self._known = self._known_logs(list(self._batch))
        return self._batch.popleft()

    def _waiting(self) -> tuple[list[_Delivery], bool]:
        """The other deliveries already prefetched, and whether the end marker came after them."""
        taken: list[_Delivery] = []
        while True:
            try:
                item = self._work.get_nowait()
            except queue_module.Empty:
                return taken, False
            if item is None:
                return taken, True
            taken.append(item)

    def _known_logs(self, batch: list[_Delivery]) -> dict[str, MessageLog]:
        """The logs of the prefetched messages in ``batch``, read in one query."""
        ids = [delivery.properties.message_id for delivery in batch if delivery.properties.message_id]
        try:
            return self._db(lambda: runs.find_logs(ids))
        except GaveUp:
            return {}
        except Exception:  # e.g. an id the database refuses: each delivery then reads (and fails) alone
            logger.warning("Reading the logs of %d messages together failed", len(ids), exc_info=True)
            return {}

    def _handle_delivery(self, delivery: _Delivery) -> None:
        """Process one delivery, or give it back when stopping or when its channel has gone."""
        handed_over = False
        try:
            if self._stopping.is_set() or self._paused.is_set():
                self._settle(delivery, ack=False)  # not started: back to the queue
            elif delivery.channel.is_open:  # else the broker has requeued it already
                handed_over = self._process_safely(delivery, functools.partial(self._process, delivery))
        finally:
            if not handed_over:
                self._done_with_one()

    def _process_safely(self, delivery: _Delivery, process: Callable[[], bool]) -> bool:
        """Process one delivery with ``process``; ``True`` when the recorder now settles it."""
        key = _message_key(delivery)
        try:
            handed_over = process()
        except GaveUp:
            logger.warning("Leaving message %s to the broker: %s", delivery.properties.message_id, "stopping")
        except Exception as exc:
            self._unexpected(delivery, key, exc)
        else:
            _handling_failures.forget(key)
            return handed_over
        return False

    def _unexpected(self, delivery: _Delivery, key: str, error: Exception) -> None:
        """Requeue a delivery whose handling raised, until that has happened ``max_deliveries`` times."""
        message_id = delivery.properties.message_id
        failures = _handling_failures.add(key)
        if failures < self.max_deliveries:
            logger.exception(
                "Unexpected error handling message %s (%d of at most %d tries); requeueing it",
                message_id,
                failures,
                self.max_deliveries,
            )
            self._settle(delivery, ack=False)
            return
        logger.exception(
            "Unexpected error handling message %s %d times; giving up on it", message_id, failures
        )
        reason = f"Gave up after {failures} deliveries: handling the message failed each time ({error})"
        self._record_failed(delivery, reason)
        _handling_failures.forget(key)
        self._settle(delivery, ack=True)

    def _record_failed(self, delivery: _Delivery, reason: str) -> None:
        """Try to leave a ``FAILED`` log saying why a message is acked without a result."""
        headers = delivery.properties.headers or {}
        task = headers.get("type") if isinstance(headers.get("type"), str) else None
        message_id, where = delivery.properties.message_id, self._where(delivery)
        try:
            self._db(lambda: runs.record_failed(message_id, task, reason, where))
        except Exception:
            logger.exception("Could not record message %s as FAILED (%s)", message_id, reason)

    def _process(self, delivery: _Delivery) -> bool:
        """Run the delivered task and hand the run to the recorder (``True``), or settle it here."""
        where = self._where(delivery)
        try:
            message = TaskMessage.decode(delivery.properties, delivery.body)
        except MalformedMessageError as exc:
            logger.error(
                "Malformed message %s on %s: %s", delivery.properties.message_id, self.queue.name, exc
            )
            self._record_failed(delivery, f"Malformed message: {exc}")
            self._settle(delivery, ack=True)
            return False
        waited = _running_here.wait_for(message.message_id, self._stopping)
        read = None if waited else self._known.get(message.message_id)  # after a sibling's run: read again
        end = _running_here.begin(message.message_id)
        try:
            log = self._start(message, where, read)
        except BaseException:
            end()
            raise
        if log is None:
            end()
            self._settle(delivery, ack=True)
            return False
        run = Run(log, context=_Pending(delivery, end))
        if not log.redelivered:  # a redelivery's start is saved already
            self._recorder.started(run)
        began = signals.started(log)
        abandoned = functools.partial(self._abandoned, run, began)
        watch = self._watchdog.watch(log.pk, registry.options(log.task).time_limit, abandoned)
        outcome = runner.run(message, watch)
        if watch.abandoned:  # its replacement recorded the run; this thread ends
            logger.warning(
                "The abandoned run of task %s (%s) ended; its result is discarded", log.task, log.uuid
            )
            return True
        return self._finished(run, outcome, began)

    def _finished(self, run: Run, outcome: Outcome, began: float) -> bool:
        """Put the outcome in the run's log and hand it to the recorder, which saves it and acks
        (``True``: the recorder now settles the delivery)."""
        duration = time.monotonic() - began  # before finish stamps the end: inside the log's times
        runs.finish(run.log, outcome)
        signals.finished(run.log, outcome, duration)
        run.outcome = outcome
        self._recorder.finished(run)
        return True

    def _abandoned(self, run: Run, began: float, outcome: Outcome) -> None:
        """On the watchdog's thread: the worker's task ignored its time limit. A new worker records
        the run's ``outcome`` (so the signals are sent on a worker thread), then goes on."""
        logger.error(
            "Task %s (%s) ignored its time limit; consumer %s abandons its worker thread and starts another",
            run.log.task,
            run.log.uuid,
            self.name,
        )
        self._start_worker(functools.partial(self._finish_abandoned, run, outcome, began))

    def _finish_abandoned(self, run: Run, outcome: Outcome, began: float) -> None:
        """On the new worker, first: record the abandoned run as its worker would have."""
        if not self._process_safely(run.context.delivery, lambda: self._finished(run, outcome, began)):
            run.context.end()
            self._done_with_one()

    def _start(
        self, message: TaskMessage, where: runs.Delivery, read: MessageLog | None
    ) -> MessageLog | None:
        """The log of a run about to start; ``None`` when the message must be acked without running it."""
        log = self._db(lambda: runs.start(message, where, read))
        if log is None or not log.redelivered:
            return log
        if not self._db(lambda: runs.start_redelivery(log, self.max_deliveries)):
            logger.error("Task %s (%s): %s", log.task, log.uuid, log.exception)
            return None
        logger.warning(
            "Task %s (%s) was redelivered; running it again (delivery %d of at most %d)",
            log.task,
            log.uuid,
            log.attempts,
            self.max_deliveries,
        )
        return log

    def _saved(self, runs: list[Run], saved: bool) -> None:
        """On the recorder's thread, once a group of results is committed (or abandoned): settle it."""
        try:
            for run in runs:
                run.context.end()
            self._settle_all([run.context.delivery for run in runs], ack=saved)
            for run in runs:
                failed = run.log.status == MessageLog.FAILED  # not when retried or cancelled
                if saved and run.outcome is not None and failed:
                    self._on_failure(run.log, run.outcome.error)
        finally:
            for _ in runs:
                self._done_with_one()

    def _where(self, delivery: _Delivery) -> runs.Delivery:
        return runs.Delivery(
            queue=self.queue.name,
            exchange=delivery.method.exchange or "",
            routing_key=delivery.method.routing_key or "",
            virtual_host=self.queue.broker.virtual_host,
            redelivered=bool(delivery.method.redelivered),
            worker=self.worker_id,
            log_may_follow=delivery.properties.delivery_mode == PERSISTENT_DELIVERY_MODE,
        )

    def _db(self, work: Callable[[], Any]) -> Any:
        return with_db_retry(work, self._stopping, f"recording a task on {self.queue.name}")

    def _on_failure(self, log: MessageLog, error: BaseException | None) -> None:
        for callback in self.failure_callbacks:
            try:
                callback(log, error)
            except Exception:
                logger.exception("Failure callback %r raised while handling task %s", callback, log.uuid)

    def _settle(self, delivery: _Delivery, *, ack: bool) -> None:
        """Ack (or requeue) on the connection's own thread."""
        self._settle_all([delivery], ack=ack)

    def _settle_all(self, deliveries: list[_Delivery], *, ack: bool) -> None:
        """Ack (or requeue) deliveries of one connection with one hand-over to its thread."""
        by_connection: dict[int, list[_Delivery]] = {}
        for delivery in deliveries:
            by_connection.setdefault(id(delivery.connection), []).append(delivery)
        for group in by_connection.values():
            try:
                group[0].connection.add_callback_threadsafe(functools.partial(_settle_now, group, ack))
            except AMQPError as exc:
                logger.warning("Could not acknowledge %d message(s) (%s); redelivered", len(group), exc)


def _settle_now(deliveries: list[_Delivery], ack: bool) -> None:
    """On the connection's thread: ack or requeue each delivery whose channel is still open.

    The underlying channel's methods only queue the frames, which the connection's loop then sends
    together; ``BlockingChannel``'s would flush and poll after each one.
    """
    for delivery in deliveries:
        if not delivery.channel.is_open:
            logger.warning(
                "Channel closed before message %s was acknowledged; the broker will redeliver it",
                delivery.properties.message_id,
            )
        elif ack:
            pika_private.ack(delivery.channel, delivery.method.delivery_tag)
        else:
            pika_private.requeue(delivery.channel, delivery.method.delivery_tag)
