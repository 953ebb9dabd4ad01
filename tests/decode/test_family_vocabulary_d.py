"""Families of the fourth held-out set, each held to texts beyond the one paste it was found in: organizations that
refuse subscription login, stream idle and stall timeouts, LiteLLM's model grants, Copilot's prompt cap, bodies that
are not JSON, Bedrock's beta flags and account refusals, Vertex AI regions that do not serve a model, apps without a
provider, clients with no project behind a proxy, gateways' types around an inner error, bracketed request ids. Texts
are real: corpus samples by id, or copied from the public page named beside them."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from tests.decode.realworld_samples import sample

_CASES: list[tuple[str, str, int | None, bool | None]] = [
    # The organization refuses subscription (OAuth) login: the token is recognised, the plan or a setting refuses.
    (sample("D-claude_code-401-oauth-not-allowed-org"), "permission", 401, False),
    (sample("D-claude_code-opcode-execution-failed-oauth-org"), "permission", 401, False),
    # A stream that opened and went silent: Claude Code's idle timer, a router's stall timer.
    (sample("D-network-claude-code-stream-idle-partial"), "stream_interrupted", None, True),
    (sample("D-relay-9router-kiro-stream-stall"), "stream_interrupted", None, True),
    # https://github.com/anthropics/claude-code/issues/47841
    ("API Error: Stream idle timeout - partial response received", "stream_interrupted", None, True),
    # LiteLLM's proxy: the key is valid, the model is not granted to it (401 or 403 by version).
    (sample("D-relay-litellm-proxy-can-key-call-model-401"), "permission", 401, False),
    # https://github.com/BerriAI/litellm/pull/39660
    (
        '{"error":{"message":"key not allowed to access model. This key can only access models=[\'us.anthropic.claude-'
        'haiku-4-5-20251001-v1:0\']. Tried to access us.anthropic.claude-sonnet-4-6","type":"key_model_access_denied'
        '","param":"model","code":"403"}}',
        "permission",
        403,
        False,
    ),
    # GitHub Copilot's prompt cap behind a Claude-format proxy.
    (sample("D-claude_code-copilot-api-prompt-token-limit"), "context_too_long", 400, False),
    # The API could not parse the body.
    (sample("D-ide_agent-gptel-400-body-not-valid-json"), "invalid_request", 400, False),
    # Bedrock: a beta flag it does not offer; an account it does not let call the model.
    (sample("D-bedrock-litellm-proxy-invalid-beta-flag"), "invalid_request", 400, False),
    (sample("D-bedrock-cli-operation-not-allowed"), "permission", 400, False),
    # Vertex AI: the model is not served at the region called.
    (sample("D-vertex-hermes-not-servable-in-region-global"), "not_found", 400, False),
    # An app version without the provider refuses before sending.
    (sample("D-chat-chatbox-unsupported-provider-claude"), "unknown", None, False),
    # A client with no project stays unknown behind a proxy's 500.
    (sample("D-vertex-litellm-proxy-could-not-resolve-project-id"), "unknown", 500, False),
    # A gateway's 429 overloaded_error around an inner 400: the inner status.
    (sample("D-relay-antigravity-429-around-signature-400"), "invalid_request", 400, False),
    # The API's own type still sets the status when nothing else shows one (403 permission_error, 401-family text).
    (sample("D-claude_code-status-usage-oauth-revoked-403"), "oauth_token", 403, False),
]


@pytest.mark.parametrize(("text", "category", "status", "retryable"), _CASES)
def test_family(text: str, category: str, status: int | None, retryable: bool | None) -> None:
    d = explain_text(text)
    assert (d.category, d.status, d.retryable) == (category, status, retryable), d.title


@pytest.mark.parametrize(
    "text",
    [
        # A timeout before any answer stays a timeout: no stream had opened.
        "httpx.ReadTimeout: The read operation timed out",
        "APITimeoutError: Request timed out.",
    ],
)
def test_a_timeout_before_the_stream_is_not_a_stream_stall(text: str) -> None:
    assert explain_text(text).category == "timeout"


def test_a_client_refusal_with_a_crash_status_still_takes_the_status_category() -> None:
    """Only the no-region / no-project families stay unknown under a proxy's status; other program failures that a
    proxy reported (a missing package) still read as the status's kind of answer."""
    d = explain_text(
        '{"error": {"message": "Could not import anthropic python package. Please install it with `pip install '
        'anthropic`.", "type": null, "param": null, "code": 500}}'
    )
    assert (d.category, d.status) == ("server_error", 500)


@pytest.mark.parametrize(
    ("text", "request_id"),
    [
        (sample("D-relay-gateway-1305-model-busy-clutch"), "20260630173529f394d74ee3f44c6b"),
        # Brackets without a long id are not an id.
        ("API Error: 529 [1305][该模型当前访问量过大，请您稍后再试][abc]", None),
    ],
)
def test_bracketed_request_ids(text: str, request_id: str | None) -> None:
    assert explain_text(text).request_id == request_id


@pytest.mark.parametrize(
    ("sample_id", "cloud"),
    [
        ("D-bedrock-openwebui-litellm-stream-text-blocks-empty", "bedrock"),
        ("D-vertex-copilot-openrouter-google-tools-input-schema", "vertex"),
    ],
)
def test_the_cloud_is_named_from_its_operations_and_providers(sample_id: str, cloud: str) -> None:
    assert cloud in explain_text(sample(sample_id)).via
