"""Families of the sixth held-out set, each held to its texts and to the limits that keep it from spreading: SDK
stream parse failures, stream events out of order, clients' refusals before sending, OAuth revocation, a provider's
httpx status inside a router's 5xx, LiteLLM's own routing tables, "Invalid API key" without a shown status, a
library's IndexError wrapped as a connection error. Texts are real: corpus samples by id, or the runtimes' own error
wordings."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from tests.decode.realworld_samples import sample

_CASES: list[tuple[str, str, int | None, bool | None]] = [
    # The TypeScript SDK's log of an SSE event it could not parse, alone, with V8's error and stack, through LangChain.
    (sample("F-anthropic_sdk-ts-could-not-parse-sse-json-short"), "stream_interrupted", None, True),
    (sample("F-anthropic_sdk-ts-edge-could-not-parse-sse-json"), "stream_interrupted", None, True),
    (sample("F-wrapper-langchainjs-helicone-unexpected-end-json"), "stream_interrupted", None, True),
    # Events out of order (MessageStream / accumulate_event: "Unexpected event order, got {event.type} before ...").
    (sample("F-ide_agent-amp-proxypal-unexpected-event-order"), "unknown", None, False),
    # Clients that refuse before sending: no key (Continue), no instance-role credentials (botocore's
    # CredentialRetrievalError).
    (sample("F-ide_agent-continue-request-not-sent-no-key"), "invalid_key", None, False),
    (sample("F-bedrock-dify-iam-role-credential-refresh-failed"), "invalid_key", None, False),
    # OAuth revocation: the API's 403, Claude Code's line for it, and the 401 wording.
    (sample("E-claude_code-bun-errors-403-oauth-revoked-stack"), "oauth_token", 403, False),
    (sample("F-claude_code-oauth-revoked-after-login-prompt"), "oauth_token", 403, False),
    (sample("F-claude_code-vm0-401-oauth-access-token-revoked"), "oauth_token", 401, False),
    # A router's 503 around the provider's httpx "Client error '403 Forbidden' for url".
    (sample("F-relay-ccr-ki2api-503-around-codewhisperer-403"), "permission", 403, False),
    # LiteLLM's own routing tables, not the model's absence.
    (sample("F-bedrock-litellm-messages-provider-config-not-found"), "server_error", 500, False),
    # "Invalid API key" carries only the status shown.
    (sample("F-wrapper-langchain-legacy-invalid-api-key-runtimeerror"), "invalid_key", None, False),
    (sample("E-relay-ccr-401-invalid-api-key-retrying"), "invalid_key", 401, False),
    (sample("bedrock-vibe-kanban-invalid-api-key-format"), None, 403, False),
    # litellm's APIConnectionError around an IndexError is the library's bug, not a connection.
    (sample("F-wrapper-trulens-litellm-apiconnectionerror-index"), "unknown", None, False),
]


@pytest.mark.parametrize(("text", "category", "status", "retryable"), _CASES)
def test_family(text: str, category: str | None, status: int | None, retryable: bool | None) -> None:
    d = explain_text(text)
    if category is not None:
        assert d.category == category
    assert d.status == status
    assert d.retryable is retryable


_LIMITS: list[tuple[str, str]] = [
    # A cut JSON with no sign of a stream is no stream failure (a client reading an empty body).
    ("SyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)", "stream_interrupted"),
    ("json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)", "stream_interrupted"),
]


@pytest.mark.parametrize(("text", "not_category"), _LIMITS)
def test_limit(text: str, not_category: str) -> None:
    assert explain_text(text).category != not_category


def test_error_first_hides_the_error() -> None:
    """An `error` event first leaves retryability open: the hidden error may be an overload."""
    d = explain_text(sample("anthropic_sdk-py-unexpected-event-order-error-first"))
    assert d.category == "unknown"
    assert d.retryable is None
