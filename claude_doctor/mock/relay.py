"""The mock acting as a relay in front of Claude, the way new-api and one-api relays answer: its own tokens, its own
OpenAI-shaped errors in Chinese, its own request ids and headers, perhaps only one credential header, perhaps no
Messages API at all. Pure: a request's facts in, the relay's verdict out; the server sends it.

Wording and shapes are the relays' own, from public threads (tests/decode/realworld/relay.json): "无效的令牌" for a
token it does not know (QuantumNous/new-api, MartialBE/one-hub#788), "当前分组 default 下对于模型 … 无可用渠道" for a
model with no channel (one-hub#788, new-api#6915), `new_api_error` envelopes, `X-Oneapi-Request-Id`.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

GIN_NOT_FOUND = b"404 page not found"  # what a Go (gin) relay answers for a path it has no route for


@dataclass(frozen=True)
class Relay:
    accepts: frozenset[str] = frozenset({"x-api-key", "bearer"})  # the credential headers it reads
    tokens: frozenset[str] | None = None  # the tokens it issued; None: any token
    messages_api: bool = True  # False: it speaks only OpenAI's /v1/chat/completions
    models: bool = True  # serves /v1/models
    count_tokens: bool = True  # serves /v1/messages/count_tokens
    channels: frozenset[str] | None = None  # models it has a channel for; None: every model
    software: str = "new-api"


@dataclass(frozen=True)
class RelayAnswer:
    status: int
    body: bytes
    content_type: str = "application/json"


def request_id() -> str:
    """new-api's request id: a timestamp and random letters, never `req_`."""
    digits = "".join(secrets.choice("0123456789") for _ in range(9))
    return time.strftime("%Y%m%d%H%M%S") + digits + secrets.token_hex(4)


def headers(relay: Relay, rid: str) -> dict[str, str]:
    out = {"x-oneapi-request-id": rid}
    if relay.software == "new-api":
        out["x-new-api-version"] = "v0.9.0"
    return out


def credential(relay: Relay, request_headers: dict[str, str]) -> str | None:
    """The token, read only from the headers this relay reads."""
    if "x-api-key" in relay.accepts and request_headers.get("x-api-key"):
        return request_headers["x-api-key"]
    auth = request_headers.get("authorization", "")
    if "bearer" in relay.accepts and auth.lower().startswith("bearer "):
        return auth[7:]
    return None


def _error(status: int, message: str, rid: str, code: str = "") -> RelayAnswer:
    import json

    doc = {"error": {"message": f"{message} (request id: {rid})", "type": "new_api_error", "param": "", "code": code}}
    return RelayAnswer(status, json.dumps(doc, ensure_ascii=False).encode())


def verdict(
    relay: Relay, method: str, path: str, request_headers: dict[str, str], body: dict[str, Any], rid: str
) -> RelayAnswer | None:
    """The relay's own answer, or None to pass the request on upstream (the mock's usual scenarios)."""
    path = path.rstrip("/")
    known = {"/v1/models", "/v1/chat/completions"}
    if relay.messages_api:
        known |= {"/v1/messages"} | ({"/v1/messages/count_tokens"} if relay.count_tokens else set())
    if not relay.models:
        known.discard("/v1/models")
    if path not in known and not (path.startswith("/v1/models/") and relay.models):
        return RelayAnswer(404, GIN_NOT_FOUND, "text/plain; charset=utf-8")
    token = credential(relay, request_headers)
    if token is None or (relay.tokens is not None and token not in relay.tokens):
        return _error(401, "无效的令牌", rid)
    if path == "/v1/chat/completions":
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return _error(400, "messages is required", rid, "invalid_request")
        import json

        choice = {"index": 0, "message": {"role": "assistant", "content": "hi"}}
        reply = {"id": "chatcmpl-" + rid, "object": "chat.completion", "choices": [choice]}
        return RelayAnswer(200, json.dumps(reply).encode())
    model = body.get("model")
    if isinstance(model, str) and relay.channels is not None and model not in relay.channels:
        return _error(503, f"当前分组 default 下对于模型 {model} 无可用渠道", rid, "model_not_found")
    return None
