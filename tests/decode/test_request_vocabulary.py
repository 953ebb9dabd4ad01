"""Families of errors about the request itself and the client around it, in their sources' own words: the Messages
API's validation messages (as issue threads quote them), the clients' refusals before any request (the SDKs', the
libraries' source), browsers' consoles, request paths, and relays whose source fixes the status of a message.
The source of each text is named beside it, so a rule covers the family, not one pasted sample."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text


@pytest.mark.parametrize(
    ("text", "category", "status", "retryable"),
    [
        # The Messages API's checks of the conversation (issue threads that quote them)
        (
            'messages: roles must alternate between "user" and "assistant", but found multiple "assistant" roles in '
            "a row",  # lobehub/lobehub#1765
            "invalid_request",
            400,
            False,
        ),
        (
            "messages.11: all messages must have non-empty content except for the optional final assistant message",
            "invalid_request",  # anthropics/claude-code#4416
            400,
            False,
        ),
        ("API Error: 400 messages: text content blocks must be non-empty", "invalid_request", 400, False),  # #59812
        (
            "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",  # themaximalist/llm.js#30
            "invalid_request",
            400,
            False,
        ),
        ("prompt: Input should be a valid string", "invalid_request", 400, False),  # LibreChat, the real-world corpus
        # Bedrock Converse's wording of the same check (microsoft/semantic-kernel#10277)
        (
            "botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the "
            "Converse operation: A conversation must alternate between user and assistant roles. Make sure the "
            "conversation alternates between user and assistant roles and try again.",
            "invalid_request",
            400,
            False,
        ),
        # The clients' own refusals, before any request: anthropic/lib/vertex/_client.py, lib/bedrock/_client.py
        ("RuntimeError: Could not resolve API token from the environment", "invalid_key", None, False),
        (
            "ValueError: No AWS region was provided. Set the `aws_region` argument, the `AWS_REGION` / "
            "`AWS_DEFAULT_REGION` environment variable, or configure a region for your AWS profile.",
            "unknown",
            None,
            False,
        ),
        # botocore/exceptions.py NoRegionError
        ("botocore.exceptions.NoRegionError: You must specify a region.", "unknown", None, False),
        # The Stainless-built TypeScript SDKs' missing-key message (the OpenAI SDK's, as an app quotes it)
        (
            "The OPENAI_API_KEY environment variable is missing or empty; either provide it, or instantiate the OpenAI "
            "client with an apiKey option.",
            "invalid_key",
            None,
            False,
        ),
        # LangChain.js libs/langchain-anthropic chat_models.ts; langchain_core/utils/utils.py; langchain_anthropic
        ('Error: "stopSequence" parameter found in input and default params', "invalid_request", None, False),
        ("ValueError: Found stop supplied twice.", "invalid_request", None, False),
        ("ValueError: System message must be at beginning of message list.", "invalid_request", None, False),
        # llama_index/core/indices/prompt_helper.py
        (
            "ValueError: Calculated available context size -1200 was not non-negative.",
            "context_too_long",
            None,
            False,
        ),
        # Browser consoles: Chrome's failed-request line (the real-world corpus, obsidian-smart-composer#286)
        ("POST https://api.anthropic.com/v1/messages 401 (Unauthorized)", "invalid_key", 401, False),
        # A request path without /v1 (fredrikburmester/streamystats#491), or with it twice (langchain#31325)
        (
            "[Chat API] Stream error: Error [AI_APICallError]: Not Found\n  url: 'https://api.anthropic.com/messages',",
            "not_found",
            404,
            False,
        ),
        (
            'HTTP Request: POST https://openrouter.ai/api/v1/v1/messages "HTTP/1.1 405 Method Not Allowed"',
            "not_found",
            405,
            False,
        ),
        # sub2api, backend/internal/handler/gateway_handler.go mapUpstreamError: one status for each message
        ("Upstream service overloaded, please retry later", "overloaded", 503, True),
        ("Upstream service temporarily unavailable", "server_error", 502, True),
        ("Upstream authentication failed, please contact administrator", "permission", 502, False),
        # Manifest's OAuth service, anthropicTokenExchangeError: always 429
        (
            "Anthropic rate-limited the OAuth token exchange. Please wait a minute, then sign in again.",
            "rate_limited",
            429,
            True,
        ),
        # claude-relay-service, src/utils/errorSanitizer.js: fixed codes, each with one message and one status
        ('{"error":{"code":"E012","message":"Server overloaded"}}', "overloaded", 529, True),
        ('{"error":{"code":"E006","message":"Model not available"}}', "not_found", 503, False),
        ('{"error":{"code":"E011","message":"Account temporarily unavailable"}}', "server_error", 503, True),
        ('{"error":{"code":"E002","message":"Network connection failed"}}', "server_error", 502, True),
        ('{"error":{"code":"E014","message":"Quota exceeded"}}', "rate_limited", 429, True),
        # The TypeScript SDK in a web page (src/client.ts)
        (
            "AnthropicError: It looks like you're running in a browser-like environment.\n\nThis is disabled by "
            "default, as it risks exposing your secret API credentials to attackers.\nIf you understand the risks and "
            "have appropriate mitigations in place,\nyou can set the `dangerouslyAllowBrowser` option to `true`, e.g.,",
            "invalid_request",
            None,
            False,
        ),
        # langchain_core/utils/utils.py guard_import
        (
            "ImportError: Could not import anthropic python package. Please install it with `pip install anthropic`.",
            "unknown",
            None,
            False,
        ),
        # Bedrock's check of a bearer API key (the real-world corpus, BloopAI/vibe-kanban#933)
        (
            'API Error: 403 {"Message":"Invalid API Key format: Must start with pre-defined prefix"} · Please run '
            "/login",
            "invalid_key",
            403,
            False,
        ),
    ],
)
def test_request_and_client_vocabulary(text: str, category: str, status: int | None, retryable: bool | None) -> None:
    d = explain_text(text)
    assert (d.category, d.status, d.retryable) == (category, status, retryable), d.title


def test_a_programs_own_pydantic_error_is_not_the_apis() -> None:
    """The API puts a colon after the field's path; pydantic's own ValidationError prints the path alone on a line.
    A program's own model failing validation is not a request the API refused."""
    own = "1 validation error for Order\nmessages.0.content\n  Field required [type=missing, input_value={}]"
    assert explain_text(own).status is None


def test_a_request_body_that_turns_thinking_on_is_not_a_thinking_error() -> None:
    """Clients print the request body beside the error: its `thinking` and `budget_tokens` fields say nothing."""
    body = (
        '错误信息: Service Unavailable\n请求路径: https://api.anthropic.com/v1/messages\n请求内容: {"model": '
        '"claude-sonnet-4-20250514", "max_tokens": 7372, "thinking": {"type": "enabled", "budget_tokens": 3276}}'
    )
    d = explain_text(body)
    assert (d.category, d.status) == ("server_error", 503)
