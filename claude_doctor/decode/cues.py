"""The literals one of which every line that holds an error the decoder recognises contains.

`scan`'s prefilter looks for them in raw bytes (claude_doctor/scan/prefilter.py derives its list from this one), and
`explain` looks for them in a long paste before it cuts records (decode.log): both see the same lines. A test holds
the real-world corpus to them: every paste the decoder recognises has a line with one of them.

Short on purpose: each literal is a piece that a whole family of messages shares (`rror` for every `error`, `Error`
and `*Error:`; `efused` for every refused connection; `额度` for every relay quota message), not one message's
wording, and none that ordinary log lines are full of (`token`, `model`, `status`, a bare number): a literal that
matches most lines of a log makes `scan` decode all of them.
"""

from __future__ import annotations

from typing import Final

LINE_CUES: Final[tuple[str, ...]] = (
    "rror",  # error, Error, *Error:, "type": "error", event: error, API Error
    "RROR",  # ERROR, API_ERROR
    "xception",  # any *Exception: botocore, AWS SDKs, Java, litellm's AnthropicException
    "ailed",  # Failed to connect, fetch failed, API Request Failed, request failed with status code
    "imeout",  # httpx.ReadTimeout, ConnectTimeout, socket.timeout
    "imed out",  # Request timed out
    "ECONN",  # ECONNREFUSED, ECONNRESET, ECONNABORTED
    "efused",  # Connection refused, EREFUSED... (lower case) refused
    "EFUSED",  # EREFUSED, ERR_CONNECTION_REFUSED
    "onnection",  # Connection error., connection reset by peer, peer closed connection
    "hang up",  # socket hang up
    "ENOTFOUND",  # getaddrinfo ENOTFOUND
    "UNREACH",  # connect EHOSTUNREACH, ENETUNREACH
    "ertificate",  # Self-signed certificate detected (Claude Code), curl: (60) SSL certificate problem
    "imit reached",  # Context limit reached (Claude Code), usage limit reached
    "ate limit",  # rate limit, Rate limit exceeded
    "oo large",  # Request too large (max 32MB) (Claude Code)
    "oo long",  # prompt is too long, Input is too long
    "verloaded",  # Overloaded, servers are overloaded
    "vailable",  # Service Unavailable, No available accounts, not available on your deployment
    "nvalid",  # invalid x-api-key, The provided model identifier is invalid, Invalid token
    "xpired",  # expired token, ExpiredTokenException, certificate has expired
    "uthenticat",  # authentication_error, Could not resolve authentication method, UNAUTHENTICATED
    "uthoriz",  # Unauthorized, not authorized to perform
    "enied",  # Access denied, Permission denied, AccessDeniedException
    "ENIED",  # PERMISSION_DENIED
    "orbidden",  # 403 Forbidden
    "ot found",  # Not Found, model not found
    "OT_FOUND",  # NOT_FOUND
    "XHAUSTED",  # RESOURCE_EXHAUSTED
    "PRECONDITION",  # FAILED_PRECONDITION (Google's status: a model not servable in a region, billing not enabled)
    "xceed",  # exceeded, exceeds, Quota exceeded
    "uota",  # quota, Quota
    "redit",  # Credit balance is too low, insufficient credits
    "ata center",  # Zed's hosted models refusing a region: not access from data center HKG
    "supported",  # not supported, isn't supported, unsupported
    "tatus code",  # Status Code: 429, request failed with status code 400
    "Many Requests",  # 429 Too Many Requests
    "selected model",  # There's an issue with the selected model (Claude Code)
    "nknown model",  # Unknown model: X
    "API key",  # Invalid API key · Fix external API key
    "OAuth",  # OAuth token has expired / revoked
    "nable to connect",  # Unable to connect to API
    "/login",  # Not logged in · Please run /login
    "hit your",  # You've hit your session limit · resets … (Claude Code)
    "ould not parse",  # Could not parse message into JSON (the TypeScript SDK's stream), Could not parse SSE event
    "vent order",  # Unexpected event order, got content_block_start before "message_start" (the SDKs' streams)
    "ould not resolve",  # Could not resolve authentication method / API token / project_id (the SDKs' clients)
    "must alternate",  # roles must alternate (the Messages API), A conversation must alternate (Bedrock Converse)
    "non-empty",  # text content blocks must be non-empty, all messages must have non-empty content
    "ield required",  # messages.0.content: Field required (the API's field checks)
    "nput should be",  # max_tokens: Input should be a valid integer (the API's field checks)
    "blocked by CORS",  # Access to fetch at … has been blocked by CORS policy (Chrome)
    "Request Blocked",  # Cross-Origin Request Blocked (Firefox)
    "curl: (",  # curl: (60) SSL certificate problem
    "令牌",  # relays: 无效的令牌, 该令牌状态不可用 (token)
    "额度",  # relays: 额度不足, 预扣费额度失败 (quota)
    "渠道",  # relays: 无可用渠道 (channel)
    "上游",  # relays: 上游负载已饱和, 上游服务器 (upstream)
    "可用",  # relays: 不可用, 无可用, 没有可用的 (available)
    "失败",  # relays and apps: 失败 (failed)
    "余额",  # relays: 余额不足 (balance)
    "限制",  # relays: 已达到请求数限制 (limit)
    "\nHTTP/",  # a status line of curl -i output
    '"HTTP/1.1 4',  # httpx's INFO log of a failed answer: HTTP Request: POST … "HTTP/1.1 400 Bad Request"
    '"HTTP/1.1 5',
    '"HTTP/2 4',
    '"HTTP/2 5',
    "etry-after",  # a dump of a refused answer's headers: retry-after, Retry-After
    "HTTP 4",  # a client's own status prefix: HTTP 404: model: …, HTTP 400: POST …
    "HTTP 5",
    "HTTP code",  # HTTP code 502 from API (<html>…)
    "ot Found",  # 404 Not Found in an httpx line a page re-wrote, or any Title Case reason
    "ad Gateway",  # 502 Bad Gateway (nginx's page, a gateway's reason)
    "oes not support",  # This model does not support assistant message prefill
    "redential",  # No auth credentials found (OpenRouter), credentials refused
    "client_email",  # google-auth-library: the JSON does not contain a client_email field
)
