"""The API section of `check`: the minimal requests with the credential a client would use (list the models, count
the tokens of one word, and with `--send` one 1-token message), each answer decoded as `explain` would decode it.

The credential goes only to the endpoint its own client would call, over HTTPS or plain HTTP to loopback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from claude_doctor.catalog import diagnose
from claude_doctor.checks.api.client import Answer, ApiClient, credential_headers
from claude_doctor.checks.api.rate_limits import rate_limits
from claude_doctor.checks.network.deadline import Progress
from claude_doctor.checks.resolve.credential import Candidate
from claude_doctor.checks.resolve.proxy import httpx_proxy
from claude_doctor.checks.resolve.trust import python_ca_file
from claude_doctor.checks.state import LocalState
from claude_doctor.hosts import is_loopback
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult

API = "API"


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
        {**data, "status": answer.status, "request_id": answer.request_id, "diagnosis": d.to_json()},
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
    cafile, _var = python_ca_file(state.ctx.env)
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
        title = Msg.plural(
            "GET /v1/models: {n} model visible with {credential}",
            "GET /v1/models: {n} models visible with {credential}",
            n=len(models),
            credential=credential.label.split(" (")[0],
        )
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
