"""Cutting a stretch of log text into records, each holding at most one error.

A record is one line, unless the line opens something that goes on: a JSON object spread over lines (pretty-printed
or hard-wrapped, until its braces balance), a Python traceback (until its final exception line), a Node error with
its stack (`Error: …` then indented `at …` frames and `cause:` lines), an HTTP response (status line, headers, a blank
line, then a JSON body until it balances or a text body until a blank line) or an SSE `event: error` line (with the
`data:` line after it).

Logs cut things short: a truncated JSON line never balances, a traceback loses its last line, a response has no
body. So anything that goes on also stops at a line that plainly starts a new log entry (a timestamp, a level, a
status line, a new traceback or SSE field, a JSON object at column 0); otherwise one damaged line would swallow the
errors after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claude_doctor.decode.text import strip_control

MAX_RECORD_LINES = 400

_TRACEBACK = "Traceback (most recent call last)"
# Leading blanks are bounded (no real status line, SSE field or stack frame is indented by more), so that a line of
# thousands of spaces costs no more than a short one.
_STATUS_LINE = re.compile(r"^[ \t]{0,64}HTTP/\d(?:\.\d)?[ \t]+[1-5]\d\d\b")
_EVENT_ERROR = re.compile(r"^[ \t]{0,64}event:[ \t]*error[ \t]*$")
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exit|Interrupt)\b")
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")
_NODE_ERROR = re.compile(r"^[ \t]{0,64}(?:Uncaught )?(?:[A-Za-z_$][\w.$]*)?(?:Error|Exception)(?: \[[A-Z_0-9]+\])?: ")
_STACK_FRAME = re.compile(r"^[ \t]{1,64}at\s")
_HEADER = re.compile(r"^[A-Za-z][A-Za-z0-9-]*:")
# A line that begins a log entry (a timestamp or a level). No record runs across one: `scan` relies on this to decode
# only the lines between two entries around a candidate.
LOG_ENTRY = r"\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d|(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL)\b"
_LOG_ENTRY = re.compile(LOG_ENTRY)
_NEW_ENTRY = re.compile(rf"(?:{LOG_ENTRY}|HTTP/\d|Traceback \(|event:|data:|\{{)")


def _depth(line: str) -> int:
    return line.count("{") - line.count("}")


def split_records(text: str) -> list[str]:
    return list(iter_records(text))


def iter_records(text: str) -> Iterator[str]:
    """Records one by one, so a caller that wants only the first few stops early."""
    lines = strip_control(text).split("\n")
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        start = i
        limit = min(n, start + MAX_RECORD_LINES)
        if _TRACEBACK in line:
            i = _traceback_end(lines, start, limit)
        elif _STATUS_LINE.match(line):
            i = _response_end(lines, start, limit)
        elif _NODE_ERROR.match(line) and i + 1 < n and _STACK_FRAME.match(lines[i + 1]):
            i = _stack_end(lines, start, limit)
        elif _EVENT_ERROR.match(line):
            i += 1
            while i < n and i - start < 4 and (lines[i].startswith("data:") or not lines[i].strip()):
                i += 1
                if lines[i - 1].startswith("data:"):
                    break
        elif _depth(line) > 0:
            i = _json_end(lines, start, limit)
        else:
            i += 1
        yield "\n".join(lines[start:i])


def _json_end(lines: list[str], start: int, limit: int) -> int:
    depth = _depth(lines[start])
    i = start + 1
    while i < limit and depth > 0 and not _NEW_ENTRY.match(lines[i]):
        depth += _depth(lines[i])
        i += 1
    return i


def _stack_end(lines: list[str], start: int, limit: int) -> int:
    """A Node error's stack: every indented line after it (frames, `cause:`, an inspected `{ code: … }` object)."""
    i = start + 1
    while i < limit and lines[i][:1] in (" ", "\t", "}") and lines[i].strip() and not _LOG_ENTRY.match(lines[i]):
        i += 1
    return i


def _traceback_end(lines: list[str], start: int, limit: int) -> int:
    i = start + 1
    while i < limit:
        current = lines[i]
        if _LOG_ENTRY.match(current):
            return i  # a new log entry, even one that starts another traceback
        if current.startswith((" ", "\t")) or not current.strip() or _TRACEBACK in current:
            i += 1
            continue
        if any(c in current for c in _CHAINED):
            i += 1
            continue
        if _EXCEPTION_LINE.match(current.strip()):
            # The exception line ends this part; a chained traceback may follow, or (in a trimmed paste) the
            # wrapper's exception line right after its cause's: one failure either way.
            i += 1
            while i < limit and _EXCEPTION_LINE.match(lines[i]):
                i += 1
            if i < limit and (not lines[i].strip() or any(c in lines[i] for c in _CHAINED)):
                continue
            return i
        if _NEW_ENTRY.match(current):
            return i  # the traceback was cut short
        i += 1
    return i


def _is_header(line: str) -> bool:
    return bool(_HEADER.match(line)) and not _NEW_ENTRY.match(line) and not _EXCEPTION_LINE.match(line)


def _response_end(lines: list[str], start: int, limit: int) -> int:
    i = start + 1
    while i < limit and _is_header(lines[i]):
        i += 1
    if i >= limit or lines[i].strip():
        return i  # headers only: no body follows
    i += 1
    if i >= limit or _STATUS_LINE.match(lines[i]) or (_NEW_ENTRY.match(lines[i]) and not lines[i].startswith("{")):
        return i
    if lines[i].lstrip().startswith(("{", "[")):
        return _json_end(lines, i, limit)
    while i < limit and lines[i].strip() and not _NEW_ENTRY.match(lines[i]):
        i += 1  # a text or HTML body
    return i
