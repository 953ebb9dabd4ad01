"""The mock under load: 200 clients at once on loopback, each on one keep-alive connection. No request waits a second
(a backlog of 5 dropped connections, retried a second or more later), keep-alive answers do not wait out Nagle's
algorithm, the request log stays bounded, and idle connections are closed."""

from __future__ import annotations

import selectors
import socket
import statistics
import threading
import time
import tracemalloc
from dataclasses import dataclass

from claude_doctor.mock import running
from claude_doctor.mock.server import MockServer

CLIENTS = 200
REQUEST = b"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: sk-ant-api03-load-test-key-0000\r\n\r\n"


def _parse(buffer: bytes) -> tuple[bool, bytes]:
    """Whether `buffer` starts with one whole response (headers and a Content-Length body); what follows it."""
    head, found, rest = buffer.partition(b"\r\n\r\n")
    if not found:
        return False, buffer
    assert head.startswith(b"HTTP/1.1 200"), head[:40]
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    return (True, rest[length:]) if len(rest) >= length else (False, buffer)


def _answer(sock: socket.socket, pending: bytes = b"") -> bytes:
    """One response off a blocking keep-alive connection; what is left over."""
    buffer = pending
    while True:
        done, rest = _parse(buffer)
        if done:
            return rest
        piece = sock.recv(65536)
        assert piece, "the mock closed the connection mid-answer"
        buffer += piece


@dataclass
class _Client:
    sock: socket.socket
    left: int
    sent_at: float
    buffer: bytes = b""
    connected: bool = False


def _round(mock: MockServer, requests: int) -> list[float]:
    """CLIENTS connections opened at once (non-blocking, so all their SYNs arrive together), each sending `requests`
    requests one after the other on its connection. One thread drives them all, so the times measured are the mock's,
    not a client thread's wait for the GIL. Returns each request's wait; the first includes connecting."""
    selector = selectors.DefaultSelector()
    started = time.perf_counter()
    for _ in range(CLIENTS):
        sock = socket.socket()
        sock.setblocking(False)
        sock.connect_ex(("127.0.0.1", mock.port))
        selector.register(sock, selectors.EVENT_WRITE, _Client(sock, requests, started))
    waits: list[float] = []
    deadline = started + 15  # a stalled connection fails the test in seconds, not minutes
    while selector.get_map() and time.perf_counter() < deadline:
        for key, _events in selector.select(timeout=1):
            client: _Client = key.data
            if not client.connected:
                assert client.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
                client.connected = True
                client.sock.sendall(REQUEST)
                selector.modify(client.sock, selectors.EVENT_READ, client)
                continue
            piece = client.sock.recv(65536)
            assert piece, "the mock closed a connection mid-answer"
            done, client.buffer = _parse(client.buffer + piece)
            if not done:
                continue
            now = time.perf_counter()
            waits.append(now - client.sent_at)
            client.left -= 1
            if client.left:
                client.sent_at = now
                client.sock.sendall(REQUEST)
            else:
                selector.unregister(client.sock)
                client.sock.close()
    for key in list(selector.get_map().values()):
        key.fileobj.close()  # type: ignore[union-attr]
    assert len(waits) == CLIENTS * requests, "some clients never got all their answers"
    return waits


def _settled(threads: int) -> None:
    """Wait until the mock's connection threads have seen their clients hang up and ended."""
    deadline = time.monotonic() + 10
    while threading.active_count() > threads and time.monotonic() < deadline:
        time.sleep(0.01)


def test_two_hundred_clients_at_once() -> None:
    with running("ok", log_size=500) as mock:
        idle = threading.active_count()
        waits = _round(mock, 3) + _round(mock, 9)
        # Memory, measured apart: tracing every allocation slows the mock, and these rounds are not timed.
        _settled(idle)
        tracemalloc.start()
        _round(mock, 3)
        _settled(idle)
        after_first = tracemalloc.get_traced_memory()[0]
        _round(mock, 9)
        _settled(idle)
        after_second = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        answered, kept = mock.answered, len(mock.requests)
    assert max(waits) < 1.0, sorted(waits)[-5:]
    assert after_second < after_first + 256 * 1024, (after_first, after_second)  # three times the requests
    assert answered == CLIENTS * 24
    assert kept == 500  # the last 500, not all 4,800


def test_keep_alive_answers_do_not_wait_for_an_ack() -> None:
    """Headers and body in two writes without TCP_NODELAY made every answer after the first wait about 40 ms for the
    client's delayed ACK; in one write they take well under a millisecond on loopback."""
    with running("ok") as mock, socket.create_connection(("127.0.0.1", mock.port), timeout=10) as sock:
        waits = []
        pending = b""
        for _ in range(30):
            began = time.perf_counter()
            sock.sendall(REQUEST)
            pending = _answer(sock, pending)
            waits.append(time.perf_counter() - began)
    assert statistics.median(waits[1:]) < 0.02, waits


def test_idle_connections_are_closed() -> None:
    with (
        running("ok", idle_timeout=0.3) as mock,
        socket.create_connection(("127.0.0.1", mock.port), timeout=10) as sock,
    ):
        sock.sendall(REQUEST)
        _answer(sock)
        began = time.perf_counter()
        assert sock.recv(1) == b""  # the mock hung up
        assert time.perf_counter() - began < 5


def test_the_listen_backlog_holds_a_burst() -> None:
    with running("ok") as mock:
        backlog = mock._server.request_queue_size
    assert backlog >= 128
