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
from claude_doctor.decode.records import split_records
from claude_doctor.model import Diagnosis
from claude_doctor.scan.prefilter import candidate_lines

CONTEXT_LINES = 30  # a pretty-printed envelope or a traceback starts at most this far above its telling line
_REQUEST_ID = re.compile(r"req_[A-Za-z0-9]{8,64}")
_TIMESTAMP = re.compile(r"^\s*\[?(?P<ts>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)\]?")


@dataclass(frozen=True)
class Occurrence:
    diagnosis: Diagnosis
    line: int  # 1-based, in its file
    timestamp: str | None


class Decoder:
    """explain_text with a cache keyed on the record's shape, not its ids."""

    def __init__(self, limit: int = 20_000) -> None:
        self.cache: dict[str, Diagnosis] = {}
        self.limit = limit

    def __call__(self, record: str) -> Diagnosis:
        body = _TIMESTAMP.sub("", record, count=1)
        key = _REQUEST_ID.sub("req_", body)
        cached = self.cache.get(key)
        if cached is None:
            cached = explain_text(body)
            if len(self.cache) < self.limit:
                self.cache[key] = cached
            return cached
        request_id = find_request_id(record) if cached.request_id is not None else None
        return cached if request_id == cached.request_id else dataclasses.replace(cached, request_id=request_id)


def _line_starts_back(chunk: bytes, start: int, count: int) -> int:
    position = start
    for _ in range(count):
        if position <= 0:
            return 0
        position = chunk.rfind(b"\n", 0, position - 1) + 1
    return position


def _line_end_forward(chunk: bytes, start: int, count: int) -> int:
    position = start
    for _ in range(count):
        end = chunk.find(b"\n", position)
        if end == -1:
            return len(chunk)
        position = end + 1
    return position


def find_occurrences(chunk: bytes, decode: Decoder, first_line: int = 1) -> list[Occurrence]:
    """Every error in `chunk` (whole lines), with line numbers counted from `first_line`."""
    candidates = candidate_lines(chunk)
    if not candidates:
        return []
    regions: list[list[int]] = []  # [start, end, candidate...]
    for start in candidates:
        region_start = _line_starts_back(chunk, start, CONTEXT_LINES)
        region_end = _line_end_forward(chunk, start, CONTEXT_LINES)
        if regions and region_start <= regions[-1][1]:
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
        wanted = sorted(chunk.count(b"\n", region_start, s) for s in starts)
        found += _decode_region(text, wanted, line_at, decode)
    return found


def _decode_region(text: str, wanted_lines: list[int], first_line: int, decode: Decoder) -> list[Occurrence]:
    out: list[Occurrence] = []
    line = 0
    wanted = iter(wanted_lines)
    target = next(wanted, None)
    for record in split_records(text):
        span = record.count("\n") + 1
        if target is not None and line <= target < line + span:
            diagnosis = decode(record)
            if diagnosis.category != "unknown":
                stamp = _TIMESTAMP.match(record)
                out.append(Occurrence(diagnosis, first_line + line, stamp.group("ts") if stamp else None))
            while target is not None and target < line + span:
                target = next(wanted, None)
        line += span
        if target is None:
            break
    return out
