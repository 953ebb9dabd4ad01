"""`check` against real loopback servers: healthy and broken APIs, TLS, proxies, hangs, refusals, redirects."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claude_doctor.mock import running
from tests.checks.conftest import KEY, Machine
from tests.checks.network.conftest import forward_proxy, free_port, online, server_context, silent_listener


def category(result: object) -> str:
    return result.data["diagnosis"]["category"]  # type: ignore[attr-defined]


def test_healthy_http(machine: Machine) -> None:
    with running("ok") as mock:
        results = online(machine, mock.base_url)
    assert results["network.dns"].status == "ok"
    assert results["network.tcp"].status == "ok"
    assert results["api.models"].status == "ok"
    assert results["api.models"].data["request_id"].startswith("req_")
    assert results["api.count_tokens"].status == "ok"
    assert "api.message" not in results  # only with --send


def test_healthy_https_with_trusted_ca_and_send(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    machine.env["SSL_CERT_FILE"] = str(ca_file)
    machine.env["ANTHROPIC_MODEL"] = "claude-haiku-4-5-20251001"
    with running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock:
        results = online(machine, mock.base_url, send=True)
        sent = [r.path for r in mock.requests]
    assert results["network.tls"].status == "ok"
    assert "Example Corp Inspection CA" in results["network.tls"].title
    assert results["api.message"].status == "ok"
    limits = results["api.rate_limits"].data["limits"]
    assert limits["requests"]["limit"] == "50"
    assert sent == ["/v1/models", "/v1/messages/count_tokens", "/v1/messages"]


@pytest.mark.parametrize(
    ("scenario", "check_id", "expected"),
    [
        ("invalid_key", "api.models", "invalid_key"),
        ("permission", "api.models", "permission"),
        ("ok,not_found", "api.count_tokens", "not_found"),
        ("overloaded", "api.models", "overloaded"),
        ("html_gateway", "api.models", "proxy"),
        ("credit", "api.models", "billing"),
    ],
)
def test_api_errors_are_decoded(machine: Machine, scenario: str, check_id: str, expected: str) -> None:
    with running(scenario) as mock:
        results = online(machine, mock.base_url)
    assert results[check_id].status == "fail"
    assert category(results[check_id]) == expected
    assert results[check_id].fix


def test_invalid_key_stops_after_the_first_request(machine: Machine) -> None:
    with running("invalid_key") as mock:
        online(machine, mock.base_url)
        assert len(mock.requests) == 1


def test_rate_limited_message_carries_retry_after(machine: Machine) -> None:
    with running("ok,ok,rate_limited", retry_after=7) as mock:
        results = online(machine, mock.base_url, send=True)
    message = results["api.message"]
    assert message.status == "fail"
    assert message.data["diagnosis"]["category"] == "rate_limited"
    assert message.data["diagnosis"]["retry_after_s"] == 7


# `check --timeout 2`: the tests allow twice the deadline for a loaded CI machine, far below the 10 s default that a
# lost deadline would fall back to (or a hang that never ends).
DEADLINE = 2.0


def test_hang_finishes_inside_the_timeout(machine: Machine) -> None:
    with running("hang") as mock:
        started = time.monotonic()
        results = online(machine, mock.base_url, timeout=DEADLINE)
        elapsed = time.monotonic() - started
    assert elapsed < 2 * DEADLINE
    failed = [r for r in results.values() if r.section == "API" and r.status == "fail"]
    assert failed
    assert category(failed[0]) == "timeout"


def test_silent_listener_finishes_inside_the_timeout(machine: Machine) -> None:
    with silent_listener() as port:
        started = time.monotonic()
        results = online(machine, f"https://127.0.0.1:{port}", timeout=DEADLINE)
        assert time.monotonic() - started < 2 * DEADLINE
    assert results["network.tcp"].status == "ok"
    assert any(r.status == "fail" and r.section == "Network" for r in results.values())


def test_refused(machine: Machine) -> None:
    port = free_port()
    results = online(machine, f"http://127.0.0.1:{port}")
    assert results["network.tcp"].status == "fail"
    assert results["network.tcp"].data["diagnosis"]["category"] == "connect"
    assert category(results["api.models"]) == "connect"


def test_untrusted_certificate_names_the_issuer(machine: Machine, ca) -> None:  # type: ignore[no-untyped-def]
    with running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock:
        results = online(machine, mock.base_url)
        assert mock.requests == []  # the key never went out over an untrusted connection
    tls = results["network.tls"]
    assert tls.status == "fail"
    assert tls.data["diagnosis"]["category"] == "tls"
    assert "Example Corp Inspection CA" in tls.detail
    assert any("SSL_CERT_FILE" in f for f in tls.fix)
    assert any("NODE_EXTRA_CA_CERTS" in f for f in tls.fix)
    assert category(results["api.models"]) == "tls"


def test_wrong_host_name(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    machine.env["SSL_CERT_FILE"] = str(ca_file)
    with running("ok", ssl_context=server_context(ca, "other.example")) as mock:
        results = online(machine, mock.base_url)
    assert "tls_hostname_mismatch" in results["network.tls"].title


def test_expired_certificate(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    machine.env["SSL_CERT_FILE"] = str(ca_file)
    with running("ok", ssl_context=server_context(ca, "127.0.0.1", expired=True)) as mock:
        results = online(machine, mock.base_url)
    assert "tls_expired" in results["network.tls"].title


def test_dead_proxy(machine: Machine) -> None:
    machine.env["HTTPS_PROXY"] = f"http://127.0.0.1:{free_port()}"
    machine.env["HTTP_PROXY"] = machine.env["HTTPS_PROXY"]
    with running("ok") as mock:
        results = online(machine, mock.base_url)
    tunnel = results["network.proxy_tunnel"]
    assert tunnel.status == "fail"
    assert tunnel.data["diagnosis"]["category"] == "proxy"
    assert "network.dns" not in results  # the proxy resolves, not this machine


def test_proxy_demanding_auth_then_given_it(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    machine.env["SSL_CERT_FILE"] = str(ca_file)
    with (
        forward_proxy(auth="user:s3cret-pass") as proxy,
        running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock,
    ):
        machine.env["HTTPS_PROXY"] = proxy
        results = online(machine, mock.base_url)
        assert results["network.proxy_tunnel"].data["diagnosis"]["category"] == "proxy"
        assert "407" in results["network.proxy_tunnel"].title
        machine.env["HTTPS_PROXY"] = proxy.replace("http://", "http://user:s3cret-pass@")
        results = online(machine, mock.base_url)
    assert results["network.proxy_tunnel"].status == "ok"
    assert results["network.tls"].status == "ok"
    assert results["api.models"].status == "ok"
    assert "s3cret-pass" not in str([r.to_json() for r in results.values()])


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


def test_redirect_is_reported_and_never_followed(machine: Machine) -> None:
    with running("ok") as elsewhere:
        handler = type("H", (_Redirect,), {"target": elsewhere.base_url.replace("127.0.0.1", "localhost")})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = online(machine, f"http://127.0.0.1:{server.server_address[1]}")
        finally:
            server.shutdown()
            server.server_close()
        assert elsewhere.requests == []  # the key never reached the other host
    models = results["api.models"]
    assert models.status == "fail"
    assert "redirected (307)" in models.title


def test_plain_http_to_a_remote_host_never_sends_the_key() -> None:
    import tempfile
    from pathlib import Path

    from claude_doctor.checks.network.remote import Progress, call_api
    from claude_doctor.checks.state import LocalState
    from tests.checks.conftest import Machine as M

    m = M(Path(tempfile.mkdtemp()))
    m.home.mkdir(parents=True)
    m.cwd.mkdir(parents=True)
    m.env["ANTHROPIC_API_KEY"] = KEY
    state = LocalState.gather(m.ctx())
    progress = Progress()
    call_api(state, "http://gateway.example.invalid", progress, lambda: 1.0)
    [result] = progress.results["api"]
    assert result.status == "fail"
    assert "clear text" in result.detail


def test_tls_verified_both_ways_when_a_ca_file_is_set(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    machine.env["REQUESTS_CA_BUNDLE"] = str(ca_file)
    with running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock:
        results = online(machine, mock.base_url)
    tls = results["network.tls"]
    assert tls.status == "ok"
    assert f"REQUESTS_CA_BUNDLE={ca_file}" in tls.detail
    assert "the certifi bundle (used when REQUESTS_CA_BUNDLE is unset): rejects it" in tls.detail


def test_profile_credentials_are_said_to_be_untested(machine: Machine) -> None:
    base = machine.home / ".config" / "anthropic"
    machine.write(base / "configs" / "default.json", {"authentication": {"type": "user_oauth"}}, mode=0o644)
    machine.write(base / "credentials" / "default.json", {"type": "oauth_token", "access_token": "sk-ant-oat01-x"})
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        machine.env["ANTHROPIC_API_KEY"] = ""
        results = online(machine, mock.base_url)
        assert mock.requests == []
    assert results["api.models"].status == "skip"
    assert "token exchange" in results["api.models"].title
