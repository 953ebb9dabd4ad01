"""The path walk of `check` against real loopback servers: DNS, TCP, TLS (trusted, untrusted, wrong name, expired),
refusals, and proxies (dead, demanding authentication, tunnelling)."""

from __future__ import annotations

from claude_doctor.mock import running
from tests.checks.conftest import Machine
from tests.checks.servers import category, forward_proxy, free_port, online, server_context


def test_healthy_http(machine: Machine) -> None:
    with running("ok") as mock:
        results = online(machine, mock.base_url)
    assert results["network.dns"].status == "ok"
    assert results["network.tcp"].status == "ok"
    assert results["api.models"].status == "ok"
    assert results["api.models"].data["request_id"].startswith("req_")
    assert results["api.count_tokens"].status == "ok"
    assert "api.message" not in results  # only with --send


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


def test_tls_per_trust_store_names_the_clients_that_would_fail(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    """REQUESTS_CA_BUNDLE is read by `requests`, not by the SDK: the SDK (OS store) and Claude Code (bundled + OS)
    both refuse the private CA, and the fixes say which variable each one reads. (Before issue 13 this test expected
    the check to accept the CA through REQUESTS_CA_BUNDLE, which the SDK never reads.)"""
    machine.env["REQUESTS_CA_BUNDLE"] = str(ca_file)
    with running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock:
        results = online(machine, mock.base_url)
        assert mock.requests == []
    tls = results["network.tls"]
    assert tls.status == "fail"
    assert "Example Corp Inspection CA" in tls.detail
    assert any("SSL_CERT_FILE" in f and "not REQUESTS_CA_BUNDLE" in f for f in tls.fix)
    assert results["api.models"].status == "skip"  # one root cause, one failure


def test_tls_accepted_by_one_client_refused_by_another(machine: Machine, ca, ca_file) -> None:  # type: ignore[no-untyped-def]
    """SSL_CERT_FILE reaches the Python SDK, not Node: the Python SDK would connect, the TypeScript SDK would not."""
    machine.env["SSL_CERT_FILE"] = str(ca_file)
    with running("ok", ssl_context=server_context(ca, "127.0.0.1")) as mock:
        results = online(machine, mock.base_url, clients=("python", "typescript"))
        paths = [r.path for r in mock.requests]
    tls = results["network.tls"]
    assert tls.status == "fail"
    assert "would fail" in tls.title
    assert "Python SDK" in tls.title
    assert "TypeScript SDK" in tls.title
    assert any("NODE_EXTRA_CA_CERTS" in f for f in tls.fix)
    stores = {s["store"]: s["ok"] for s in tls.data["stores"]}
    assert stores[f"SSL_CERT_FILE={ca_file}"] is True
    assert stores["Node's bundled CAs"] is False
    assert results["api.models"].status == "ok"  # the Python SDK's probe went ahead over its own trust store
    assert paths[0] == "/v1/models"
