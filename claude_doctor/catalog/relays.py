"""Relays (third-party gateways in front of Claude: new-api, one-api, one-hub, LiteLLM, claude-relay-service, sub2api,
OpenRouter…): how each one gives itself away, and what to do about an error a relay returned. Pure data and lookups.

Fingerprints are from the relays' public sources and threads: one-api's `RequestIdKey = "X-Oneapi-Request-Id"`
(songquanpeng/one-api `common/constants.go`, kept by its forks), new-api's `X-New-Api-Version`, LiteLLM's
`x-litellm-version` / `x-litellm-call-id` response headers, the `new_api_error` / `one_api_error` / `one_hub_error`
error types (QuantumNous/new-api#991, MartialBE/one-hub#318), and the messages in tests/decode/realworld/relay.json.
A relay's errors are its own (a token it issued, its balance, its channels), or its upstream's passed on: either way
only the relay's owner can act on them, so the fixes speak to the relay, never to platform.claude.com or
status.claude.com.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from claude_doctor.i18n import N_

# (where to look, what to find, the software it shows): headers by name (lower case), then the body's text.
_HEADER_SIGNS: Final[tuple[tuple[str, str], ...]] = (
    ("x-new-api-version", "new-api"),
    ("x-litellm-version", "LiteLLM"),
    ("x-litellm-call-id", "LiteLLM"),
    ("x-oneapi-request-id", "one-api (or a fork: new-api, one-hub)"),
)
_BODY_SIGNS: Final[tuple[tuple[str, str], ...]] = (
    ('"new_api_error"', "new-api"),
    ('"one_hub_error"', "one-hub"),
    ('"one_api_error"', "one-api"),
    ("No available Claude accounts", "claude-relay-service"),
    ("No available accounts", "sub2api"),
    ("litellm", "LiteLLM"),
    ("openrouter", "OpenRouter"),
    ("(request id: ", "one-api (or a fork: new-api, one-hub)"),
)

# What to do, by the category of the error a relay returned.
RELAY_FIXES: Final[dict[str, tuple[str, ...]]] = {
    "invalid_key": (
        N_(
            "The relay rejected the token. Use a token issued by this relay (its console's token list), not an "
            "Anthropic key; check that it is enabled and not expired."
        ),
        N_("If the token is right, ask the relay's operator: the relay's own upstream key may have been revoked."),
    ),
    "wrong_credential": (N_("Use the token this relay issued you; ask its operator which header it expects."),),
    "billing": (N_("Top up your balance or quota at the relay: this is the relay's account, not Anthropic's."),),
    "permission": (
        N_(
            "The relay's token or group does not allow this model or this client: check the token's group and model "
            "list in the relay's console, or ask its operator."
        ),
    ),
    "not_found": (
        N_(
            "The relay has no channel for this model: use a model name from the relay's own model list, or ask its "
            "operator to add one."
        ),
    ),
    "rate_limited": (N_("The relay's own limit: wait and retry, or ask its operator for a higher one."),),
    "overloaded": (
        N_(
            "The relay's upstream is saturated: retry later, or ask its operator; status.claude.com does not cover "
            "the relay."
        ),
    ),
    "server_error": (
        N_(
            "The relay failed or has no working upstream right now: retry later, or ask its operator; "
            "status.claude.com does not cover the relay."
        ),
    ),
    "timeout": (N_("The relay's upstream did not answer in time: retry later, or ask its operator."),),
}
RELAY_FALLBACK_FIX: Final = N_("The error came from the relay: look at its logs or ask its operator.")
# What a relay's own error is, by category, in place of the API status's title.
RELAY_TITLES: Final[dict[str, str]] = {
    "invalid_key": N_("the relay does not accept this token"),
    "permission": N_("the relay does not allow this model or client for this token"),
    "not_found": N_("the relay has no channel for this model"),
    "billing": N_("the relay's balance or quota is used up"),
    "overloaded": N_("the relay's upstream is saturated"),
    "rate_limited": N_("the relay's own rate limit"),
    "server_error": N_("the relay has no working upstream right now"),
}

# A relay's own words, and what they mean: (needle, category, retryable). Needles from relay.json's public threads.
_RELAY_MESSAGES: Final[tuple[tuple[str, str, bool], ...]] = (
    ("无可用渠道", "not_found", False),  # no channel for this model in the token's group
    ("no available channel", "not_found", False),
    ("model_not_found", "not_found", False),
    ("上游负载已饱和", "overloaded", True),  # the group's upstream is saturated: wait
    ("无效的令牌", "invalid_key", False),
    ("该令牌状态不可用", "invalid_key", False),
    ("令牌无权访问模型", "permission", False),
    ("only allows claude code clients", "permission", False),
    # An account pool with none for a named model (the relay does not offer it), before the pool-down wording.
    ("support the requested model", "not_found", False),
    ("accounts supporting model", "not_found", False),
    ("预扣费额度失败", "billing", False),
    ("额度不足", "billing", False),
    ("insufficient account balance", "billing", False),
    ("no available claude accounts", "server_error", True),
    ("no available accounts", "server_error", True),
)


def relay_meaning(message: str) -> tuple[str, bool] | None:
    """(category, retryable) of a relay's own message, when it is one this catalog knows."""
    lowered = message.lower()
    for needle, category, retryable in _RELAY_MESSAGES:
        if needle.lower() in lowered:
            return category, retryable
    return None


def identify_relay(headers: Mapping[str, str], body: str) -> tuple[str, str] | None:
    """(software, the sign it showed) when an answer tells which relay software sent it; None when it does not."""
    lowered = {name.lower(): value for name, value in headers.items()}
    for name, software in _HEADER_SIGNS:
        if name in lowered:
            return software, f"{name}: {lowered[name][:40]}"
    sample = body[:20000]
    for needle, software in _BODY_SIGNS:
        if needle.lower() in sample.lower():
            return software, needle.strip('"(: ')
    return None


def relay_title(category: str) -> str | None:
    return RELAY_TITLES.get(category)


def relay_fixes(category: str) -> tuple[str, ...]:
    return RELAY_FIXES.get(category, (RELAY_FALLBACK_FIX,))
