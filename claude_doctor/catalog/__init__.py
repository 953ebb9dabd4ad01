"""The one place that knows what every Claude API status, error type, error code and known message means.

`diagnose` turns the facts a decoder or a check found into a `Diagnosis`. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache

from claude_doctor.catalog.codes import CODE_ENTRIES, GENERIC_CODES, RETRYABLE_GENERIC_CODES, generic_code_status
from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.messages import MESSAGE_RULES, match_message
from claude_doctor.catalog.network import NETWORK_ENTRIES
from claude_doctor.catalog.statuses import FALLBACK_4XX, FALLBACK_5XX, STATUS_ENTRIES, TYPE_ENTRIES
from claude_doctor.model import NETWORK_KINDS, Diagnosis
from claude_doctor.retry import parse_retry_after, retry_schedule, should_retry

__all__ = ["Entry", "all_entries", "diagnose", "lookup_term", "status_overview"]

UNKNOWN = Entry(
    "unknown:unknown",
    "Not recognised",
    "Nothing in the input looks like a Claude API error or a network failure that this tool knows.",
    "unknown",
    False,
    (
        "Paste the whole error, including the status line or the JSON body (`claude-doctor explain -`).",
        "Run `claude-doctor check` to test the credential and the network path.",
    ),
)

_WASTED = (
    "The official SDKs retry every HTTP {status} automatically (2 retries by default), but this request cannot "
    "succeed by waiting: those retries are wasted. Stop on this error instead."
)
_STREAM_NOTE = (
    "This error arrived inside a stream after HTTP 200: the Python SDK raises APIStatusError with status 200 "
    "(TypeScript: status undefined) and neither retries it."
)
_GATEWAY_TITLE = "A proxy or gateway answered instead of the API"

# Network-ish names a user may type: `claude-doctor explain ECONNREFUSED`.
_NETWORK_TERMS = {
    "econnrefused": "connection_refused",
    "econnreset": "connection_reset",
    "etimedout": "connect_timeout",
    "enotfound": "dns_not_found",
    "eai_again": "dns_not_found",
    "ehostunreach": "host_unreachable",
    "enetunreach": "network_unreachable",
    "certificate_verify_failed": "tls_untrusted",
    "unable_to_get_issuer_cert_locally": "tls_untrusted",
    "self_signed_cert_in_chain": "tls_self_signed",
    "depth_zero_self_signed_cert": "tls_self_signed",
    "err_tls_cert_altname_invalid": "tls_hostname_mismatch",
    "cert_has_expired": "tls_expired",
    "err_proxy_tunnel": "proxy_tunnel_failed",
    "407": "proxy_auth_required",
}


@cache
def _index() -> dict[str, Entry]:
    entries = (*STATUS_ENTRIES, *TYPE_ENTRIES, *CODE_ENTRIES, *NETWORK_ENTRIES, *(r.entry for r in MESSAGE_RULES))
    return {e.key: e for e in entries}


def all_entries() -> list[Entry]:
    """Every entry, in catalog order (statuses, types, codes, messages, network), for docs and tests."""
    return [
        *STATUS_ENTRIES,
        FALLBACK_4XX,
        FALLBACK_5XX,
        *TYPE_ENTRIES,
        *CODE_ENTRIES,
        *_generic_code_entries(),
        *(r.entry for r in MESSAGE_RULES),
        *NETWORK_ENTRIES,
    ]


@cache
def _generic_code_entries() -> tuple[Entry, ...]:
    """One shared entry per status for codes without their own, listing the codes it covers."""
    out = []
    for status, codes in GENERIC_CODES.items():
        base = status_entry(status)
        out.append(
            Entry(
                f"codes:{status}",
                f"{base.title} (other {status} error codes)",
                f"{base.meaning} Covers the codes: {', '.join(codes)}.",
                base.category,
                base.retryable,
                ("Read `error.message`: it says what to change for this code.", *base.fix),
                status=status,
                error_type=base.error_type,
            )
        )
    return tuple(out)


def status_entry(status: int) -> Entry:
    """The entry for a status, or the 4xx / 5xx fallback."""
    entry = _index().get(f"status:{status}")
    if entry is not None:
        return entry
    return FALLBACK_5XX if status >= 500 else FALLBACK_4XX


def _code_entry(code: str, status: int | None) -> Entry | None:
    entry = _index().get(f"code:{code}")
    if entry is not None:
        return entry
    code_status = generic_code_status(code) or status
    if code_status is None:
        return None
    base = status_entry(code_status)
    return Entry(
        f"code:{code}",
        base.title,
        base.meaning,
        base.category,
        code in RETRYABLE_GENERIC_CODES or base.retryable,
        ("Read `error.message`: it says what to change for this code.", *base.fix),
        status=code_status,
        error_type=base.error_type,
    )


def _pick(
    status: int | None, error_type: str | None, error_code: str | None, message: str | None, network: str | None
) -> tuple[Entry, tuple[str, ...], list[str]]:
    """The most specific entry for the facts: network > own code entry > message > generic code > type > status."""
    notes: list[str] = []
    if network:
        entry = _index().get(f"net:{network}")
        if entry is not None:
            return entry, entry.fix, notes
        notes.append(f"Unknown network failure kind `{network}`.")
    own_code = _index().get(f"code:{error_code}") if error_code else None
    if own_code is not None:
        return own_code, own_code.fix, notes
    found = match_message(message)
    if found is not None:
        entry, fix = found
        # A loose message rule must not override a type that says something else (e.g. "rate limit" in a 400).
        if not (error_type and entry.error_type and _loose(entry) and entry.error_type != error_type):
            return entry, fix, notes
    if error_code:
        entry = _code_entry(error_code, status)
        if entry is not None:
            if generic_code_status(error_code) is None and f"code:{error_code}" not in _index():
                notes.append(f"`{error_code}` is not a code the newest SDK knows; diagnosed from its status.")
            return entry, entry.fix, notes
    if error_type:
        entry = _index().get(f"type:{error_type}")
        if entry is not None:
            return entry, entry.fix, notes
        notes.append(f"`{error_type}` is an error type this tool does not know yet (the API may add new ones).")
    if (
        status is not None and status >= 400
    ):  # a 2xx or 3xx alone is not an error (a proxy's "200 Connection established")
        entry = status_entry(status)
        return entry, entry.fix, notes
    return UNKNOWN, UNKNOWN.fix, notes


def _loose(entry: Entry) -> bool:
    return entry.key in {"msg:rate_limit", "msg:overloaded", "msg:internal_server_error"}


def _lower(headers: Mapping[str, str] | None) -> dict[str, str]:
    return {k.lower(): v for k, v in (headers or {}).items()}


def diagnose(
    *,
    status: int | None = None,
    error_type: str | None = None,
    error_code: str | None = None,
    message: str | None = None,
    request_id: str | None = None,
    headers: Mapping[str, str] | None = None,
    network: str | None = None,
    not_anthropic: str | None = None,
    in_stream: bool = False,
    source_shape: str = "unknown",
) -> Diagnosis:
    """Classify one error from the facts found about it. Never invents a status the caller did not give."""
    hdrs = _lower(headers)
    entry, fix, notes = _pick(status, error_type, error_code, message, network)
    notes.extend(entry.notes)
    category, title, retryable = entry.category, entry.title, entry.retryable

    if network and network in NETWORK_KINDS:
        sdk_retries: bool | None = True  # the SDKs retry APIConnectionError and APITimeoutError
    elif in_stream:
        sdk_retries = False
        notes.append(_STREAM_NOTE)
    elif status is not None:
        sdk_retries = should_retry(status, hdrs)
    elif entry.status is not None:
        sdk_retries = should_retry(entry.status, hdrs)
    else:
        sdk_retries = None

    if status is not None and entry.kind != "net" and entry.status is not None and status not in (entry.status, 200):
        # e.g. a credit-balance message on 402, or a context-window message on 413: say what the status means too.
        notes.append(f"HTTP {status} ({status_entry(status).title.lower()}) with this message.")

    if not_anthropic:
        category, title = "proxy", _GATEWAY_TITLE
        retryable = status_entry(status).retryable if status is not None else False
        notes.insert(0, f"What answered: {not_anthropic}.")
        fix = (
            "Check ANTHROPIC_BASE_URL and the proxy variables: the answer did not come from Anthropic's API.",
            "If a gateway or proxy is expected, look at its logs; the API's own answers carry a `request-id`.",
            *fix,
        )

    retry_after = parse_retry_after(hdrs) if hdrs else None
    if retry_after is not None and retry_after <= 0:
        retry_after = None
    if sdk_retries and not retryable and entry.kind != "net" and not in_stream:
        notes.append(_WASTED.format(status=status if status is not None else entry.status))

    return Diagnosis(
        status=status,
        error_type=error_type or (entry.error_type if status is None and entry.kind in ("type",) else error_type),
        error_code=error_code,
        message=message,
        request_id=request_id,
        category=category,
        retryable=retryable,
        sdk_retries=sdk_retries,
        retry_after_s=retry_after,
        title=title,
        fix=tuple(fix),
        source_shape=source_shape,
        meaning=entry.meaning,
        notes=tuple(dict.fromkeys(notes)),
        headers=tuple(sorted(hdrs.items())),
        sdk_schedule=tuple(retry_schedule(status, hdrs)) if status is not None and sdk_retries else (),
    )


def lookup_term(term: str) -> Diagnosis | None:
    """`explain 529`, `explain overloaded_error`, `explain enforced_spend_limit_reached`, `explain ECONNREFUSED`."""
    cleaned = term.strip()
    if cleaned.isdigit() and 100 <= int(cleaned) <= 599:
        status = int(cleaned)
        found = diagnose(status=status, source_shape="term")
        return replace(found, error_type=status_entry(status).error_type)
    lowered = cleaned.lower()
    if f"type:{lowered}" in _index():
        entry = _index()[f"type:{lowered}"]
        return diagnose(status=entry.status, error_type=lowered, source_shape="term")
    if f"code:{lowered}" in _index() or generic_code_status(lowered) is not None:
        entry = _code_entry(lowered, None)
        assert entry is not None
        return diagnose(status=entry.status, error_type=entry.error_type, error_code=lowered, source_shape="term")
    network = _NETWORK_TERMS.get(lowered) or (lowered if lowered in NETWORK_KINDS else None)
    if network:
        return diagnose(network=network, source_shape="term")
    return None


def status_overview() -> list[Diagnosis]:
    """One diagnosis per known status, for `explain --list`."""
    return [replace(diagnose(status=e.status, source_shape="term"), error_type=e.error_type) for e in STATUS_ENTRIES]
