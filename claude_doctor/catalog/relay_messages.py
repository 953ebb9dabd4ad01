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


# claude-relay-service replaces every error it passes on by one of fifteen fixed codes, each with a fixed message and
# status (src/utils/errorSanitizer.js, ERROR_CODES): `{"error": {"code": "E012", "message": "Server overloaded"}}` with
# HTTP 529. The code says what the relay concluded; the upstream's own message is only in the relay's log.
_CRS_MEANING = N_(
    "The relay (claude-relay-service) answered with one of its fixed error codes, which says what kind of failure it "
    "saw; the upstream's own message is only in the relay's log."
)
_CRS_RETRY = (N_("Retry in a little while."), _OPERATOR)
_CRS_CODES: tuple[tuple[str, str, int, str, bool | None, str, tuple[str, ...]], ...] = (
    ("e001", "service temporarily unavailable", 503, "server_error", True, N_("The relay's service is unavailable"),
     _CRS_RETRY),
    ("e002", "network connection failed", 502, "server_error", True, N_("The relay could not reach its upstream"),
     _CRS_RETRY),
    ("e003", "authentication failed", 401, "invalid_key", False, N_("The relay refused the credential"),
     (_RELAY_CONSOLE,)),
    ("e004", "rate limit exceeded", 429, "rate_limited", True, N_("Rate limited at the relay"),
     (N_("Wait a minute and retry; send fewer requests at once."),)),
    ("e005", "invalid request", 400, "invalid_request", False, N_("The relay reports an invalid request"),
     (N_("Check what the client sends; ask the relay's operator for the upstream's message from its log."),)),
    ("e006", "model not available", 503, "not_found", False, N_("The relay does not offer this model"),
     (N_("Use a model name the relay offers (its model list, or GET /v1/models with your relay token)."),)),
    ("e007", "upstream service error", 502, "server_error", True, N_("The relay's upstream failed"), _CRS_RETRY),
    ("e008", "request timeout", 504, "timeout", True, N_("The relay's upstream did not answer in time"), _CRS_RETRY),
    ("e009", "permission denied", 403, "permission", False, N_("The relay denied the request"),
     (N_("Ask the relay's operator what your token may use."),)),
    ("e010", "resource not found", 404, "not_found", False, N_("The relay found no such resource"),
     (N_("Check the base URL and the model name the client uses."),)),
    ("e011", "account temporarily unavailable", 503, "server_error", True,
     N_("The relay's upstream account is unavailable"), _CRS_RETRY),
    ("e012", "server overloaded", 529, "overloaded", True, N_("The relay's upstream is overloaded"),
     (N_("Retry with backoff in a little while."),)),
    ("e013", "invalid api key", 401, "invalid_key", False, N_("The relay refused the API key"), (_RELAY_CONSOLE,)),
    ("e014", "quota exceeded", 429, "rate_limited", True, N_("A quota or usage limit at the relay"),
     (N_("Wait until the limit resets, or ask the relay's operator about your token's limits."),)),
    ("e015", "internal server error", 500, "server_error", True, N_("The relay failed"), _CRS_RETRY),
)  # fmt: skip


def _crs_rules() -> tuple[MessageRule, ...]:
    return tuple(
        MessageRule(
            (message,),
            Entry(f"msg:crs_{code}", title, _CRS_MEANING, category, retryable, fix, status=status),
            r'"code": ?"' + code + r'"',
            require_pattern=True,
        )
        for code, message, status, category, retryable, title, fix in _CRS_CODES
    )


RELAY_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        # LiteLLM's own routing tables, not the provider: "Anthropic messages provider config not found for model: …"
        # (its /v1/messages route for a provider or model it has no handler for; litellm/llms/…/transformation and
        # the proxy answer 500) and "Provider config not found for model". No request reached the provider, and
        # waiting does not add the handler.
        ("provider config not found for model",),
        Entry(
            "msg:litellm_provider_config",
            N_("LiteLLM has no handler for this model on this route"),
            N_(
                "LiteLLM itself cannot serve this model on the endpoint called (for example `/v1/messages` for a "
                "Bedrock or Vertex AI model in a version without that route), so it failed before calling the "
                "provider. Waiting does not help."
            ),
            "server_error",
            False,
            (
                N_("Update LiteLLM, or call the model through a route LiteLLM supports for it (`/chat/completions`)."),
                N_("Check the model's entry in LiteLLM's config: its provider prefix must match the model."),
            ),
        ),
    ),
    *_crs_rules(),
    # sub2api (and its forks) replace an upstream failure by a fixed message, each with a fixed status of its own
    # (backend/internal/handler/gateway_handler.go, mapUpstreamError): the upstream's 529 becomes 503 "Upstream
    # service overloaded, please retry later", its 5xx become 502 "Upstream service temporarily unavailable", its 401
    # and 403 become 502 "… please contact administrator".
    MessageRule(
        ("upstream service overloaded",),
        Entry(
            "msg:relay_upstream_overloaded",
            N_("The relay's upstream is overloaded"),
            N_(
                "The relay's upstream (Anthropic, or the service behind the relay) answered that it is overloaded "
                "(a 529), and the relay passes that on as a 503: capacity behind the relay, not your own quota."
            ),
            "overloaded",
            True,
            (
                N_("Retry with backoff in a little while."),
                N_("If it lasts, check https://status.claude.com, or ask the relay's operator."),
            ),
            status=503,
        ),
    ),
    MessageRule(
        ("upstream service temporarily unavailable",),
        Entry(
            "msg:relay_upstream_5xx",
            N_("The relay's upstream failed"),
            N_(
                "The relay's upstream answered with a server error (500 to 504), and the relay passes that on as a 502."
            ),
            "server_error",
            True,
            (N_("Retry in a little while."), _OPERATOR),
            status=502,
        ),
    ),
    MessageRule(
        # sub2api's mapUpstreamError: an upstream 401 becomes a 502 "Upstream authentication failed, please contact
        # administrator", a 403 a 502 "Upstream access forbidden, please contact administrator" (its Antigravity
        # handler: "Upstream authentication failed" / "Upstream access forbidden", types authentication_error /
        # permission_error). The relay's own account lost access; only its operator restores it.
        (
            "upstream authentication failed, please contact",
            "upstream access forbidden, please contact",
            "upstream access forbidden",
            "upstream authentication failed",
        ),
        Entry(
            "msg:relay_upstream_account_refused",
            N_("The relay's upstream account was refused"),
            N_(
                "The upstream refused the credential of the relay's own account (a 401 or 403 upstream, passed on as "
                "a 502): your relay token is fine, the relay's account is not."
            ),
            "permission",
            False,
            (N_("Tell the relay's operator, quoting the time of the request: the account needs a new login or key."),),
            status=502,
        ),
    ),
    MessageRule(
        # new-api and one-api (当前分组上游负载已饱和, "Current group upstream load is saturated"),
        # one-hub (当前分组负载已饱和, 重试超时，上游负载已饱和).
        (
            "负载已饱和",
            "upstream load of the current group is saturated",
            "upstream load is saturated",
            "upstream_load_saturated",
        ),
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
        # The relay's own limits on your token or key: new-api (您已达到请求数限制, "You have reached the request
        # limit"), one-hub (您的速率达到上限), claude-relay-service (已达到请求次数限制 / Token 使用限制 /
        # 费用限制 … 将在 N 分钟后重置, "Too many concurrent requests", "Queue is overloaded"), sub2api ("Too many
        # pending requests", "Concurrency limit exceeded"), LiteLLM proxy ("Crossed TPM / RPM / Max Parallel
        # Request Limit").
        (
            "已达到请求数限制",
            "已达到总请求数限制",
            "您的速率达到上限",
            "已达到请求次数限制",
            "使用限制 (",
            "分钟后重置",
            "you have reached the request limit",
            "you have reached the total request limit",
            "too many concurrent requests",
            "concurrency limit exceeded",
            "concurrency limit reached",
            "too many pending requests",
            "too many requests waiting in queue",
            "queue is overloaded",
            "crossed tpm / rpm",
            # LiteLLM's router, all deployments for the model cooling down after rate limits: it answers 429.
            "no deployments available",
            "no healthy deployment available",
            "deployment over user-defined ratelimit",
        ),
        Entry(
            "msg:relay_rate_limited",
            N_("The relay's own rate limit for your token"),
            N_(
                "The relay limits how many requests (or tokens, or how much spend) your token may use per window, or "
                "at once, and this request went over: its own limit, not Anthropic's."
            ),
            "rate_limited",
            True,
            (
                N_("Wait for the window the message names and retry; send fewer requests at once."),
                N_("Ask the relay's operator for a higher limit on your token if you need it."),
            ),
            status=429,
        ),
    ),
    MessageRule(
        # An account the relay's operator bound to your key, rate-limited upstream (claude-relay-service:
        # 此专属账号已触发 Anthropic 限流控制 / 已达到周使用限制): Anthropic's limit on that account, lifted at the
        # time it names.
        ("专属账号已触发", "专属账号的opus模型已达到周使用限制", "dedicated claude account is rate limited"),
        Entry(
            "msg:relay_account_limited",
            N_("The relay's account for your key is rate-limited upstream"),
            N_(
                "The relay's upstream account reserved for your key hit Anthropic's limit; the relay says when it "
                "recovers."
            ),
            "rate_limited",
            True,
            (N_("Wait until the time the message names, or switch to another model or key at the relay."),),
        ),
    ),
    MessageRule(
        # The relay could not get an answer from its upstream: one-hub (请求上游地址失败), sub2api ("Upstream
        # request failed after retries"), new-api (无有效上游渠道).
        (
            "请求上游地址失败",
            "upstream request failed after retries",
            "无有效上游渠道",
            "no valid upstream channel",
        ),
        Entry(
            "msg:relay_upstream_unavailable",
            N_("The relay could not reach its upstream"),
            N_("The relay's request to the service behind it failed or found no working channel; it recovers."),
            "server_error",
            True,
            (N_("Retry in a little while."), _OPERATOR),
        ),
    ),
    MessageRule(
        # new-api and its kin refuse a model that has no price in their settings (模型 X 倍率或价格未配置,
        # "ratio or price not set"): the relay does not offer that model until its operator prices it.
        ("倍率或价格未配置", "ratio or price not set", "price not configured"),
        Entry(
            "msg:relay_model_unpriced",
            N_("The relay does not offer this model (no price set)"),
            N_("The relay has no price configured for this model name, so it refuses to serve it."),
            "not_found",
            False,
            (N_("Use a model the relay lists, or ask its operator to set a price for this one."),),
        ),
    ),
    MessageRule(
        # claude-relay-service's spend caps on an API key (已达到每日费用限制 / 总费用限制 /
        # Claude 模型周费用限制), answered with 402: the key's budget at the relay is spent until the day, week or
        # operator resets it.
        ("每日费用限制", "总费用限制", "周费用限制"),
        Entry(
            "msg:relay_spend_cap",
            N_("Your key's spend limit at the relay is reached"),
            N_("The relay caps what your key may spend per day, per week or in total, and this cap is reached."),
            "billing",
            False,
            (N_("Wait for the cap to reset, or ask the relay's operator to raise it."),),
            status=402,
        ),
    ),
    MessageRule(
        # OpenRouter's answers about the account or key itself: "User not found." (401, an unknown key), "Key limit
        # exceeded" (403, the key's own credit limit), "X is not a valid model ID" (400).
        ("key limit exceeded",),
        Entry(
            "msg:openrouter_key_limit",
            N_("The key's credit limit at the router is reached"),
            N_("The router key has a credit limit of its own, and it is spent."),
            "billing",
            False,
            (N_("Raise or remove the key's limit in the router's key settings (OpenRouter: /settings/keys)."),),
            status=403,
        ),
    ),
    MessageRule(
        ("is not a valid model id",),
        Entry(
            "msg:router_invalid_model_id",
            N_("The router does not know this model id"),
            N_("The model id is not one the router offers."),
            "not_found",
            False,
            (N_("Use a model id from the router's model list."),),
        ),
    ),
    MessageRule(
        ("user not found.",),
        Entry(
            "msg:router_unknown_key",
            N_("The router does not know this key"),
            N_("The router found no account for the key sent: it is wrong, deleted, or belongs elsewhere."),
            "invalid_key",
            False,
            (N_("Check the key in the router's key settings, or create a new one."),),
        ),
        r"user not found\.?\W{0,4}(?:code\W{0,4}401|$)",
        require_pattern=True,
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
        (
            "无效的令牌",
            "未提供令牌",
            "令牌验证失败",
            "令牌不存在",
            "找不到令牌",
            "invalid proxy server token",
            "no auth credentials found",
            "token not provided",
            "invalid token",
            "invalid api key format",
            "api key format is invalid",
            # LiteLLM proxy: "Authentication Error, Invalid proxy server token passed", "… No api key passed in.",
            # "LiteLLM Virtual Key expected", "Invalid JWT token".
            "no api key passed in",
            "litellm virtual key expected",
            "invalid jwt",
        ),
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
        (
            "令牌状态不可用",
            "该令牌已过期",
            "令牌已过期",
            "令牌已被禁用",
            "this token status is unavailable",
            "this token has expired",
            "api key is disabled",
            "api key has expired",
            "authentication error - expired key",
        ),
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
            "额度不足",
            "token quota is exhausted",
            "tokenstatusexhausted",
            "insufficient quota",
            "用户额度不足",
            "令牌额度不足",
            "额度已用尽",
            "余额不足",
            "insufficient_quota",
            "exceeded your current quota",
            "budget has been exceeded",
            "crossed budget",
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
        (
            "无权使用模型",
            "无权访问模型",
            "无权访问任何模型",
            "has no access to model",
            "has no access to any models",
            "not allowed to access model",
            "user not allowed to access proxy",
            "user does not have permission",
        ),
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
        # new-api (无权访问 X 分组, "No permission to access this group"), one-hub (当前用户组无权使用指定的分组):
        # the token's user is not in the group the request asked for.
        ("无权访问", "无权使用指定的分组", "no permission to access this group"),
        Entry(
            "msg:relay_group_denied",
            N_("Your relay token may not use this group"),
            N_(
                "The relay's group (a pool of channels with its own price) named by the token or the request is not "
                "open to your account."
            ),
            "permission",
            False,
            (N_("Use a group your account may use (the relay's console lists them), or ask its operator."),),
            status=403,
        ),
        r"无权访问 ?[^，,。\s]{0,40} ?分组|无权使用指定的分组|no permission to access this group",
        require_pattern=True,
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
        # OpenRouter's provider routing, when the request's own routing settings leave no provider for a model that
        # exists: "No endpoints found that can handle the requested parameters" (require_parameters),
        # "No endpoints found matching your data policy", "No allowed providers are available for the selected model"
        # (provider.only / ignore, the account's allowed providers). The settings, not load, leave nothing to call.
        (
            "no endpoints found that can handle",
            "no endpoints found matching your data policy",
            "no allowed providers are available",
        ),
        Entry(
            "msg:openrouter_routing_excludes_all",
            N_("The router's provider settings leave no provider for this request"),
            N_(
                "The model exists on the router, but the request's routing settings (required parameters, a data "
                "policy, allowed or ignored providers) exclude every provider that serves it."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Relax the routing settings (require_parameters, provider.only or ignore, the privacy settings at "
                    "https://openrouter.ai/settings/privacy), or drop the parameters no provider supports."
                ),
            ),
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
    MessageRule(
        # Gateways that front another provider answer a model name they do not serve with their own wording: GitHub
        # Copilot's API ("The requested model is not supported.", code `model_not_supported`) behind Claude-format
        # proxies, and OpenAI-compatible gateways' `model_not_supported` code.
        ("requested model is not supported", '"model_not_supported"', "'model_not_supported'"),
        Entry(
            "msg:gateway_model_not_supported",
            N_("The gateway does not serve this model"),
            N_(
                "The gateway or the provider behind it does not offer this model name to you; another name (one it "
                "lists) works."
            ),
            "not_found",
            False,
            (
                N_(
                    "List the models the gateway offers (GET /v1/models with your key) and use one of those names; "
                    "dated Anthropic names are often offered only under the gateway's own names."
                ),
            ),
        ),
    ),
    MessageRule(
        # Relays that turn a claude.ai web session into an API (claude2api and the like) first look up the session's
        # organization; claude.ai answering that lookup with 403 refuses the session itself (a blocked server
        # address or region, a banned account, a browser challenge), which retrying another moment does not change.
        ("failed to get org id",),
        Entry(
            "msg:web_session_refused",
            N_("claude.ai refused the relay's web session"),
            N_(
                "The relay works through a claude.ai login session, and claude.ai refused that session when the relay "
                "looked up its organization: the server's address or region is blocked, or the account or its "
                "session key is no longer accepted."
            ),
            "permission",
            False,
            (
                N_("Check the session key in the relay's settings by logging in to claude.ai with that account."),
                N_(
                    "Check that claude.ai is reachable from the relay's server address (a data center or an "
                    "unsupported region is often blocked); use a proxy in a supported region if not."
                ),
            ),
        ),
        r"failed to get org id: [^\n]{0,40}\b403\b",
        require_pattern=True,
    ),
    MessageRule(
        # GitHub Copilot's API behind Claude-format proxies (copilot-api and the like) counts the prompt against its
        # own per-model cap: "prompt token count of 74490 exceeds the limit of 72000", code
        # `model_max_prompt_tokens_exceeded`. Its cap is often smaller than the model's context window.
        ("model_max_prompt_tokens_exceeded", "prompt token count of"),
        Entry(
            "msg:gateway_prompt_token_cap",
            N_("The prompt is over the gateway's token limit"),
            N_(
                "The gateway or the service behind it (GitHub Copilot's API) allows fewer prompt tokens for this model "
                "than the conversation holds; its limit can be smaller than the model's own context window."
            ),
            "context_too_long",
            False,
            (
                N_(
                    "Shorten the conversation (`/compact` or `/clear` in Claude Code), or set the client's context "
                    "size to the gateway's limit so that it compacts in time."
                ),
            ),
        ),
        r"prompt token count of \d+ exceeds the limit of \d+|model_max_prompt_tokens_exceeded",
        require_pattern=True,
    ),
    MessageRule(
        # LiteLLM's proxy checks each virtual key, team and user against the models it may call (can_key_call_model,
        # _can_object_call_model): "key not allowed to access model. This key can only access models=[…]. Tried to
        # access X", "team not allowed to access model", types `key_model_access_denied` / `team_model_access_denied`.
        # The key is valid; the model is not granted to it. LiteLLM versions answer 401 or 403.
        (
            "not allowed to access model",
            "key_model_access_denied",
            "team_model_access_denied",
            "user_model_access_denied",
            "can_key_call_model",
            "_can_object_call_model",
        ),
        Entry(
            "msg:gateway_key_model_denied",
            N_("This key is not allowed to use the model"),
            N_(
                "The gateway (LiteLLM's proxy) knows the key, but the key, its team or its user is not granted the "
                "model asked for."
            ),
            "permission",
            False,
            (
                N_(
                    "Use a model the key is allowed (the error lists them), or ask the gateway's admin to add the "
                    "model to the key, its team or its user."
                ),
            ),
        ),
    ),
)
