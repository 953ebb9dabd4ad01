"""Every error in a long paste (a log), record by record, the way `scan` finds them.

A paste of a whole log is not one error: decoding it as one text would take the status of one record and the error
type of another, and would only see its head and tail. Instead: find the lines that hold a cue (decode.cues), cut the
records around them (back to the record's opener, on to the next log entry; decode.records), and decode each record
on its own. Bounded whatever the input: at most `MAX_CANDIDATES` candidate lines (the first quarter and the last three
quarters of them: the end of a log is where its latest errors are) and `MAX_DECODES` distinct record shapes (a log
repeats the same error thousands of times; records that differ only in ids, numbers and timestamps decode once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from claude_doctor.decode.cues import LINE_CUES
from claude_doctor.decode.records import LOG_ENTRY, iter_records
from claude_doctor.model import Diagnosis

MAX_CANDIDATES = 4_000
MAX_DECODES = 400
CONTEXT_LINES = 30  # how far a record (pretty-printed envelope, traceback) may reach from its telling line
_CHUNK = 256 * 1024
_PIECE = 64 * 1024
_OVERLAP = max(len(cue) for cue in LINE_CUES)  # a cue across two pieces is still found

_LOG_ENTRY = re.compile(LOG_ENTRY)
_CONTINUATION = (" ", "\t", "}", "]", '"', "data:", "During handling", "The above exception", "Traceback")
_HEADER_OR_EXCEPTION = re.compile(
    r"^(?:[A-Za-z0-9-]+:[ \t]|[A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exit|Interrupt)\b)"
)
# What varies between two records of the same error: ids, numbers, the leading timestamp.
_VARYING = re.compile(r"req_[A-Za-z0-9]{8,64}|[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|\d+")


@dataclass(frozen=True)
class Record:
    text: str
    line: int  # 0-based line number of the record's first line in the paste


@cache
def _matcher() -> Any:
    import ahocorasick_rs

    cues = [cue for cue in LINE_CUES if not cue.startswith("\n")]
    return ahocorasick_rs.AhoCorasick(cues, matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST)


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines in text[start:end] (whole lines) that hold a cue, or that are an HTTP status line. The
    matcher runs over pieces of `_PIECE` characters, and a line once taken is skipped to its end: a megabyte-long line
    full of cues costs one piece, not a match per cue."""
    found: list[int] = []
    taken = start - 1  # the end of the last line taken
    position = start
    while position < end:
        if position <= taken:
            position = taken + 1
            continue
        stop = min(end, position + _PIECE)
        piece = text[position : min(end, stop + _OVERLAP)]
        for _index, at, _end in _matcher().find_matches_as_indexes(piece):
            at += position
            if at >= stop:
                break
            if at <= taken:
                continue
            found.append(text.rfind("\n", 0, at) + 1)
            taken = text.find("\n", at, end)
            if taken == -1:
                taken = end
            if taken >= stop:
                break
        position = max(stop, taken + 1)
    at = text.find("\nHTTP/", start, end)
    while at != -1:
        found.append(at + 1)
        at = text.find("\nHTTP/", at + 1, end)
    if text.startswith("HTTP/", start):
        found.append(start)
    return sorted(set(found))


def candidate_lines(text: str) -> list[int]:
    """Start offsets of the lines worth decoding: all of them when there are few, else the first quarter and the last
    three quarters of `MAX_CANDIDATES`."""
    head: list[int] = []
    position = 0
    size = len(text)
    while position < size and len(head) <= MAX_CANDIDATES:
        end = text.find("\n", min(size, position + _CHUNK))
        end = size if end == -1 else end + 1
        head += _line_starts(text, position, end)
        position = end
    if len(head) <= MAX_CANDIDATES:
        return head
    tail: list[int] = []
    end = size
    while end > 0 and len(tail) < MAX_CANDIDATES * 3 // 4:
        start = text.rfind("\n", 0, max(0, end - _CHUNK)) + 1
        tail = _line_starts(text, start, end) + tail
        end = start
    head = head[: MAX_CANDIDATES // 4]
    tail = [at for at in tail[-(MAX_CANDIDATES * 3 // 4) :] if not head or at > head[-1]]
    return head + tail


def _continues(line: str) -> bool:
    return not line.strip() or line.startswith(_CONTINUATION) or _HEADER_OR_EXCEPTION.match(line) is not None


def _region_start(text: str, line_start: int) -> int:
    """No record runs across a log entry line; otherwise go back over lines that continue something opened above, to
    the first that does not, at most CONTEXT_LINES up (as scan does)."""
    if _LOG_ENTRY.match(text, line_start):
        return line_start
    position = line_start
    for _ in range(CONTEXT_LINES):
        if position <= 0:
            return 0
        previous = text.rfind("\n", 0, position - 1) + 1
        line = text[previous : position - 1]
        if _LOG_ENTRY.match(line) or not _continues(line):
            return previous
        position = previous
    return position


def _region_end(text: str, line_start: int) -> int:
    size = len(text)
    end = text.find("\n", line_start)
    for _ in range(CONTEXT_LINES):
        if end == -1 or end + 1 >= size:
            return size
        if _LOG_ENTRY.match(text, end + 1):
            return end + 1
        end = text.find("\n", end + 1)
    return size if end == -1 else end + 1


def records(text: str) -> list[Record]:
    """The records of the paste that hold a candidate line, in order, each once."""
    regions: list[list[int]] = []  # [start, end, candidate...]
    for start in candidate_lines(text):
        if regions and start < regions[-1][1]:
            # Inside the region being built: its start is already far enough back.
            regions[-1][1] = max(regions[-1][1], _region_end(text, start))
            regions[-1].append(start)
            continue
        region_start, region_end = _region_start(text, start), _region_end(text, start)
        if regions and region_start <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], region_end)
            regions[-1].append(start)
        else:
            regions.append([region_start, region_end, start])
    out: list[Record] = []
    line_at = 0
    counted_to = 0
    for region_start, region_end, *starts in regions:
        line_at += text.count("\n", counted_to, region_start)
        counted_to = region_start
        wanted = iter(_line_numbers(text, region_start, sorted(starts)))
        target = next(wanted, None)
        line = 0
        for record in iter_records(text[region_start:region_end]):
            span = record.count("\n") + 1
            if target is not None and line <= target < line + span:
                out.append(Record(record, line_at + line))
                while target is not None and target < line + span:
                    target = next(wanted, None)
            line += span
            if target is None:
                break
    return out


def _line_numbers(text: str, start: int, offsets: list[int]) -> list[int]:
    """The line number (from `start`) of each offset, counted in one pass over the sorted offsets."""
    out: list[int] = []
    line = 0
    at = start
    for offset in offsets:
        line += text.count("\n", at, offset)
        at = offset
        out.append(line)
    return out


def shape(record: str) -> str:
    """The record with what varies between repeats of one error (ids, numbers, timestamps) taken out."""
    return _VARYING.sub("0", record)


def decode_records(text: str, decode: Any) -> list[tuple[Record, Diagnosis]]:
    """Every record that holds a recognised error, with its diagnosis, in order. `decode` turns one record's text into
    a Diagnosis; records of one shape share the first one's (a record shown later is decoded again, for its own
    request id)."""
    from claude_doctor.decode import may_hold_error
    from claude_doctor.decode.text import normalise

    cache_: dict[str, Diagnosis | None] = {}
    out: list[tuple[Record, Diagnosis]] = []
    for record in records(text):
        body = normalise(record.text)  # a record of megabytes is decoded by its two ends, as any text is
        key = shape(body)
        if key not in cache_:
            if len(cache_) >= MAX_DECODES:
                continue
            cache_[key] = decode(body) if may_hold_error(body) else None
        found = cache_[key]
        if found is not None and found.title != "Not recognised":
            out.append((Record(body, record.line), found))
    return out
