"""Decode whatever a user pastes — JSON envelope, SDK traceback, Claude Code output, SSE, curl -i, a relay's or a
cloud's error, a network exception — into a Diagnosis. Pure and bounded: never raises, and any input decodes in well
under a second."""

from __future__ import annotations

import re
from dataclasses import replace

from claude_doctor.decode.classify import extract_facts, to_diagnosis
from claude_doctor.model import Diagnosis

__all__ = ["diagnose_exception_text", "explain_all", "explain_exception", "explain_text", "find_all", "may_hold_error"]

_NOT_RECOGNISED = "Not recognised"
_CAUSE_NOT_SHOWN = "Could not connect (cause not shown)"


def _decode(text: str) -> Diagnosis:
    try:
        return to_diagnosis(extract_facts(text))
    except Exception as exc:
        from claude_doctor.catalog import diagnose

        return diagnose(message=f"internal decoder error: {type(exc).__name__}", source_shape="unknown")


def explain_text(text: str) -> Diagnosis:
    """The best single diagnosis of the text: the most recent (or most telling) error in it; category `unknown`
    when nothing is recognised."""
    return explain_all(text)[0]


def _recognised(d: Diagnosis) -> bool:
    return d.title != _NOT_RECOGNISED


def explain_all(text: str) -> list[Diagnosis]:
    """Every distinct error in a paste, the primary first (the most recent, or the most telling), then the others,
    most recent first. A paste with one error gives one diagnosis, decoded with the whole text as context."""
    from claude_doctor.decode.segments import split_errors
    from claude_doctor.decode.text import normalise

    whole = _decode(text)
    if "\n" not in text.strip():
        return [whole]  # one line holds one error statement
    try:
        pieces = split_errors(normalise(text))
    except Exception:
        return [whole]
    if len(pieces) <= 1:
        return [whole]
    decoded = [(piece, _decode(piece.text)) for piece in pieces]
    found = [(piece, d) for piece, d in decoded if _recognised(d)]
    network = [d for _, d in found if d.status is None and d.category in ("dns", "connect", "tls", "proxy")]
    if any(d.title != _CAUSE_NOT_SHOWN for d in network):
        # "Connection error." wraps the cause printed under it: one failure, not two.
        found = [(p, d) for p, d in found if d.title != _CAUSE_NOT_SHOWN]
    if len({d.category for _, d in found}) <= 1:
        return [whole]
    loud = [(p, d) for p, d in found if not p.quiet] or found
    # An error the API (or a gateway) answered outranks a tool's or a log's own failure printed after it, such as
    # Claude Code's `⎿ Error: Command timed out` under an `API Error: 529`.
    answered = [(p, d) for p, d in loud if d.status is not None or "API Error" in p.text] or loud
    primary = answered[-1][1]
    if whole.category == primary.category and whole.status == primary.status:
        primary = whole
    else:
        primary = replace(primary, via=tuple(dict.fromkeys((*whole.via, *primary.via))))
    others: list[Diagnosis] = []
    seen = {(primary.category, primary.status)}
    for _, d in reversed(found):
        key = (d.category, d.status)
        if key not in seen:
            seen.add(key)
            others.append(d)
    return [primary, *others]


# Words that every error the decoder recognises contains at least one of (a test holds the real-world corpus to it):
# a record with none of them, and no three-digit number and no message family, is not decoded at all by `find_all`.
_CUES = re.compile(
    r"rror|xception|imeout|imed out|refused|reset|denied|unreachable|ssl|tls|certificate|proxy|socket|econn|"
    r"enotfound|eai_again|getaddrinfo|resolve|no such host|errno|abort|closed|terminated|hang up|fetch|handshake|"
    r"x509|pkix|incomplete|premature|disconnect|empty reply|und_err|winerror|eproto|epipe|broken pipe|overloaded|"
    r"<html|http/|limit|quota|unavailable|invalid|not found|failed|deadline|credential|unauthori|forbidden|status|"
    r"code|login|token|key|connect|unable|lost|ebadf"
)


def may_hold_error(text: str) -> bool:
    """A cheap test that a record could hold an error the decoder recognises (a superset, never a verdict)."""
    from claude_doctor.catalog.messages import has_family_needle
    from claude_doctor.decode.status import has_status_number

    return bool(_CUES.search(text.lower())) or has_status_number(text) or has_family_needle(text)


def find_all(text: str) -> list[Diagnosis]:
    """Every distinct error in a chunk of text, in order of appearance (one per record: a line, a pretty-printed
    JSON object, a traceback, an HTTP response or an SSE error event)."""
    from claude_doctor.decode.records import split_records

    out: list[Diagnosis] = []
    for record in split_records(text):
        if not may_hold_error(record):
            continue
        diagnosis = _decode(record)
        if diagnosis.category != "unknown":
            out.append(diagnosis)
    return out


def diagnose_exception_text(text: str) -> Diagnosis:
    """For `str(exc)` or a formatted traceback of a live exception."""
    return explain_text(text)


def explain_exception(value: object) -> Diagnosis:
    """A live exception, or an object with `status_code`, `response` or `body` (see `decode.exception`)."""
    try:
        from claude_doctor.decode.exception import exception_facts

        return to_diagnosis(exception_facts(value))
    except Exception as exc:
        from claude_doctor.catalog import diagnose

        return diagnose(message=f"internal decoder error: {type(exc).__name__}", source_shape="exception")
