"""Families of messages found in the held-out sets (C to F), each held to texts beyond the one paste it was found in
and to the limits that keep it from spreading. Each section says which set showed the family; the texts come from the
corpus (by id) or from public sources (with their URL)."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from tests.decode.realworld_samples import sample

# -- set C ------------------------------------------------------------------------------------------------------
# Families of the third held-out set, each held to texts beyond the one paste it was found in: Claude Code's
# extra-usage wording, Zed's hosted-model region refusal, AWS SSO sessions, the AI SDK's own refusals, gateways'
# "model not supported", claude.ai web-session relays, thinking-block signatures passed through relays, an unreachable
# proxy. Texts are real: corpus samples by id, or copied from the public page named beside them.

_CASES_C: list[tuple[str, str, int | None, bool | None]] = [
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


# -- set D ------------------------------------------------------------------------------------------------------
# Families of the fourth held-out set, each held to texts beyond the one paste it was found in: organizations that
# refuse subscription login, stream idle and stall timeouts, LiteLLM's model grants, Copilot's prompt cap, bodies that
# are not JSON, Bedrock's beta flags and account refusals, Vertex AI regions that do not serve a model, apps without a
# provider, clients with no project behind a proxy, gateways' types around an inner error, bracketed request ids. Texts
# are real: corpus samples by id, or copied from the public page named beside them.

_CASES_D: list[tuple[str, str, int | None, bool | None]] = [
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


# -- set E ------------------------------------------------------------------------------------------------------
# Families of the fifth held-out set, each held to its texts and to the limits that keep it from spreading: litellm's
# classes around a provider's exception, edge pages reduced to their title, the API's `model: <id>` only as the API
# writes it, new-api's log-line ids, OpenRouter's routing filters, Google's auth libraries, Python TypeErrors in apps,
# the content filter, plans without long context, sub2api's upstream account refusals, statuses whose body was lost.
# Texts are real: corpus samples by id, or copied from the public page named beside them.

_CASES_E: list[tuple[str, str, int | None, bool | None]] = [
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


# -- set F ------------------------------------------------------------------------------------------------------
# Families of the sixth held-out set, each held to its texts and to the limits that keep it from spreading: SDK
# stream parse failures, stream events out of order, clients' refusals before sending, OAuth revocation, a provider's
# httpx status inside a router's 5xx, LiteLLM's own routing tables, "Invalid API key" without a shown status, a
# library's IndexError wrapped as a connection error. Texts are real: corpus samples by id, or the runtimes' own error
# wordings.

_CASES_F: list[tuple[str, str | None, int | None, bool | None]] = [
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


_CASES = [*_CASES_C, *_CASES_D, *_CASES_E, *_CASES_F]


@pytest.mark.parametrize(("text", "category", "status", "retryable"), _CASES)
def test_family(text: str, category: str | None, status: int | None, retryable: bool | None) -> None:
    """`category` None: the family fixes the status and retryability only (the category is another family's)."""
    d = explain_text(text)
    assert (d.category if category is not None else None, d.status, d.retryable) == (category, status, retryable), (
        d.title
    )
