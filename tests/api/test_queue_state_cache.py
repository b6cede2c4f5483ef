"""The shared queue state (carrot.queue_state) against the real RabbitMQ, reached through a counting proxy.

The proxy (tests/faults/proxy.py) counts the TCP connections opened to the broker and the bytes sent
to it, so these tests see what the broker sees: how many connections, and whether a question was asked.
"""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from carrot import broker, queue_state
from carrot.broker_url import BrokerURL
from carrot.conf import QueueSettings, get_settings
from carrot.queue_state import MAX_AGE, QueueStates
from tests import settings as test_settings
from tests.conftest import close_broker_connections, wait_for
from tests.faults.proxy import Proxy

RABBITMQ_PORT = 5672


@pytest.fixture
def proxy() -> Iterator[Proxy]:
    with Proxy(RABBITMQ_PORT, name="rabbitmq", lifetime=120) as running:
        yield running


@pytest.fixture
def proxied(proxy: Proxy) -> BrokerURL:
    """This run's vhost on the broker, reached through the proxy."""
    return BrokerURL(f"amqp://guest:guest@127.0.0.1:{proxy.port}/{test_settings.VHOST}")


@pytest.fixture
def make_queue() -> Iterator[Any]:
    """Declares queues of a name of their own on the real broker (deleted afterwards)."""
    real = get_settings().default_broker
    made: list[str] = []

    def make(messages: int = 0) -> str:
        name = f"state-{uuid.uuid4().hex[:8]}"
        connection = broker.connect(real)
        try:
            broker.declare_queue(connection, QueueSettings(name=name, broker=real))
            made.append(name)
            publish(name, messages)
        finally:
            connection.close()
        return name

    yield make
    connection = broker.connect(real)
    try:
        for name in made:
            connection.channel().queue_delete(name)
    finally:
        connection.close()


def publish(name: str, count: int) -> None:
    """Put ``count`` messages in queue ``name`` directly (no task log: these tests need no database)."""
    if count:
        connection = broker.connect(get_settings().default_broker)
        try:
            channel = connection.channel()
            for _ in range(count):
                channel.basic_publish(exchange="", routing_key=name, body=b"{}")
        finally:
            connection.close()


@pytest.fixture
def states() -> Iterator[QueueStates]:
    cache = QueueStates()
    yield cache
    cache.clear()


def hammer(threads: int, seconds: float, work: Any) -> int:
    """Run ``work()`` in a loop on ``threads`` threads for ``seconds``; returns how many calls were made."""
    calls = [0] * threads
    failures: list[BaseException] = []
    deadline = time.monotonic() + seconds
    start = threading.Barrier(threads)

    def loop(index: int) -> None:
        start.wait()
        try:
            while time.monotonic() < deadline:
                work()
                calls[index] += 1
        except BaseException as exc:  # reported below, on the test's thread
            failures.append(exc)

    workers = [threading.Thread(target=loop, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 30)
    assert not failures, failures[0]
    return sum(calls)


def test_many_threads_share_one_connection_and_one_question_per_second(proxy, proxied, make_queue, states):
    queues = [QueueSettings(name=make_queue(messages=n), broker=proxied) for n in range(3)]
    answers: list[tuple[str, float, int | None]] = []

    def ask() -> None:
        for queue in queues:
            state = states.get(queue)
            assert state.error is None, state.error
            answers.append((queue.name, state.taken_at, state.messages))

    calls = hammer(threads=40, seconds=2.5, work=ask)
    assert calls > 100
    assert proxy.accepted == 1
    for n, queue in enumerate(queues):
        mine = [answer for answer in answers if answer[0] == queue.name]
        assert {messages for _, _, messages in mine} == {n}
        refreshes = len({taken_at for _, taken_at, _ in mine})
        assert refreshes <= 2.5 / MAX_AGE + 2, f"{refreshes} questions to the broker about {queue.name}"


def test_the_state_is_kept_for_max_age_then_follows_the_queue(proxy, proxied, make_queue):
    name = make_queue(messages=1)
    queue = QueueSettings(name=name, broker=proxied)
    patient = QueueStates(max_age=60)
    try:
        assert patient.get(queue).messages == 1
        publish(name, 2)
        sent = proxy.bytes_up
        assert patient.get(queue).messages == 1  # kept: the broker was not asked
        assert proxy.bytes_up == sent
    finally:
        patient.clear()

    states = QueueStates()
    try:
        assert states.get(queue).messages == 3
        publish(name, 4)
        published = time.monotonic()
        wait_for(lambda: states.get(queue).messages == 7, timeout=MAX_AGE + 5, what="the new depth")
        assert time.monotonic() - published <= MAX_AGE + 0.5
    finally:
        states.clear()


def test_a_forgotten_state_is_asked_again_at_once(proxy, proxied, make_queue):
    name = make_queue(messages=1)
    queue = QueueSettings(name=name, broker=proxied)
    patient = QueueStates(max_age=60)
    try:
        assert patient.get(queue).messages == 1
        publish(name, 1)
        patient.forget(queue)  # as after a purge, whose answer must not wait for the cache
        assert patient.get(queue).messages == 2
        assert proxy.accepted == 1
    finally:
        patient.clear()


def test_a_connection_the_broker_dropped_is_replaced_without_an_error(proxy, proxied, make_queue, states):
    queue = QueueSettings(name=make_queue(messages=2), broker=proxied)
    assert states.get(queue).messages == 2
    close_broker_connections()  # as a broker restart, or missed heartbeats while idle, would
    time.sleep(MAX_AGE)
    state = states.get(queue)
    assert (state.error, state.messages) == (None, 2)
    assert proxy.accepted == 2


def test_a_missing_queue_is_empty_and_does_not_break_the_others(proxy, proxied, make_queue, states):
    queue = QueueSettings(name=make_queue(messages=2), broker=proxied)
    missing = QueueSettings(name=f"never-declared-{uuid.uuid4().hex[:8]}", broker=proxied)
    for _ in range(3):
        state = states.get(missing)  # the broker closes the channel that asks (404)
        assert (state.error, state.messages, state.consumers) == (None, 0, 0)
        assert states.get(queue).messages == 2
        time.sleep(MAX_AGE)
    assert proxy.accepted == 1  # a new channel each time, on the same connection


def test_an_unreachable_broker_is_asked_at_most_once_per_max_age(proxy, proxied, make_queue, states):
    queue = QueueSettings(name=make_queue(messages=1), broker=proxied)
    proxy.refuse(60)
    seen: list[Any] = []
    hammer(threads=20, seconds=2.5, work=lambda: seen.append(states.get(queue)))
    assert all(state.error is not None and not state.error.reachable for state in seen)
    error = str(seen[-1].error)
    assert "Cannot reach RabbitMQ" in error and "guest:***@" in error and "guest:guest" not in error
    assert 1 <= proxy.refused <= 2.5 / MAX_AGE + 2
    proxy.refuse(0)
    wait_for(lambda: states.get(queue).messages == 1, timeout=MAX_AGE + 5, what="the broker back")
    assert proxy.accepted == 1


def test_a_stalled_broker_holds_back_only_the_request_that_asked(proxy, proxied, make_queue):
    queue = QueueSettings(name=make_queue(messages=2), broker=proxied)
    states = QueueStates(max_wait=1.0)
    try:
        assert states.get(queue).messages == 2
        proxy.stall()  # the connection stays open, nothing comes back
        time.sleep(MAX_AGE)
        asking: list[Any] = []
        first = threading.Thread(target=lambda: asking.append(states.get(queue)))
        first.start()
        time.sleep(0.3)  # for it to become the request that asks
        started = time.monotonic()
        others = [states.get(queue) for _ in range(3)]
        assert time.monotonic() - started < 3 * 1.0 + 1.0
        for state in others:
            assert state.error is not None and not state.error.reachable
            assert "has not answered another request's question within 1 s" in str(state.error)
        assert first.is_alive()  # still waiting for the broker
        proxy.resume()
        first.join(timeout=10)
        assert asking[0].messages == 2
        assert states.get(queue).messages == 2  # the answer it brought back is the state
    finally:
        proxy.resume()
        states.clear()


def test_a_forked_child_opens_its_own_connection_and_leaves_the_parents(proxy, proxied, make_queue):
    queue = QueueSettings(name=make_queue(messages=3), broker=proxied)
    shared = queue_state.shared()
    try:
        assert shared.get(queue).messages == 3
        assert proxy.accepted == 1
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer through the pipe, never return into pytest
            code = 1
            try:
                state = queue_state.shared().get(queue)
                os.write(write, json.dumps([state.messages, str(state.error)]).encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        child = wait_for(lambda: os.waitpid(pid, os.WNOHANG)[0] == pid or None, what="the child")
        assert child
        assert json.loads(os.read(read, 1000)) == [3, "None"]
        os.close(read)
        assert proxy.accepted == 2  # the child's own connection
        assert queue_state.shared() is shared
        time.sleep(MAX_AGE)
        state = shared.get(queue)
        assert (state.error, state.messages) == (None, 3)  # the parent's connection still works
        assert proxy.accepted == 2
    finally:
        shared.clear()


@pytest.fixture
def roomy_server() -> Iterator[str]:
    """The API on a live server thread that keeps 256 connections waiting to be accepted; Django's
    keeps 10, and on a busy machine the kernel then resets some of 100 clients' connections before the
    server sees them. Yields its base URL."""
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    class RoomyServer(ThreadedWSGIServer):
        request_queue_size = 256

    class RoomyThread(LiveServerThread):
        server_class = RoomyServer

    thread = RoomyThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait(timeout=30)
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def test_a_hundred_clients_polling_the_api_share_one_broker_connection(
    roomy_server, proxy, proxied, settings
):
    """100 clients each ask the queues' state over HTTP every second for 4 s: one connection to the broker.

    Each client polls at its own phase, as monitor tabs opened at different moments do (the UI polls
    every 5 s; here every second, so that each cached answer is shared by about 100 requests).
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    settings.CARROT = {**settings.CARROT, "default_broker": proxied.url}
    query = json.dumps({"query": "query QueueStates { queues { name state { reachable messages } } }"})
    clients, period, rounds = 100, 1.0, 4
    answers: list[list[bool]] = []
    failures: list[BaseException] = []
    start = time.monotonic()

    def client(n: int) -> None:
        try:
            for tick in range(rounds):
                time.sleep(max(0.0, start + (tick + n / clients) * period - time.monotonic()))
                response = requests.post(
                    f"{roomy_server}/carrot/graphql",
                    data=query,
                    headers={"Content-Type": "application/json"},
                    timeout=30,
                )
                assert response.status_code == 200, response.text[:500]
                answers.append([q["state"]["reachable"] for q in response.json()["data"]["queues"]])
        except BaseException as exc:  # reported on the test's thread
            failures.append(exc)

    workers = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
    finally:
        queue_state.shared().clear()
    assert not failures, failures[0]
    assert answers == [[True, True, True]] * clients * rounds
    assert proxy.accepted == 1
