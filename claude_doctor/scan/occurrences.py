"""From a chunk of log bytes to the errors in it: candidate lines, the records around them, one decode per record.

Decodes are cached by the record's text with request ids and the leading timestamp taken out, because a log repeats
the same error thousands of times and decoding is the expensive part. What is left per error is kept small: the
timestamp is read once (the same match that takes it out of the cache key), and the request id is read from a cached
record only when the tally still wants one (`Sighting`): a group keeps only its first few ids, and reading an id is
most of what a repeated error costs.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from claude_doctor.decode import explain_text
from claude_doctor.decode.records import LOG_ENTRY, iter_records
from claude_doctor.decode.request_ids import find_request_id
from claude_doctor.decode.text import strip_control
from claude_doctor.model import Diagnosis
from claude_doctor.scan.prefilter import candidate_lines

CONTEXT_LINES = 30  # how far a record (pretty-printed envelope, traceback) may reach from its telling line
_REQUEST_ID = re.compile(r"req_[A-Za-z0-9]{8,64}")
_CONTINUATION = (b" ", b"\t", b"}", b"]", b'"', b"data:", b"During handling", b"The above exception", b"Traceback")
_HEADER_OR_EXCEPTION = re.compile(rb"[A-Za-z0-9-]+:[ \t]|[A-Za-z_][\w.]*(?:Error|Exception|Timeout|Exit|Interrupt)\b")
_LOG_ENTRY = re.compile(LOG_ENTRY.encode())
_TIMESTAMP = re.compile(r"^\s*\[?(?P<ts>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)\]?")


@dataclass(frozen=True)
class Occurrence:
    diagnosis: Diagnosis  # shared by every occurrence of the same shape; its own request_id is always None
    line: int  # 1-based, in its file
    timestamp: str | None
    request_id: str | None = None  # this occurrence's


# One error as found, before it is folded: (diagnosis, line, timestamp, request id, record). The id is either known
# (`record` None) or still to be read from `record` (see `request_id_of`): most are never read.
Sighting = tuple[Diagnosis, int, str | None, str | None, str | None]


def request_id_of(sighting: Sighting) -> str | None:
    record = sighting[4]
    if record is None:
        return sighting[3]
    found = find_request_id(record)
    return found[0] if found else None


def occurrence_of(sighting: Sighting) -> Occurrence:
    return Occurrence(sighting[0], sighting[1], sighting[2], request_id_of(sighting))


CACHE_RECORDS = 20_000  # decodes kept
MAX_CACHED_RECORD = 2048  # characters; longer records seldom repeat, and the cache must stay small


class Decoder:
    """explain_text with a cache keyed on the record's shape, not its ids: (shape's diagnosis, whether its records
    hold an id). At most `limit` records of at most MAX_CACHED_RECORD characters are kept."""

    def __init__(self, limit: int | None = None) -> None:
        self.cache: dict[str, tuple[Diagnosis, bool]] = {}
        self.limit = CACHE_RECORDS if limit is None else limit

    def __call__(self, record: str) -> tuple[Diagnosis, str | None]:
        """The record's diagnosis (its shape's, with no request id) and its request id."""
        sighting = self.sighting(record, 0)
        return sighting[0], request_id_of(sighting)

    def sighting(self, record: str, line: int) -> Sighting:
        stamp = _TIMESTAMP.match(record)
        body = record[stamp.end() :] if stamp else record
        key = _REQUEST_ID.sub("req_", body) if "req_" in body else body
        cached = self.cache.get(key)
        timestamp = stamp.group("ts") if stamp else None
        if cached is None:
            diagnosis = explain_text(body)
            shape = dataclasses.replace(diagnosis, request_id=None) if diagnosis.request_id else diagnosis
            if len(self.cache) < self.limit and len(key) <= MAX_CACHED_RECORD:
                self.cache[key] = (shape, diagnosis.request_id is not None)
            return shape, line, timestamp, diagnosis.request_id, None
        shape, has_id = cached
        return shape, line, timestamp, None, record if has_id else None


def _continues(line: bytes | bytearray) -> bool:
    """Whether a line could sit inside a record opened above it (JSON body, traceback, HTTP headers, SSE, a chained
    exception), so the record's first line is further up."""
    return not line.strip() or line.startswith(_CONTINUATION) or _HEADER_OR_EXCEPTION.match(line) is not None


def _region_start(chunk: bytes | bytearray, line_start: int) -> int:
    """Where to start cutting records for the candidate line at `line_start`. No record runs across a log entry line,
    so such a line starts its own; otherwise go back over lines that continue something to the first that does not
    (the opener) or to a log entry line, at most CONTEXT_LINES up."""
    if _LOG_ENTRY.match(chunk, line_start):
        return line_start
    position = line_start
    for _ in range(CONTEXT_LINES):
        if position <= 0:
            return 0
        previous = chunk.rfind(b"\n", 0, position - 1) + 1
        line = chunk[previous : position - 1]
        if _LOG_ENTRY.match(line) or not _continues(line):
            return previous
        position = previous
    return position


def _region_end(chunk: bytes | bytearray, line_start: int) -> int:
    """Just past the last line the candidate's record can reach: before the next log entry line, at most
    CONTEXT_LINES on."""
    size = len(chunk)
    end = chunk.find(b"\n", line_start)
    for _ in range(CONTEXT_LINES):
        if end == -1 or end + 1 >= size:
            return size
        if _LOG_ENTRY.match(chunk, end + 1):
            return end + 1
        end = chunk.find(b"\n", end + 1)
    return size if end == -1 else end + 1


def sightings(chunk: bytes | bytearray, decode: Decoder, first_line: int = 1) -> tuple[list[Sighting], int]:
    """Every error in `chunk` (whole lines), each as a Sighting (its request id not read yet), with line numbers
    counted from `first_line`, and the chunk's line count. Newlines are counted once, in passing, because counting is
    one of the few full passes over the data. A candidate on a log entry line whose next line is another entry is a
    record of one line, the common case, and takes the short way."""
    found: list[Sighting] = []
    size = len(chunk)
    find = chunk.find
    count = chunk.count
    entry = _LOG_ENTRY.match
    line_at = first_line
    counted_to = 0
    # The region being gathered: [start, end) and its candidates. It is decoded once the next candidate's region
    # does not reach back into it.
    start = end = -1
    starts: list[int] = []
    for candidate in candidate_lines(chunk):
        if candidate < end:
            # Inside the region: a later line's region starts no earlier (a walk up from it stops where the walk
            # from the line before did, or sooner), and ends no later unless the region's end is not a log entry.
            starts.append(candidate)
            if end < size and not entry(chunk, end):
                end = max(end, _region_end(chunk, candidate))
            continue
        newline = find(b"\n", candidate)
        if newline == -1 or newline + 1 >= size:
            region_end = size
        elif entry(chunk, newline + 1):
            region_end = newline + 1
        else:
            region_end = _region_end(chunk, candidate)
        region_start = candidate if entry(chunk, candidate) else _region_start(chunk, candidate)
        if region_start <= end:
            end = max(end, region_end)
            starts.append(candidate)
            continue
        if starts:
            line_at += count(b"\n", counted_to, start)
            counted_to = start
            _decode_region(chunk, start, end, starts, line_at, decode, found)
        start, end, starts = region_start, region_end, [candidate]
    if starts:
        line_at += count(b"\n", counted_to, start)
        counted_to = start
        _decode_region(chunk, start, end, starts, line_at, decode, found)
    newlines = line_at - first_line + count(b"\n", counted_to)
    return found, newlines + (0 if not chunk or chunk.endswith(b"\n") else 1)


def _decode_region(
    chunk: bytes | bytearray,
    start: int,
    end: int,
    starts: list[int],
    first_line: int,
    decode: Decoder,
    out: list[Sighting],
) -> None:
    text = chunk[start:end].decode("utf-8", "replace")
    if len(starts) == 1 and starts[0] == start and text.find("\n", 0, len(text) - 1) == -1 and "\r" not in text:
        # one line: one record
        record = text[:-1] if text.endswith("\n") else text
        if "\x1b" in record or "\x00" in record:
            record = strip_control(record).rstrip("\n")
        sighting = decode.sighting(record, first_line)
        if sighting[0].category != "unknown":
            out.append(sighting)
        return
    wanted = iter(_line_offsets(chunk, start, sorted(starts)))
    target = next(wanted, None)
    line = 0
    for record in iter_records(text):
        span = record.count("\n") + 1
        if target is not None and line <= target < line + span:
            sighting = decode.sighting(record, first_line + line)
            if sighting[0].category != "unknown":
                out.append(sighting)
            while target is not None and target < line + span:
                target = next(wanted, None)
        line += span
        if target is None:
            break


def _line_offsets(chunk: bytes | bytearray, region_start: int, starts: list[int]) -> list[int]:
    """The line of each candidate within its region, counted from the region's first line. With the candidates in
    order, each count starts where the previous one ended: linear in the region, however many errors it holds (an
    outage log where every line is an error is one region of thousands of candidates)."""
    offsets = []
    line = 0
    position = region_start
    for start in starts:
        line += chunk.count(b"\n", position, start)
        position = start
        offsets.append(line)
    return offsets
