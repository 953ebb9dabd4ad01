"""Decode whatever a user pastes — JSON envelope, SDK traceback, Claude Code output, SSE, curl -i, a network
exception — into a Diagnosis. Pure and bounded: never raises, and any input decodes in well under a second."""

from __future__ import annotations

from claude_doctor.decode.classify import extract_facts, to_diagnosis
from claude_doctor.decode.records import split_records
from claude_doctor.model import Diagnosis

__all__ = ["diagnose_exception_text", "explain_exception", "explain_text", "find_all"]


def explain_text(text: str) -> Diagnosis:
    """The best single diagnosis of the text; category `unknown` when nothing is recognised."""
    try:
        return to_diagnosis(extract_facts(text))
    except Exception as exc:
        from claude_doctor.catalog import diagnose

        return diagnose(message=f"internal decoder error: {type(exc).__name__}", source_shape="unknown")


def find_all(text: str) -> list[Diagnosis]:
    """Every distinct error in a chunk of text, in order of appearance (one per record: a line, a pretty-printed
    JSON object, a traceback, an HTTP response or an SSE error event)."""
    out: list[Diagnosis] = []
    for record in split_records(text):
        diagnosis = explain_text(record)
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
