"""The API section of `check`: per probe (one endpoint, one credential, one proxy), the minimal requests its clients
would make, with their headers: list the models, count the tokens of one word, and with `--send` one 1-token message;
for a relay, whether it speaks the Messages API and which credential header it accepts. Each answer is decoded as
`explain` would decode it, attributed to whoever sent it, and what it taught (models, rate limits, organization,
usage) is shown.

The credential goes only to the endpoint its own client would call: over HTTPS, or in clear only when the target and
any proxy are loopback addresses after resolution, and the connection is made to the address that was judged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claude_doctor.checks.api.answers import (
    API,
    STOPPING,
    Endpoint,
    answer_result,
    endpoint_of,
    learn,
    skipped,
    transient,
)
from claude_doctor.checks.api.client import Answer, ApiClient
from claude_doctor.checks.api.rate_limits import headroom, rate_limits
from claude_doctor.checks.api.relay import header_result, openai_only_result, other_style, speaks_messages
from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.network import probe as net
from claude_doctor.checks.network.deadline import Progress
from claude_doctor.checks.network.path import RouteOutcome
from claude_doctor.checks.network.status_page import StatusPage, fetch_status
from claude_doctor.checks.resolve.clear_text import clear_text_refusal
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.plan import Probe, Route
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import CheckResult, CheckStatus

MAX_MODELS_SHOWN = 12
PROBE_ALIAS = "claude-haiku-4-5"  # an alias the API resolves to its current Haiku (platform.claude.com models page)


@dataclass
class Shared:
    """What the probes of one run share: the status page, asked at most once; who answers at an endpoint, said once
    (two probes of one host, say Claude Code's and the SDK's, learn the same thing)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    status_page: StatusPage | None = None
    status_reported: bool = False
    endpoints_said: set[str] = field(default_factory=set)


@dataclass
class Learned:
    """What the answers of one probe taught, for the lines that show it."""

    headers: list[dict[str, str]] = field(default_factory=list)
    organization: str | None = None
    endpoint: Endpoint | None = None
    answered: bool = False

    def add(self, answer: Answer) -> None:
        self.answered = self.answered or answer.status is not None
        if answer.headers:
            self.headers.append(answer.headers)
            self.organization = self.organization or answer.headers.get("anthropic-organization-id")


def run_probe(
    ctx: CheckContext,
    route: Route,
    outcome: RouteOutcome,
    probe: Probe,
    psfx: str,
    progress: Progress,
    worker: str,
    remaining: Callable[[], float],
    shared: Shared,
) -> None:
    clients = Msg.joined(N_(", "), [c.name for c in probe.clients])
    if not outcome.usable:
        cause = outcome.failed
        step = cause.title if cause is not None else Msg("the network path")
        progress.add(
            worker,
            skipped(
                f"api.models{psfx}",
                Msg("API requests for {clients} not sent: the path failed above", clients=clients),
                Msg("not sent because of: {step}", step=step),
                cause,
                outcome.diagnosis,
            ),
        )
        return
    voice = next((c for c in probe.clients if c.trust.key not in outcome.rejected), None)
    if voice is None or voice.wire is None:
        progress.add(
            worker,
            skipped(
                f"api.models{psfx}",
                Msg("API requests for {clients} not sent: their trust store refused the certificate", clients=clients),
                outcome.tls.title if outcome.tls is not None else "",
                outcome.tls,
            ),
        )
        return
    parts = urlsplit(probe.endpoint)
    host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    proxy, connect_to = probe.proxy, outcome.address if probe.proxy is None else None
    if parts.scheme != "https":
        refusal, connect_to, proxy = _clear_text_path(ctx, probe, outcome, host, port, remaining)
        if refusal is not None:
            progress.add(
                worker,
                CheckResult(
                    f"api.models{psfx}",
                    "fail",
                    Msg("API requests not sent to {url}: the key would travel in clear text", url=probe.endpoint),
                    API,
                    refusal,
                    (Msg("use an https:// address in {source}", source=voice.endpoint_source),),
                    {"endpoint": probe.endpoint, "clients": [c.name for c in probe.clients], "clear_text": True},
                ),
            )
            return
    try:
        client = ApiClient(
            probe.endpoint, voice.wire, proxy=proxy, context=net.trust_context(voice.trust), connect_to=connect_to
        )
    except Exception as exc:  # a CA file that cannot be loaded, a proxy URL httpx rejects
        progress.add(
            worker,
            CheckResult(
                f"api.models{psfx}",
                "fail",
                Msg("API client could not be set up: {error}", error=str(exc)),
                API,
                fix=(Msg("check the CA variables ({store}) and the proxy variables", store=voice.trust.label),),
            ),
        )
        return
    try:
        learned = Learned(endpoint=endpoint_of(client.host))
        try:
            _requests(ctx, probe, voice, client, psfx, progress, worker, remaining, shared, learned)
        finally:
            if learned.endpoint is not None and learned.endpoint.third_party and learned.answered:
                said = endpoint_result(learned.endpoint, psfx)
                with shared.lock:
                    first = str(said.title) not in shared.endpoints_said
                    shared.endpoints_said.add(str(said.title))
                if first:
                    progress.add(worker, said)
    finally:
        client.close()


def _clear_text_path(
    ctx: CheckContext, probe: Probe, outcome: RouteOutcome, host: str, port: int, remaining: Callable[[], float]
) -> tuple[str | None, str | None, str | None]:
    """(refusal, address to connect to, proxy URL to use) for a plain-http probe: names resolved, addresses judged."""
    if probe.proxy is None:
        refusal = clear_text_refusal(probe.endpoint, outcome.addresses)
        return refusal, outcome.address, None
    _step, addresses = net.resolve(host, port, min(5.0, remaining()), ctx.resolver)
    proxy_parts = urlsplit(probe.proxy)
    proxy_host = proxy_parts.hostname or ""
    proxy_port = proxy_parts.port or (443 if proxy_parts.scheme == "https" else 80)
    _step, proxy_addresses = net.resolve(proxy_host, proxy_port, min(5.0, remaining()), ctx.resolver)
    refusal = clear_text_refusal(probe.endpoint, addresses, probe.proxy, proxy_addresses)
    if refusal is not None:
        return refusal, None, None
    address = proxy_addresses[0]
    shown = f"[{address}]" if ":" in address else address
    userinfo = proxy_parts.netloc.rsplit("@", 1)[0] + "@" if "@" in proxy_parts.netloc else ""
    proxy = urlunsplit(proxy_parts._replace(netloc=f"{userinfo}{shown}:{proxy_port}"))
    return None, addresses[0], proxy


def _requests(
    ctx: CheckContext,
    probe: Probe,
    voice: ClientSetup,
    client: ApiClient,
    psfx: str,
    progress: Progress,
    worker: str,
    remaining: Callable[[], float],
    shared: Shared,
    learned: Learned,
) -> None:
    assert voice.wire is not None
    credential = voice.choice.chosen.label if voice.choice.chosen else "?"
    via = {
        "clients": [c.name for c in probe.clients],
        "credential": credential,
        "endpoint": probe.endpoint,
        "headers": voice.wire.described(),
    }
    endpoint = learned.endpoint or endpoint_of(client.host)
    retries = probe.max_retries

    def call(method: str, path: str, body: Any = None) -> Answer:
        progress.now(worker, f"{method} {path.split('?')[0]}", API, "api")
        answer = client.call_retrying(
            method,
            path,
            remaining,
            max_retries=retries,
            json=body,
            on_retry=lambda what: progress.now(worker, what, API, "api"),
        )
        learned.add(answer)
        return answer

    def add(result: CheckResult) -> None:
        progress.add(worker, result)

    answer = call("GET", "/v1/models?limit=1000")
    endpoint = learned.endpoint = learn(endpoint, answer)
    if _v1_trap(probe.endpoint, answer):
        add(_v1_skip(f"api.models{psfx}", probe.endpoint))
        return
    models = _model_ids(answer)
    tried_headers = False
    if endpoint.relay and answer.status in (401, 403):
        verdict = _header_check(
            client, "GET", "/v1/models?limit=1000", None, answer, probe, voice, endpoint, remaining, psfx
        )
        if verdict is not None and verdict.status == "fail":
            add(verdict)
            return
    if endpoint.relay and answer.status in (404, 405):
        add(
            CheckResult(
                f"api.models{psfx}",
                "ok",
                Msg(
                    "GET /v1/models: not served by {host} ({status}); Claude Code and the SDKs do not need it",
                    host=client.host,
                    status=answer.status,
                ),
                API,
                data={**via, "status": answer.status},
                duration_ms=answer.ms,
            )
        )
    elif answer.ok and answer.request_id is None and not endpoint.third_party:
        add(
            CheckResult(
                f"api.models{psfx}",
                "warn",
                Msg("GET /v1/models answered without request-id"),
                API,
                Msg("a proxy or gateway answered instead of the API, or passes it on altered"),
                data={**via, "status": answer.status},
                duration_ms=answer.ms,
            )
        )
    else:
        title = plural(
            "GET /v1/models: {n} model visible to {clients}",
            "GET /v1/models: {n} models visible to {clients}",
            n=len(models),
            clients=probe.names,
        )
        add(
            answer_result(
                f"api.models{psfx}",
                title,
                "GET /v1/models",
                answer,
                {**via, "models": models, "organization": learned.organization, "learned": True},
                client=voice,
                endpoint=endpoint,
                detail_ok=_models_detail(models, learned.organization, voice, credential),
            )
        )
        _status_page(ctx, answer, endpoint, probe, shared, progress, worker, remaining)
    not_served = endpoint.relay and answer.status in (404, 405)
    if answer.redirect is not None or (
        not answer.ok and not not_served and answer.diagnosis is not None and answer.diagnosis.category in STOPPING
    ):
        add(
            CheckResult(
                f"api.count_tokens{psfx}",
                "skip",
                Msg("Token count not tried: it would fail the same way as GET /v1/models above"),
                API,
                data={"skipped_because": f"api.models{psfx}"},
            )
        )
        _learned_lines(learned, psfx, progress, worker)
        return
    if answer.ok and endpoint.relay and not tried_headers:
        tried_headers = True
        verdict = _header_check(
            client, "GET", "/v1/models?limit=1000", None, answer, probe, voice, endpoint, remaining, psfx
        )
        if verdict is not None:
            add(verdict)
    model, why = choose_model(ctx, voice, models, anthropic=not endpoint.relay)
    if model is None:
        add(
            CheckResult(
                f"api.count_tokens{psfx}",
                "skip",
                Msg("Token count not tried: no model to ask for"),
                API,
                fix=(Msg("pass --model, or set ANTHROPIC_MODEL where {client} reads it", client=voice.name),),
            )
        )
        _learned_lines(learned, psfx, progress, worker)
        return
    if not _sendable(model):
        add(
            CheckResult(
                f"api.count_tokens{psfx}",
                "fail",
                Msg("Token count not tried: the model name ({why}) holds a character no request can carry", why=why),
                API,
                fix=(Msg("type the model name again; it was probably pasted with a broken character"),),
            )
        )
        _learned_lines(learned, psfx, progress, worker)
        return
    if models and model not in models:
        add(
            CheckResult(
                f"api.model_listed{psfx}",
                "warn",
                Msg("{model} ({why}) is not among the models this key lists", model=model, why=why),
                API,
                Msg("the API may still accept an alias; the token count below is the real test"),
            )
        )
    body = {"model": model, "messages": [{"role": "user", "content": "ping"}]}
    answer = call("POST", "/v1/messages/count_tokens", body)
    endpoint = learned.endpoint = learn(endpoint, answer)
    if _v1_trap(probe.endpoint, answer):
        add(_v1_skip(f"api.count_tokens{psfx}", probe.endpoint))
        return
    if endpoint.relay and answer.status in (404, 405):
        speaks, messages_answer = speaks_messages(client, model, remaining)
        if speaks is False:
            add(openai_only_result(f"api.messages_api{psfx}", client, model, endpoint, voice, remaining))
            return
        add(
            CheckResult(
                f"api.count_tokens{psfx}",
                "ok",
                Msg(
                    "POST /v1/messages/count_tokens: not served by {host}; /v1/messages is ({status}), so "
                    "{clients} can send messages",
                    host=client.host,
                    status=messages_answer.status if messages_answer.status is not None else "?",
                    clients=probe.names,
                ),
                API,
                Msg("count_tokens is optional for Claude Code; client.messages.count_tokens() fails at this relay"),
                data={"model": model, "why": why, "count_tokens": False, "messages_api": True},
            )
        )
    else:
        if endpoint.relay and answer.status in (401, 403) and not tried_headers:
            tried_headers = True
            verdict = _header_check(
                client, "POST", "/v1/messages/count_tokens", body, answer, probe, voice, endpoint, remaining, psfx
            )
            if verdict is not None and verdict.status == "fail":
                add(verdict)
                return
        tokens = answer.body.get("input_tokens") if answer.ok and isinstance(answer.body, dict) else None
        add(
            answer_result(
                f"api.count_tokens{psfx}",
                Msg("Token count with {model}: {tokens} input tokens", model=model, tokens=tokens),
                "POST /v1/messages/count_tokens",
                answer,
                {"model": model, "why": why, "source": why, "learned": True},
                client=voice,
                endpoint=endpoint,
                detail_ok=Msg("model {model}: {why}", model=model, why=why),
            )
        )
        _status_page(ctx, answer, endpoint, probe, shared, progress, worker, remaining)
        if answer.ok and endpoint.relay and not tried_headers:
            tried_headers = True
            verdict = _header_check(
                client, "POST", "/v1/messages/count_tokens", body, answer, probe, voice, endpoint, remaining, psfx
            )
            if verdict is not None:
                add(verdict)
        if not answer.ok and answer.diagnosis is not None and answer.diagnosis.category in STOPPING:
            _learned_lines(learned, psfx, progress, worker)
            return
    if ctx.send:
        answer = call("POST", "/v1/messages", {**body, "max_tokens": 1})
        endpoint = learned.endpoint = learn(endpoint, answer)
        usage = answer.body.get("usage") if answer.ok and isinstance(answer.body, dict) else None
        add(
            answer_result(
                f"api.message{psfx}",
                Msg("1-token message with {model}: answered", model=model),
                "POST /v1/messages",
                answer,
                {"model": model, "usage": usage, "learned": True},
                client=voice,
                endpoint=endpoint,
                detail_ok=usage_words(usage),
            )
        )
        _status_page(ctx, answer, endpoint, probe, shared, progress, worker, remaining)
    _learned_lines(learned, psfx, progress, worker)


def endpoint_result(endpoint: Endpoint, psfx: str) -> CheckResult:
    """Who answers at a third-party endpoint, as far as its answers tell."""
    if not endpoint.relay:
        title = Msg("{host} passes Anthropic's own answers on (their request ids are Anthropic's)", host=endpoint.host)
    elif endpoint.software is not None:
        title = Msg(
            "{host} is a relay answering for itself: {software}, by its {sign}",
            host=endpoint.host,
            software=endpoint.software[0],
            sign=endpoint.software[1],
        )
    else:
        title = Msg("{host} is a relay answering for itself (its software does not say which)", host=endpoint.host)
    detail = ""
    if endpoint.relay:
        detail = Msg(
            "your credential is handed to {host}: its errors are its own, and only its operator can act on them",
            host=endpoint.host,
        )
    return CheckResult(
        f"api.endpoint{psfx}",
        "ok",
        title,
        API,
        detail,
        data={
            "relay": endpoint.relay,
            "software": endpoint.software[0] if endpoint.software else None,
            "learned": True,
        },
    )


def _header_check(
    client: ApiClient,
    method: str,
    path: str,
    body: Any,
    sent: Answer,
    probe: Probe,
    voice: ClientSetup,
    endpoint: Endpoint,
    remaining: Callable[[], float],
    psfx: str,
) -> CheckResult | None:
    assert voice.wire is not None
    other = other_style(voice.wire)
    if other is None or remaining() < 0.5:
        return None
    answer = client.call(method, path, remaining(), body, headers=other)
    return header_result(f"api.relay_headers{psfx}", sent, answer, voice.wire, probe.clients, endpoint)


def _v1_trap(url: str, answer: Answer) -> bool:
    return answer.status == 404 and urlsplit(url).path.rstrip("/").endswith("/v1")


def _v1_skip(check_id: str, url: str) -> CheckResult:
    return CheckResult(
        check_id,
        "skip",
        Msg("Not found (404) at {url}: the /v1 at its end doubles the path (see the endpoint line above)", url=url),
        API,
        data={"skipped_because": "config.base_url"},
    )


def _model_ids(answer: Answer) -> list[str]:
    if not answer.ok or not isinstance(answer.body, dict):
        return []
    return [str(m.get("id")) for m in answer.body.get("data", []) if isinstance(m, dict) and m.get("id")]


def _models_detail(models: list[str], organization: str | None, client: ClientSetup, credential: str) -> str:
    lines = [
        Msg(
            "asked with {credential}, as {client} sends it ({headers})",
            credential=credential,
            client=client.name,
            headers=client.wire.described() if client.wire else "",
        )
    ]
    if models:
        shown = models[:MAX_MODELS_SHOWN]
        lines.append(Msg("newest first: {models}", models=", ".join(shown)))
        if len(models) > len(shown):
            lines.append(plural("… and {n} more", "… and {n} more", n=len(models) - len(shown)))
    if organization:
        lines.append(Msg("organization {id}", id=organization))
    return Msg.joined("\n", lines)


def choose_model(
    ctx: CheckContext, client: ClientSetup, models: list[str], *, anthropic: bool = False
) -> tuple[str | None, str]:
    """The model to count tokens with, and why: --model, the client's ANTHROPIC_MODEL, else the newest Haiku listed
    (the cheapest to ask), else the newest model listed; when Anthropic's API could not list them (a transient
    error), its current Haiku alias, so that one failed list does not skip the token count."""
    if ctx.model:
        return ctx.model, Msg("from --model")
    configured = (client.env.get("ANTHROPIC_MODEL") or "").strip()
    if configured:
        return configured, Msg("ANTHROPIC_MODEL, as {client} reads it", client=client.name)
    haiku = [m for m in models if "haiku" in m]
    if haiku:
        return haiku[0], Msg("the newest Haiku listed, the cheapest to ask")
    if models:
        return models[0], Msg("the newest model listed")
    if anthropic:
        return PROBE_ALIAS, Msg("the models could not be listed; a current Haiku alias")
    return None, ""


def _sendable(text: str) -> bool:
    """Whether a value can go into a JSON request body (a lone surrogate from a broken environment cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def usage_words(usage: Any) -> str:
    """`usage` of a message, in words."""
    if not isinstance(usage, dict):
        return ""
    parts = [
        plural("{n} input token", "{n} input tokens", n=int(usage.get("input_tokens") or 0)),
        plural("{n} output token", "{n} output tokens", n=int(usage.get("output_tokens") or 0)),
    ]
    cached = int(usage.get("cache_read_input_tokens") or 0)
    if cached:
        parts.append(plural("{n} token read from the cache", "{n} tokens read from the cache", n=cached))
    return Msg("the message used {parts}", parts=Msg.joined(N_(", "), parts))


def _learned_lines(learned: Learned, psfx: str, progress: Progress, worker: str) -> None:
    """Every rate-limit family the answers carried, with the headroom left, shown without -v."""
    limits: dict[str, dict[str, str]] = {}
    for headers in learned.headers:
        limits.update(rate_limits(headers))
    if not limits:
        return
    lines = []
    exhausted = []
    for family, values in limits.items():
        if family == "unified":
            lines.append(Msg("subscription: {values}", values=", ".join(f"{k} {v}" for k, v in values.items())))
            continue
        left = headroom(values)
        if left is not None and left <= 0:
            exhausted.append(family)
        lines.append(
            Msg(
                "{family}: {remaining} of {limit} left, full again at {reset}",
                family=family,
                remaining=values.get("remaining", "?"),
                limit=values.get("limit", "?"),
                reset=values.get("reset", "?"),
            )
        )
    if learned.organization:
        lines.append(Msg("organization {id}", id=learned.organization))
    status: CheckStatus = "warn" if exhausted else "ok"
    title = Msg("Rate limits (remaining of limit)")
    if exhausted:
        title = Msg("Rate limits: {families} used up until the reset", families=", ".join(exhausted))
    progress.add(
        worker,
        CheckResult(
            f"api.rate_limits{psfx}",
            status,
            title,
            API,
            Msg.joined("\n", lines),
            data={"limits": limits, "organization": learned.organization, "learned": True},
        ),
    )


def _status_page(
    ctx: CheckContext,
    answer: Answer,
    endpoint: Endpoint,
    probe: Probe,
    shared: Shared,
    progress: Progress,
    worker: str,
    remaining: Callable[[], float],
) -> None:
    """After an Anthropic server error that retrying did not cure: the status page's state, once per run."""
    if endpoint.relay or answer.status is None or answer.status < 500 or not transient(answer):
        return
    with shared.lock:
        if shared.status_reported:
            return
        shared.status_reported = True
    progress.now(worker, Msg("the status page"), API, "api")
    page = fetch_status(ctx.env, probe.proxy, min(3.0, remaining()))
    shared.status_page = page
    progress.add(worker, status_page_result(page))


def status_page_result(page: StatusPage) -> CheckResult:
    data = {
        "url": page.url,
        "indicator": page.indicator,
        "description": page.description,
        "incidents": [{"name": i.name, "status": i.status, "impact": i.impact, "link": i.link} for i in page.incidents],
        "degraded": [list(c) for c in page.degraded],
        "learned": True,
    }
    if page.error is not None:
        return CheckResult(
            "api.status_page", "skip", Msg("Claude status page not read: {why}", why=page.error), API, data=data
        )
    lines = [
        Msg("{name}: {status} ({impact} impact) {link}", name=i.name, status=i.status, impact=i.impact, link=i.link)
        for i in page.incidents
    ]
    lines += [
        Msg("{component}: {status}", component=name, status=status.replace("_", " ")) for name, status in page.degraded
    ]
    if page.incidents or page.degraded or page.indicator not in (None, "none"):
        return CheckResult(
            "api.status_page",
            "warn",
            Msg("Claude status page: {description}", description=page.description or page.indicator),
            API,
            Msg.joined("\n", lines),
            data=data,
        )
    return CheckResult(
        "api.status_page",
        "ok",
        Msg(
            "Claude status page: {description}; no open incident",
            description=page.description or Msg("all operational"),
        ),
        API,
        Msg(
            "a green page does not clear the API: its levels are set by people and can lag, and overload errors are "
            "seen while it is green"
        ),
        data=data,
    )
