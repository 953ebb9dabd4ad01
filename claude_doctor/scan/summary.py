"""Occurrences in, the answer out: groups by kind with counts, shares, retryability, first and last seen, where the
first one is, a few request ids, and a verdict on what to fix first. Pure.

Occurrences are folded into a Tally as they are found, so memory grows with the number of kinds of error, not with
the number of errors or the size of the log."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from claude_doctor.model import Diagnosis, ScanGroup, ScanSummary
from claude_doctor.scan.occurrences import Occurrence

MAX_IDS = 3


@dataclass
class Group:
    category: str
    status: int | None
    error_type: str | None
    error_code: str | None
    title: str
    retryable: bool | None
    sdk_retries: bool | None
    fix: tuple[str, ...]
    count: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    request_ids: list[str] = field(default_factory=list)
    first_at: tuple[str, int] | None = None  # (file, line) of the first one found

    def add(self, occurrence: Occurrence, source: str) -> None:
        self.count += 1
        self._seen(occurrence.timestamp, occurrence.timestamp)
        self._ids([occurrence.request_id] if occurrence.request_id else [])
        if self.first_at is None:
            self.first_at = (source, occurrence.line)

    def absorb(self, other: Group, line_offset: int = 0) -> None:
        """Fold in the same kind counted over a later part of the input (whose lines start after `line_offset`)."""
        self.count += other.count
        self._seen(other.first_seen, other.last_seen)
        self._ids(other.request_ids)
        if self.first_at is None and other.first_at is not None:
            self.first_at = (other.first_at[0], other.first_at[1] + line_offset)

    def _seen(self, first: str | None, last: str | None) -> None:
        if first is not None:
            self.first_seen = first if self.first_seen is None else min(self.first_seen, first)
        if last is not None:
            self.last_seen = last if self.last_seen is None else max(self.last_seen, last)

    def _ids(self, ids: list[str]) -> None:
        for rid in ids:
            if len(self.request_ids) < MAX_IDS and rid not in self.request_ids:
                self.request_ids.append(rid)


@dataclass
class Totals:
    files: list[str] = field(default_factory=list)
    lines: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)


Key = tuple[str, int | None, str | None, str | None, str]


def _key(d: Diagnosis) -> Key:
    return (d.category, d.status, d.error_type, d.error_code, d.title)


@dataclass
class Tally:
    """Groups by kind. `occurrences` keeps every occurrence too, only when asked (tests, and callers that want each
    one); otherwise nothing grows with the number of errors."""

    groups: dict[Key, Group] = field(default_factory=dict)
    occurrences: list[Occurrence] | None = None

    def add(self, occurrence: Occurrence, source: str) -> None:
        self._group(occurrence.diagnosis).add(occurrence, source)
        if self.occurrences is not None:
            self.occurrences.append(occurrence)

    def absorb(self, other: Tally, line_offset: int = 0) -> None:
        for key, theirs in other.groups.items():
            mine = self.groups.get(key)
            if mine is None:
                mine = self.groups[key] = dataclasses.replace(
                    theirs, count=0, first_seen=None, last_seen=None, request_ids=[], first_at=None
                )
            mine.absorb(theirs, line_offset)
        if self.occurrences is not None and other.occurrences is not None:
            shift = line_offset
            self.occurrences += (
                [dataclasses.replace(o, line=o.line + shift) for o in other.occurrences] if shift else other.occurrences
            )

    def _group(self, d: Diagnosis) -> Group:
        key = _key(d)
        found = self.groups.get(key)
        if found is None:
            found = self.groups[key] = Group(
                d.category, d.status, d.error_type, d.error_code, d.title, d.retryable, d.sdk_retries, d.fix
            )
        return found

    def sorted(self) -> list[Group]:
        return sorted(self.groups.values(), key=lambda g: (-g.count, g.category, g.status or 0))


def group(occurrences: list[Occurrence], source: str = "-") -> list[Group]:
    tally = Tally()
    for occurrence in occurrences:
        tally.add(occurrence, source)
    return tally.sorted()


def verdict(groups: list[Group], lines: int) -> str:
    total = sum(g.count for g in groups)
    if total == 0:
        return f"No Claude API errors in {lines:,} lines."
    top = groups[0]
    share = top.count / total
    kind = " ".join(str(p) for p in (top.status, top.error_type or top.category) if p is not None)
    parts = [f"{total:,} Claude API error(s) in {lines:,} lines; {share:.0%} are {kind} ({top.title})."]
    stuck = [g for g in groups if g.retryable is False]
    first = stuck[0] if stuck else top
    why = "it will not clear by retrying" if first.retryable is False else "it is retryable, so look at the load first"
    step = f": {first.fix[0]}" if first.fix else ""
    parts.append(f"Fix first: {first.title} ({first.count:,}×) — {why}{step}")
    return " ".join(parts)


def summarise(totals: Totals, groups: list[Group]) -> ScanSummary:
    """The frozen answer renderers consume."""
    frozen = tuple(
        ScanGroup(
            g.category,
            g.status,
            g.error_type,
            g.error_code,
            g.title,
            g.retryable,
            g.sdk_retries,
            g.fix,
            g.count,
            g.first_seen,
            g.last_seen,
            tuple(g.request_ids),
            g.first_at,
        )
        for g in groups
    )
    return ScanSummary(
        tuple(totals.files), totals.lines, totals.bytes, frozen, verdict(groups, totals.lines), tuple(totals.problems)
    )


def document(totals: Totals, groups: list[Group]) -> dict[str, Any]:
    """The JSON document of `scan --json`."""
    return summarise(totals, groups).to_json()
