"""Cutting a paste that holds several errors into one piece per error.

A paste often shows a sequence: Claude Code's retry banners (`⎿ API Error (…) · Retrying…`), one per attempt, or a
log with one entry per line. Each banner and each log entry starts a new piece; anything else (a JSON body over
several lines, a stack, a wrapped line) belongs to the piece above it. A piece whose log level is INFO, DEBUG or TRACE
is quiet: an access-log line that echoes a status is not the error itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claude_doctor.decode.records import split_records

MAX_PIECES = 200
_START = re.compile(
    r"^[\s⎿●⏺✻>❌·]*+(?:"
    r"API Error|Unable to connect to API|"
    r"\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d|\[\d\d:\d\d:\d\d\]|\d\d:\d\d:\d\d\s-|"
    r"(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL)\b|\[(?:ERROR|ERRO|WARN|INFO|DEBUG)\]|"
    r"\{\"level\"|Traceback \("
    r")"
)
_QUIET = re.compile(
    r"^\s*+(?:\[?\d{4}[-/]\d\d[-/]\d\d[T ][\d:.,]{5,15}(?:Z|[+-]\d\d:?\d\d)?\]?\s*+)?"
    r"(?:\[?(?:TRACE|DEBUG|INFO|NOTICE)\b|"
    r"(?:trace|debug|info|notice):|\{\"level\":(?:10|20|30)\b)",
)


# An access log line: a method, a path and the status answered (`"POST /v1/messages HTTP/1.1" 400`,
# `POST /api/v1/messages?beta=true | 500 | 7ms`). It echoes a status; the error itself is told elsewhere.
_ACCESS_LOG = re.compile(
    r"\b(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]++\"?/[^\s\"]{0,300}+\"?(?:[ \t]++HTTP/\d(?:\.\d)?\"?)?"
    r"[ \t|,:-]++[1-5]\d\d\b"
)


def is_quiet(text: str) -> bool:
    """Whether a piece or record only echoes a status: logged at INFO, DEBUG or TRACE, or an access log line."""
    if _QUIET.match(text) is not None:
        return True
    first = text.lstrip("\n").split("\n", 1)[0]
    return first.strip() == text.strip() and _ACCESS_LOG.search(first) is not None


@dataclass(frozen=True)
class Piece:
    text: str
    quiet: bool


# Claude Code's `/bug` report lists its errors as `[{"error":"Error: …","timestamp":"…"}, …]`, oldest first.
_FEEDBACK_ENTRY = re.compile(r"""\{\s*+"error"\s*+:\s*+"(?=Error)""")


def _feedback_entries(text: str) -> list[Piece]:
    starts = [m.start() for m in _FEEDBACK_ENTRY.finditer(text[:200_000])]
    if len(starts) < 2:
        return []
    bounds = [*starts[1:], len(text)]
    return [Piece(text[a:b], False) for a, b in zip(starts, bounds, strict=True)][:MAX_PIECES]


def split_errors(text: str) -> list[Piece]:
    """The paste in pieces, one per error statement, in order."""
    entries = _feedback_entries(text)
    if entries:
        return entries
    records = split_records(text)
    pieces: list[list[str]] = []
    for record in records:
        if not record.strip():
            if pieces:
                pieces[-1].append(record)
            continue
        if not pieces or _START.match(record):
            if len(pieces) >= MAX_PIECES:
                pieces[-1].append(record)
                continue
            pieces.append([record])
        else:
            pieces[-1].append(record)
    return [Piece(text, is_quiet(text)) for text in ("\n".join(lines) for lines in pieces)]
