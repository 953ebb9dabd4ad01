"""The Network section of `check`: the path a request takes to the API, one step at a time (the proxy and its CONNECT
tunnel, or DNS and TCP; then TLS), each step bounded by its own timeout and the run's deadline."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from claude_doctor.catalog import diagnose
from claude_doctor.checks.network import probe
from claude_doctor.checks.network.deadline import Progress
from claude_doctor.checks.resolve.lint import worst
from claude_doctor.checks.resolve.proxy import claude_code_proxy, httpx_proxy, lint_proxies, masked_proxy
from claude_doctor.checks.resolve.trust import python_ca_file
from claude_doctor.checks.state import LocalState
from claude_doctor.hosts import host_kind
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult, Diagnosis

NET = "Network"
STEP_TIMEOUT = 5.0


def _diag(d: Diagnosis | None) -> dict[str, Any]:
    return {"diagnosis": d.to_json()} if d is not None else {}


def _net_diagnosis(kind: str | None, detail: str) -> Diagnosis | None:
    return diagnose(network=kind, message=detail, source_shape="check") if kind else None


def _fail_step(
    check_id: str, section: str, title: str, step: probe.Step, extra_fix: tuple[str, ...] = ()
) -> CheckResult:
    d = _net_diagnosis(step.kind, step.detail)
    fix = extra_fix + (d.fix if d else ())
    return CheckResult(check_id, "fail", title, section, step.detail, fix, {**step.data, **_diag(d)}, step.ms)


def proxy_lint(state: LocalState, url: str) -> CheckResult | None:
    env = state.ctx.env
    py, cc = httpx_proxy(url, env), claude_code_proxy(url, env)
    lints = lint_proxies(url, env)
    if py.url is None and cc.url is None and not lints and py.bypassed_by is None:
        return None
    lines = [f"Python (httpx, the SDK): {masked_proxy(py.url)} ({py.source})"]
    if (cc.url, cc.bypassed_by) != (py.url, py.bypassed_by):
        lines.append(f"Claude Code: {masked_proxy(cc.url)} ({cc.source}) — differs from Python")
    lines += [f"{lint.severity}: {lint.message}" for lint in lints]
    title = f"Proxy for {urlsplit(url).hostname}: {masked_proxy(py.url)}"
    return CheckResult(
        "network.proxy",
        worst(lints),
        title,
        NET,
        "\n".join(lines),
        tuple(lint.fix for lint in lints if lint.fix),
        {"python": masked_proxy(py.url), "claude_code": masked_proxy(cc.url)},
    )


def walk_path(state: LocalState, url: str, progress: Progress, remaining: Callable[[], float]) -> None:
    worker = "path"
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    lint = proxy_lint(state, url)
    if lint is not None:
        progress.add(worker, lint)
    proxy = httpx_proxy(url, state.ctx.env).url
    sock = None
    if proxy is not None:
        if not proxy.lower().startswith(("http://", "https://")):
            return  # SOCKS or a bad URL: the lint line says why; there is nothing to CONNECT through
        progress.now(worker, f"CONNECT {host}:{port} through the proxy")
        step, sock = probe.proxy_connect(proxy, host, port, min(STEP_TIMEOUT, remaining()))
        if sock is None:
            progress.add(worker, _fail_step("network.proxy_tunnel", NET, f"Proxy: {step.detail}", step))
            return
        progress.add(
            worker,
            CheckResult(
                "network.proxy_tunnel",
                "ok",
                f"Proxy tunnel to {host}:{port}",
                NET,
                step.detail,
                data=step.data,
                duration_ms=step.ms,
            ),
        )
    else:
        progress.now(worker, f"resolving {host}")
        step, addresses = probe.resolve(host, port, min(STEP_TIMEOUT, remaining()))
        if not step.ok:
            progress.add(worker, _fail_step("network.dns", NET, f"DNS: {host} does not resolve", step))
            return
        blocked = probe.blocked_addresses(addresses) if host_kind(host) == "anthropic" else []
        if blocked:
            kind_step = probe.Step(False, step.ms, f"{host} resolves to {', '.join(blocked)}", "dns_blocked", step.data)
            progress.add(
                worker,
                _fail_step(
                    "network.dns",
                    NET,
                    f"DNS: {host} resolves to a blocked address ({blocked[0]})",
                    kind_step,
                    (
                        "look for the host in /etc/hosts (C:\\Windows\\System32\\drivers\\etc\\hosts) and remove it",
                        "or ask whoever runs this network's DNS filter to allow it",
                    ),
                ),
            )
            return
        progress.add(
            worker, CheckResult("network.dns", "ok", f"DNS: {step.detail}", NET, data=step.data, duration_ms=step.ms)
        )
        progress.now(worker, f"connecting to {host}:{port}")
        step, sock = probe.connect(host, port, min(STEP_TIMEOUT, remaining()))
        if sock is None:
            progress.add(worker, _fail_step("network.tcp", NET, f"TCP: cannot connect to {host}:{port}", step))
            return
        progress.add(
            worker,
            CheckResult(
                "network.tcp",
                "ok",
                Msg("TCP: connected to {host}:{port} at {address}", host=host, port=port, address=step.data["peer"]),
                NET,
                data=step.data,
                duration_ms=step.ms,
            ),
        )
    if parts.scheme != "https":
        sock.close()
        return
    progress.now(worker, f"TLS handshake with {host}")
    cafile, ca_var = python_ca_file(state.ctx.env)
    step = probe.tls_handshake(sock, host, cafile, min(STEP_TIMEOUT, remaining()))
    trust = f"{ca_var}={cafile}" if ca_var else "the certifi bundle"
    also = _certifi_opinion(host, port, proxy, remaining) if ca_var else None
    if step.ok:
        detail = [f"verified against {trust}"]
        if also is not None:
            detail.append(f"the certifi bundle (used when {ca_var} is unset): {also}")
        progress.add(
            worker,
            CheckResult(
                "network.tls", "ok", f"TLS: {step.detail}", NET, "\n".join(detail), data=step.data, duration_ms=step.ms
            ),
        )
        return
    result = _tls_failure(state, host, port, proxy, step, trust, remaining)
    if also is not None:
        result = dataclasses.replace(result, detail=result.detail + f"\nthe certifi bundle: {also}")
    progress.add(worker, result)


def _certifi_opinion(host: str, port: int, proxy: str | None, remaining: Callable[[], float]) -> str:
    """Whether the stock bundle accepts the server too: programs that ignore SSL_CERT_FILE see this answer."""
    timeout = min(STEP_TIMEOUT, remaining())
    if proxy is not None:
        step, sock = probe.proxy_connect(proxy, host, port, timeout)
    else:
        step, sock = probe.connect(host, port, timeout)
    if sock is None:
        return f"not checked ({step.detail})"
    verdict = probe.tls_handshake(sock, host, None, min(STEP_TIMEOUT, remaining()))
    return "accepts it" if verdict.ok else f"rejects it ({verdict.detail})"


def _tls_failure(
    state: LocalState,
    host: str,
    port: int,
    proxy: str | None,
    step: probe.Step,
    trust: str,
    remaining: Callable[[], float],
) -> CheckResult:
    via = None
    if proxy is not None:
        p = urlsplit(proxy)
        via = (p.hostname or "", p.port or 80)
    cert = probe.peek_certificate(host, port, min(2.0, remaining()), via)
    issuer = cert.get("issuer_org") or cert.get("issuer") or "an unknown issuer"
    lines = [step.detail, f"checked against {trust}"]
    fix: list[str] = []
    if cert:
        lines.append(f"the certificate presented is for {cert.get('subject', '?')}, issued by {issuer}")
    if step.kind in {"tls_untrusted", "tls_self_signed"}:
        lines.append(
            f"likely cause: something between you and {host} re-signs TLS (a corporate proxy or antivirus doing TLS "
            f"inspection, issuer: {issuer})"
        )
        fix += [
            "get the inspecting proxy's root certificate (PEM) from your IT team",
            "Python programs: export SSL_CERT_FILE=/path/to/corporate-root.pem (requests: REQUESTS_CA_BUNDLE)",
            "Claude Code: export NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem",
        ]
    elif step.kind == "tls_hostname_mismatch":
        fix.append(f"the server's certificate does not name {host}: check ANTHROPIC_BASE_URL and any proxy in between")
    elif step.kind == "tls_expired":
        fix.append("the certificate has expired: check this machine's clock, then whoever runs that server")
    d = _net_diagnosis(step.kind, step.detail)
    data = {**step.data, "presented": cert, **_diag(d)}
    return CheckResult(
        "network.tls",
        "fail",
        f"TLS: certificate of {host} not trusted ({step.kind})",
        NET,
        "\n".join(lines),
        tuple(fix) + (d.fix if d else ()),
        data,
        step.ms,
    )
