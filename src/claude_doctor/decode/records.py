"""Cutting a stretch of log text into records, each holding at most one error.

A record is one line, unless the line opens something that goes on: a pretty-printed JSON object (until its braces
balance), a Python traceback (until its final exception line), an HTTP response (headers and body, until a blank
line after the body) or an SSE `event: error` line (with the `data:` line after it).
"""

from __future__ import annotations

import re

from claude_doctor.decode.text import strip_control

MAX_RECORD_LINES = 400

_TRACEBACK = "Traceback (most recent call last)"
_STATUS_LINE = re.compile(r"^\s*HTTP/\d(?:\.\d)?\s+[1-5]\d\d\b")
_EVENT_ERROR = re.compile(r"^\s*event:\s*error\s*$")
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exit|Interrupt)\b")
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")


def _depth(line: str) -> int:
    return line.count("{") - line.count("}")


def split_records(text: str) -> list[str]:
    lines = strip_control(text).split("\n")
    records: list[str] = []
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        start = i
        if _TRACEBACK in line:
            i += 1
            while i < n and i - start < MAX_RECORD_LINES:
                current = lines[i]
                if current.startswith((" ", "\t")) or not current.strip() or _TRACEBACK in current:
                    i += 1
                    continue
                if any(c in current for c in _CHAINED):
                    i += 1
                    continue
                if _EXCEPTION_LINE.match(current.strip()):
                    # The exception line ends this part; a chained traceback may follow.
                    i += 1
                    if i < n and (not lines[i].strip() or any(c in lines[i] for c in _CHAINED)):
                        continue
                    break
                i += 1
        elif _STATUS_LINE.match(line):
            i += 1
            blank_seen = False
            while i < n and i - start < MAX_RECORD_LINES:
                if _STATUS_LINE.match(lines[i]):
                    break
                if not lines[i].strip():
                    if blank_seen:
                        break
                    blank_seen = True
                i += 1
        elif _EVENT_ERROR.match(line):
            i += 1
            while i < n and i - start < 4 and (lines[i].startswith("data:") or not lines[i].strip()):
                i += 1
                if lines[i - 1].startswith("data:"):
                    break
        elif _depth(line) > 0:
            depth = _depth(line)
            i += 1
            while i < n and depth > 0 and i - start < MAX_RECORD_LINES:
                depth += _depth(lines[i])
                i += 1
        else:
            i += 1
        records.append("\n".join(lines[start:i]))
    return records
