"""HTTP statuses as the text states them, and raw HTTP responses (curl -i, logged responses).

The forms seen in real pastes, most explicit first: a status line, `Error code: 429`, a browser console's
`POST https://… 401 (Unauthorized)`, `API Error: 529`,
`Status Code: 401` on its own line, `status_code: 429`, `"httpStatusCode":429`, `code: 429`, `error 500`,
`returned HTTP 402`, `429 {…}` or `429 当前分组…` at the start of a line, `503 Service Unavailable`, `(429)`.
A reason phrase with no number (`{"detail":"Method Not Allowed"}`) is not a shown status: `phrase_status` infers one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_REASONS = {
    "bad request": 400,
    "unauthorized": 401,
    "payment required": 402,
    "forbidden": 403,
    "not found": 404,
    "method not allowed": 405,
    "request timeout": 408,
    "conflict": 409,
    "request entity too large": 413,
    "content too large": 413,
    "unprocessable entity": 422,
    "too many requests": 429,
    "internal server error": 500,
    "bad gateway": 502,
    "service unavailable": 503,
    "gateway timeout": 504,
    "gateway time-out": 504,
}
_REASON_WORDS = (
    r"Overloaded|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|Gateway Time-?out|"
    r"Unauthorized|Forbidden|Not Found|Bad Request|Payment Required|Request Entity Too Large|Content Too Large|"
    r"Proxy Authentication Required|Request Timeout|Conflict|Method Not Allowed|Unprocessable Entity|status code|"
    r"page not found"
)

# Each pattern captures a status the text itself states. Order matters: the most explicit forms first.
_STATUS_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE)
    for p in (
        r"^[ \t]*+HTTP/\d(?:\.\d)?[ \t]++([1-5]\d\d)\b",
        r"\bError code:\s*+([1-5]\d\d)\b",
        # .NET's HttpClient: "Response status code does not indicate success: 429 (Too Many Requests)."
        r"\bdoes not indicate success:\s*+([1-5]\d\d)\b",
        # Browser devtools: Chrome's console (`POST https://… 401 (Unauthorized)`, "the server responded with a status
        # of 401"), Firefox's network lines (`XHR POST https://… [HTTP/2 401  52ms]`).
        r"\b(?:GET|POST|PUT|PATCH|DELETE|OPTIONS)[ \t]++https?://[^\s]{1,2000}[ \t]++([1-5]\d\d)[ \t]++\(",
        r"\bresponded with a status of ([1-5]\d\d)\b",
        r"\[HTTP/\d(?:\.\d)?[ \t]++([1-5]\d\d)\b",
        r"\bAPI Error:?\s*+\(?\s*+([1-5]\d\d)\b",
        # An edge's error page reduced to its title, `<host> | <status>: <reason>` (Cloudflare's `api.anthropic.com |
        # 504: Gateway time-out`, `| 522: Connection timed out`, `| 524: A timeout occurred`), as Claude Code shows it:
        # `API Error (api.anthropic.com | 504: Gateway time-out)`.
        r"\b[a-z0-9-]{1,63}+(?:\.[a-z0-9-]{1,63}+){1,8}+[ \t]++\|[ \t]++([1-5]\d\d):[ \t]++[A-Z]",
        r"\bRequest rejected \(([1-5]\d\d)\)",
        r"\bStatus Code:?\s*+(?:http_status_)?([1-5]\d\d)\b",
        r"""\b(?:http)?status(?:_?code)?["']?\s*+[:=]\s*+["']?([1-5]\d\d)\b""",
        # BoltAI glues the status to the API's message: `status code 404model: claude-3-sonnet-20240229`.
        r"\b(?:HTTP|status|code)\s++([1-5]\d\d)(?:\b|(?=model:))",
        r"""(?<![\w-])["']?code["']?\s*+[:=]\s*+["']?([1-5]\d\d)(?![\d.])""",
        r"\b(?:error|failed|returned|failure)(?:\s++with)?(?:\s++(?:error|status|code))?\s*+[:=]?\s*+"
        r"(?:HTTP\s*+)?([1-5]\d\d)\b(?![.,]\d)",
        r"(?:^|[\s:(\[\"])([1-5]\d\d)(?::|\s++-)?\s++[\[{]",
        # Not aiohttp's payload errors (`<TransferEncodingError: 400, message=…>`): their code is the parser's.
        r"(?:Exception|(?<!TransferEncoding)(?<!ContentLength)Error):\s*+([1-5]\d\d)\b(?![.,]\d)",
        r"\b([1-5]\d\d)\s++(?:" + _REASON_WORDS + r")\b",
        r"\(([45]\d\d)\)",
        r"(?:^|\s)([45]\d\d)\s++https?://",
        r"^[ \t]*+(?:[⎿│>✻·][ \t]*+)?([45]\d\d)(?::|[ \t])(?![ \t]*+\|)",
    )
)
# A status the text attributes to the upstream (a relay's or gateway's provider): the inner error's own status.
_UPSTREAM = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\bprovider\(([1-5]\d\d)\)",
        r"\bupstream error:\s*+\{[^{}\n]{0,40}?[\"']?(?:status|code)[\"']?\s*+:\s*+([1-5]\d\d)\b",
        r"\b(?:upstream|provider)\b[^\n{]{0,60}?\b(?:returned|responded with|status(?: code)?:?|error:?)\s*+"
        r"(?:HTTP\s*+)?([1-5]\d\d)\b",
        r"上游[^\n{]{0,20}?[(（]?([1-5]\d\d)\b",
        # httpx's HTTPStatusError as a provider relays it: `Error from provider: {"detail":"API call failed: Client
        # error '403 Forbidden' for url 'https://codewhisperer…'"}`.
        r"\b(?:upstream|provider)\b[^\n]{0,120}?\b(?:client|server) error '([1-5]\d\d) [^'\n]{1,40}' for url",
    )
)
_PHRASE = re.compile(r"""["'](""" + "|".join(re.escape(k) for k in _REASONS) + r""")\.?["']""", re.IGNORECASE)

# A reason phrase in its own Title Case, alone after a label's colon (or alone on its line) up to the line's end.
_TITLES = "|".join(re.escape(k.title()).replace("Time\\-Out", "Time-out") for k in _REASONS)
_PHRASE_ALONE = re.compile(r"(?:^|[:：][ \t]*+)(" + _TITLES + r")\.?[ \t]*+$", re.MULTILINE)
_STATUS_LINE = re.compile(r"^[ \t]*+HTTP/\d(?:\.\d)?[ \t]++([1-5]\d\d)[^\n]*+$", re.MULTILINE)
_HEADER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_\-]{0,80}):[ \t]*(.*)$")


_NUMBER = re.compile(r"(?<!\d)[1-5]\d\d(?!\d)")


def has_status_number(text: str) -> bool:
    """Whether the text holds a three-digit number that could be a status."""
    return _NUMBER.search(text) is not None


def find_status(text: str) -> int | None:
    """The first status the text states, by the most explicit form found."""
    for pattern in _STATUS_PATTERNS:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


def find_error_status(text: str) -> int | None:
    """The first error status (400 and up) the text states; a 200 (an error inside a stream) or a 3xx says nothing
    about the error."""
    if _NUMBER.search(text) is None:
        return None  # no three-digit number at all: nothing to read
    for pattern in _STATUS_PATTERNS:
        for m in pattern.finditer(text):
            status = int(m.group(1))
            if status >= 400:
                return status
    return None


def upstream_status(text: str) -> int | None:
    """An error status the text attributes to the upstream provider (`Error from provider(403)`, `Upstream provider
    X returned HTTP 403`, `上游服务错误 (404 …)`), which is the inner error's own, whatever the wrapper answered."""
    if "pstream" not in text and "rovider" not in text and "上游" not in text:
        return None
    for pattern in _UPSTREAM:
        m = pattern.search(text)
        if m is not None and int(m.group(1)) >= 400:
            return int(m.group(1))
    return None


def phrase_status(text: str) -> int | None:
    """The status a reason phrase stands for when no number is shown: quoted (`{"detail":"Method Not Allowed"}` →
    405), or printed alone as the error's message, as clients do when the body could not be read (the AI SDK's
    `AI_APICallError: Too Many Requests`, Cherry Studio's `错误信息: Too Many Requests`, `Error: Bad Gateway`)."""
    m = _PHRASE.search(text) or _PHRASE_ALONE.search(text)
    return _REASONS[m.group(1).lower()] if m else None


# The status an exception class stands for, where the SDK or wrapper names each class after the status it raises it
# for: the official SDKs (`anthropic.RateLimitError`; Java's `com.anthropic.errors.RateLimitException`; Ruby's
# `Anthropic::Errors::RateLimitError`), the OpenAI
# SDK, and litellm (`litellm.ServiceUnavailableError`, `litellm.ContextWindowExceededError`). Only for when the text
# shows no status: litellm also raises InternalServerError and APIConnectionError for failures below HTTP, which the
# network kinds catch first.
_CLASS_STATUSES = {
    # Not BadRequestError or AuthenticationError: litellm raises them itself, before any request, for a missing
    # provider prefix or key (and the SDKs print "Error code: 400" with theirs anyway).
    "ContextWindowExceededError": 400,
    "ContentPolicyViolationError": 400,
    "PermissionDeniedError": 403,
    "PermissionDeniedException": 403,
    "NotFoundError": 404,
    "NotFoundException": 404,
    "ConflictError": 409,
    "UnprocessableEntityError": 422,
    "UnprocessableEntityException": 422,
    "RateLimitError": 429,
    "RateLimitException": 429,
    "InternalServerError": 500,
    "InternalServerException": 500,
    "ServiceUnavailableError": 503,
}
_CLASS = re.compile(
    r"\b(?:anthropic|openai|litellm|anthropic\.errors|litellm\.exceptions|openai\._exceptions|"
    r"Anthropic::Errors|OpenAI::Errors)(?:\.|::)(" + "|".join(_CLASS_STATUSES) + r")\b"
)


# litellm's own BadRequestError and AuthenticationError around a provider's answer: litellm maps the provider's 400
# and 401 to them and names the provider's exception right after (`litellm.BadRequestError: AnthropicException - …`,
# `Litellm_proxyException - Budget has been exceeded!`, `BedrockException`, `VertexAIException`); raised by litellm
# itself before any request, they name no provider exception.
_LITELLM_PROVIDER = re.compile(
    r"\blitellm\.(?:exceptions\.)?(BadRequestError|AuthenticationError):\s*+[A-Za-z_]{2,40}Exception\s*+-"
)
_LITELLM_STATUSES = {"BadRequestError": 400, "AuthenticationError": 401}


def class_status(text: str) -> int | None:
    """The status the innermost SDK or wrapper exception class named in the text stands for (the last one named)."""
    if "Error" not in text and "Exception" not in text:
        return None
    provider = _LITELLM_PROVIDER.search(text[:60_000])
    if provider is not None and _CLASS.search(text, provider.end(), 60_000) is None:
        return _LITELLM_STATUSES[provider.group(1)]
    found = None
    for m in _CLASS.finditer(text[:60_000]):
        found = m
    return _CLASS_STATUSES[found.group(1)] if found is not None else None


@dataclass
class HttpResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    position: int = 0


def find_http_responses(text: str) -> list[HttpResponse]:
    """Every `HTTP/1.1 529 …` block: its status, lower-cased headers and body (up to the next status line).

    With redirects or a proxy's `HTTP/1.1 200 Connection established`, curl -i prints several; all are returned.
    """
    starts = list(_STATUS_LINE.finditer(text))[:20]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[m.end() : end]
        headers: dict[str, str] = {}
        lines = block.split("\n")
        j = 1
        while j < len(lines) and j < 200:
            line = lines[j].strip()
            if not line:
                break
            hm = _HEADER.match(line)
            if not hm:
                break
            headers[hm.group(1).lower()] = hm.group(2).strip()
            j += 1
        out.append(HttpResponse(int(m.group(1)), headers, "\n".join(lines[j:]).strip(), m.start()))
    return out


def final_response(responses: list[HttpResponse]) -> HttpResponse | None:
    """The response that matters: the last one, skipping a proxy's `200 Connection established` and 100 Continue."""
    real = [r for r in responses if r.status >= 200 and not (r.status == 200 and not r.headers and not r.body)]
    return real[-1] if real else (responses[-1] if responses else None)
