"""Families of the fifth held-out set, each held to its texts and to the limits that keep it from spreading: litellm's
classes around a provider's exception, edge pages reduced to their title, the API's `model: <id>` only as the API
writes it, new-api's log-line ids, OpenRouter's routing filters, Google's auth libraries, Python TypeErrors in apps,
the content filter, plans without long context, sub2api's upstream account refusals, statuses whose body was lost.
Texts are real: corpus samples by id, or copied from the public page named beside them."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from tests.decode.realworld_samples import sample

_CASES: list[tuple[str, str, int | None, bool | None]] = [
    # litellm's BadRequestError around a provider's exception is the provider's 400, whatever the family's usual one.
    (sample("E-chat_app-onyx-litellm-thinking-enabled-not-supported"), "invalid_request", 400, False),
    (sample("E-relay-litellm-proxy-budget-exceeded-openhands"), "billing", 400, False),
    # An edge's error page reduced to its title by Claude Code; the same edge's page in full.
    (sample("E-claude_code-504-cloudflare-gateway-timeout-ladder"), "timeout", 504, True),
    (sample("network-raw-http-504-cloudflare-gateway-timeout"), "timeout", 504, True),
    # The API's `model: <id>`, glued to the status by BoltAI; a field path's `.model:` is a validation error.
    (sample("E-chat_app-boltai-404-model-claude-3-sonnet"), "not_found", 404, False),
    (sample("E-relay-bifrost-400-tools-model-advisor"), "invalid_request", 400, False),
    (sample("E-wrapper-cindy-utility-one-shot-litellm-429-status-only"), "rate_limited", 429, True),
    # OpenRouter's routing settings leave no provider.
    (sample("E-relay-openrouter-no-endpoints-requested-parameters-opus5"), "invalid_request", None, False),
    # Google's auth libraries refuse the credentials before any Vertex request.
    (sample("E-vertex-roo-cline-client-email-missing"), "invalid_key", None, False),
    (sample("E-vertex-go-sdk-oauth2-google-token-exchange-400"), "invalid_key", 400, False),
    # Python's TypeError wordings in an app; around a real API error, the API's error.
    (sample("E-chat_app-dify-anthropic-nonetype-comparison"), "unknown", None, False),
    (sample("E-chat_app-ragflow-key-check-string-indices-and-404"), "not_found", 404, False),
    # The output content filter: the same request may pass again.
    (sample("E-claude_code-400-content-filter-wrapped-reqid"), "invalid_request", 400, None),
    (sample("E-claude_code-debug-log-content-filter-stream-fallback"), "invalid_request", 400, None),
    (sample("E-wrapper-ai-sdk-typevalidation-content-filter-stream-event"), "invalid_request", 400, None),
    # A plan without long context is a permission; extra usage for it is billing.
    (sample("E-claude_code-400-long-context-beta-not-available"), "permission", 400, False),
    (sample("claude_code-extra-usage-long-context-2159"), "billing", 429, False),
    # sub2api's upstream account refusals (mapUpstreamError: an upstream 403 / 401 becomes a 502).
    (sample("E-relay-sub2api-502-upstream-access-forbidden"), "permission", 502, False),
    # https://github.com/Wei-Shaw/sub2api (backend/internal/handler, mapUpstreamError)
    (
        '502 {"error":{"message":"Upstream authentication failed, please contact administrator",'
        '"type":"upstream_error"},"type":"error"}',
        "permission",
        502,
        False,
    ),
    # A status whose body a closed socket cut off takes the status's meaning; the socket alone stays a connection.
    (sample("E-claude_code-bun-401-socket-closed-please-login"), "invalid_key", 401, False),
    (sample("network-claude-code-bun-socket-closed"), "connect", None, True),
    # Claude Code's rendering of the many-image dimension limit.
    (sample("E-claude_code-image-dimension-many-image-friendly"), "invalid_request", 400, False),
]


@pytest.mark.parametrize(("text", "category", "status", "retryable"), _CASES)
def test_family(text: str, category: str, status: int | None, retryable: bool | None) -> None:
    d = explain_text(text)
    assert (d.category, d.status, d.retryable) == (category, status, retryable), text[:160]


def test_litellm_class_without_provider_exception_shows_no_status() -> None:
    """litellm raises BadRequestError itself, before any request, for a missing provider prefix: no status follows."""
    # https://github.com/BerriAI/litellm/issues/1971
    d = explain_text(
        "litellm.BadRequestError: LLM Provider NOT provided. Pass in the LLM provider you are trying to call. "
        "You passed model=claude-3-opus"
    )
    assert d.status is None


def test_the_many_image_limit_is_read_into_the_fix() -> None:
    d = explain_text(sample("E-claude_code-image-dimension-many-image-friendly"))
    assert any("2,000 pixels" in step for step in d.fix)


def test_new_api_log_line_id() -> None:
    d = explain_text(sample("E-vertex-newapi-log-channel-error-beta-headers"))
    assert (d.request_id, d.request_id_kind) == ("20260220161352684457013BX4S2Ndu", "relay")
    # A log line whose middle field is no relay id (a time with no random tail) gives no id.
    d = explain_text("[ERR] 2026/02/21 - 00:13:53 | 20260220161352 | channel error (channel #2, status code: 400)")
    assert d.request_id is None


def test_a_word_ending_in_model_is_not_the_api_model_message() -> None:
    d = explain_text("[utility-model:one-shot] explicit utility text provider failed { httpStatus: 429 }")
    assert d.category == "rate_limited"
    d = explain_text("API Error: 400 tools.4.model: anthropic/claude-opus-4-7")
    assert d.category != "not_found"
