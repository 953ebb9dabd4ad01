"""Real servers on loopback for the network and API checks: the mock over HTTP and HTTPS (certificates from the `ca`
fixture in conftest.py), a forward proxy process, a listener that never answers, a closed port; and `online`, a whole
`check` run against one of them."""

from __future__ import annotations

import datetime
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import trustme

from claude_doctor.commands.check import build_report
from claude_doctor.model import CheckResult
from tests.checks.conftest import KEY, Machine


def server_context(ca: trustme.CA, *names: str, expired: bool = False) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    kwargs = {}
    if expired:
        now = datetime.datetime.now(datetime.UTC)
        kwargs = {"not_before": now - datetime.timedelta(days=30), "not_after": now - datetime.timedelta(days=1)}
    ca.issue_cert(*names, **kwargs).configure_cert(context)  # type: ignore[arg-type]
    return context


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def forward_proxy(auth: str | None = None) -> Iterator[str]:
    """proxy.py in its own process: a real forward proxy that tunnels CONNECT."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "proxy",
        "--hostname",
        "127.0.0.1",
        "--port",
        str(port),
        "--num-workers",
        "1",
        "--num-acceptors",
        "1",
        "--log-level",
        "ERROR",
    ]
    if auth:
        args += ["--basic-auth", auth]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("proxy.py did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def silent_listener() -> Iterator[int]:
    """Accepts connections and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def online(m: Machine, base_url: str, timeout: float = 8.0, **options: object) -> dict[str, CheckResult]:
    m.env.setdefault("ANTHROPIC_API_KEY", KEY)
    m.env["ANTHROPIC_BASE_URL"] = base_url
    ctx = m.ctx(timeout=timeout, offline=False, **options)
    report = build_report(ctx).report
    return {r.id: r for r in report.checks}


def category(result: CheckResult) -> str:
    return str(result.data["diagnosis"]["category"])


class _Redirect(BaseHTTPRequestHandler):
    target = ""

    def do_GET(self) -> None:
        self.send_response(307)
        self.send_header("location", self.target + self.path)
        self.send_header("content-length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def redirecting(target: str) -> Iterator[str]:
    """A loopback server that answers every request with a 307 to `target` + the path; yields its base URL."""
    handler = type("Redirect", (_Redirect,), {"target": target})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
