"""Well-known error messages that change the diagnosis, and the values in them that feed the fix.

The families live where they come from: the Claude API's own wording here, the clients' in `client_messages`, the
clouds' in `cloud_messages`, the relays' in `relay_messages`. `MESSAGE_RULES` puts them in the order they are tried:
most specific first, loose wording ("rate limit", "overloaded") last and only on the error's own message.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from claude_doctor.catalog.client_messages import APP_RULES, CLAUDE_CODE_RULES, CLIENT_RULES, NETWORK_RULES
from claude_doctor.catalog.cloud_messages import BEDROCK_KEY_RULES, BEDROCK_RULES, VERTEX_RULES
from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.relay_messages import RELAY_RULES
from claude_doctor.catalog.rules import Found, MessageRule, Values, fold, number, try_rule
from claude_doctor.catalog.statuses import TYPE_ENTRIES, same_error
from claude_doctor.i18n import N_

__all__ = ["MESSAGE_RULES", "Found", "MessageRule", "find_family", "fold", "match_message"]

_TYPE = {entry.name: entry for entry in TYPE_ENTRIES}


def _prompt_too_long(m: re.Match[str]) -> Values:
    tokens, limit = int(m["a"]), int(m["b"])
    return {"tokens": number(tokens), "limit": number(limit), "cut": number(max(tokens - limit, 0))}


def _context_sum(m: re.Match[str]) -> Values:
    used, max_tokens, limit = int(m["a"]), int(m["b"]), int(m["c"])
    return {
        "input": number(used),
        "max_tokens": number(max_tokens),
        "limit": number(limit),
        "cut": number(max(used + max_tokens - limit, 0)),
        "new_max": number(max(limit - used, 0)),
    }


def _max_tokens(m: re.Match[str]) -> Values:
    return {"asked": number(int(m["a"])), "limit": number(int(m["b"]))}


def _model(m: re.Match[str]) -> Values:
    return {"model": m["a"].strip("'\"` .,")}


def _pixels(m: re.Match[str]) -> Values:
    return {"limit": number(int(m["a"]))}


def _field(m: re.Match[str]) -> Values:
    return {"field": m["field"]}


def _itpm(m: re.Match[str]) -> Values:
    return {"limit": m["limit"], "unit": m["unit"]}


# The Messages API's top-level request fields: its validation messages start with the path of the field at fault
# (`messages.1.content.0.text: Field required`), which a program's own pydantic error does not (it prints the path
# alone on a line, with no colon after it).
_API_FIELDS = (
    r"messages|system|tools|tool_choice|max_tokens|model|metadata|stop_sequences|temperature|top_p|top_k|thinking|"
    r"stream|prompt|mcp_servers|container|output_format|output_config|context_management|service_tier|"
    r"inference_geo|betas|documents"
)


_API_VERSION_FIX = (
    "Remove the field from the request: newer models, and API version 2026-10-21, do not accept it.",
    "If you cannot change the request, pin the header `anthropic-version: 2023-06-01` where the model still supports "
    "it (the Python SDK 2.x and TypeScript SDK 1.x send 2026-10-21 by default).",
)

API_RULES: tuple[MessageRule, ...] = (
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
                "The API sends this as HTTP 400 invalid_request_error rather than as a 402 billing_error: the cause is "
                "billing all the same.",
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
        ("organization has been disabled", "organization is disabled", "account has been disabled"),
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
        ("request not allowed",),
        Entry(
            "msg:request_not_allowed",
            "Request not allowed from here",
            "The API refused the request before looking at it; this 403 is typically sent to countries and regions "
            "Anthropic does not support (the address the request comes from counts).",
            "permission",
            False,
            (
                "Check that the machine (or its proxy or VPN exit) is in a supported country or region: "
                "https://www.anthropic.com/supported-countries",
            ),
            status=403,
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
        r"prompt is too long:\s?(?P<a>\d+)\s?tokens\s?>\s?(?P<b>\d+)",
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
        r"exceed context limit:\s?(?P<a>\d+)\s?\+\s?(?P<b>\d+)\s?>\s?(?P<c>\d+)",
        _context_sum,
        (
            "Input {input} + max_tokens {max_tokens} > {limit}: lower max_tokens to {new_max} or cut at least {cut} "
            "input tokens.",
        ),
    ),
    MessageRule(
        (
            "request size exceeds model context window",
            "input is too long for requested model",
            "prompt_too_long",
            "context_length_exceeded",
        ),
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
        r"max_tokens:\s?(?P<a>\d+)\s?>\s?(?P<b>\d+)",
        _max_tokens,
        ("max_tokens is {asked}; set it to at most {limit} for this model.",),
        require_pattern=True,
    ),
    MessageRule(
        ("oauth token has expired", "oauth token expired", "login expired"),
        Entry(
            "msg:oauth_expired",
            "OAuth token expired",
            "The Claude subscription (OAuth) access token has expired.",
            "oauth_token",
            False,
            ("Run `/login` in Claude Code again, or create a new long-lived token with `claude setup-token`.",),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        # The API sends "OAuth token has been revoked. Please obtain a new token." as a 403 permission_error, which
        # Claude Code prints as "OAuth token revoked · Please run /login"; "OAuth access token has been revoked" comes
        # with the 401 it shows.
        ("oauth token revoked", "oauth token has been revoked", "oauth access token has been revoked"),
        Entry(
            "msg:oauth_revoked",
            "OAuth token revoked",
            "The Claude subscription (OAuth) token was revoked, for example by logging out elsewhere.",
            "oauth_token",
            False,
            ("Run `/login` in Claude Code again, or create a new long-lived token with `claude setup-token`.",),
            status=403,
            error_type="permission_error",
        ),
    ),
    MessageRule(
        ("does not meet scope requirement",),
        Entry(
            "msg:oauth_scope",
            N_("Subscription login token without the scope for this request"),
            N_(
                "The OAuth token (a Claude subscription login) lacks the scope this request needs: tokens issued to "
                "Claude Code and Anthropic's apps are not for other programs' API calls."
            ),
            "wrong_credential",
            False,
            (
                N_("Use an API key (sk-ant-api03-…) from the Console for this program."),
                N_("In Claude Code, run `/login` again if this appeared after an update."),
            ),
            status=403,
            error_type="permission_error",
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
            (
                "Use an API key for other programs: create one in the Console, or ask whoever provides the credential "
                "(a relay's subscription account cannot serve other clients).",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("x-api-key header is required",),
        Entry(
            "msg:no_credential",
            "No credential sent",
            "The request carried no API key or token at all.",
            "invalid_key",
            False,
            (
                "Set ANTHROPIC_API_KEY in the environment the program runs in (a key in .env is read only by "
                "programs that load .env), or set the key in the app's provider settings.",
                "Run `claude-doctor check` to see which credentials are found and where.",
            ),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("invalid x-api-key", "invalid authentication credentials", "invalid bearer token"),
        same_error("authentication_error", "msg:invalid_key"),
    ),
    MessageRule(
        # "Invalid API key" is not the Messages API's wording but every client's and relay's (Claude Code's "Invalid
        # API key · Please run /login", LangChain's legacy RuntimeError, a Bedrock gateway's 403, relays' 401): it
        # means a refused key, and carries only the status the text shows.
        ("invalid api key",),
        replace(same_error("authentication_error", "msg:invalid_key_wording"), status=None, error_type=None),
    ),
    MessageRule(
        ("anthropic-dangerous-direct-browser-access",),
        Entry(
            "msg:cors_opt_in_missing",
            "Browser request without the CORS opt-in header",
            "A request straight from a browser must opt in with the `anthropic-dangerous-direct-browser-access` "
            "header; the key itself may be fine.",
            "invalid_request",
            False,
            (
                "Send requests from a server instead, so the key stays out of the browser.",
                "If the key is yours and the app is local, turn on the app's direct-browser option (the SDK's "
                "`dangerouslyAllowBrowser`), which sends the header.",
            ),
            status=401,
        ),
    ),
    MessageRule(
        ("anthropic-workspace-id header", "not scoped to a workspace"),
        Entry(
            "msg:workspace_id_required",
            "Workspace id header required for this key",
            "This API key is not tied to a workspace, so each request must name one in the `anthropic-workspace-id` "
            "header.",
            "invalid_request",
            False,
            ("Add the header `anthropic-workspace-id: <workspace id>`, or use a key created inside a workspace.",),
            status=400,
        ),
    ),
    MessageRule(
        ("anthropic-version: header is required", "anthropic-version header", "invalid anthropic-version"),
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
        ("for the `anthropic-beta` header", "for the anthropic-beta header"),
        Entry(
            "msg:beta_header_rejected",
            "Beta header not accepted here",
            "The `anthropic-beta` header names a beta this endpoint does not offer: betas differ between Anthropic's "
            "API, Bedrock and Vertex AI, and retired betas are refused.",
            "invalid_request",
            False,
            (
                "Drop that value from `anthropic-beta` (Claude Code: update it, or set "
                "CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 behind a gateway or cloud that refuses it).",
            ),
            status=400,
        ),
    ),
    MessageRule(
        ("is deprecated for this model", "cannot both be specified", "extra inputs are not permitted"),
        Entry(
            "msg:sampling_parameter_removed",
            "Sampling parameter not accepted",
            "The request sends `temperature`, `top_p` or `top_k` in a way this model or API version refuses: newer "
            "models accept only one of temperature and top_p, and API version 2026-10-21 (the default of the Python "
            "SDK 2.x and TypeScript SDK 1.x) removes them.",
            "invalid_request",
            False,
            _API_VERSION_FIX,
            status=400,
            error_type="invalid_request_error",
        ),
        r"['`\"]?(?P<field>temperature|top_p|top_k)['`\"]?(?::? extra inputs are not permitted| is deprecated"
        r"| and ['`\"]?(?:top_p|temperature)['`\"]? cannot both be specified)",
        _field,
        (
            "Remove `{field}` from the request: this model (and API version 2026-10-21) does not accept it; send at "
            "most one of temperature and top_p.",
            "If you cannot change the request, pin the header `anthropic-version: 2023-06-01` where the model still "
            "supports it (the Python SDK 2.x and TypeScript SDK 1.x send 2026-10-21 by default).",
        ),
        require_pattern=True,
    ),
    MessageRule(
        ("extra inputs are not permitted",),
        Entry(
            "msg:extra_field",
            "Field not accepted",
            "The request has a field the endpoint does not accept (a typo, a field of another API, or one removed in "
            "a newer API version).",
            "invalid_request",
            False,
            ("Remove the field named in the message from the request.",),
            status=400,
            error_type="invalid_request_error",
        ),
        r"(?P<field>[a-z0-9_.]{1,120}): extra inputs are not permitted",
        _field,
        (
            "Remove `{field}` from the request: the endpoint does not accept it.",
            "If the field comes from a library or proxy, update it or tell its maintainers.",
        ),
    ),
    MessageRule(
        ("output blocked by content filtering policy",),
        Entry(
            "msg:content_filtered",
            "Output blocked by the content filter",
            "The API stopped the response because its output matched the content filtering policy.",
            "invalid_request",
            None,
            (
                "The filter judges the answer the model generated, which differs from try to try: the same request "
                "may pass again. If it keeps failing, change the request so the answer does not reproduce the "
                "filtered content.",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("tool_use` ids were found without `tool_result", "tool_use ids were found without tool_result"),
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
        # The Messages API's checks of the conversation's shape (and Bedrock Converse's own wording of the same
        # checks): roles that must alternate and start with the user, content that must not be empty, a final
        # assistant turn (prefill) that a model refuses or that ends in white space.
        (
            "roles must alternate",
            "first message must use the",
            "unexpected role",
            "at least one message is required",
            "must have non-empty content",
            "content blocks must be non-empty",
            "content blocks must contain non-whitespace text",
            "final assistant content cannot end with trailing whitespace",
            "does not support assistant message prefill",
            "conversation must end with a user message",
            "a conversation must alternate between user and assistant roles",
            "a conversation must start with a user message",
        ),
        Entry(
            "msg:conversation_shape",
            N_("The conversation is not in a shape the API accepts"),
            N_(
                "The API refused the list of messages before reading it: turns must alternate between user and "
                "assistant and start with a user turn, no message or text block may be empty, and a final assistant "
                "turn may neither end in white space nor be sent to a model that refuses prefill."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Fix the messages the program sends: merge two turns of the same role, drop empty messages and "
                    "empty text blocks, and end with a user turn."
                ),
                N_(
                    "If an app or library builds the conversation (after a retry, an edit or a cancelled tool call), "
                    "start a new conversation and report the bug to its authors."
                ),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        # The other half of tool pairing, and tools that the request does not define.
        (
            "unexpected `tool_use_id` found in `tool_result`",
            "unexpected tool_use_id found in tool_result",
            "blocks must define tools",
            "tool_choice may only be specified while providing tools",
            "tool names must be unique",
        ),
        Entry(
            "msg:tool_definitions",
            N_("tool_result or tool_choice without the tools it refers to"),
            N_(
                "A tool_result answers a tool_use id that the previous assistant turn does not hold, or the request "
                "uses tool blocks or tool_choice without defining its tools (or defines two with one name)."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Send each tool_result right after the assistant turn whose tool_use it answers, and send the "
                    "`tools` list (with unique names) with every request that holds tool blocks or tool_choice."
                ),
                N_("When you trim history, drop tool_use and tool_result blocks in pairs."),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        # Extended thinking's rules: a budget of at least 1,024 tokens and below max_tokens, temperature 1, and the
        # previous turns' thinking blocks sent back unchanged and first.
        (
            "thinking.budget_tokens",
            "thinking.enabled.budget_tokens",
            "when thinking is enabled",
            "when `thinking` is enabled",
            "`thinking` or `redacted_thinking`",
            "thinking or redacted_thinking",
            "blocks in the latest assistant message cannot be modified",
        ),
        Entry(
            "msg:thinking_request",
            N_("Extended thinking settings or blocks not accepted"),
            N_(
                "With extended thinking on, budget_tokens must be at least 1,024 and below max_tokens, temperature "
                "must be 1, and the assistant turns must carry their thinking blocks back unchanged and first."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Set budget_tokens between 1,024 and max_tokens, leave temperature at 1 (or unset), and send "
                    "previous thinking blocks back exactly as received."
                ),
                N_("If an app or proxy rewrites the conversation, turn thinking off there or update it."),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("could not process image", "image does not match the provided media type", "the image was specified using"),
        Entry(
            "msg:image_unreadable",
            N_("An image the API cannot read"),
            N_("An image in the request is corrupt, or its data is not in the media type the request declares."),
            "invalid_request",
            False,
            (
                N_(
                    "Send JPEG, PNG, GIF or WebP images, with the media type that matches the data; re-encode or "
                    "remove the image."
                ),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        ("blocks with cache_control may be provided",),
        Entry(
            "msg:cache_control_limit",
            N_("Too many cache breakpoints"),
            N_("The request marks more blocks with cache_control than the API allows (four)."),
            "invalid_request",
            False,
            (N_("Keep at most four cache_control breakpoints per request."),),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        (
            "image dimensions exceed",
            "image exceeds",
            "image too large",
            "image is too large",
            # Claude Code's own rendering of the API's 400: "An image in the conversation exceeds the dimension limit
            # for many-image requests (2000px). Run /compact to remove old images from context, or start a new session."
            "exceeds the dimension limit",
        ),
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
        r"(?:max(?:imum)?[^0-9]{0,40}|dimension limit[^0-9]{0,40})(?P<a>\d{3,5})\s?(?:px|pixels)",
        _pixels,
        ("Scale each image so that neither side exceeds {limit} pixels, or remove it.",),
    ),
    MessageRule(
        # The API's checks of each field (pydantic's wording after the field's path): a required field missing, a
        # value of the wrong type or range, a string off its pattern, an unknown block type.
        (
            "field required",
            "input should be",
            "string should",
            "list should have",
            "input tag",
            "unable to extract tag",
            "json schema is invalid",
            "should be a valid",
        ),
        Entry(
            "msg:field_invalid",
            N_("A field of the request is missing or has a wrong value"),
            N_(
                "The API checked the request's fields and refused one: a required field is missing, or a value has "
                "the wrong type, range or pattern. The message names the field's path."
            ),
            "invalid_request",
            False,
            (N_("Fix the field that the message names, then send the request again."),),
            status=400,
            error_type="invalid_request_error",
        ),
        r"(?<![\w.])(?P<field>(?:" + _API_FIELDS + r")(?:\.[\w`$-]{1,64}){0,10}): (?:field required|input should be|"
        r"string should|list should have|input tag|unable to extract tag|json schema is invalid|value should|"
        r"[a-z ]{0,40}should be a valid)",
        _field,
        (
            N_("Fix `{field}` in the request: the API refused its value (or its absence)."),
            N_("If a library or proxy builds the request, update it or tell its maintainers, quoting the message."),
        ),
        require_pattern=True,
    ),
    MessageRule(
        ("request exceeds the maximum size", "request entity too large", "request too large"),
        same_error("request_too_large", "msg:request_too_large"),
    ),
    MessageRule(
        (
            "would exceed the rate limit",
            "would exceed your organization's rate limit",
            "exceeded your per-minute rate limit",
            "exceeded your daily rate limit",
            "exceeded your rate limit",
            "exceed your account's rate limit",
        ),
        same_error("rate_limit_error", "msg:rate_limit_org"),
        r"rate limit (?:for your organization (?:\([^)]{0,60}\) )?)?of (?P<limit>[\d,]{2,12}) (?P<unit>[a-z ]{4,40}?) "
        r"per minute",
        _itpm,
        (
            "The limit is {limit} {unit} per minute: wait for `retry-after` seconds (the SDKs honour it), then send "
            "less per minute.",
            "Use prompt caching (cached input tokens do not count toward input-tokens-per-minute limits on most "
            "models), lower concurrency, or ask for higher limits in the Console.",
        ),
    ),
    MessageRule(
        # A request URL that clients print with their error (Cherry Studio's 请求路径, the AI SDK's `url`, a
        # browser's console): the API's paths all start with /v1/, once. A base URL set without /v1 (for clients
        # that add only `/messages`) or with it (for clients that add `/v1/messages`) gives these.
        (
            "api.anthropic.com/messages",
            "api.anthropic.com/complete",
            "api.anthropic.com/models",
            "api.anthropic.com/chat/completions",
            "/v1/v1/",
        ),
        Entry(
            "msg:api_path_wrong",
            N_("The request went to a path the API does not have"),
            N_(
                "The request URL lacks the /v1 that every API path starts with, or has it twice: the base URL does "
                "not match what this client appends to it, so the answer is a not-found page, whatever the client "
                "calls it."
            ),
            "not_found",
            False,
            (
                N_(
                    "Set the base URL the way this client expects: most clients add `/v1/messages` to "
                    "`https://api.anthropic.com`, some add only `/messages` and need `https://api.anthropic.com/v1`."
                ),
            ),
        ),
        r"api\.anthropic\.com/(?:messages|complete|models|chat/completions)\b|/v1/v1/",
        require_pattern=True,
    ),
    MessageRule(
        ("servers are overloaded", "api is overloaded", "529 overloaded", "overloaded_error"),
        same_error("overloaded_error", "msg:overloaded_wording"),
    ),
    MessageRule(
        ("server error mid-response", "response stopped arriving", "computer went to sleep"),
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
        # A thinking block sent back whose signature the API cannot verify: "messages.1.content.0: Invalid
        # `signature` in `thinking` block" (Anthropic), "Invalid signature in thinking block" (Bedrock, Vertex AI).
        # The block was changed, or made by another model, account or backend (a relay that spreads a conversation
        # over accounts, a conversation moved between providers).
        ("signature` in `thinking` block", "signature in thinking block", "signature in `thinking` block"),
        Entry(
            "msg:thinking_signature_invalid",
            N_("A thinking block's signature is not valid"),
            N_(
                "A thinking block sent back in the conversation carries a signature the API cannot verify: the block "
                "was changed, or another model, account or provider made it."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Send thinking blocks back exactly as the same model and provider returned them, or start a new "
                    "conversation without the old ones (`/clear` in Claude Code)."
                ),
                N_(
                    "If a relay spreads one conversation over several accounts or providers, ask its operator to keep "
                    "a conversation on one account, or turn thinking off there."
                ),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        # The API could not parse the body at all: "The request body is not valid JSON: unexpected character: line
        # 1 column 1 (char 0)" (a client that sent an empty, truncated or wrongly encoded body).
        ("request body is not valid json",),
        Entry(
            "msg:body_not_json",
            N_("The request body is not valid JSON"),
            N_(
                "The API could not read the request body as JSON: the client sent an empty, cut-off or wrongly "
                "encoded body."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Update the client; if you build the request yourself, send the body as UTF-8 JSON with "
                    "Content-Type: application/json."
                ),
                N_("Behind a proxy or relay, check that it forwards the body unchanged."),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
)

# Loose wording: it counts only in the error's own message, and never against an error type that says otherwise.
LOOSE_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("overloaded",),
        same_error("overloaded_error", "msg:overloaded"),
        scope="message",
    ),
    MessageRule(
        ("tool_result",),
        Entry(
            "msg:tool_result",
            "tool_use and tool_result do not match",
            "The conversation's tool_use and tool_result blocks do not pair up.",
            "invalid_request",
            False,
            (
                "Answer every tool_use block with a tool_result block (same id) at the start of the next user turn.",
                "When you trim history, drop tool_use and tool_result blocks in pairs.",
            ),
            status=400,
            error_type="invalid_request_error",
        ),
        scope="message",
    ),
    MessageRule(
        ("model:", "model '", "model not found", "was not found"),
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
        # The API's `model: <id>`, alone or glued to a status (BoltAI's `404model: …`); not a field path's last part
        # (`tools.4.model: …`, a validation message) nor a word ending in "model" (`[utility-model:one-shot]`).
        r"(?:(?<![\w.-])|(?<=[^\w.-][1-5]\d\d))model(?::\s?|\s')(?P<a>[a-z0-9._:@/\-]+)",
        _model,
        (
            "`{model}` is not a model this key can use: list models with `GET /v1/models` (run `claude-doctor check`).",
            "Check ANTHROPIC_MODEL and the model names in your code or Claude Code settings.",
        ),
        scope="message",
        require_pattern=True,
    ),
    MessageRule(
        (
            "per-minute rate limit",
            "rate limit of",
            "rate_limit",
            "rate limit",
            "rate-limited",
            "ratelimiterror",
            "parallel request limit",
        ),
        same_error("rate_limit_error", "msg:rate_limit"),
        scope="message",
    ),
    MessageRule(
        ("internal server error",),
        same_error("api_error", "msg:internal_server_error"),
        scope="message",
    ),
    MessageRule(
        ("not found",),
        Entry(
            "msg:not_found_wording",
            "Not found",
            "The endpoint says the thing asked for does not exist: a model, a route or a configured provider.",
            "not_found",
            False,
            (
                "Check the model name and the base URL the client uses (a wrong path also answers not found).",
                "Behind a relay or gateway, check that it is configured for this provider and model.",
            ),
        ),
        scope="message",
    ),
)

# The order rules are tried in: specific families before general ones.
MESSAGE_RULES: tuple[MessageRule, ...] = (
    *NETWORK_RULES,
    *CLIENT_RULES,
    *BEDROCK_KEY_RULES,
    *RELAY_RULES,
    *BEDROCK_RULES,
    *VERTEX_RULES,
    *CLAUDE_CODE_RULES,
    *APP_RULES,
    *API_RULES,
    *LOOSE_RULES,
)

# The exact message "Overloaded" is the API's own word for a 529, whatever type it arrived with.
_OVERLOADED = frozenset({"overloaded", "overloaded."})


@cache
def _needles() -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Every needle once, with the rules it selects: one pass of substring tests instead of one per rule."""
    index: dict[str, list[int]] = {}
    for position, rule in enumerate(MESSAGE_RULES):
        for needle in rule.needles:
            index.setdefault(needle, []).append(position)
    return tuple((needle, tuple(rules)) for needle, rules in index.items())


@cache
def _matcher() -> Any:
    """All needles in one Aho-Corasick automaton (Rust), when the wheel is installed; else None and a loop of
    substring tests gives the same answer."""
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - the wheel is a declared dependency
        return None
    needles = [needle for needle, _ in _needles()]
    return ahocorasick_rs.AhoCorasick(needles, matchkind=ahocorasick_rs.MATCHKIND_STANDARD)


def warm() -> None:
    """Build the needle index and the matcher now (a rule's own pattern compiles when its needle first shows)."""
    _needles()
    _matcher()


def has_family_needle(text: str) -> bool:
    """Whether any message family's needle appears in the (folded) text."""
    folded = fold(text)
    matcher = _matcher()
    if matcher is not None:
        return bool(matcher.find_matches_as_indexes(folded, overlapping=False))
    return any(needle in folded for needle, _ in _needles())


def find_family(text: str | None, message: str | None, *, before_network: bool | None = None) -> Found | None:
    """The first family found: text-scope rules in the whole (folded) text, message-scope rules in the error's own
    message. `before_network` picks the rules tried before (True) or after (False) the network kinds; None: all."""
    folded_text = fold(text) if text else ""
    folded_message = fold(message) if message else ""
    if folded_message and folded_message not in folded_text:
        folded_text = f"{folded_text} {folded_message}"
    if not folded_text:
        return None
    selected: set[int] = set()
    fallback: Found | None = None
    index = _needles()
    matcher = _matcher()
    if matcher is not None:
        for found_needle, _start, _end in matcher.find_matches_as_indexes(folded_text, overlapping=True):
            selected.update(index[found_needle][1])
    else:
        for needle, rules in index:
            if needle in folded_text:
                selected.update(rules)
    for position in sorted(selected):
        rule = MESSAGE_RULES[position]
        if before_network is not None and rule.before_network != before_network:
            continue
        target = folded_message if rule.scope == "message" else folded_text
        if not target:
            continue
        found = try_rule(rule, target)
        if found is not None and rule.entry.key in _REASON_NOT_SHOWN:
            # A gateway that says only "the upstream failed" often prints the upstream's own message next to it (a
            # relay passing Anthropic's validation message through): a family that names the reason outranks it.
            fallback = fallback or found
            continue
        if found is not None:
            return found
    return fallback


# Families that say an error happened but not why: any other family found in the same paste says more.
_REASON_NOT_SHOWN = frozenset({"msg:gateway_upstream_failed"})


def is_exactly_overloaded(message: str | None) -> bool:
    return bool(message) and fold(message).strip() in _OVERLOADED  # type: ignore[arg-type]


def match_message(message: str | None) -> tuple[Entry, tuple[str, ...]] | None:
    """The first family in a message alone: its entry and its fix (with values when they were found)."""
    found = find_family(message, message)
    return (found.entry, found.fix) if found is not None else None
