"""The Network and API sections of `check`: the path (proxy, DNS, TCP, TLS) and the minimal requests run side by side
in daemon threads, and the report waits for them no longer than the run's deadline."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from claude_doctor.catalog import diagnose
from claude_doctor.checks.lint import worst
from claude_doctor.checks.lint.endpoint import host_kind, is_loopback
from claude_doctor.checks.network import probe
from claude_doctor.checks.network.api import Answer, ApiClient, credential_headers
from claude_doctor.checks.network.proxies import (
    claude_code_proxy,
    httpx_proxy,
    lint_proxies,
    masked_proxy,
)
from claude_doctor.checks.precedence import Candidate
from claude_doctor.checks.state import LocalState
from claude_doctor.model import CheckResult, Diagnosis

NET = "Network"
API = "API"
STEP_TIMEOUT = 5.0
CA_VARS = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")


@dataclass
class Progress:
    """What each worker is waiting on, for the spinner and for the line written when the deadline passes."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: dict[str, str] = field(default_factory=dict)
    results: dict[str, list[CheckResult]] = field(default_factory=dict)

    def now(self, worker: str, what: str) -> None:
        with self.lock:
            self.waiting[worker] = what

    def add(self, worker: str, result: CheckResult) -> None:
        with self.lock:
            self.results.setdefault(worker, []).append(result)


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


def _cafile(state: LocalState) -> tuple[str | None, str | None]:
    for name in CA_VARS:
        if state.ctx.env.get(name):
            return state.ctx.env[name], name
    return None, None


# -- the path ---------------------------------------------------------------------------------------------------------


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
            worker, CheckResult("network.tcp", "ok", f"TCP: {step.detail}", NET, data=step.data, duration_ms=step.ms)
        )
    if parts.scheme != "https":
        sock.close()
        return
    progress.now(worker, f"TLS handshake with {host}")
    cafile, ca_var = _cafile(state)
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


# -- the API ----------------------------------------------------------------------------------------------------------


def pick_credential(state: LocalState) -> Candidate | None:
    for choice in (state.sdk, state.claude_code):
        chosen = choice.chosen
        if chosen is not None and chosen.value and chosen.header in {"x-api-key", "authorization"}:
            return chosen
    return None


def _answer_result(check_id: str, title_ok: str, what: str, answer: Answer, data: dict[str, Any]) -> CheckResult:
    if answer.redirect is not None:
        return CheckResult(
            check_id,
            "fail",
            f"{what}: redirected ({answer.status}) to {answer.redirect}",
            API,
            "the redirect was not followed, so the key was not sent there",
            ("point ANTHROPIC_BASE_URL at the final address, or find out why the gateway redirects",),
            {**data, "status": answer.status, "location": answer.redirect},
            answer.ms,
        )
    if answer.ok:
        return CheckResult(
            check_id,
            "ok",
            title_ok,
            API,
            f"request-id {answer.request_id}",
            data={**data, "status": answer.status, "request_id": answer.request_id},
            duration_ms=answer.ms,
        )
    d = answer.diagnosis
    if d is None:
        d = diagnose(message="no answer", source_shape="check")
    status_text = f"{answer.status} " if answer.status is not None else ""
    title = f"{what}: {status_text}{d.title}"
    detail = [d.meaning] if d.meaning else []
    if answer.request_id:
        detail.append(f"request-id {answer.request_id} (quote it to Anthropic support)")
    if d.message:
        detail.append(f"message: {d.message}")
    detail += list(d.notes)
    return CheckResult(
        check_id,
        "fail",
        title,
        API,
        "\n".join(detail),
        d.fix,
        {**data, "status": answer.status, "request_id": answer.request_id, **_diag(d)},
        answer.ms,
    )


def _no_request_id(answer: Answer) -> bool:
    return answer.ok and answer.request_id is None


def call_api(state: LocalState, url: str, progress: Progress, remaining: Callable[[], float]) -> None:
    worker = "api"
    credential = pick_credential(state)
    host = urlsplit(url).hostname or ""
    if credential is None or credential.value is None:
        reason = "no credential to test"
        sdk = state.sdk.chosen
        if sdk is not None and sdk.mechanism in {"profile", "active_profile", "federation"}:
            reason = f"{sdk.label} needs a token exchange, which this version does not perform"
        progress.add(worker, CheckResult("api.models", "skip", f"API requests not sent: {reason}", API))
        return
    if urlsplit(url).scheme != "https" and not is_loopback(host):
        progress.add(
            worker,
            CheckResult(
                "api.models",
                "fail",
                f"API requests not sent: {url} is plain http to {host}",
                API,
                "the key would cross the network in clear text",
                ("use an https:// ANTHROPIC_BASE_URL",),
            ),
        )
        return
    cafile, _var = _cafile(state)
    proxy = httpx_proxy(url, state.ctx.env).url
    if proxy is not None and not proxy.lower().startswith(("http://", "https://")):
        proxy = None
    headers = credential_headers(credential.value.strip(), credential.header or "x-api-key")
    try:
        client = ApiClient(url, headers, proxy=proxy, cafile=cafile)
    except Exception as exc:  # a CA file that cannot be loaded, a proxy URL httpx rejects
        progress.add(
            worker,
            CheckResult(
                "api.models",
                "fail",
                f"API client could not be set up: {exc}",
                API,
                fix=("check SSL_CERT_FILE / REQUESTS_CA_BUNDLE and the proxy variables",),
            ),
        )
        return
    try:
        _requests(state, client, credential, progress, remaining)
    finally:
        client.close()


def _requests(
    state: LocalState, client: ApiClient, credential: Candidate, progress: Progress, remaining: Callable[[], float]
) -> None:
    worker = "api"
    via = {"credential": credential.label}
    progress.now(worker, "GET /v1/models")
    answer = client.call("GET", "/v1/models?limit=1000", remaining())
    models: list[str] = []
    if answer.ok and isinstance(answer.body, dict):
        models = [str(m.get("id")) for m in answer.body.get("data", []) if isinstance(m, dict)]
    if _no_request_id(answer):
        progress.add(
            worker,
            CheckResult(
                "api.models",
                "warn",
                "GET /v1/models answered without request-id",
                API,
                "a proxy or gateway answered instead of the API, or passes it on altered",
                data={**via, "status": answer.status},
                duration_ms=answer.ms,
            ),
        )
    else:
        title = f"GET /v1/models: {len(models)} model(s) visible with {credential.label.split(' (')[0]}"
        progress.add(worker, _answer_result("api.models", title, "GET /v1/models", answer, {**via, "models": models}))
    if (
        not answer.ok
        and answer.diagnosis is not None
        and answer.diagnosis.category in {"invalid_key", "dns", "connect", "tls", "proxy"}
    ):
        return  # the next request would fail the same way
    model, source = _model(state, models)
    if model is None:
        progress.add(
            worker,
            CheckResult(
                "api.count_tokens",
                "skip",
                "Token count not tried: no model to ask for",
                API,
                fix=("pass --model or set ANTHROPIC_MODEL",),
            ),
        )
        return
    if models and model not in models:
        progress.add(
            worker,
            CheckResult(
                "api.model_listed",
                "warn",
                f"{model} ({source}) is not among the models this key lists",
                API,
                "the API may still accept an alias; the token count below is the real test",
            ),
        )
    body = {"model": model, "messages": [{"role": "user", "content": "ping"}]}
    progress.now(worker, "POST /v1/messages/count_tokens")
    answer = client.call("POST", "/v1/messages/count_tokens", remaining(), body)
    tokens = answer.body.get("input_tokens") if answer.ok and isinstance(answer.body, dict) else None
    progress.add(
        worker,
        _answer_result(
            "api.count_tokens",
            f"Token count with {model}: {tokens} input tokens",
            "POST /v1/messages/count_tokens",
            answer,
            {"model": model, "source": source},
        ),
    )
    if not state.ctx.send:
        return
    progress.now(worker, "POST /v1/messages")
    answer = client.call("POST", "/v1/messages", remaining(), {**body, "max_tokens": 1})
    usage = answer.body.get("usage") if answer.ok and isinstance(answer.body, dict) else None
    progress.add(
        worker,
        _answer_result(
            "api.message",
            f"1-token message with {model}: answered",
            "POST /v1/messages",
            answer,
            {"model": model, "usage": usage},
        ),
    )
    limits = rate_limits(answer.headers)
    if limits:
        lines = [
            f"{name:<14} {v.get('remaining', '?'):>10} / {v.get('limit', '?'):<10} reset {v.get('reset', '?')}"
            for name, v in limits.items()
        ]
        if usage:
            lines.append(f"usage: {usage}")
        progress.add(
            worker,
            CheckResult(
                "api.rate_limits",
                "ok",
                "Rate limits (remaining / limit)",
                API,
                "\n".join(lines),
                data={"limits": limits, "usage": usage},
            ),
        )


def rate_limits(headers: dict[str, str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for kind in (
        "requests",
        "tokens",
        "input-tokens",
        "output-tokens",
        "priority-input-tokens",
        "priority-output-tokens",
    ):
        for field_name in ("limit", "remaining", "reset"):
            value = headers.get(f"anthropic-ratelimit-{kind}-{field_name}")
            if value is not None:
                out.setdefault(kind, {})[field_name] = value
    return out


def _model(state: LocalState, models: list[str]) -> tuple[str | None, str]:
    if state.ctx.model:
        return state.ctx.model, "--model"
    setting = state.inv.process_env("ANTHROPIC_MODEL")
    if setting is not None and setting.value.strip():
        return setting.value.strip(), "ANTHROPIC_MODEL"
    haiku = [m for m in models if "haiku" in m]
    if haiku or models:
        return (haiku or models)[0], "the newest listed model"
    return None, ""


# -- running both with a deadline -------------------------------------------------------------------------------------


def run_remote(state: LocalState, on_wait: Callable[[str], None] | None = None) -> list[CheckResult]:
    url = state.base_url()[0].strip()
    progress = Progress()
    workers = {
        "path": threading.Thread(target=_guard, args=(walk_path, state, url, progress, "path"), daemon=True),
        "api": threading.Thread(target=_guard, args=(call_api, state, url, progress, "api"), daemon=True),
    }
    for thread in workers.values():
        thread.start()
    for thread in workers.values():
        while thread.is_alive() and state.ctx.remaining() > 0:
            thread.join(timeout=min(0.1, state.ctx.remaining()))
            if on_wait is not None:
                with progress.lock:
                    on_wait(" · ".join(progress.waiting.values()))
    results: list[CheckResult] = []
    with progress.lock:
        for name, thread in workers.items():
            results += progress.results.get(name, [])
            if thread.is_alive():
                waiting = progress.waiting.get(name, "an answer")
                d = diagnose(network="read_timeout", message=f"still waiting on {waiting}", source_shape="check")
                results.append(
                    CheckResult(
                        f"{'network' if name == 'path' else 'api'}.deadline",
                        "fail",
                        f"Still waiting on {waiting} when --timeout ({state.ctx.timeout:g} s) ran out",
                        NET if name == "path" else API,
                        d.meaning,
                        d.fix,
                        _diag(d),
                    )
                )
    return results


def _guard(work: Callable[..., None], state: LocalState, url: str, progress: Progress, worker: str) -> None:
    try:
        work(state, url, progress, state.ctx.remaining)
    except Exception as exc:
        progress.add(
            worker,
            CheckResult(
                f"{worker}.internal",
                "fail",
                f"internal error: {type(exc).__name__}: {exc}",
                NET if worker == "path" else API,
                fix=("run again with --debug and report it",),
            ),
        )
