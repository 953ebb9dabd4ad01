"""HTTP statuses and `error.type` values of the Claude API and the official SDKs."""

from __future__ import annotations

from dataclasses import replace

from claude_doctor.catalog.entry import Entry

_SUPPORT = "If it keeps happening, quote the request id to Anthropic support."
_STATUS_PAGE = "Check https://status.claude.com for an ongoing incident."
_STREAM = "For long generations, stream the response (`stream=True`) so the connection stays busy."

STATUS_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "status:400",
        "Bad request",
        "The request's format or content is invalid; the API also uses this for 4xx problems it has no status for.",
        "invalid_request",
        False,
        (
            "Read `error.message`: it names the field or rule that was broken.",
            "Fix the request; sending it again unchanged gives the same answer.",
        ),
        status=400,
        error_type="invalid_request_error",
    ),
    Entry(
        "status:401",
        "Authentication failed",
        "The API did not accept the credential: missing, mistyped, truncated, revoked, or a token sent in the wrong "
        "header.",
        "invalid_key",
        False,
        (
            "Run `claude-doctor check` to see which credential is used, where it comes from and whether it was "
            "mangled (white space, quotes, a wrong prefix).",
            "Create a new key at https://platform.claude.com/settings/keys if this one was revoked.",
            "Send an API key as `x-api-key` and an OAuth token (sk-ant-oat01-) only as `Authorization: Bearer`.",
        ),
        status=401,
        error_type="authentication_error",
    ),
    Entry(
        "status:402",
        "Billing problem",
        "Anthropic cannot bill the organization: payment details or credits need attention.",
        "billing",
        False,
        (
            "Open Plans & Billing in the Console (https://platform.claude.com/settings/billing) and fix the payment "
            "method or buy credits.",
            "On AWS Marketplace, check the subscription in the AWS console.",
        ),
        status=402,
        error_type="billing_error",
        notes=(
            'A used-up prepaid balance arrives as HTTP 400 with the message "Your credit balance is too low", not as '
            "a 402: it is the same billing problem.",
        ),
    ),
    Entry(
        "status:403",
        "Permission denied",
        "The credential is valid but not allowed to use this resource, model or feature.",
        "permission",
        False,
        (
            "Check the key's workspace and the organization's access to the model or feature in the Console.",
            "Use a key from a workspace that has access, or ask an organization admin to grant it.",
        ),
        status=403,
        error_type="permission_error",
    ),
    Entry(
        "status:404",
        "Not found",
        "The path or resource does not exist, or this key cannot see it (often a model id).",
        "not_found",
        False,
        (
            "Check the model id against `GET /v1/models` (run `claude-doctor check`).",
            "Check ANTHROPIC_BASE_URL: a trailing `/v1` makes clients call `/v1/v1/messages`.",
        ),
        status=404,
        error_type="not_found_error",
    ),
    Entry(
        "status:408",
        "Request timeout",
        "The server gave up waiting for the request to arrive in full.",
        "timeout",
        True,
        ("Retry; the SDKs do so automatically.", "Check for a slow upload link or a proxy that buffers requests."),
        status=408,
    ),
    Entry(
        "status:409",
        "Conflict",
        "The request conflicts with the current state of a resource (a concurrent change or a lock).",
        "invalid_request",
        True,
        ("Retry after a short wait; the SDKs do so automatically.", "Avoid changing the same resource concurrently."),
        status=409,
        error_type="conflict_error",
    ),
    Entry(
        "status:412",
        "Precondition failed",
        "A condition the request set (such as an expected version) did not hold.",
        "invalid_request",
        False,
        ("Fetch the current state of the resource and send the request again with matching preconditions.",),
        status=412,
    ),
    Entry(
        "status:413",
        "Request too large",
        "The request body is over the endpoint's byte limit (32 MB for Messages and token counting, 256 MB for "
        "batches, 500 MB for files). It is rejected at the edge, before the API sees it.",
        "request_too_large",
        False,
        (
            "Shrink the request: fewer or smaller images and PDFs, or upload them with the Files API and refer to "
            "them by id.",
            "Split a large batch into several batches.",
        ),
        status=413,
        error_type="request_too_large",
        notes=("This answer carries no request id: there is none to quote to support.",),
    ),
    Entry(
        "status:422",
        "Unprocessable entity",
        "The request was well-formed JSON but its content could not be processed.",
        "invalid_request",
        False,
        ("Read `error.message` for the field at fault and correct it.",),
        status=422,
    ),
    Entry(
        "status:429",
        "Rate limited",
        "The organization hit a rate limit (requests, input or output tokens per minute) or an acceleration limit.",
        "rate_limited",
        True,
        (
            "Wait for `retry-after` seconds before the next request; the SDKs honour it.",
            "Spread requests out, lower concurrency, or use prompt caching to cut input tokens.",
            "Read the `anthropic-ratelimit-*` headers to see which limit is closest; ask for higher limits in the "
            "Console.",
        ),
        status=429,
        error_type="rate_limit_error",
    ),
    Entry(
        "status:431",
        "Request headers too large",
        "The request's headers are over the server's size limit.",
        "invalid_request",
        False,
        ("Check ANTHROPIC_CUSTOM_HEADERS and any proxy that adds headers; remove oversized ones.",),
        status=431,
    ),
    Entry(
        "status:499",
        "Client closed the request",
        "The client hung up before the server answered, usually because of a client-side timeout.",
        "timeout",
        False,
        ("Raise the client timeout, or stream long requests so they are not cut off.",),
        status=499,
    ),
    Entry(
        "status:500",
        "Internal server error",
        "An unexpected error inside Anthropic's systems.",
        "server_error",
        True,
        ("Retry with backoff; the SDKs do so automatically.", _STATUS_PAGE, _SUPPORT),
        status=500,
        error_type="api_error",
    ),
    Entry(
        "status:501",
        "Not implemented",
        "The server does not support this method or feature on this endpoint.",
        "invalid_request",
        False,
        ("Check the endpoint and method against the API reference; a gateway may not implement it.",),
        status=501,
    ),
    Entry(
        "status:502",
        "Bad gateway",
        "A gateway or proxy between you and the API got a bad answer from upstream.",
        "server_error",
        True,
        (
            "Retry with backoff; the SDKs do so automatically.",
            "If it persists, check any proxy or gateway in ANTHROPIC_BASE_URL or HTTPS_PROXY.",
            _STATUS_PAGE,
        ),
        status=502,
    ),
    Entry(
        "status:503",
        "Service unavailable",
        "The service, or a component it depends on, is temporarily unavailable.",
        "server_error",
        True,
        ("Retry with backoff; the SDKs do so automatically.", _STATUS_PAGE),
        status=503,
    ),
    Entry(
        "status:504",
        "Timed out while processing",
        "The request took too long to process and was cut off.",
        "timeout",
        True,
        (_STREAM, "Retry; the SDKs do so automatically.", "Lower max_tokens or split the work."),
        status=504,
        error_type="timeout_error",
    ),
    Entry(
        "status:529",
        "API overloaded",
        "The API is temporarily overloaded across all users. This is about Anthropic's capacity, not your quota.",
        "overloaded",
        True,
        (
            "Retry with exponential backoff; the SDKs retry it automatically (2 retries by default).",
            "Raise `max_retries` for batch jobs, or fall back to another model for interactive use.",
            _STATUS_PAGE,
        ),
        status=529,
        error_type="overloaded_error",
    ),
)

FALLBACK_4XX = Entry(
    "status:4xx",
    "Client error",
    "The request was refused for a reason on the client's side that has no entry of its own.",
    "invalid_request",
    False,
    ("Read `error.message`; fix the request before sending it again.",),
)
FALLBACK_5XX = Entry(
    "status:5xx",
    "Server error",
    "The server, or a gateway in front of it, failed with a status that has no entry of its own.",
    "server_error",
    True,
    ("Retry with backoff; the SDKs retry every status of 500 and above.", _STATUS_PAGE),
)

# One entry per error: an error type that a status stands for (`overloaded_error` for 529) says what the status
# says, word for word, so `explain 529`, `explain overloaded_error` and a pasted "Overloaded" give one meaning and one
# fix list.
_PAIRED = {entry.error_type: entry for entry in STATUS_ENTRIES if entry.error_type}


def same_error(error_type: str, key: str | None = None) -> Entry:
    """The status entry of `error_type`, under the key of another way of naming it (a type, a well-known message)."""
    return replace(_PAIRED[error_type], key=key or f"type:{error_type}")


TYPE_ENTRIES: tuple[Entry, ...] = (
    same_error("invalid_request_error"),
    same_error("authentication_error"),
    same_error("billing_error"),
    same_error("permission_error"),
    same_error("not_found_error"),
    same_error("request_too_large"),
    same_error("rate_limit_error"),
    same_error("api_error"),
    same_error("timeout_error"),
    same_error("overloaded_error"),
    same_error("conflict_error"),
    Entry(
        "type:memory_precondition_failed_error",
        "Memory precondition failed",
        "A memory-store write expected a version of the entry that is no longer current.",
        "invalid_request",
        False,
        ("Read the memory entry again and repeat the write against its current version.",),
        status=412,
        error_type="memory_precondition_failed_error",
    ),
    Entry(
        "type:memory_path_conflict_error",
        "Memory path conflict",
        "A memory-store write targets a path that conflicts with an existing entry.",
        "invalid_request",
        False,
        ("Choose another path, or remove the conflicting entry first.",),
        status=409,
        error_type="memory_path_conflict_error",
    ),
)
