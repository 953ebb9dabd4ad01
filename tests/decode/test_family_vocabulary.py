"""Families of the third held-out set, each held to texts beyond the one paste it was found in: Claude Code's
extra-usage wording, Zed's hosted-model region refusal, AWS SSO sessions, the AI SDK's own refusals, gateways'
"model not supported", claude.ai web-session relays, thinking-block signatures passed through relays, an unreachable
proxy. Texts are real: corpus samples by id, or copied from the public page named beside them."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from tests.decode.realworld_samples import sample

_CASES: list[tuple[str, str, int | None, bool | None]] = [
    # Claude Code and the API: long context on a subscription needs extra usage (a 429 that waiting does not fix).
    (sample("claude_code-extra-usage-long-context-2159"), "billing", 429, False),
    # https://github.com/anthropics/claude-code/issues/44053
    (
        "API Error: Extra usage is required for 1M context · enable extra usage at claude.ai/settings/usage, or use "
        "--model to switch to standard context",
        "billing",
        None,
        False,
    ),
    # https://github.com/anthropics/claude-code/issues/51745
    (
        "Error: Extra usage is required for 1M context · run /extra-usage to enable, or /model to switch to standard "
        "context",
        "billing",
        None,
        False,
    ),
    # https://github.com/griffinmartin/opencode-claude-auth/issues/159
    ("You're out of extra usage. Add more at claude.ai/settings/usage and keep going.", "billing", None, False),
    # Zed's hosted models refuse a data center's region.
    (sample("ide_agent-zed-hosted-not-access-from-hkg"), "permission", None, False),
    # https://github.com/zed-industries/zed/issues/32924
    (
        "Error interacting with language model\ncloud language model request failed with status 451 Unavailable For "
        "Legal Reasons: Access to Anthropic models is not available from this data center (HKG)",
        "permission",
        451,
        False,
    ),
    # AWS IAM Identity Center sessions: the portal's UnauthorizedException and botocore's own wordings
    # (botocore/exceptions.py: UnauthorizedSSOTokenError, SSOTokenLoadError).
    (sample("bedrock-claude-code-unauthorized-session-token"), "invalid_key", None, False),
    (
        "botocore.exceptions.UnauthorizedSSOTokenError: The SSO session associated with this profile has expired or "
        "is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.",
        "invalid_key",
        None,
        False,
    ),
    (
        "botocore.exceptions.SSOTokenLoadError: Error loading SSO Token: Token for my-sso does not exist",
        "invalid_key",
        None,
        False,
    ),
    # The Vercel AI SDK refuses a call before sending it.
    (sample("vertex-opencode-invalid-provider-options"), "invalid_request", None, False),
    # Gateways that do not serve a model name.
    (sample("relay-copilot-proxy-model-not-supported"), "not_found", 400, False),
    # claude.ai refusing a web-session relay's organization lookup.
    (sample("relay-claude2api-org-id-403"), "permission", 403, False),
    # A thinking block's signature, from the API, through Vertex AI and through relays (their own types around it).
    (sample("relay-sub2api-invalid-thinking-signature"), "invalid_request", 400, False),
    # https://github.com/arojunior/handle-failed-requests-js/issues/8
    (
        'Reason: Request Failed: 400 {"type":"error","error":{"type":"invalid_request_error","message":"messages.3.'
        'content.0: Invalid signature in thinking block"},"request_id":"req_011CeosGKNcg2rTxAchSKgjY"}',
        "invalid_request",
        400,
        False,
    ),
    # https://github.com/lbjlaq/Antigravity-Manager/issues/498 (the terminal's wrap inside the message kept)
    (
        'API Error: 400 {"error":{"code":400,"message":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_'
        'request_error\\",\\"message\\":\\"messages.1.content.0: Invalid `signature` in `thinking`       block\\"},'
        '\\"request_id\\":\\"req_vrtx_011CWwvKgCCu3fvjASX69zqX\\"}","status":"INVALID_ARGUMENT"}}',
        "invalid_request",
        400,
        False,
    ),
    # https://github.com/ding113/claude-code-hub/issues/518 (the relay's own `request_fail` type around it)
    (
        '{"type": "error", "error": {"type": "request_fail", "upstream_error": {"type": "error", "error": {"type": '
        '"invalid_request_error", "message": "messages.1.content.0: Invalid `signature` in `thinking` block"}, '
        '"request_id": "req_011CWkB65DcNzK2MiofhXx8b"}}, "request_id": "req_011CWkB65DcNzK2MiofhXx8b"}',
        "invalid_request",
        400,
        False,
    ),
    # An unreachable configured proxy: fixing the setting helps, waiting does not.
    (sample("network-claude2-pyapi-proxy-refused"), "proxy", None, False),
]


@pytest.mark.parametrize(("text", "category", "status", "retryable"), _CASES)
def test_family(text: str, category: str, status: int | None, retryable: bool | None) -> None:
    d = explain_text(text)
    assert (d.category, d.status, d.retryable) == (category, status, retryable), d.title


@pytest.mark.parametrize(
    "text",
    [
        # A gateway that says only that its upstream failed still says so when nothing else names the reason
        # (sub2api's SSE error events alone).
        'data: {"type":"error","error":{"type":"upstream_error","message":"Upstream request failed"}}',
    ],
)
def test_an_upstream_failure_with_no_reason_stays_unknown(text: str) -> None:
    d = explain_text(text)
    assert (d.category, d.retryable) == ("unknown", None)


def test_the_sso_family_names_bedrock_and_the_login() -> None:
    d = explain_text(sample("bedrock-claude-code-unauthorized-session-token"))
    assert "bedrock" in d.via
    assert any("aws sso login" in step for step in d.fix)


def test_a_claude_web_relay_failing_otherwise_is_not_a_refused_session() -> None:
    """Only claude.ai's 403 to the organization lookup is a refused session; another failure of it (a timeout)
    is not."""
    d = explain_text("[ERROR] Failed to get org ID: context deadline exceeded")
    assert d.title != "claude.ai refused the relay's web session"
