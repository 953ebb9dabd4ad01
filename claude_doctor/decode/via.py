"""What an error passed through on its way to the user, outermost first.

Each hop is recognised by marks it leaves in the text: Claude Code's `API Error` banner and `⎿` gutter, litellm's
`litellm.` exception names, a router's `Error from provider(…)`, a relay's `(request id: 2025…)` suffix or Chinese
vocabulary, OpenRouter's `Provider returned error`, Bedrock's exception names and hosts, Vertex AI's hosts and
`req_vrtx_` ids. The order is the order hops nest in: a client wraps a library, which calls a router or relay, which
calls a cloud.
"""

from __future__ import annotations

import re

_MARKS: tuple[tuple[str, str], ...] = (
    (
        "claude_code",
        r"(?<!\[)API Error[ :(]|⎿|Please run /login|claude-cli/|@anthropic-ai/claude-code|\$bunfs/|~BUN/|Claude Code "
        r"(?:returned|spawn|run failed)|· Retrying in|Retrying in \d+s · attempt",
    ),
    ("langchain", r"langchain|\[llm/error\]|ChatBedrock|BedrockChat|ChatAnthropic|Error raised by bedrock service"),
    ("litellm", r"litellm|LiteLLM|Received\s++Model Group="),
    ("router", r"claude-code-router|Error from provider\("),
    (
        "relay",
        r"\(request ?id:\s*+\d{10}|new_api_error|one_hub_error|upstream_error|当前分组|无可用渠道|令牌|"
        r"claude-relay-service|relay (?:error|service)|sub2api|No available (?:Claude )?accounts|No available channel|"
        r"中转|Panic detected, error:|\(tid: |[Uu]pstream provider|Upstream error:|check your inference gateway|"
        r"\bPOST\s++\"?/(?:api/)?v1/(?:chat/completions|messages)",
    ),
    ("openrouter", r"(?i:openrouter)|Provider returned error"),
    (
        "bedrock",
        r"(?i:bedrock)|botocore|x-amzn-|amazonaws\.com|(?<!errors\.)(?:Throttling|AccessDenied|Validation|ServiceUnavailable|"
        r"ModelTimeout|ModelNotReady|UnrecognizedClient|ExpiredToken|InternalServer)Exception|"
        r"security token included in the request|on-demand throughput|inference profile|"
        r"The model returned the following errors|Input is too long for requested model|"
        # Bedrock Runtime's operations, and the lower-camel exception names of its event stream.
        r"calling the (?:InvokeModel|InvokeModelWithResponseStream|Converse|ConverseStream) operation|"
        r"\b(?:throttling|validation|modelStreamError|internalServer|serviceUnavailable)Exception\b",
    ),
    (
        "vertex",
        r"(?i:vertex)|aiplatform\.googleapis|req_vrtx_|publishers/anthropic|RESOURCE_EXHAUSTED|Publisher Model|"
        # Vertex AI's OpenAI-compatible path (…/locations/X/endpoints/openapi/chat/completions); no other host has it.
        r"/endpoints/openapi/chat/completions|"
        # Vertex AI names Claude models with an `@` before the date (claude-opus-4-1@20250805); no other host does.
        r"\bclaude-[a-z0-9.-]{1,40}@20\d{6}\b|"
        # OpenRouter names the provider that served the request: "Google" is Vertex AI (Google AI Studio is named so).
        r"provider_name\W{1,8}Google(?! AI Studio)\b",
    ),
)
_COMPILED = tuple((name, re.compile(pattern)) for name, pattern in _MARKS)


_ORDER = tuple(name for name, _ in _MARKS)
_GATEWAYS = ("router", "relay", "openrouter")


def find_via(text: str, request_id_kind: str | None = None) -> tuple[str, ...]:
    """Every hop the text shows, outermost first. A relay's own request id shows a relay even when its wording
    does not."""
    head = text[:40_000]
    found = {name for name, regex in _COMPILED if regex.search(head)}
    if request_id_kind == "relay" and not found.intersection(_GATEWAYS):
        found.add("relay")
    return tuple(name for name in _ORDER if name in found)
