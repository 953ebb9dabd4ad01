"""The innermost real error decides; every layer it passed through is named; a paste with several errors lists each.

Texts are real pastes from the real-world corpus, by id.
"""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path

import pytest

from claude_doctor.decode import explain_all, explain_text
from claude_doctor.decode.network import find_network_kind

REALWORLD = Path(__file__).parent / "realworld"


@cache
def _corpus() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in REALWORLD.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            out[item["id"]] = item["text"]
    return out


def sample(sample_id: str) -> str:
    return _corpus()[sample_id]


@pytest.mark.parametrize(
    ("sample_id", "category", "status"),
    [
        # A proxy's 500 around Anthropic's escaped 400: the 400 decides.
        ("ide_agent-continue-proxy-500-wrapping-usage-limits", "billing", 400),
        # litellm's APIConnectionError around Bedrock's access denial.
        ("wrapper-litellm-apiconnectionerror-bedrock-access-denied", "permission", 403),
        # A router's api_error around Google's RESOURCE_EXHAUSTED.
        ("relay-ccr-gemini-resource-exhausted", "rate_limited", 429),
        # OpenRouter's 502 around Anthropic's overloaded_error event.
        ("ide_agent-aider-openrouter-stream-overloaded-502", "overloaded", 529),
        # litellm's 503 fallback failure around Bedrock's 400 rejection.
        ("wrapper-litellm-proxy-bedrock-extra-inputs-503", "invalid_request", 400),
        # An app's 502 around Bedrock's Marketplace denial.
        ("bedrock-agentcore-502-marketplace-denied", "permission", 403),
        # litellm labels it InternalServerError; the body is an invalid_request_error.
        ("vertex-aider-litellm-beta-header-500-label", "invalid_request", 400),
        # Google's INVALID_ARGUMENT around Anthropic's prompt-too-long.
        ("vertex-antigravity-400-prompt-too-long-req-vrtx", "context_too_long", 400),
        # A 413 shown with a generic invalid_request_error: the shown status is the answer's own.
        ("vertex-claude-code-413-prompt-too-long", "context_too_long", 413),
    ],
)
def test_the_innermost_error_decides(sample_id: str, category: str, status: int) -> None:
    d = explain_text(sample(sample_id))
    assert (d.category, d.status) == (category, status)


def test_a_wrapped_status_is_reported_as_inferred_with_a_note() -> None:
    d = explain_text(sample("ide_agent-continue-proxy-500-wrapping-usage-limits"))
    assert d.status_source == "inferred"
    assert any("HTTP 500" in note for note in d.notes)


@pytest.mark.parametrize(
    ("sample_id", "via"),
    [
        ("wrapper-litellm-apiconnectionerror-bedrock-access-denied", ("litellm", "bedrock")),
        ("relay-ccr-gemini-resource-exhausted", ("claude_code", "router")),
        ("relay-litellm-vertex-anthropic-beta", ("claude_code", "litellm", "vertex")),
        ("relay-openrouter-bedrock-input-valid-string", ("openrouter", "bedrock")),
        ("relay-newapi-saturated-cline", ("relay",)),
        ("bedrock-langchain-valueerror-accessdenied", ("langchain", "bedrock")),
    ],
)
def test_via_names_every_layer_outermost_first(sample_id: str, via: tuple[str, ...]) -> None:
    found = explain_text(sample(sample_id)).via
    assert [name for name in found if name in via] == list(via), found


def test_several_errors_most_recent_first() -> None:
    found = explain_all(sample("claude_code-timeouts-then-cloudflare-502"))
    assert (found[0].category, found[0].status) == ("server_error", 502)  # the latest attempt's answer
    assert [d.category for d in found[1:]] == ["timeout"]


@pytest.mark.parametrize(
    "sample_id",
    [
        "claude_code-529-retrying-null-reqid",  # then the user interrupted: not a second error
        "claude_code-connection-error-self-signed-retries",  # "Connection error." and its cause: one failure
        "network-claude-code-getaddrinfo-erefused",  # the same DNS failure for three hosts
        "claude_code-bedrock-429-too-many-tokens-retries",  # four attempts, one error
    ],
)
def test_one_error_repeated_or_wrapped_is_one(sample_id: str) -> None:
    assert len(explain_all(sample(sample_id))) == 1


def test_an_access_log_line_does_not_displace_the_error() -> None:
    found = explain_all(sample("vertex-uni-api-failed-precondition"))
    assert (found[0].category, found[0].status) == ("permission", 400)


def test_litellm_fallback_failure_is_not_the_primary() -> None:
    d = explain_text(sample("wrapper-litellm-proxy-bedrock-fallback-blocks-and-prompt-too-long"))
    assert d.category == "invalid_request"  # the requested model's failure, not the fallback's prompt-too-long


def test_a_stack_frame_named_like_a_timeout_is_not_a_timeout() -> None:
    # The frame is from the brief's example; the cause is a connection failure, not a timeout.
    text = "Error: Connection error.\n    at fetchWithTimeout (/app/node_modules/agent/dist/http.js:88:11)"
    assert find_network_kind(text) == "connection_failed"
    assert explain_text(text).category == "connect"


@pytest.mark.parametrize(
    "text",
    [
        "API Error " * 20_000,
        "status: " * 40_000,
        "(" * 200_000,
        "req_" + "a" * 200_000,
        "x" * 200_000 + "Exception",
        "\n " * 100_000,
        "Retrying in 1 seconds… (attempt " * 8_000,
        '{"error":{"code":429,"message":"' + "\\" * 100_000,
        "当前分组" * 30_000,
        "upstream provider " * 20_000 + "returned HTTP 403",
        "Publisher Model `projects/" + "a/" * 60_000,
    ],
)
def test_adversarial_input_decodes_fast(text: str) -> None:
    start = time.perf_counter()
    explain_all(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("sample_id", "status"),
    [
        ("ide_agent-continue-401-invalid-x-api-key", 401),  # `Status Code: 401` on its own line
        ("bedrock-throttling-lobechat-json", 429),  # `"httpStatusCode": 429`
        ("chat_app-cowagent-claude-web-model-not-allowed", 403),  # `status_code=403`
        ("vertex-cf-workers-quota-fragment", 429),  # `"code": 429`
        ("relay-omniroute-claude-accounts-429", 429),  # `unavailable (429)`
        ("relay-sub2api-upstream-500-switching", 500),  # `upstream error 500`
        ("wrapper-quarkus-langchain4j-anthropic-400", 400),  # `status code 400`
        ("vertex-claude-code-debug-404-model-id", 404),  # `404 https://…`
    ],
)
def test_status_forms_are_read_as_shown(sample_id: str, status: int) -> None:
    d = explain_text(sample(sample_id))
    assert (d.status, d.status_source) == (status, "shown")


def test_a_reason_phrase_alone_gives_an_inferred_status() -> None:
    d = explain_text(sample("wrapper-litellm-method-not-allowed-wrong-endpoint"))  # {"detail":"Method Not Allowed"}
    assert (d.status, d.status_source) == (405, "inferred")


def _log(records: list[str], size: int = 1024 * 1024) -> str:
    """A log of about `size` characters: ordinary service lines, with the given records at even intervals."""
    noise = [
        f'2026-11-25T10:{n // 60 % 60:02d}:{n % 60:02d}Z INFO  http.access 10.0.0.{n % 256} "GET /api/v2/orders/{n} '
        f'HTTP/1.1" 200 {n % 9000} {n % 900}ms'
        for n in range(size // 90)
    ]
    step = len(noise) // (len(records) + 1)
    for i, record in enumerate(records, 1):
        noise.insert(i * step + i - 1, record)
    return "\n".join(noise)


def test_a_log_is_decoded_record_by_record() -> None:
    """A megabyte of log with two different errors: the primary is the later one, whole (its own status, type and
    request id), the earlier one is listed too; neither takes a field from the other, and errors far from the log's
    two ends are found."""
    server = sample("claude_code-500-api-error-one-liner")
    overloaded = sample("claude_code-529-pretty-json-reqid")
    text = _log([f"2026-11-25T11:00:00Z ERROR {server}", f"2026-11-25T12:00:00Z ERROR {overloaded}"])
    assert len(text) > 1_000_000
    start = time.perf_counter()
    found = explain_all(text)
    assert time.perf_counter() - start < 1.0
    alone = [explain_text(overloaded), explain_text(server)]
    fields = ("category", "status", "error_type", "request_id")
    assert [[getattr(d, f) for f in fields] for d in found] == [[getattr(d, f) for f in fields] for d in alone]


def test_a_log_that_repeats_one_error_gives_one_diagnosis() -> None:
    record = sample("network-claude-code-econnrefused-title")
    found = explain_all(_log([f"2026-11-25T11:00:00Z ERROR {record}"] * 50, size=200_000))
    assert [(d.category, d.status) for d in found] == [(explain_text(record).category, None)]


def test_an_escaped_quote_in_a_python_repr_does_not_cut_the_message() -> None:
    """Unescaping the repr once ends its message at `\\'`; that cut copy is the same error, not a nested one."""
    text = (
        "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', "
        "'message': 'Number of request tokens has exceeded your per-minute rate limit (see \\'Limits\\')'}, "
        "'request_id': 'req_011CAbc123'}"
    )
    assert explain_text(text).message == (
        "Number of request tokens has exceeded your per-minute rate limit (see 'Limits')"
    )


@pytest.mark.parametrize("escape", ["\\ud800", "\\udcff", "\\ud83d"])
def test_a_lone_surrogate_in_the_message_is_decoded_not_an_internal_error(escape: str) -> None:
    text = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded ' + escape + '"}}'
    diagnosis = explain_text(text)
    assert diagnosis.error_type == "overloaded_error"
    assert diagnosis.category == "overloaded"
    assert "internal" not in diagnosis.title.lower()
