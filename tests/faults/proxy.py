"""A small TCP proxy on loopback that the fault suite puts between the project and RabbitMQ or PostgreSQL.

Clients connect to ``proxy.port`` on 127.0.0.1; each connection is forwarded to the upstream port on
127.0.0.1 by two threads (one per direction). The test breaks the link on purpose:

- :meth:`Proxy.cut` drops every live connection both ways, as a network failure or a restarted server;
- :meth:`Proxy.stall` stops forwarding bytes while keeping the sockets open (a hung link), and
  :meth:`Proxy.resume` goes on where it stopped;
- :meth:`Proxy.refuse` closes new connections at once for a while (a server that is down);
- :meth:`Proxy.close` stops the proxy and drops everything.

The proxy is bounded: it closes itself after ``lifetime`` seconds, every thread is a daemon that polls
a stop flag, and it listens on and connects to loopback only.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable

LOOPBACK = "127.0.0.1"
POLL = 0.1
"""Seconds a forwarding thread waits for bytes before it looks at the flags again."""
CHUNK = 65536


class Proxy:
    """Forward TCP connections from an ephemeral loopback port to ``upstream_port`` on loopback."""

    def __init__(self, upstream_port: int, *, name: str = "proxy", lifetime: float = 300.0) -> None:
        self.name = name
        self.upstream_port = upstream_port
        self._listener = socket.create_server((LOOPBACK, 0))
        self._listener.settimeout(POLL)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._links: set[tuple[socket.socket, socket.socket]] = set()
        self._closed = threading.Event()
        self._flowing = threading.Event()
        self._flowing.set()
        self._refuse_until = 0.0
        self._deadline = time.monotonic() + lifetime
        self.accepted = 0
        self.refused = 0
        self.cuts = 0
        self.bytes_up = 0
        """Bytes forwarded from clients to the server (e.g. how much a publisher has sent)."""
        self.bytes_down = 0
        self._trigger: tuple[int, Callable[[], object]] | None = None
        self._acceptor = threading.Thread(target=self._accept_loop, name=f"{name}-accept", daemon=True)
        self._acceptor.start()

    def __enter__(self) -> Proxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Controls -----------------------------------------------------------------------------------

    def cut(self) -> int:
        """Drop every live connection both ways; returns how many were dropped."""
        with self._lock:
            links = list(self._links)
            self._links.clear()
            self.cuts += 1
        for pair in links:
            for sock in pair:
                _close(sock)
        return len(links)

    def stall(self) -> None:
        """Stop forwarding bytes in both directions; the sockets stay open."""
        self._flowing.clear()

    def resume(self) -> None:
        """Forward again what a :meth:`stall` held back."""
        self._flowing.set()

    def refuse(self, seconds: float) -> None:
        """Close new connections at once for the next ``seconds`` seconds."""
        self._refuse_until = time.monotonic() + seconds

    def when_sent(self, bytes_up: int, action: Callable[[], object]) -> None:
        """Run ``action`` (e.g. :meth:`cut`) once ``bytes_up`` more bytes went from clients to the server.

        It runs on the forwarding thread right after the chunk that crosses the mark, so the fault lands
        at a known point of a burst instead of wherever a polling test happens to see it.
        """
        with self._lock:
            self._trigger = (self.bytes_up + bytes_up, action)

    def close(self) -> None:
        """Stop listening and drop every connection."""
        self._closed.set()
        self._flowing.set()
        _close(self._listener)
        self.cut()
        self._acceptor.join(timeout=2)

    @property
    def live(self) -> int:
        """Connections currently forwarded."""
        with self._lock:
            return len(self._links)

    # Internals ----------------------------------------------------------------------------------

    def _stopping(self) -> bool:
        if not self._closed.is_set() and time.monotonic() > self._deadline:
            self._closed.set()
            self._flowing.set()
        return self._closed.is_set()

    def _accept_loop(self) -> None:
        while not self._stopping():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            if time.monotonic() < self._refuse_until:
                self.refused += 1
                _close(client)
                continue
            try:
                upstream = socket.create_connection((LOOPBACK, self.upstream_port), timeout=5)
            except OSError:
                self.refused += 1
                _close(client)
                continue
            self.accepted += 1
            pair = (client, upstream)
            for sock in pair:
                sock.settimeout(POLL)
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._links.add(pair)
            for source, target, up in ((client, upstream, True), (upstream, client, False)):
                threading.Thread(
                    target=self._pump, args=(pair, source, target, up), name=f"{self.name}-pump", daemon=True
                ).start()
        self.cut()

    def _pump(
        self,
        pair: tuple[socket.socket, socket.socket],
        source: socket.socket,
        target: socket.socket,
        up: bool,
    ) -> None:
        try:
            while not self._stopping():
                if not self._flowing.wait(POLL):
                    if not self._is_live(pair):
                        break  # cut while stalled
                    continue  # stalled: hold the bytes in the kernel's buffers, keep the sockets
                try:
                    data = source.recv(CHUNK)
                except TimeoutError:
                    continue
                if not data:
                    break
                while not self._flowing.is_set() and not self._stopping():
                    time.sleep(POLL)  # a stall that began while these bytes were read
                self._send_all(target, data)
                if up:
                    self._count_up(len(data))
                else:
                    self.bytes_down += len(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._links.discard(pair)
            for sock in pair:
                _close(sock)

    def _is_live(self, pair: tuple[socket.socket, socket.socket]) -> bool:
        with self._lock:
            return pair in self._links

    def _count_up(self, size: int) -> None:
        with self._lock:
            self.bytes_up += size
            trigger = self._trigger
            if trigger is not None and self.bytes_up >= trigger[0]:
                self._trigger = None
            else:
                trigger = None
        if trigger is not None:
            trigger[1]()

    def _send_all(self, target: socket.socket, data: bytes) -> None:
        view = memoryview(data)
        while view and not self._stopping():
            try:
                sent = target.send(view)
            except TimeoutError:
                continue  # the receiver is slow: keep trying, this is not a failure of the link
            view = view[sent:]


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
