"""From a chunk of log bytes to the errors in it: candidate lines, the records around them, one decode per record.

Decodes are cached by the record's text with request ids and the leading timestamp taken out, because a log repeats
the same error thousands of times and decoding is the expensive part.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from claude_doctor.decode import explain_text
from claude_doctor.decode.envelope import find_request_id
from claude_doctor.decode.records import LOG_ENTRY, iter_records
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


CACHE_RECORDS = 20_000  # decodes kept
MAX_CACHED_RECORD = 2048  # characters; longer records seldom repeat, and the cache must stay small


class Decoder:
    """explain_text with a cache keyed on the record's shape, not its ids: (shape's diagnosis, this record's id).
    At most `limit` records of at most MAX_CACHED_RECORD characters are kept."""

    def __init__(self, limit: int | None = None) -> None:
        self.cache: dict[str, tuple[Diagnosis, bool]] = {}
        self.limit = CACHE_RECORDS if limit is None else limit

    def __call__(self, record: str) -> tuple[Diagnosis, str | None]:
        body = _TIMESTAMP.sub("", record, count=1)
        key = _REQUEST_ID.sub("req_", body)
        cached = self.cache.get(key)
        if cached is None:
            diagnosis = explain_text(body)
            shape = dataclasses.replace(diagnosis, request_id=None) if diagnosis.request_id else diagnosis
            if len(self.cache) < self.limit and len(key) <= MAX_CACHED_RECORD:
                self.cache[key] = (shape, diagnosis.request_id is not None)
            return shape, diagnosis.request_id
        shape, has_id = cached
        return shape, find_request_id(record) if has_id else None


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


def scan_chunk(chunk: bytes | bytearray, decode: Decoder, first_line: int = 1) -> tuple[list[Occurrence], int]:
    """Every error in `chunk` (whole lines) with line numbers counted from `first_line`, and the chunk's line count.
    Newlines are counted once, in passing, because counting is one of the few full passes over the data."""
    regions: list[list[int]] = []  # [start, end, candidate...]
    for start in candidate_lines(chunk):
        region_start = _region_start(chunk, start)
        region_end = _region_end(chunk, start)
        if regions and region_start <= regions[-1][1]:
            regions[-1][0] = min(regions[-1][0], region_start)
            regions[-1][1] = max(regions[-1][1], region_end)
            regions[-1].append(start)
        else:
            regions.append([region_start, region_end, start])
    found: list[Occurrence] = []
    line_at = first_line
    counted_to = 0
    for region_start, region_end, *starts in regions:
        text = chunk[region_start:region_end].decode("utf-8", "replace")
        line_at += chunk.count(b"\n", counted_to, region_start)
        counted_to = region_start
        if starts == [region_start] and text.find("\n", 0, len(text) - 1) == -1 and "\r" not in text:
            found += _decode_record(strip_control(text).rstrip("\n"), line_at, decode)  # one line: one record
            continue
        found += _decode_region(text, _line_offsets(chunk, region_start, sorted(starts)), line_at, decode)
    newlines = line_at - first_line + chunk.count(b"\n", counted_to)
    return found, newlines + (0 if not chunk or chunk.endswith(b"\n") else 1)


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


def _decode_record(record: str, line: int, decode: Decoder) -> list[Occurrence]:
    diagnosis, request_id = decode(record)
    if diagnosis.category == "unknown":
        return []
    stamp = _TIMESTAMP.match(record)
    return [Occurrence(diagnosis, line, stamp.group("ts") if stamp else None, request_id)]


def _decode_region(text: str, wanted_lines: list[int], first_line: int, decode: Decoder) -> list[Occurrence]:
    out: list[Occurrence] = []
    line = 0
    wanted = iter(wanted_lines)
    target = next(wanted, None)
    for record in iter_records(text):
        span = record.count("\n") + 1
        if target is not None and line <= target < line + span:
            out += _decode_record(record, first_line + line, decode)
            while target is not None and target < line + span:
                target = next(wanted, None)
        line += span
        if target is None:
            break
    return out
