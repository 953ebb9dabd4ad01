"""A credential travels in clear only when the whole path is on this machine (issue 16 §1): one test per path —
direct, through an HTTP proxy, through an HTTPS proxy, a `*.localhost` name that resolves elsewhere, a redirect —
each with a recording listener on an address that is not loopback, which must never see the key.

The listener needs such an address. In a private network namespace (`unshare -rn`, no root needed) `10.1.2.3` is
added to its own loopback interface: `test_the_paths_in_a_network_namespace` re-runs this module there. Outside it,
the tests use a non-loopback address of this machine when there is one, and skip (saying so) when there is none.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.mock import running
from claude_doctor.model import CheckResult
from tests.checks.conftest import KEY, Machine
from tests.checks.servers import forward_proxy, redirecting

NETNS_ADDRESS = "10.1.2.3"
IN_NAMESPACE = os.environ.get("CLAUDE_DOCTOR_NETNS") == "1"


def _own_outside_address() -> str | None:
    """A non-loopback IPv4 address of this machine that a listener can bind (no packet is sent to learn it)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("198.51.100.1", 9))  # a UDP connect only picks the source address: nothing is sent
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    if address.startswith("127.") or address == "0.0.0.0":
        return None
    try:
        with socket.socket() as s:
            s.bind((address, 0))
    except OSError:
        return None
    return address


@pytest.fixture(scope="module")
def outside() -> str:
    if IN_NAMESPACE:
        return NETNS_ADDRESS
    address = _own_outside_address()
    if address is None:
        pytest.skip("no non-loopback address here to listen on; test_the_paths_in_a_network_namespace covers it")
    return address


class Recorder:
    """A listener that answers CONNECT as a proxy would and records every byte it is sent."""

    def __init__(self, address: str) -> None:
        self.sock = socket.socket()
        self.sock.bind((address, 0))
        self.sock.listen(16)
        self.address = address
        self.port = int(self.sock.getsockname()[1])
        self.received = bytearray()
        self.connections = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _peer = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._record, args=(conn,), daemon=True).start()

    def _record(self, conn: socket.socket) -> None:
        with self.lock:
            self.connections += 1
        conn.settimeout(3)
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                with self.lock:
                    self.received += chunk
                if chunk.startswith(b"CONNECT "):
                    conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    def close(self) -> None:
        self.sock.close()


@contextmanager
def recorder(address: str) -> Iterator[Recorder]:
    listener = Recorder(address)
    try:
        yield listener
    finally:
        listener.close()


def run(m: Machine) -> dict[str, CheckResult]:
    m.env["ANTHROPIC_API_KEY"] = KEY
    report = build_report(m.ctx(offline=False, timeout=6.0)).report
    return {r.id: r for r in report.checks}


def assert_key_never_sent(listener: Recorder) -> None:
    data = bytes(listener.received)
    assert KEY.encode() not in data
    assert b"x-api-key" not in data.lower()
    assert b"authorization" not in data.lower()


def refused(results: dict[str, CheckResult]) -> CheckResult:
    api = results["api.models"]
    assert api.status == "fail", api
    assert api.data.get("clear_text") is True
    assert "clear text" in api.title
    return api


def test_direct_to_an_address_that_is_not_this_machine(machine: Machine, outside: str) -> None:
    with recorder(outside) as listener:
        machine.env["ANTHROPIC_BASE_URL"] = listener.url
        results = run(machine)
        assert_key_never_sent(listener)
        assert listener.received == b""  # the path walk may connect; nothing is written
    assert outside in refused(results).detail


def test_through_an_http_proxy_that_is_not_this_machine(machine: Machine, outside: str) -> None:
    with recorder(outside) as listener, running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url  # the target itself is loopback
        machine.env["HTTP_PROXY"] = listener.url
        results = run(machine)
        assert_key_never_sent(listener)
        assert mock.requests == []
    assert "proxy" in refused(results).detail


def test_through_an_https_proxy_that_is_not_this_machine(machine: Machine, outside: str) -> None:
    with recorder(outside) as listener, running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["HTTP_PROXY"] = listener.url.replace("http://", "https://")
        results = run(machine)
        assert_key_never_sent(listener)
        assert mock.requests == []
    assert "proxy" in refused(results).detail


def test_a_localhost_name_that_resolves_elsewhere(machine: Machine, outside: str) -> None:
    """`*.localhost` is loopback by its name only: what it resolves to decides, and the connection goes there."""
    with recorder(outside) as listener:
        machine.resolver = lambda host, port: [outside] if host.endswith(".localhost") else [host]
        machine.env["ANTHROPIC_BASE_URL"] = f"http://relay.localhost:{listener.port}"
        results = run(machine)
        assert_key_never_sent(listener)
    assert outside in refused(results).detail


def test_a_redirect_to_an_address_that_is_not_this_machine(machine: Machine, outside: str) -> None:
    with recorder(outside) as listener:
        with redirecting(listener.url) as url:
            machine.env["ANTHROPIC_BASE_URL"] = url
            results = run(machine)
        assert listener.connections == 0
        assert_key_never_sent(listener)
    assert "redirected (307)" in results["api.models"].title


def test_loopback_target_and_loopback_proxy_may_carry_it(machine: Machine) -> None:
    """The positive case: the whole path on this machine, so the key goes, through the loopback proxy."""
    with forward_proxy() as proxy, running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["HTTP_PROXY"] = proxy
        results = run(machine)
        assert [r.path for r in mock.requests][:1] == ["/v1/models"]
    assert results["api.models"].status == "ok"


def test_the_paths_in_a_network_namespace() -> None:
    """This module again, inside a private network namespace where 10.1.2.3 is an address of its own."""
    if IN_NAMESPACE:
        pytest.skip("already inside the namespace")
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if unshare is None or ip is None:
        pytest.skip("unshare or ip is not installed: network namespaces are unavailable here")
    probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip(f"this machine does not allow private network namespaces: {probe.stderr.decode()[:200]}")
    root = Path(__file__).resolve().parents[3]
    setup = f"{ip} link set lo up && {ip} addr add {NETNS_ADDRESS}/32 dev lo"
    command = f'{setup} && exec "$0" -m pytest -q -p no:cacheprovider "$1"'
    env = {**os.environ, "CLAUDE_DOCTOR_NETNS": "1"}
    proc = subprocess.run(
        [unshare, "-rn", "sh", "-c", command, sys.executable, str(Path(__file__).relative_to(root))],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "6 passed" in proc.stdout, proc.stdout[-2000:]
