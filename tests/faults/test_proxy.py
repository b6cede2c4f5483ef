"""The fault suite's proxy itself, against a small echo server: forwards, cuts, stalls, refuses, closes."""

import contextlib
import socket
import threading
import time

import pytest

from tests.conftest import wait_for
from tests.faults.proxy import Proxy

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def echo_port():
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.1)
    stop = threading.Event()

    def serve(client):
        with client:
            while data := client.recv(4096):
                client.sendall(data)

    def accept():
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                client, _ = server.accept()
                threading.Thread(target=serve, args=(client,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join(2)
    server.close()


def roundtrip(sock, data=b"ping", timeout=2.0):
    sock.settimeout(timeout)
    sock.sendall(data)
    return sock.recv(4096)


def test_forwards_cuts_stalls_refuses_and_closes(echo_port):
    with Proxy(echo_port, lifetime=20) as proxy:
        client = socket.create_connection(("127.0.0.1", proxy.port))
        assert roundtrip(client) == b"ping"
        # Counted once forwarded: the echo may reach the client before the proxy's thread counts.
        wait_for(lambda: proxy.bytes_up == 4, timeout=2, what="the proxy to count the bytes sent")
        assert proxy.live == 1

        proxy.stall()
        with pytest.raises(TimeoutError):
            roundtrip(client, timeout=0.5)  # held back, the socket stays open
        proxy.resume()
        client.settimeout(2)
        assert client.recv(4096) == b"ping"

        assert proxy.cut() == 1
        client.settimeout(2)
        assert client.recv(4096) == b""  # the client sees the link end
        client.close()

        proxy.refuse(1.0)
        refused = socket.create_connection(("127.0.0.1", proxy.port))
        refused.settimeout(2)
        assert refused.recv(4096) == b""
        refused.close()
        time.sleep(1.1)
        again = socket.create_connection(("127.0.0.1", proxy.port))
        assert roundtrip(again) == b"ping"

        fired = threading.Event()
        proxy.when_sent(10, fired.set)
        roundtrip(again, b"0123456789")
        assert fired.wait(2)
        again.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", proxy.port), timeout=1)
