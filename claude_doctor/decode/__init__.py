"""Decode whatever a user pastes — JSON envelope, SDK traceback, Claude Code output, SSE, curl -i, a relay's or a
cloud's error, a network exception — into a Diagnosis. Pure and bounded: never raises, and any input decodes in well
under a second."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claude_doctor.decode.classify import extract_facts, to_diagnosis
from claude_doctor.decode.cues import LINE_CUES
from claude_doctor.model import Diagnosis

__all__ = ["diagnose_exception_text", "explain_all", "explain_exception", "explain_text", "find_all", "may_hold_error"]

_NOT_RECOGNISED = "Not recognised"
_CAUSE_NOT_SHOWN = "Could not connect (cause not shown)"
_NETWORK_CATEGORIES = frozenset({"dns", "connect", "tls", "proxy"})


def _decoder_error(exc: Exception) -> str:
    """The message of a diagnosis made when decoding itself failed (a bug): said by this tool, so translated."""
    from claude_doctor.i18n import Msg

    return Msg("internal decoder error: {name}", name=type(exc).__name__)


def _decode(text: str) -> Diagnosis:
    try:
        return to_diagnosis(extract_facts(text))
    except Exception as exc:
        from claude_doctor.catalog import diagnose

        return diagnose(message=_decoder_error(exc), source_shape="unknown")


def explain_text(text: str) -> Diagnosis:
    """The best single diagnosis of the text: the most recent (or most telling) error in it; category `unknown`
    when nothing is recognised."""
    return explain_all(text)[0]


def _recognised(d: Diagnosis) -> bool:
    return d.title != _NOT_RECOGNISED


# Past this size a paste is a log: decoded record by record (decode.log), never as one text.
LOG_CHARS = 64 * 1024


@dataclass(frozen=True)
class _Found:
    diagnosis: Diagnosis
    text: str  # the piece or record it was decoded from
    quiet: bool  # logged at INFO, DEBUG or TRACE: an access log echoing a status, not the error itself


def explain_all(text: str) -> list[Diagnosis]:
    """Every distinct error in a paste, the primary first (the most recent, or the most telling), then the others,
    most recent first. A paste with one error gives one diagnosis, decoded with the whole text as context; a long
    paste (a log) is decoded record by record, so that no diagnosis mixes two records."""
    if len(text) > LOG_CHARS:
        return _explain_log(text)
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
    found = [_Found(d, piece.text, piece.quiet) for piece in pieces if _recognised(d := _decode(piece.text))]
    return _ordered(found, whole)


def _explain_log(text: str) -> list[Diagnosis]:
    from claude_doctor.decode.log import decode_records
    from claude_doctor.decode.segments import is_quiet

    try:
        decoded = decode_records(text, _decode)
    except Exception:
        decoded = []
    if not decoded:
        return [_decode(text)]  # nothing in any record: the head and tail as one text
    found = [_Found(d, record.text, is_quiet(record.text)) for record, d in decoded]
    ordered = _ordered(found, None)
    # Records of one shape share a diagnosis (the first record's): the latest record of each shown is decoded again,
    # for its own request id, unless it is that first record.
    first = {id(f.diagnosis): f.text for f in reversed(found)}
    latest = {id(f.diagnosis): f.text for f in found}
    return [_decode(latest[id(d)]) if latest.get(id(d), first.get(id(d))) != first.get(id(d)) else d for d in ordered]


def _ordered(found: list[_Found], whole: Diagnosis | None) -> list[Diagnosis]:
    """The primary error and the others, from the errors found piece by piece (or record by record, with no `whole`:
    then every diagnosis is one record's own)."""
    if not found:
        return [whole] if whole is not None else []
    network = [f for f in found if f.diagnosis.status is None and f.diagnosis.category in _NETWORK_CATEGORIES]
    if any(f.diagnosis.title != _CAUSE_NOT_SHOWN for f in network):
        # "Connection error." wraps the cause printed under it: one failure, not two.
        found = [f for f in found if f.diagnosis.title != _CAUSE_NOT_SHOWN] or found
    if whole is not None and len({f.diagnosis.category for f in found}) <= 1:
        return [whole]
    loud = [f for f in found if not f.quiet] or found
    # An error the API (or a gateway) answered outranks a tool's or a log's own failure printed after it, such as
    # Claude Code's `⎿ Error: Command timed out` under an `API Error: 529`.
    answered = [f for f in loud if f.diagnosis.status is not None or "API Error" in f.text] or loud
    primary = answered[-1].diagnosis
    if whole is not None and whole.category == primary.category and primary.status in (whole.status, None):
        # The same error, which the whole text gives with its status (an access log line or a banner around it).
        primary = whole
    elif whole is not None:
        primary = replace(primary, via=tuple(dict.fromkeys((*whole.via, *primary.via))))
    others: list[Diagnosis] = []
    seen = {(primary.category, primary.status)}
    for f in reversed(found):
        key = (f.diagnosis.category, f.diagnosis.status)
        if key not in seen:
            seen.add(key)
            others.append(f.diagnosis)
    return [primary, *others]


# Words that every error the decoder recognises contains at least one of (a test holds the real-world corpus to it):
# a record with none of them, and no three-digit number and no message family, is not decoded at all by `find_all`.
# Every literal of decode.cues.LINE_CUES is one of them, so a line `scan` passes is never dropped here.
_CUE_WORDS = (
    r"rror|xception|imeout|imed out|refused|reset|denied|unreachable|ssl|tls|certificate|proxy|socket|econn|"
    r"enotfound|eai_again|getaddrinfo|resolve|no such host|errno|abort|closed|terminated|hang up|fetch|handshake|"
    r"x509|pkix|incomplete|premature|disconnect|empty reply|und_err|winerror|eproto|epipe|broken pipe|overloaded|"
    r"<html|http/|limit|quota|unavailable|invalid|not found|failed|deadline|credential|unauthori|forbidden|status|"
    r"code|login|token|key|connect|unable|lost|ebadf"
)
_CUES = re.compile(_CUE_WORDS + "|" + "|".join(re.escape(cue.strip("\n").lower()) for cue in LINE_CUES))


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

        return diagnose(message=_decoder_error(exc), source_shape="exception")
