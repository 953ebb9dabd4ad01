"""From one API answer to one report line: who answered (Anthropic, or a relay in front of it), whether the failure is
a live condition that retrying did not cure (a warning, unless --strict) or a problem with this setup (a failure), and
fixes that fit the client, the credential and the endpoint actually in use."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from claude_doctor.catalog import diagnose
from claude_doctor.catalog.relays import identify_relay, relay_fixes, relay_meaning, relay_title
from claude_doctor.checks.api.client import Answer
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.fixes import host_fixes
from claude_doctor.hosts import host_kind
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import CheckResult, CheckStatus, Diagnosis

API = "API"
TRANSIENT = frozenset({"overloaded", "rate_limited", "server_error", "timeout"})
# After these, the next request of the same probe would fail the same way: it is skipped, naming this one.
STOPPING = frozenset({"invalid_key", "wrong_credential", "oauth_token", "permission", "dns", "connect", "tls", "proxy"})


@dataclass(frozen=True)
class Endpoint:
    """Who the probe talks to, as far as its answers tell."""

    host: str
    third_party: bool  # not Anthropic's host (a relay, a gateway, something on this machine)
    relay: bool = False  # and its answers are not Anthropic's own (no `req_` request id): a relay speaking for itself
    software: tuple[str, str] | None = None  # (relay software, the sign it showed)


def endpoint_of(host: str) -> Endpoint:
    return Endpoint(host, host_kind(host) not in {"anthropic", "bedrock", "vertex", "foundry"})


def learn(endpoint: Endpoint, answer: Answer) -> Endpoint:
    """What one more answer tells about who is answering."""
    if not endpoint.third_party or answer.status is None:
        return endpoint
    anthropic = (answer.request_id or "").startswith("req_")
    software = endpoint.software or identify_relay(answer.headers, answer.text or _body_text(answer.body))
    relay = endpoint.relay or not anthropic
    return Endpoint(endpoint.host, True, relay, software)


def _body_text(body: Any) -> str:
    if isinstance(body, str):
        return body
    try:
        import json

        return json.dumps(body, ensure_ascii=False)
    except (TypeError, ValueError):
        return ""


def transient(answer: Answer) -> bool:
    """A live condition the client would retry and that can pass by waiting: overloaded, a throttle that names its
    wait, a server error, a timeout; not a gateway's page, not a spend limit (a 429 with no retry-after)."""
    d = answer.diagnosis
    if d is None or answer.status is None or d.category not in TRANSIENT or not d.retryable:
        return False
    if any(note.startswith(N_("What answered:")) for note in d.notes):
        return False
    return not (answer.status == 429 and d.retry_after_s is None and d.error_code is not None)


def attempts_text(answer: Answer, client: ClientSetup) -> str:
    """`529 three times; waited 0.5 s, 1.1 s` and what was not waited."""
    if not answer.attempts:
        return ""
    statuses = [str(a.status) if a.status is not None else Msg("no answer") for a in answer.attempts]
    waits = [f"{a.waited_s:g} s" for a in answer.attempts if a.waited_s]
    asked = [f"{a.retry_after_s:g} s" for a in answer.attempts if a.retry_after_s]
    lines = [
        plural(
            "{n} attempt ({statuses})",
            "{n} attempts ({statuses})",
            n=len(answer.attempts),
            statuses=", ".join(statuses),
        )
    ]
    if waits:
        lines.append(
            Msg(
                "waited {waits} between them (the retry policy of {client})", waits=", ".join(waits), client=client.name
            )
        )
    if asked:
        lines.append(Msg("retry-after asked for: {values}", values=", ".join(asked)))
    if answer.not_waited_s is not None:
        lines.append(
            Msg(
                "{client} would wait {seconds} s and try again; that does not fit in --timeout",
                client=client.name,
                seconds=f"{answer.not_waited_s:g}",
            )
        )
    return Msg.joined("\n", lines)


def credential_fix(client: ClientSetup, endpoint: Endpoint) -> tuple[str, ...]:
    """Where the credential this client sent comes from, and how to change it, for this client and endpoint."""
    chosen = client.choice.chosen
    if chosen is None:
        return ()
    if endpoint.third_party:
        return (
            Msg(
                "the credential sent was {source}: use the token {host} issued you there",
                source=chosen.label,
                host=endpoint.host,
            ),
        )
    if chosen.mechanism == "login":
        return (
            Msg("run `claude` and /login again: the subscription session in {source} was refused", source=chosen.label),
        )
    if chosen.mechanism == "oauth_env":
        return (Msg("run `claude setup-token` for a new token and put it in CLAUDE_CODE_OAUTH_TOKEN"),)
    if chosen.mechanism == "helper":
        return (Msg("check what your apiKeyHelper prints ({source}): it must print a valid key", source=chosen.label),)
    return (
        Msg(
            "the key sent was {source}: replace it with a valid key from https://platform.claude.com/settings/keys",
            source=chosen.label,
        ),
    )


def answer_result(
    check_id: str,
    title_ok: str,
    what: str,
    answer: Answer,
    data: dict[str, Any],
    *,
    client: ClientSetup,
    endpoint: Endpoint,
    status_ok: CheckStatus = "ok",
    detail_ok: str = "",
) -> CheckResult:
    if answer.redirect is not None:
        return CheckResult(
            check_id,
            "fail",
            Msg(
                "{what}: redirected ({status}) to {location}", what=what, status=answer.status, location=answer.redirect
            ),
            API,
            Msg(
                "the redirect was not followed, so the key was not sent there; the Python SDK follows redirects "
                "and would send it"
            ),
            (
                Msg(
                    "point {source} at the final address, or find out why {host} redirects",
                    source=client.endpoint_source,
                    host=endpoint.host,
                ),
            ),
            {**data, "status": answer.status, "location": answer.redirect},
            answer.ms,
        )
    if answer.ok:
        lines = [detail_ok] if detail_ok else []
        if answer.request_id:
            lines.append(Msg("request-id {id}", id=answer.request_id))
        tries = attempts_text(answer, client) if len(answer.attempts) > 1 else ""
        if tries:
            lines.append(tries)
        return CheckResult(
            check_id,
            status_ok,
            title_ok,
            API,
            Msg.joined("\n", lines),
            data={**data, "status": answer.status, "request_id": answer.request_id, "attempts": _attempts(answer)},
            duration_ms=answer.ms,
        )
    d = answer.diagnosis or diagnose(message=N_("no answer"), source_shape="check")
    if endpoint.relay:
        d = as_relay(d, answer)
        answer = replace(answer, diagnosis=d)
    return failure_result(check_id, what, answer, d, data, client=client, endpoint=endpoint)


def as_relay(d: Diagnosis, answer: Answer) -> Diagnosis:
    """A relay's answer read with the relay's own vocabulary: "无可用渠道" is a missing channel, not an outage."""
    meaning = relay_meaning(" ".join(filter(None, (d.message, answer.text, _body_text(answer.body)))))
    if meaning is None:
        return d
    category, retryable = meaning
    notes = tuple(n for n in d.notes if N_("error type this tool does not know") not in n)
    return replace(
        d,
        category=category,  # type: ignore[arg-type]
        retryable=retryable,
        title=relay_title(category) or d.title,
        meaning=Msg("the relay's own answer, in its own words (below)"),
        notes=notes,
    )


def failure_result(
    check_id: str,
    what: str,
    answer: Answer,
    d: Diagnosis,
    data: dict[str, Any],
    *,
    client: ClientSetup,
    endpoint: Endpoint,
) -> CheckResult:
    status_text = f"{answer.status} " if answer.status is not None else ""
    live = transient(answer)
    lines = [d.meaning] if d.meaning else []
    if answer.request_id:
        lines.append(Msg("request-id {id} (quote it to Anthropic support)", id=answer.request_id))
    if d.message:
        lines.append(Msg("message: {message}", message=d.message))
    lines += list(d.notes)
    tries = attempts_text(answer, client)
    if tries:
        lines.append(tries)
    fixes: tuple[str, ...]
    if endpoint.relay:
        who = Msg("the relay at {host}", host=endpoint.host)
        if endpoint.software:
            who = Msg("the relay at {host} ({software})", host=endpoint.host, software=endpoint.software[0])
        title = Msg("{what}: {status}{title}, from {who}", what=what, status=status_text, title=d.title, who=who)
        lines.insert(0, Msg("this answer came from {who}, not from Anthropic's API", who=who))
        fixes = relay_fixes(d.category)
        if d.category in {"invalid_key", "wrong_credential"}:
            fixes = (*fixes, *credential_fix(client, endpoint))
    else:
        title = Msg("{what}: {status}{title}", what=what, status=status_text, title=d.title)
        fixes = host_fixes(d.fix, endpoint.host)
        if d.category in {"invalid_key", "wrong_credential", "oauth_token"}:
            fixes = (*credential_fix(client, endpoint), *fixes)
    status: CheckStatus = "fail"
    if live and endpoint.relay:
        status = "warn"
        title = plural(
            "{what}: {status}{title} from the relay at {host}, still after {n} attempt: a live condition",
            "{what}: {status}{title} from the relay at {host}, still after {n} attempts: a live condition",
            n=max(1, len(answer.attempts)),
            what=what,
            status=status_text,
            title=d.title,
            host=endpoint.host,
        )
    elif live:
        status = "warn"
        title = plural(
            "{what}: {status}{title}, still after {n} attempt: a live condition, not a setting",
            "{what}: {status}{title}, still after {n} attempts: a live condition, not a setting",
            n=max(1, len(answer.attempts)),
            what=what,
            status=status_text,
            title=d.title,
        )
    return CheckResult(
        check_id,
        status,
        title,
        API,
        Msg.joined("\n", lines),
        tuple(dict.fromkeys(fixes)),
        {
            **data,
            "status": answer.status,
            "request_id": answer.request_id,
            "diagnosis": d.to_json(),
            "attempts": _attempts(answer),
            "live": live,
            "relay": endpoint.software[0]
            if endpoint.relay and endpoint.software
            else (True if endpoint.relay else None),
        },
        answer.ms,
    )


def _attempts(answer: Answer) -> list[dict[str, Any]]:
    return [{"status": a.status, "retry_after_s": a.retry_after_s, "waited_s": a.waited_s} for a in answer.attempts]


def skipped(
    check_id: str, title: str, reason: str, cause: CheckResult | None = None, d: Diagnosis | None = None
) -> CheckResult:
    """A step that cannot run because an earlier one failed: said once, with that step as the reason."""
    data: dict[str, Any] = {}
    if cause is not None:
        data["skipped_because"] = cause.id
    if d is not None:
        data["diagnosis"] = d.to_json()
    return CheckResult(check_id, "skip", title, API, reason, data=data)
