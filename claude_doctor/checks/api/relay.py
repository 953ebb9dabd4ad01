"""What only a relay needs checking: whether it speaks the Messages API at all (rather than only OpenAI's
`/v1/chat/completions`), and which credential header it accepts (`x-api-key`, `Authorization: Bearer`, or both),
since the SDKs 2.x and TypeScript 1.x send Bearer where older clients and Claude Code send `x-api-key`.

The probes are free: a Messages request with no message is refused by any server that speaks the API (400, no
tokens), while a server that does not know the path answers 404. The credential goes only to the endpoint its own
client uses, in the other header a client of that endpoint could send.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from claude_doctor.checks.api.answers import API, Endpoint
from claude_doctor.checks.api.client import Answer, ApiClient
from claude_doctor.checks.resolve.clients import ClientSetup, Wire
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult


def speaks_messages(client: ApiClient, model: str, remaining: Callable[[], float]) -> tuple[bool | None, Answer]:
    """True: `/v1/messages` exists (any answer but 404/405); False: it does not; None: no answer to judge by."""
    answer = client.call("POST", "/v1/messages", remaining(), {"model": model, "max_tokens": 1, "messages": []})
    if answer.status is None:
        return None, answer
    return answer.status not in (404, 405), answer


def openai_only_result(
    check_id: str,
    client: ApiClient,
    model: str,
    endpoint: Endpoint,
    lead: ClientSetup,
    remaining: Callable[[], float],
) -> CheckResult:
    """The endpoint has no `/v1/messages`: say whether it is an OpenAI-only relay, with a fix for the client in use."""
    chat = client.call("POST", "/v1/chat/completions", remaining(), {"model": model, "messages": []})
    openai = chat.status is not None and chat.status not in (404, 405)
    fix = (
        Msg(
            "set {source} to the address where this relay serves the Anthropic Messages API (often a separate path or "
            "port in its documentation), or use a relay that does",
            source=lead.endpoint_source,
        ),
    )
    if openai:
        title = Msg(
            "{host} speaks only the OpenAI API (/v1/chat/completions), not the Messages API that {client} needs",
            host=endpoint.host,
            client=lead.name,
        )
    else:
        title = Msg("{host} answers 404 for /v1/messages: no Messages API at this address", host=endpoint.host)
    return CheckResult(
        check_id,
        "fail",
        title,
        API,
        Msg(
            "POST /v1/messages → {messages}; POST /v1/chat/completions → {chat}",
            messages=404,
            chat=chat.status if chat.status is not None else Msg("no answer"),
        ),
        fix,
        {"messages_api": False, "openai_api": openai},
    )


def other_style(wire: Wire) -> dict[str, str] | None:
    """The same credential in the other header: x-api-key ↔ Authorization: Bearer."""
    headers = dict(wire.headers)
    if "x-api-key" in headers and "authorization" not in headers:
        return {"authorization": f"Bearer {headers['x-api-key']}"}
    if "authorization" in headers and "x-api-key" not in headers:
        return {"x-api-key": headers["authorization"].removeprefix("Bearer ")}
    return None


def header_result(
    check_id: str,
    sent: Answer,
    other: Answer,
    wire: Wire,
    clients: tuple[ClientSetup, ...],
    endpoint: Endpoint,
) -> CheckResult:
    """Which header styles the relay accepted, and what that means for each client of this endpoint."""
    style = wire.style
    other_name = "bearer" if style == "x-api-key" else "x-api-key"
    accepted = {style: _accepted(sent), other_name: _accepted(other)}
    shown = {"x-api-key": "X-Api-Key", "bearer": "Authorization: Bearer"}
    words = Msg.joined(
        "; ",
        [
            Msg("accepted as {header}", header=shown[name])
            if ok
            else Msg("refused ({status}) as {header}", header=shown[name], status=_status(a))
            for name, ok, a in ((style, accepted[style], sent), (other_name, accepted[other_name], other))
        ],
    )
    data: dict[str, Any] = {"accepts": {name: ok for name, ok in accepted.items()}}
    if accepted[style] and accepted[other_name]:
        return CheckResult(
            check_id,
            "ok",
            Msg("{host} accepts the key as X-Api-Key and as Bearer", host=endpoint.host),
            API,
            words,
            data=data,
        )
    if accepted[style]:
        return CheckResult(
            check_id,
            "warn",
            Msg(
                "{host} accepts only {header}: clients that send {other} are refused",
                host=endpoint.host,
                header=shown[style],
                other=shown[other_name],
            ),
            API,
            Msg.joined("\n", [words, _who_sends(other_name)]),
            (_upgrade_fix(style),),
            data,
        )
    if accepted[other_name]:
        fixes = tuple(dict.fromkeys(_switch_fix(c, other_name) for c in clients))
        return CheckResult(
            check_id,
            "fail",
            Msg(
                "{host} refuses the key as {header}, the way {clients} sends it, and accepts it as {other}",
                host=endpoint.host,
                header=shown[style],
                clients=", ".join(c.name for c in clients),
                other=shown[other_name],
            ),
            API,
            words,
            fixes,
            data,
        )
    return CheckResult(
        check_id, "skip", Msg("{host} accepted neither header", host=endpoint.host), API, words, data=data
    )


def _accepted(answer: Answer) -> bool:
    return answer.status is not None and answer.status not in (401, 403)


def _status(answer: Answer) -> str:
    return str(answer.status) if answer.status is not None else Msg("no answer")


def _who_sends(style: str) -> str:
    if style == "bearer":
        return Msg("Authorization: Bearer is what the Python SDK 2.x and the TypeScript SDK 1.x send for an API key")
    return Msg("X-Api-Key is what Claude Code (ANTHROPIC_API_KEY) and the SDKs before 2.x / 1.x send")


def _upgrade_fix(accepted_style: str) -> str:
    if accepted_style == "x-api-key":
        return Msg(
            "before upgrading to anthropic 2.x or @anthropic-ai/sdk 1.x (which send Bearer), ask the relay's "
            "operator to accept Authorization: Bearer"
        )
    return Msg(
        "Claude Code with ANTHROPIC_AUTH_TOKEN sends Bearer; with ANTHROPIC_API_KEY it sends X-Api-Key, which this "
        "relay refuses"
    )


def _switch_fix(client: ClientSetup, accepted: str) -> str:
    """How this client can send the credential in the header the relay accepts."""
    if client.client == "claude_code":
        source = client.choice.chosen.label if client.choice.chosen else "ANTHROPIC_API_KEY"
        if accepted == "bearer":
            return Msg(
                "Claude Code: move the token from ANTHROPIC_API_KEY to ANTHROPIC_AUTH_TOKEN (now {source}); Claude "
                "Code sends ANTHROPIC_AUTH_TOKEN as Bearer",
                source=source,
            )
        return Msg(
            "Claude Code: move the token from ANTHROPIC_AUTH_TOKEN to ANTHROPIC_API_KEY (now {source}); Claude Code "
            "sends ANTHROPIC_API_KEY as X-Api-Key",
            source=source,
        )
    if client.client == "python":
        if accepted == "x-api-key":
            return Msg(
                "{client} sends the key as Bearer: pin anthropic<2 (1.x sends X-Api-Key), or ask the relay's operator "
                "to accept Bearer",
                client=client.name,
            )
        return Msg(
            "{client}: put the token in ANTHROPIC_AUTH_TOKEN instead of ANTHROPIC_API_KEY (sent as Bearer)",
            client=client.name,
        )
    if accepted == "x-api-key":
        return Msg(
            "{client} sends the key as Bearer: pin @anthropic-ai/sdk@0 (0.x sends X-Api-Key), or ask the relay's "
            "operator to accept Bearer",
            client=client.name,
        )
    return Msg("{client}: put the token in ANTHROPIC_AUTH_TOKEN (sent as Bearer)", client=client.name)
