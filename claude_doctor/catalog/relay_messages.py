"""Message families of relays and gateways in front of Claude: new-api, one-api, one-hub, claude-relay-service,
sub2api, OpenRouter, LiteLLM proxy, claude-code-router and their kin, in English and Chinese.

Each says whose problem it is: the relay's upstream, your balance or quota at the relay, your relay token, the
relay's configuration, or Anthropic's API behind it. None sends a relay user to Anthropic's Console: a relay token is
not an Anthropic key.
"""

from __future__ import annotations

import re

from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.rules import MessageRule, Values
from claude_doctor.i18n import N_

_OPERATOR = "If it persists, tell the relay's operator and quote the request id."
_RELAY_CONSOLE = (
    "Open the relay's console (the site that gave you the token) and check the token: enabled, not expired, with "
    "quota left, and copied whole."
)


def _model(m: re.Match[str]) -> Values:
    return {"model": m["model"]}


RELAY_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("上游负载已饱和", "upstream load of the current group is saturated", "upstream_load_saturated"),
        Entry(
            "msg:relay_upstream_saturated",
            "The relay's upstream is saturated",
            "The relay got a 429 from its upstream (Anthropic or another relay) for your group and passes it on as "
            "upstream load saturated (当前分组上游负载已饱和): capacity behind the relay, not your own quota.",
            "overloaded",
            True,
            (
                "Wait a little and retry; lower your concurrency.",
                "If it lasts, ask the relay's operator to add capacity for your group, or switch to another group.",
            ),
            status=429,
        ),
    ),
    MessageRule(
        ("rate_limit_check_failed",),
        Entry(
            "msg:relay_rate_limit_check_failed",
            "The relay's own rate-limit check failed",
            "The relay failed internally while checking its rate limits (often its Redis); this is not a rate limit "
            "you hit.",
            "server_error",
            True,
            ("Retry in a moment.", _OPERATOR),
            status=500,
        ),
    ),
    MessageRule(
        ("无可用渠道", "no available channel"),
        Entry(
            "msg:relay_no_channel",
            "The relay has no channel for this model",
            "The relay has no working channel that serves this model name in your group: the name is not one it "
            "offers, or every channel for it is disabled.",
            "not_found",
            False,
            (
                "Check the model name against the relay's model list (GET /v1/models with your relay token), and use "
                "one it offers.",
                "If the model used to work, the relay's channels for it are down or disabled: tell the relay's "
                "operator and quote the request id.",
            ),
        ),
        r"(?:模型|model) (?P<model>[a-z0-9][a-z0-9._:/@-]{1,100}) (?:无可用渠道|计费模式|under group)",
        _model,
        (
            "The relay offers no channel for `{model}` in your group: use a model name from its list (GET /v1/models "
            "with your relay token).",
            "If the model used to work, the relay's channels for it are down or disabled: tell the relay's operator "
            "and quote the request id.",
        ),
    ),
    MessageRule(
        ("没有可用的 provider", "没有可用的provider", "no available provider", "channel not implemented"),
        Entry(
            "msg:relay_no_provider",
            "The gateway has no provider for this request",
            "The gateway has no provider configured that can serve this model or this kind of request "
            "(streaming or not).",
            "not_found",
            False,
            (
                "Use a model (and streaming mode) the gateway is configured for, or ask its operator to add a "
                "provider for it.",
            ),
        ),
    ),
    MessageRule(
        ("only allows claude code clients", "only accepts requests from claude code", "client not allowed"),
        Entry(
            "msg:relay_claude_code_only",
            "This relay group serves Claude Code only",
            "The relay's group (or its subscription accounts) accepts requests only from Claude Code, and refused "
            "this client.",
            "permission",
            False,
            ("Use the group from Claude Code, or ask the relay's operator for a group open to API clients.",),
        ),
    ),
    MessageRule(
        # claude-relay-service: "No available Claude accounts support the requested model: X"; sub2api: "no
        # available accounts supporting model: X" (and its OpenAI and Gemini pools alike).
        ("support the requested model", "accounts supporting model"),
        Entry(
            "msg:relay_no_account_for_model",
            N_("The relay has no account for this model"),
            N_(
                "The relay has no upstream account it may use for this model name: none of its accounts offers it to "
                "you (or every one that does is paused). Its operator, or another model, fixes it; waiting does not."
            ),
            "not_found",
            False,
            (
                N_("Use a model name the relay offers (its model list, or GET /v1/models with your relay token)."),
                N_("If the model used to work, tell the relay's operator: its accounts for it are paused or gone."),
            ),
        ),
        r"(?:support the requested model|accounts supporting model):? (?P<model>[a-z0-9][a-z0-9._:/@-]{1,100})",
        _model,
        (
            N_(
                "The relay has no account for `{model}`: use a model name it offers (GET /v1/models with your relay "
                "token)."
            ),
            N_("If the model used to work, tell the relay's operator: its accounts for it are paused or gone."),
        ),
    ),
    MessageRule(
        # The account pool of claude-relay-service, sub2api, Antigravity-Manager and their kin, with no model named:
        # every upstream account is rate-limited, cooling down or unhealthy, and the pool recovers.
        (
            "no available claude accounts",
            "no available accounts",
            "no auth available",
            "all accounts failed or unhealthy",
            "no schedulable account",
            "have reached their concurrency limit",
            "dedicated claude account is unavailable",
            "session binding account unavailable",
        ),
        Entry(
            "msg:relay_no_account",
            "The relay has no upstream account free right now",
            "Every upstream account in the relay's pool is rate-limited, cooling down or unhealthy, so it has none "
            "to send this request to. The pool recovers on its own.",
            "server_error",
            True,
            (
                "Retry in a little while: the relay's accounts come back when their cool-down ends.",
                "If it never clears, tell the relay's operator: its whole pool is down.",
            ),
        ),
    ),
    MessageRule(
        ("无效的令牌", "未提供令牌", "令牌验证失败", "invalid proxy server token", "no auth credentials found"),
        Entry(
            "msg:relay_invalid_token",
            "The relay rejected your token",
            "The relay does not recognise the token you sent (无效的令牌). This is a relay token, not an Anthropic "
            "key.",
            "invalid_key",
            False,
            (
                _RELAY_CONSOLE,
                "Send it the way the relay reads it: as Authorization: Bearer (Claude Code: ANTHROPIC_AUTH_TOKEN) or "
                "as x-api-key (Claude Code: ANTHROPIC_API_KEY); some relays read only one of them.",
            ),
            status=401,
        ),
    ),
    MessageRule(
        ("该令牌状态不可用", "该令牌已过期", "令牌已过期", "令牌已被禁用"),
        Entry(
            "msg:relay_token_unusable",
            "Your relay token is disabled or expired",
            "The relay knows the token but will not accept it: it is disabled, expired or used up in the relay's "
            "console.",
            "invalid_key",
            False,
            (_RELAY_CONSOLE, "Create a new token there if this one cannot be re-enabled."),
            status=401,
        ),
    ),
    MessageRule(
        (
            "预扣费额度失败",
            "用户额度不足",
            "令牌额度不足",
            "额度已用尽",
            "余额不足",
            "insufficient_quota",
            "exceeded your current quota",
            "budget has been exceeded",
            "exceededbudget",
            "over budget",
            "insufficient_user_quota",
            "user quota is not enough",
            "token quota is not enough",
            "insufficient account balance",
            "insufficient balance",
        ),
        Entry(
            "msg:relay_quota_used_up",
            "Your balance at the relay is used up",
            "Your token's or account's quota at the relay cannot cover this request (the relay reserves the request's "
            "largest possible cost first). Anthropic's billing is not involved.",
            "billing",
            False,
            (
                "Top up your balance in the relay's console, or raise the token's quota there.",
                "Lowering max_tokens shrinks the amount the relay reserves for each request.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("无权使用模型", "无权访问模型"),
        Entry(
            "msg:relay_token_model_denied",
            "Your relay token may not use this model",
            "The relay token is limited to other models.",
            "permission",
            False,
            ("Allow this model for the token in the relay's console, or use a token (or model) that is allowed.",),
            status=403,
        ),
    ),
    MessageRule(
        ("只能在指定网段使用", "用户已被封禁", "普通用户不支持指定渠道"),
        Entry(
            "msg:relay_access_denied",
            "The relay refused this user or address",
            "The relay's rules refuse this request: the token is bound to other IP addresses, or the user is banned "
            "or may not pick a channel.",
            "permission",
            False,
            ("Check the token's and the user's settings in the relay's console, or ask its operator.",),
            status=403,
        ),
    ),
    MessageRule(
        ("没有等到上游服务器的回应", "上游服务器响应超时", "upstream request timeout"),
        Entry(
            "msg:relay_gateway_timeout",
            "The relay's upstream did not answer in time",
            "The relay waited for its upstream and gave up (a gateway timeout).",
            "timeout",
            True,
            ("Retry; stream long requests so data keeps flowing through the relay.", _OPERATOR),
            status=504,
        ),
    ),
    MessageRule(
        ("panic detected, error:",),
        Entry(
            "msg:relay_panic",
            "The relay crashed on this request",
            "The relay hit a bug (a Go panic) while handling the request and recovered with a 500. The same request "
            "may crash it again.",
            "server_error",
            None,
            (
                "Check the request for odd values (empty or placeholder parameters), and retry once.",
                "Tell the relay's operator, with the time of the failure.",
            ),
            status=500,
        ),
    ),
    MessageRule(
        ("upstream request failed",),
        Entry(
            "msg:gateway_upstream_failed",
            "The gateway's upstream call failed, reason not shown",
            "The gateway reports only that its call to the upstream provider failed; the provider's own answer is not "
            "shown, so the cause is unknown.",
            "unknown",
            None,
            ("Look in the gateway's logs for the provider's answer, or ask its operator.",),
        ),
        r"upstream request failed(?!: ?\S)",
        require_pattern=True,
    ),
    MessageRule(
        (
            "requires more credits",
            "insufficient credits",
            "never purchased credits",
            "can only afford",
            "no credits remaining",
            "out of credits",
        ),
        Entry(
            "msg:gateway_credits",
            "Not enough credits at the gateway",
            "The gateway account's credit balance cannot cover this request; Anthropic's billing is not involved.",
            "billing",
            False,
            (
                "Add credits on the gateway's billing page (OpenRouter: https://openrouter.ai/settings/credits).",
                "Lowering max_tokens lowers what a single request needs.",
            ),
            status=402,
        ),
    ),
    MessageRule(
        ("no endpoints available that support", "no endpoints found that support"),
        Entry(
            "msg:openrouter_no_endpoint_feature",
            "No provider behind the router supports this feature",
            "The router found no provider endpoint for this model that supports a feature the request uses (a beta "
            "header, a tool or a parameter).",
            "invalid_request",
            False,
            ("Drop the feature from the request, or route to the provider that supports it (Anthropic directly).",),
            status=400,
        ),
    ),
    MessageRule(
        ("no endpoints found for",),
        Entry(
            "msg:openrouter_no_endpoint_model",
            "No provider behind the router serves this model",
            "The router knows no endpoint for this model name.",
            "not_found",
            False,
            ("Check the model slug on the router's models page and use one it serves.",),
            status=404,
        ),
    ),
    MessageRule(
        ("invalid model name passed in model=", "invalid model name"),
        Entry(
            "msg:gateway_invalid_model_name",
            "The gateway has no deployment for this model name",
            "The proxy does not serve the model name sent: it is not in its model list or configuration.",
            "not_found",
            False,
            ("Call GET /v1/models on the proxy with your key, and use a model name it lists.",),
        ),
    ),
    MessageRule(
        ('"model_not_found"', "'model_not_found'", "does not exist or you do not have access to it"),
        Entry(
            "msg:endpoint_model_not_found",
            "The endpoint does not offer this model",
            "The OpenAI-compatible endpoint (often a relay) has no model by this name for your key.",
            "not_found",
            False,
            ("List the models the endpoint offers (GET /v1/models with your key) and use one of those names.",),
        ),
    ),
    MessageRule(
        ("model is not supported for", "model not supported"),
        Entry(
            "msg:relay_model_not_supported",
            "The relay does not offer this model here",
            "The relay's route does not serve this model name.",
            "not_found",
            False,
            ("Use a model the relay lists for this route, or the route it documents for this model.",),
        ),
    ),
    MessageRule(
        ("invalid url (post /v1/messages)", "invalid url (post /v1/messages?"),
        Entry(
            "msg:relay_no_messages_route",
            "The endpoint has no /v1/messages route",
            "The base URL points at an OpenAI-style endpoint that does not serve Anthropic's Messages API.",
            "not_found",
            False,
            (
                "Set the client's base URL to the relay's Anthropic-compatible address, or switch the client to its "
                "OpenAI-compatible provider for this endpoint.",
            ),
            status=404,
        ),
    ),
    MessageRule(
        ("incorrect api key provided", '"invalid_api_key"', "'invalid_api_key'"),
        Entry(
            "msg:openai_style_invalid_key",
            "The endpoint rejected the API key",
            "An OpenAI-compatible endpoint (often a relay) did not accept the key sent. Apps that speak Anthropic's "
            "API "
            "send it as x-api-key, which some OpenAI-style relays do not read.",
            "invalid_key",
            False,
            (
                "Check the key against the endpoint it belongs to: a relay's key works only at that relay.",
                "If the key is right, the relay may read only `Authorization: Bearer`: use the app's OpenAI-compatible "
                "provider for this endpoint, or a relay that accepts x-api-key.",
            ),
            status=401,
        ),
    ),
    MessageRule(
        ("'choices'",),
        Entry(
            "msg:gateway_unreadable_answer",
            "The gateway's answer could not be read",
            "The client expected a completion but the answer had no `choices`: the gateway sent an error body (or an "
            "empty one) that the client could not parse, so the real error is not shown.",
            "unknown",
            None,
            (
                "Turn on the client's debug logging to see the gateway's raw answer, then run `claude-doctor explain` "
                "on it.",
                "Check the gateway's status page or logs for errors at that time.",
            ),
        ),
        r"exception - 'choices'|keyerror: 'choices'",
        require_pattern=True,
    ),
    MessageRule(
        ("upstream connect error or disconnect/reset before headers",),
        Entry(
            "msg:envoy_upstream_unreachable",
            "A gateway could not reach its upstream",
            "An Envoy-based gateway in the path could not connect to the service behind it and answered 503.",
            "server_error",
            True,
            (
                "Retry with backoff.",
                "If ANTHROPIC_BASE_URL points at a gateway, its upstream is down: tell its operator.",
            ),
            status=503,
        ),
    ),
)
