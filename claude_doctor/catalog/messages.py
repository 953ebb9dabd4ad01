"""Well-known error messages that change the diagnosis, and the numbers in them that feed the fix.

Each rule is a plain substring test (cheap) optionally followed by one regex for numbers, so matching stays fast on
any input. Rules are tried in order; the first that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.statuses import TYPE_ENTRIES

_TYPE = {entry.name: entry for entry in TYPE_ENTRIES}

Numbers = dict[str, str]


def _n(value: int) -> str:
    return f"{value:,}"


def _prompt_too_long(m: re.Match[str]) -> Numbers:
    tokens, limit = int(m["a"]), int(m["b"])
    return {"tokens": _n(tokens), "limit": _n(limit), "cut": _n(max(tokens - limit, 0))}


def _context_sum(m: re.Match[str]) -> Numbers:
    used, max_tokens, limit = int(m["a"]), int(m["b"]), int(m["c"])
    return {
        "input": _n(used),
        "max_tokens": _n(max_tokens),
        "limit": _n(limit),
        "cut": _n(max(used + max_tokens - limit, 0)),
        "new_max": _n(max(limit - used, 0)),
    }


def _max_tokens(m: re.Match[str]) -> Numbers:
    return {"asked": _n(int(m["a"])), "limit": _n(int(m["b"]))}


def _model(m: re.Match[str]) -> Numbers:
    return {"model": m["a"].strip("'\"` ")}


def _pixels(m: re.Match[str]) -> Numbers:
    return {"limit": _n(int(m["a"]))}


@dataclass(frozen=True)
class MessageRule:
    needles: tuple[str, ...]  # lower-case substrings; any one selects the rule
    entry: Entry
    pattern: str | None = None  # regex (case-insensitive) whose named groups feed `numbers`
    numbers: Callable[[re.Match[str]], Numbers] | None = None
    fix_with_numbers: tuple[str, ...] = ()  # used instead of entry.fix when the pattern matched

    @property
    def regex(self) -> re.Pattern[str] | None:
        return None if self.pattern is None else _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_LOGIN = "Run `claude /login` again (Claude Code), or create a new token with `claude setup-token`."

MESSAGE_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("credit balance is too low", "credit balance too low"),
        Entry(
            "msg:credit_balance_too_low",
            "Credit balance too low",
            "The organization's prepaid credits are used up, so the API refuses requests.",
            "billing",
            False,
            (
                "Buy credits or turn on auto-reload in Plans & Billing: https://platform.claude.com/settings/billing",
                "If you meant to use a Claude subscription in Claude Code, unset ANTHROPIC_API_KEY: a stray key "
                "overrides the subscription login.",
            ),
            status=400,
            error_type="invalid_request_error",
            notes=(
                "Observed as HTTP 400 invalid_request_error, although the docs define 402 billing_error for billing "
                "problems: both are handled.",
            ),
        ),
    ),
    MessageRule(
        ("specified api usage limits", "specified workspace api usage limits", "reached your specified"),
        Entry(
            "msg:user_spend_limit",
            "Your own spend limit reached",
            "The organization or workspace reached the monthly spend limit that you set in the Console.",
            "billing",
            False,
            (
                "Raise the limit in the Console (Settings → Limits, or the workspace's limits), or wait for the "
                "date in the message.",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("organization has been disabled", "organization is disabled"),
        Entry(
            "msg:organization_disabled",
            "Organization disabled",
            "The organization that owns this key has been disabled.",
            "permission",
            False,
            (
                "Check the Console for a notice about the organization, or contact Anthropic support.",
                "In Claude Code, a stray ANTHROPIC_API_KEY from an old organization can cause this: unset it to use "
                "your subscription.",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("prompt is too long",),
        Entry(
            "msg:prompt_too_long",
            "Prompt too long for the context window",
            "The input alone is over the model's context window.",
            "context_too_long",
            False,
            ("Cut the input (older turns, tool results, documents), or summarise earlier conversation.",),
            status=400,
            error_type="invalid_request_error",
        ),
        r"prompt is too long:\s*(?P<a>\d+)\s*tokens\s*>\s*(?P<b>\d+)",
        _prompt_too_long,
        (
            "The prompt has {tokens} tokens; the limit is {limit}. Cut at least {cut} input tokens.",
            "Drop or summarise older turns and large tool results; count tokens first with "
            "`POST /v1/messages/count_tokens`.",
        ),
    ),
    MessageRule(
        ("exceed context limit",),
        Entry(
            "msg:context_limit_sum",
            "Input plus max_tokens over the context window",
            "Input tokens plus `max_tokens` exceed the model's context window.",
            "context_too_long",
            False,
            ("Lower `max_tokens` or cut the input.",),
            status=400,
            error_type="invalid_request_error",
            notes=(
                "Newer models (Sonnet 4.5 and later) end such a request with stop_reason "
                "`model_context_window_exceeded` (HTTP 200) instead of this 400.",
            ),
        ),
        r"exceed context limit:\s*(?P<a>\d+)\s*\+\s*(?P<b>\d+)\s*>\s*(?P<c>\d+)",
        _context_sum,
        (
            "Input {input} + max_tokens {max_tokens} > {limit}: lower max_tokens to {new_max} or cut at least {cut} "
            "input tokens.",
        ),
    ),
    MessageRule(
        ("request size exceeds model context window", "input is too long for requested model", "prompt_too_long"),
        Entry(
            "msg:context_window",
            "Request over the model's context window",
            "The request does not fit the model's context window.",
            "context_too_long",
            False,
            ("Cut the input or lower `max_tokens`; count tokens first with `POST /v1/messages/count_tokens`.",),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("context limit reached",),
        Entry(
            "msg:claude_code_context_limit",
            "Claude Code: context limit reached",
            "The conversation filled the model's context window.",
            "context_too_long",
            False,
            ("Run `/compact` to summarise the conversation, or `/clear` to start over.",),
        ),
    ),
    MessageRule(
        ("max_tokens:",),
        Entry(
            "msg:max_tokens_over_limit",
            "max_tokens over the model's output limit",
            "`max_tokens` is larger than the most this model can generate.",
            "invalid_request",
            False,
            ("Lower `max_tokens` to the model's output limit.",),
            status=400,
            error_type="invalid_request_error",
        ),
        r"max_tokens:\s*(?P<a>\d+)\s*>\s*(?P<b>\d+)",
        _max_tokens,
        ("max_tokens is {asked}; set it to at most {limit} for this model.",),
    ),
    MessageRule(
        ("oauth token has expired", "oauth token expired", "token has expired", "login expired"),
        Entry(
            "msg:oauth_expired",
            "OAuth token expired",
            "The Claude subscription (OAuth) access token has expired.",
            "oauth_token",
            False,
            (_LOGIN,),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("oauth token revoked", "token has been revoked", "oauth token has been revoked"),
        Entry(
            "msg:oauth_revoked",
            "OAuth token revoked",
            "The Claude subscription (OAuth) token was revoked, for example by logging out elsewhere.",
            "oauth_token",
            False,
            (_LOGIN,),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("oauth authentication is currently not supported",),
        Entry(
            "msg:oauth_not_supported",
            "OAuth token sent where an API key is needed",
            "An OAuth (subscription) token was sent to an endpoint or in a way that does not accept it.",
            "wrong_credential",
            False,
            (
                "Use an API key (sk-ant-api03-…) from the Console for direct API calls.",
                "OAuth tokens (sk-ant-oat01-…) are meant for Claude Code and Anthropic's own apps.",
            ),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("only authorized for use with claude code",),
        Entry(
            "msg:claude_code_only",
            "Credential only valid for Claude Code",
            "This credential may only be used by Claude Code, not by other programs.",
            "wrong_credential",
            False,
            ("Create an API key in the Console for your own programs.",),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("x-api-key header is required", "not logged in", "could not resolve authentication method"),
        Entry(
            "msg:no_credential",
            "No credential sent",
            "The request carried no API key or token at all.",
            "invalid_key",
            False,
            (
                "Set ANTHROPIC_API_KEY in the environment the program runs in (a key in .env is read only by "
                "programs that load .env).",
                "Run `claude-doctor check` to see which credentials are found and where.",
            ),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("invalid x-api-key", "invalid api key", "invalid authentication credentials", "fix external api key"),
        Entry(
            "msg:invalid_key",
            "API key not accepted",
            "The key is wrong, truncated, revoked, or belongs to another kind of credential.",
            "invalid_key",
            False,
            (
                "Run `claude-doctor check` to lint the key (whitespace, quotes, wrong prefix) and see where it comes "
                "from.",
                "Create a new key at https://platform.claude.com/settings/keys if it was revoked.",
                "An OAuth token (sk-ant-oat01-) is not an API key: do not send it as x-api-key.",
            ),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("anthropic-version", "anthropic version"),
        Entry(
            "msg:missing_version",
            "anthropic-version header missing or invalid",
            "Every request must carry an `anthropic-version` header, such as `2023-06-01`.",
            "invalid_request",
            False,
            ("Add the header `anthropic-version: 2023-06-01`, or use an official SDK, which sends it.",),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("tool_use` ids were found without `tool_result", "tool_use ids were found without tool_result", "tool_result"),
        Entry(
            "msg:tool_result_missing",
            "tool_use without a matching tool_result",
            "An assistant turn used a tool, but the next user turn does not answer every tool_use id.",
            "invalid_request",
            False,
            (
                "Answer every tool_use block with a tool_result block (same id) at the start of the next user turn.",
                "When you trim history, drop tool_use and tool_result blocks in pairs.",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("image dimensions exceed", "image exceeds", "image too large", "image is too large"),
        Entry(
            "msg:image_too_large",
            "Image too large",
            "An image is over the size or dimension limit.",
            "invalid_request",
            False,
            ("Scale images down (at most 8000 px per side, less when many images are sent) or remove them.",),
            status=400,
            error_type="invalid_request_error",
        ),
        r"(?:max(?:imum)?[^0-9]{0,40})(?P<a>\d{3,5})\s*(?:px|pixels)",
        _pixels,
        ("Scale each image so that neither side exceeds {limit} pixels, or remove it.",),
    ),
    MessageRule(
        ("there's an issue with the selected model", "model:", "model '", "model not found"),
        Entry(
            "msg:model_not_found",
            "Model not found or not available to this key",
            "The model id is wrong, retired, or not enabled for this organization.",
            "not_found",
            False,
            (
                "List the models this key can use with `GET /v1/models` (run `claude-doctor check`).",
                "Check ANTHROPIC_MODEL and the model names in your code or Claude Code settings.",
            ),
            status=404,
            error_type="not_found_error",
        ),
        r"model(?::\s*|\s+')(?P<a>[A-Za-z0-9._:@/\-]+)",
        _model,
        (
            "`{model}` is not a model this key can use: list models with `GET /v1/models` (run `claude-doctor check`).",
            "Check ANTHROPIC_MODEL and the model names in your code or Claude Code settings.",
        ),
    ),
    MessageRule(
        ("not available with the claude pro plan", "hit your session limit", "hit your weekly limit", "opus limit"),
        Entry(
            "msg:plan_limit",
            "Claude plan limit",
            "The Claude subscription's usage limit or model access was reached for now.",
            "rate_limited",
            True,
            ("Wait until the reset time shown, switch to a model your plan includes, or use an API key.",),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        ("request exceeds the maximum size", "request entity too large", "request too large"),
        replace(_TYPE["request_too_large"], key="msg:request_too_large", notes=()),
    ),
    MessageRule(
        ("per-minute rate limit", "rate limit of", "rate_limit", "rate limit"),
        Entry(
            "msg:rate_limit",
            "Rate limited",
            "A per-minute limit on requests or tokens was exceeded.",
            "rate_limited",
            True,
            (
                "Wait for `retry-after` seconds; the SDKs honour it.",
                "Lower concurrency or tokens per minute; use prompt caching; ask for higher limits in the Console.",
            ),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        ("temporarily limiting requests",),
        Entry(
            "msg:server_throttle",
            "Server is temporarily limiting requests",
            "Anthropic is throttling traffic for a moment; this is not your usage limit.",
            "rate_limited",
            True,
            ("Wait and retry; Claude Code retries this on its own.",),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        ("overloaded",),
        Entry(
            "msg:overloaded",
            "API overloaded",
            "The API is temporarily overloaded across all users; not a quota problem.",
            "overloaded",
            True,
            ("Retry with exponential backoff.", "Check https://status.claude.com for an ongoing incident."),
            status=529,
            error_type="overloaded_error",
        ),
    ),
    MessageRule(
        ("server error mid-response", "response stopped arriving", "connection lost", "computer went to sleep"),
        Entry(
            "msg:stream_interrupted",
            "Response cut off mid-stream",
            "The connection or stream ended before the response was complete.",
            "stream_interrupted",
            True,
            (
                "Send the request again; the partial output may be incomplete.",
                "If it happens often, check proxies and idle timeouts on the path.",
            ),
        ),
    ),
    MessageRule(
        ("internal server error",),
        Entry(
            "msg:internal_server_error",
            "Internal server error",
            "An unexpected error inside Anthropic's systems.",
            "server_error",
            True,
            ("Retry with backoff.", "Check https://status.claude.com for an ongoing incident."),
            status=500,
            error_type="api_error",
        ),
    ),
)


def match_message(message: str | None) -> tuple[Entry, tuple[str, ...]] | None:
    """The first rule whose needle is in the message: its entry and its fix (with numbers when they were found)."""
    if not message:
        return None
    lowered = message[:20_000].lower()
    for rule in MESSAGE_RULES:
        if not any(needle in lowered for needle in rule.needles):
            continue
        regex = rule.regex
        if regex is not None and rule.numbers is not None:
            found = regex.search(message[:20_000])
            if found:
                values = rule.numbers(found)
                return rule.entry, tuple(step.format(**values) for step in rule.fix_with_numbers)
            if rule.entry.key == "msg:max_tokens_over_limit" or rule.entry.key == "msg:model_not_found":
                # These needles are too loose to stand alone: without the numbers or the id they are not the case.
                if "there's an issue with the selected model" in lowered or "model not found" in lowered:
                    return rule.entry, rule.entry.fix
                continue
        return rule.entry, rule.entry.fix
    return None
