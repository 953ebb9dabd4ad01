"""What a healthy Claude API answers: messages, SSE event sequences, model lists, token counts, headers."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

MODELS: tuple[tuple[str, str], ...] = (
    ("claude-opus-4-5-20251101", "Claude Opus 4.5"),
    ("claude-sonnet-4-5-20250929", "Claude Sonnet 4.5"),
    ("claude-haiku-4-5-20251001", "Claude Haiku 4.5"),
)
REPLY = "Hello from the claude-doctor mock."
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def new_id(prefix: str) -> str:
    return prefix + "011C" + "".join(secrets.choice(_ALPHABET) for _ in range(20))


def model_object(model_id: str, display: str) -> dict[str, object]:
    return {"type": "model", "id": model_id, "display_name": display, "created_at": "2025-09-29T00:00:00Z"}


def models_page() -> dict[str, object]:
    data = [model_object(m, d) for m, d in MODELS]
    return {"data": data, "first_id": data[0]["id"], "last_id": data[-1]["id"], "has_more": False}


def estimate_tokens(body: dict[str, object]) -> int:
    return max(1, len(json.dumps(body.get("messages", []))) // 4 + len(json.dumps(body.get("system", ""))) // 4)


def message(body: dict[str, object]) -> dict[str, Any]:
    max_tokens = body.get("max_tokens")
    limited = isinstance(max_tokens, int) and max_tokens < 8
    text = REPLY.split()[0] if limited else REPLY
    return {
        "id": new_id("msg_"),
        "type": "message",
        "role": "assistant",
        "model": body.get("model"),
        "content": [{"type": "text", "text": text}],
        "stop_reason": "max_tokens" if limited else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": estimate_tokens(body), "output_tokens": 1 if limited else 9},
    }


def sse(event: str, data: dict[str, object]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n".encode()


def stream_events(body: dict[str, object], *, fail_after: int | None = None) -> list[bytes]:
    """The real event order: message_start, content_block_start, ping, deltas, content_block_stop, message_delta,
    message_stop. With `fail_after`, an `error` event replaces everything after that many deltas."""
    full = message(body)
    start = {
        **full,
        "content": [],
        "stop_reason": None,
        "usage": {"input_tokens": estimate_tokens(body), "output_tokens": 1},
    }
    events = [
        sse("message_start", {"type": "message_start", "message": start}),
        sse(
            "content_block_start",
            {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        ),
        sse("ping", {"type": "ping"}),
    ]
    words = str(full["content"][0]["text"]).split(" ")
    for i, word in enumerate(words):
        if fail_after is not None and i == fail_after:
            events.append(
                sse("error", {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}})
            )
            return events
        chunk = word if i == 0 else " " + word
        events.append(
            sse(
                "content_block_delta",
                {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": chunk}},
            )
        )
    events += [
        sse("content_block_stop", {"type": "content_block_stop", "index": 0}),
        sse(
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": full["stop_reason"], "stop_sequence": None},
                "usage": {"output_tokens": full["usage"]["output_tokens"]},
            },
        ),
        sse("message_stop", {"type": "message_stop"}),
    ]
    return events


def rate_limit_headers(*, exhausted: bool) -> dict[str, str]:
    reset = (datetime.now(UTC) + timedelta(seconds=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    headers: dict[str, str] = {}
    for kind, limit in (("requests", 50), ("tokens", 50_000), ("input-tokens", 40_000), ("output-tokens", 10_000)):
        headers[f"anthropic-ratelimit-{kind}-limit"] = str(limit)
        headers[f"anthropic-ratelimit-{kind}-remaining"] = "0" if exhausted else str(limit - 1)
        headers[f"anthropic-ratelimit-{kind}-reset"] = reset
    return headers


def html_gateway_page() -> bytes:
    return (
        b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
        b"</center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )
