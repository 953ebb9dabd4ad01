"""The one place that knows what every Claude API status, error type, error code and known message means, for every
place Claude runs: Anthropic's API, Claude Code, the SDKs, relays, Amazon Bedrock and Google Vertex AI.

`diagnose` turns the facts a decoder or a check found into a `Diagnosis`. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from claude_doctor.catalog.advice import Context, adapt, front
from claude_doctor.catalog.codes import CODE_ENTRIES, GENERIC_CODES, RETRYABLE_GENERIC_CODES, generic_code_status
from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.statuses import FALLBACK_4XX, FALLBACK_5XX, STATUS_ENTRIES, TYPE_ENTRIES
from claude_doctor.i18n import N_, Msg, as_message, lowered
from claude_doctor.model import NETWORK_KINDS, Diagnosis
from claude_doctor.retry import parse_retry_after, retry_schedule, should_retry

__all__ = [
    "Entry",
    "all_entries",
    "diagnose",
    "is_known_status",
    "lookup_term",
    "status_overview",
    "suggest_terms",
    "warm_catalog",
]

UNKNOWN = Entry(
    "unknown:unknown",
    "Not recognised",
    "Nothing in the input looks like a Claude API error or a network failure that this tool knows.",
    "unknown",
    None,
    (
        "Paste the whole error, including the status line or the JSON body (`claude-doctor explain -`).",
        "Run `claude-doctor check` to test the credential and the network path.",
    ),
)
UNKNOWN_NOTE = N_("The tool cannot tell whether this error clears by waiting, or whether the SDKs retry it.")

_STREAM_NOTE = N_(
    "This error arrived inside a stream after HTTP 200: the Python SDK raises APIStatusError with status 200 "
    "(TypeScript: status undefined) and neither retries it. Its status is the one its error type stands for."
)
_GATEWAY_TITLE = N_("A proxy or gateway answered instead of the API")
_NOT_THE_API_FIX = N_(
    "The error page did not come from Anthropic's API: check ANTHROPIC_BASE_URL and the proxy or gateway in between, "
    "whose logs tell why it answered this way."
)
# An error body that says something (`"message": "…"`, `"detail": "…"`): a 403 with one is not a bare status.
_DETAIL = re.compile(r"""["'](?:message|detail|error_description|errorMessage)["']\s*+:\s*+["'][^"'\n]{3,}""")
_RELAY_BARE_403 = N_(
    "The relay reports only the 403 its upstream answered, not why: a suspended or region-blocked upstream account "
    "and a missing permission look the same here, so the tool cannot tell whether it clears by waiting."
)
_CAUSE_NOT_SHOWN = "connection_failed"
_READ_THE_MESSAGE = N_("Read `error.message`: it says what to change for this code.")

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
    from claude_doctor.catalog.clouds import AWS_ENTRIES, GOOGLE_ENTRIES
    from claude_doctor.catalog.messages import MESSAGE_RULES
    from claude_doctor.catalog.network import NETWORK_ENTRIES

    entries = (
        *STATUS_ENTRIES,
        *TYPE_ENTRIES,
        *CODE_ENTRIES,
        *NETWORK_ENTRIES,
        *AWS_ENTRIES,
        *GOOGLE_ENTRIES,
        *(r.entry for r in MESSAGE_RULES),
    )
    return {e.key: e for e in entries}


@cache
def _statuses() -> dict[int, Entry]:
    return {e.status: e for e in STATUS_ENTRIES if e.status is not None}


def all_entries() -> list[Entry]:
    """Every entry, in catalog order (statuses, types, codes, clouds, messages, network), for docs and tests."""
    from claude_doctor.catalog.clouds import AWS_ENTRIES, GOOGLE_ENTRIES
    from claude_doctor.catalog.messages import MESSAGE_RULES
    from claude_doctor.catalog.network import NETWORK_ENTRIES

    messages = list(dict.fromkeys(r.entry for r in MESSAGE_RULES))
    return [
        *STATUS_ENTRIES,
        FALLBACK_4XX,
        FALLBACK_5XX,
        *TYPE_ENTRIES,
        *CODE_ENTRIES,
        *_generic_code_entries(),
        *AWS_ENTRIES,
        *GOOGLE_ENTRIES,
        *messages,
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
                Msg("{title} (other {status} error codes)", title=as_message(base.title), status=status),
                Msg("{meaning} Covers the codes: {codes}.", meaning=as_message(base.meaning), codes=", ".join(codes)),
                base.category,
                base.retryable,
                (_READ_THE_MESSAGE, *base.fix),
                status=status,
                error_type=base.error_type,
            )
        )
    return tuple(out)


def warm_catalog() -> None:
    """Load every entry and the message families' matcher now rather than on the first diagnosis."""
    from claude_doctor.catalog.messages import warm

    _index()
    warm()


def is_known_status(status: int) -> bool:
    """Whether the status has an entry of its own (not only the 4xx / 5xx fallback)."""
    return status in _statuses()


def status_entry(status: int) -> Entry:
    """The entry for a status, or the 4xx / 5xx fallback."""
    entry = _statuses().get(status)
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
        (_READ_THE_MESSAGE, *base.fix),
        status=code_status,
        error_type=base.error_type,
    )


@dataclass(frozen=True)
class _Pick:
    entry: Entry
    fix: tuple[str, ...]
    notes: tuple[str, ...] = ()
    family: bool = False  # a message family (its fix is already worded for its origin)


def _cloud(via: Sequence[str]) -> str | None:
    """The cloud that answered, when the error came from one (the innermost of Bedrock and Vertex AI in `via`)."""
    for name in reversed(via):
        if name in ("bedrock", "vertex"):
            return name
    return None


def _pick(
    *,
    status: int | None,
    error_type: str | None,
    error_code: str | None,
    message: str | None,
    text: str | None,
    network: str | None,
    vendor: str | None,
    via: Sequence[str],
) -> _Pick:
    """The most specific entry for the facts. In order: a family that refines a network failure, the network kind,
    Anthropic's own error code, a message family, the cloud's exception or status, a generic code, the error type,
    the status (read as the cloud's own error when a cloud answered), a connection failure whose cause is not shown."""
    if not (error_type or error_code or message or text or network or vendor or _cloud(via)):
        # A bare status (`explain 529`) needs neither the message families nor the clouds' tables: keep it light.
        if status is not None and status >= 400:
            entry = status_entry(status)
            return _Pick(entry, entry.fix)
        return _Pick(UNKNOWN, UNKNOWN.fix)
    from claude_doctor.catalog.clouds import AWS_BY_STATUS, GOOGLE_BY_STATUS
    from claude_doctor.catalog.messages import find_family, is_exactly_overloaded

    index = _index()
    notes: list[str] = []
    if network:
        found = find_family(text, message, before_network=True)
        if found is not None:
            return _Pick(found.entry, found.fix, family=True)
        if network != _CAUSE_NOT_SHOWN:
            net = index.get(f"net:{network}")
            if net is not None:
                return _Pick(net, net.fix)
            notes.append(Msg("Unknown network failure kind `{kind}`.", kind=network))
    own_code = index.get(f"code:{error_code}") if error_code else None
    if own_code is not None:
        return _Pick(own_code, own_code.fix)
    if error_type == "api_error" and is_exactly_overloaded(message):
        entry = index["type:overloaded_error"]
        return _Pick(replace(entry, status=500, error_type="api_error"), entry.fix, family=True)
    found = find_family(text, message, before_network=None if not network else False)
    cloud_entry = index.get(vendor) if vendor else None
    if found is not None and cloud_entry is not None and _disagrees(found.entry, cloud_entry):
        found = None  # the cloud's exception name fixes the error; wording shared with another exception does not
    if found is not None and not _contradicts(found, error_type):
        return _Pick(found.entry, found.fix, tuple(notes), family=True)
    if cloud_entry is not None:
        return _Pick(cloud_entry, cloud_entry.fix, tuple(notes))
    coded = _code_entry(error_code, status) if error_code else None
    if coded is not None:
        if generic_code_status(error_code) is None and f"code:{error_code}" not in index:  # type: ignore[arg-type]
            notes.append(
                Msg("`{code}` is not a code the newest SDK knows; diagnosed from its status.", code=error_code)
            )
        return _Pick(coded, coded.fix, tuple(notes))
    if error_type == "api_error" and status is not None and 400 <= status < 500 and status in _statuses():
        # The catch-all type with a 4xx: a gateway's own label around an answer whose status says more.
        entry = status_entry(status)
        return _Pick(entry, entry.fix, tuple(notes))
    if error_type:
        typed = index.get(f"type:{error_type}")
        if typed is not None:
            return _Pick(typed, typed.fix, tuple(notes))
        notes.append(
            Msg("`{type}` is an error type this tool does not know yet (the API may add new ones).", type=error_type)
        )
    if (
        status is not None and status >= 400
    ):  # a 2xx or 3xx alone is not an error (a proxy's "200 Connection established")
        cloud = _cloud(via)
        name = {"bedrock": AWS_BY_STATUS, "vertex": GOOGLE_BY_STATUS}.get(cloud or "", {}).get(status)
        if name is not None:
            entry = index[f"{'aws' if cloud == 'bedrock' else 'google'}:{name}"]
            return _Pick(entry, entry.fix, tuple(notes))
        entry = status_entry(status)
        return _Pick(entry, entry.fix, tuple(notes))
    if network == _CAUSE_NOT_SHOWN:
        entry = index[f"net:{network}"]
        return _Pick(entry, entry.fix, tuple(notes))
    return _Pick(UNKNOWN, UNKNOWN.fix, tuple(notes))


_LOOSE = frozenset({"msg:overloaded", "msg:rate_limit", "msg:internal_server_error", "msg:not_found_wording"})


def _contradicts(found: object, error_type: str | None) -> bool:
    """A loose message rule must not override an error type that says something else (e.g. "rate limit" in a 400)."""
    rule = found.rule  # type: ignore[attr-defined]
    if rule.entry.key not in _LOOSE or not error_type:
        return False
    typed = _index().get(f"type:{error_type}")
    return typed is not None and typed.category != rule.entry.category


def _other_category(error_type: str, family: Entry) -> bool:
    """The error type stands for another category than the message family found (a gateway's own type around it)."""
    typed = _index().get(f"type:{error_type}")
    return typed is not None and typed.category != family.category


def _disagrees(family: Entry, cloud: Entry) -> bool:
    """A message family that names another category and status than the cloud's exception around it (Bedrock says
    "Too many connections" both as ThrottlingException and as ServiceUnavailableException)."""
    return (
        family.status is not None
        and cloud.status is not None
        and family.status != cloud.status
        and family.category != cloud.category
    )


def _with_cloud(via: tuple[str, ...], entry: Entry) -> tuple[str, ...]:
    """`via` with the cloud that the entry belongs to (a Bedrock exception, a Vertex AI family), innermost, when the
    text named no other sign of it."""
    name = entry.name
    if entry.kind == "aws" or name.startswith(("bedrock_", "aws_")) or "_aws_" in name:
        cloud = "bedrock"
    elif entry.kind == "google" or name.startswith(("vertex_", "google_")):
        cloud = "vertex"
    else:
        return via
    return via if cloud in via else (*via, cloud)


# A client that cannot tell which region or project to call stays `unknown` even when a proxy built on it reports the
# failure with a status (LiteLLM's 500 around "Could not resolve project_id"): the status says nothing of the cause.
_NO_TARGET = frozenset({"msg:vertex_no_project", "msg:vertex_no_region", "msg:cloud_no_region"})


# Types that stand for a whole class of statuses: a status shown with them is more specific than the type.
_GENERIC_TYPES = frozenset({"api_error", "invalid_request_error"})


def _implied_status(vendor: str | None, error_type: str | None, entry: Entry) -> tuple[int | None, bool]:
    """The status the innermost error stands for, and whether that is only a class default (`api_error`,
    `invalid_request_error`, a message family's usual status), which a status shown in the text beats."""
    if vendor:
        found = _index().get(vendor)
        if found is not None and found.status is not None:
            return found.status, False
    if error_type:
        typed = _index().get(f"type:{error_type}")
        if typed is not None and typed.status is not None:
            return typed.status, error_type in _GENERIC_TYPES
    return entry.status, True


def _reconcile(shown: int | None, implied: int | None, generic: bool) -> tuple[int | None, str | None]:
    """The status of the innermost real error. A status shown in the text is the answer's own, unless it belongs to
    something that wraps a more specific inner error: a gateway's 500 around Anthropic's 400, a relay's 429 around
    an upstream's `permission_error`."""
    if shown is None or shown < 400:
        return (implied, "inferred") if implied is not None else (None, None)
    if implied is None or implied == shown:
        return shown, "shown"
    if shown >= 500 and implied < 500:
        return implied, "inferred"
    if not generic:
        return implied, "inferred"
    return shown, "shown"


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
    answered_by: str | None = None,
    in_stream: bool = False,
    source_shape: str = "unknown",
    text: str | None = None,
    vendor: str | None = None,
    request_id_kind: str | None = None,
    via: Sequence[str] = (),
    retrying: tuple[int, int] | None = None,
    reset_at: str | None = None,
    implied_status: int | None = None,
    openai_envelope: bool = False,
) -> Diagnosis:
    """Classify one error from the facts found about it.

    `status` is a status the caller saw (in the text, or on a live response). When there is none, or when it is a
    wrapper's, the status comes from the error type, the cloud's exception or status (`vendor`, such as
    `aws:ThrottlingException`) or the message family, and `status_source` says "inferred". `text` is the whole paste,
    in which distinctive message families count wherever they appear; `via` names what the error passed through,
    outermost first, so the fix speaks to the user's actual client.
    """
    hdrs = _lower(headers)
    via = tuple(via)
    pick = _pick(
        status=status if status is not None else implied_status,
        error_type=error_type,
        error_code=error_code,
        message=message,
        text=text,
        network=network,
        vendor=vendor,
        via=via,
    )
    entry = pick.entry
    via = _with_cloud(via, entry)
    notes = [*pick.notes, *entry.notes]
    category, title, retryable = entry.category, entry.title, entry.retryable
    if (
        pick.family
        and category == "unknown"
        and retryable is False
        and status is not None
        and status >= 400
        and entry.key not in _NO_TARGET
    ):
        # A program's own failure (a missing package, a bug) that a server reported with a status: a proxy built on
        # the program answered, and its status says what kind of answer the client got.
        category = status_entry(status).category

    is_network = entry.kind == "net" or (network is not None and pick.family and entry.status is None)
    if is_network:
        # No HTTP answer came from the API; a status shown belongs to what answered instead (a proxy's 407).
        shown = status is not None and status >= 400
        final_status, status_source = (status, "shown") if shown else (None, None)
    else:
        # A relay's family status says more than a generic type in its Anthropic- or OpenAI-shaped envelope.
        generic_type = openai_envelope or error_type in _GENERIC_TYPES
        typed = None if pick.family and entry.status is not None and generic_type else error_type
        if (
            typed
            and pick.family
            and entry.status is not None
            and entry.status == status
            and _other_category(typed, entry)
        ):
            # A family found in the inner message whose status the text shows, and an outer type that contradicts
            # both (Antigravity-Manager's 429 `overloaded_error` around Google's "HTTP 400 … thinking.signature:
            # Field required"): the type is the gateway's label for its retries, the status shown is the error's.
            typed = None
        implied, generic = _implied_status(vendor, typed, entry)
        if implied is None or (
            generic and implied_status is not None and implied_status < 500 and not typed and not vendor
        ):
            # The exception class the text names (litellm's BadRequestError around `Litellm_proxyException - Budget
            # has been exceeded!`) is the answer's own status; a message family's usual status is only a default.
            implied = implied_status
        final_status, status_source = _reconcile(status, implied, generic)
        if status is not None and status < 400 and final_status is None and not in_stream:
            final_status, status_source = status, "shown"

    if entry is UNKNOWN:
        sdk_retries: bool | None = None
        retryable = None
        notes.append(UNKNOWN_NOTE)
    elif network and network in NETWORK_KINDS and (entry.kind == "net" or pick.family):
        sdk_retries = True  # the SDKs retry APIConnectionError and APITimeoutError
    elif in_stream:
        sdk_retries = False
        notes.append(_STREAM_NOTE)
    elif final_status is not None and final_status >= 400:
        sdk_retries = should_retry(final_status, hdrs)
    else:
        sdk_retries = None

    if status is not None and status >= 400 and final_status not in (status, None) and entry.kind != "net":
        notes.append(
            Msg(
                "The text shows HTTP {shown}, from something that wraps the real error; the real error is a {status}.",
                shown=status,
                status=final_status,
            )
        )
    elif (
        final_status is not None
        and entry.status is not None
        and final_status != entry.status
        and entry.kind not in ("net", "status")
    ):
        # e.g. a credit-balance message on 402, or a context-window message on 413: say what the status means too.
        notes.append(
            Msg(
                "HTTP {status} ({title}) with this message.",
                status=final_status,
                title=lowered(status_entry(final_status).title),
            )
        )

    if entry.key == "status:403" and front(via) == "relay" and not (text and _DETAIL.search(text)):
        retryable = None
        notes.append(_RELAY_BARE_403)

    if not_anthropic:
        category, title = "proxy", _GATEWAY_TITLE
        retryable = status_entry(status).retryable if status is not None else False
        notes.insert(0, Msg("What answered: {what}.", what=not_anthropic))
        fix: tuple[str, ...] = (
            N_("Check ANTHROPIC_BASE_URL and the proxy variables: the answer did not come from Anthropic's API."),
            N_("If a gateway or proxy is expected, look at its logs; the API's own answers carry a `request-id`."),
            *pick.fix,
        )
    else:
        fix = pick.fix
        if answered_by:
            notes.insert(0, Msg("What answered: {what}.", what=answered_by))
            fix = (_NOT_THE_API_FIX, *fix)

    retry_after = parse_retry_after(hdrs) if hdrs else None
    if retry_after is not None and retry_after <= 0:
        retry_after = None
    if sdk_retries and retryable is False and entry.kind != "net" and not in_stream and final_status is not None:
        notes.append(
            Msg(
                "The official SDKs retry every HTTP {status} automatically (2 retries by default), but this request "
                "cannot succeed by waiting: those retries are wasted. Stop on this error instead.",
                status=final_status,
            )
        )

    fix = adapt(
        fix,
        Context(
            category=category,
            via=via,
            request_id=request_id,
            request_id_kind=request_id_kind,
            retrying=retrying,
            family=pick.family and entry.kind == "msg" and not entry.key.startswith(_GENERIC_FAMILIES),
            retryable=retryable,
        ),
    )
    schedule_status = final_status if final_status is not None and not in_stream else None
    return Diagnosis(
        status=final_status,
        error_type=error_type or (entry.error_type if status is None and entry.kind == "type" else error_type),
        error_code=error_code,
        message=message,
        request_id=request_id,
        category=category,  # type: ignore[arg-type]
        retryable=retryable,
        sdk_retries=sdk_retries,
        retry_after_s=retry_after,
        title=as_message(title),
        fix=tuple(as_message(step) for step in fix),
        source_shape=source_shape,
        meaning=as_message(entry.meaning),
        notes=tuple(as_message(note) for note in dict.fromkeys(notes)),
        headers=tuple(sorted(hdrs.items())),
        status_source=status_source,  # type: ignore[arg-type]
        request_id_kind=request_id_kind if request_id else None,
        via=via,
        sdk_schedule=tuple(retry_schedule(schedule_status, hdrs))
        if schedule_status is not None and sdk_retries
        else (),
        reset_at=reset_at,
    )


# Families about Anthropic's API itself: their fix assumes an Anthropic account, so advice adapts it to a relay.
_GENERIC_FAMILIES = (
    "msg:credit_balance",
    "msg:user_spend_limit",
    "msg:invalid_key",
    "msg:no_credential",
    "msg:organization_disabled",
    "msg:oauth",
    "msg:claude_code_only",
    "msg:model_not_found",
    "msg:rate_limit",
)


def lookup_term(term: str) -> Diagnosis | None:
    """`explain 529`, `explain overloaded_error`, `explain enforced_spend_limit_reached`, `explain ECONNREFUSED`,
    `explain ThrottlingException`, `explain RESOURCE_EXHAUSTED`."""
    cleaned = term.strip()
    if cleaned.isdigit() and 100 <= int(cleaned) <= 599:
        status = int(cleaned)
        if status < 400:
            return _not_an_error(status)
        found = diagnose(status=status, source_shape="term")
        return replace(found, error_type=status_entry(status).error_type)
    lowered = cleaned.lower()
    index = _index()
    if f"type:{lowered}" in index:
        entry = index[f"type:{lowered}"]
        return diagnose(status=entry.status, error_type=lowered, source_shape="term")
    if f"code:{lowered}" in index or generic_code_status(lowered) is not None:
        entry = _code_entry(lowered, None)  # type: ignore[assignment]
        assert entry is not None
        return diagnose(status=entry.status, error_type=entry.error_type, error_code=lowered, source_shape="term")
    network = _NETWORK_TERMS.get(lowered) or (lowered if lowered in NETWORK_KINDS else None)
    if network:
        return diagnose(network=network, source_shape="term")
    vendor = _vendor_term(cleaned)
    if vendor is not None:
        entry = index[vendor]
        return replace(diagnose(status=entry.status, vendor=vendor, source_shape="term"), error_type=entry.name)
    return None


def _vendor_term(term: str) -> str | None:
    from claude_doctor.catalog.clouds import aws_name

    name = aws_name(term)
    if name is not None:
        return f"aws:{name}"
    upper = term.upper()
    return f"google:{upper}" if f"google:{upper}" in _index() else None


def _not_an_error(status: int) -> Diagnosis:
    kind = {1: "informational", 2: "success", 3: "redirect"}[status // 100]
    meaning = {
        "informational": N_("A 1xx status is an interim answer: the final answer follows it."),
        "success": N_(
            "A 2xx status means the request succeeded. An error that arrives inside a 200 stream is decoded "
            "from its error event: paste the event (`claude-doctor explain -`)."
        ),
        "redirect": N_(
            "A 3xx status sends the client elsewhere. The official SDKs follow redirects; the API itself does "
            "not redirect, so a 3xx comes from a proxy or a wrong base URL."
        ),
    }[kind]
    return Diagnosis(
        status=status,
        error_type=None,
        error_code=None,
        message=None,
        request_id=None,
        category="unknown",
        retryable=None,
        sdk_retries=False,
        retry_after_s=None,
        title=Msg("HTTP {status} is not an error", status=status),
        fix=(N_("Nothing to fix for this status."),) if kind != "redirect" else (N_("Check ANTHROPIC_BASE_URL."),),
        source_shape="term",
        meaning=meaning,
        status_source="shown",
    )


def known_terms() -> list[str]:
    """Every term `lookup_term` answers, for suggestions."""
    from claude_doctor.catalog.clouds import AWS_ENTRIES, GOOGLE_ENTRIES

    terms = [str(e.status) for e in STATUS_ENTRIES]
    terms += [e.name for e in TYPE_ENTRIES]
    terms += [e.name for e in CODE_ENTRIES]
    terms += [e.name for e in (*AWS_ENTRIES, *GOOGLE_ENTRIES)]
    terms += [code for codes in GENERIC_CODES.values() for code in codes]
    terms += list(_NETWORK_TERMS) + list(NETWORK_KINDS)
    return list(dict.fromkeys(terms))


def suggest_terms(term: str, limit: int = 3) -> list[str]:
    """Known terms close to a term that is not one (`overload_error` → `overloaded_error`, `592` → `529`)."""
    cleaned = term.strip()
    if not cleaned or len(cleaned) > 80:
        return []
    terms = known_terms()
    if cleaned.isdigit():
        statuses = [t for t in terms if t.isdigit()]
        close = [t for t in statuses if len(t) == len(cleaned) and _distance(t, cleaned) <= 1]
        close.sort(key=lambda t: (sorted(t) != sorted(cleaned), t))  # a transposition first: 592 → 529
        return close[:limit]
    lowered = cleaned.lower()
    prefixed = [t for t in terms if t.lower().startswith(lowered) and lowered != t.lower()]
    if prefixed and len(lowered) >= 4:
        return sorted(prefixed, key=len)[:limit]
    import difflib

    by_lower = {t.lower(): t for t in terms if not t.isdigit()}
    return [by_lower[t] for t in difflib.get_close_matches(lowered, list(by_lower), n=limit, cutoff=0.75)]


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment), for short strings."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, rows[i - 2][j - 2] + 1)
            row.append(value)
        rows.append(row)
    return rows[-1][-1]


def status_overview() -> list[Diagnosis]:
    """One diagnosis per known status, for `explain --list`."""
    return [replace(diagnose(status=e.status, source_shape="term"), error_type=e.error_type) for e in STATUS_ENTRIES]
