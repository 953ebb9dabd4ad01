"""Occurrences in, the answer out: groups by kind with counts, shares, retryability, first and last seen, a few request
ids, and a verdict on what to fix first. Pure."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claude_doctor.model import Diagnosis
from claude_doctor.scan.occurrences import Occurrence

MAX_IDS = 3


@dataclass
class Group:
    category: str
    status: int | None
    error_type: str | None
    error_code: str | None
    title: str
    retryable: bool
    sdk_retries: bool | None
    fix: tuple[str, ...]
    count: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    request_ids: list[str] = field(default_factory=list)

    def add(self, occurrence: Occurrence) -> None:
        self.count += 1
        stamp = occurrence.timestamp
        if stamp is not None:
            self.first_seen = stamp if self.first_seen is None else min(self.first_seen, stamp)
            self.last_seen = stamp if self.last_seen is None else max(self.last_seen, stamp)
        rid = occurrence.request_id
        if rid and len(self.request_ids) < MAX_IDS and rid not in self.request_ids:
            self.request_ids.append(rid)


@dataclass
class Totals:
    files: list[str] = field(default_factory=list)
    lines: int = 0
    bytes: int = 0
    problems: list[str] = field(default_factory=list)


def _key(d: Diagnosis) -> tuple[str, int | None, str | None, str | None, str]:
    return (d.category, d.status, d.error_type, d.error_code, d.title)


def group(occurrences: list[Occurrence]) -> list[Group]:
    groups: dict[tuple[str, int | None, str | None, str | None, str], Group] = {}
    for occurrence in occurrences:
        d = occurrence.diagnosis
        key = _key(d)
        if key not in groups:
            groups[key] = Group(
                d.category, d.status, d.error_type, d.error_code, d.title, d.retryable, d.sdk_retries, d.fix
            )
        groups[key].add(occurrence)
    return sorted(groups.values(), key=lambda g: (-g.count, g.category, g.status or 0))


def verdict(groups: list[Group], lines: int) -> str:
    total = sum(g.count for g in groups)
    if total == 0:
        return f"No Claude API errors in {lines:,} lines."
    top = groups[0]
    share = top.count / total
    kind = " ".join(str(p) for p in (top.status, top.error_type or top.category) if p is not None)
    parts = [f"{total:,} Claude API error(s) in {lines:,} lines; {share:.0%} are {kind} ({top.title})."]
    stuck = [g for g in groups if not g.retryable]
    first = stuck[0] if stuck else top
    why = "it will not clear by retrying" if not first.retryable else "it is retryable, so look at the load first"
    step = f": {first.fix[0]}" if first.fix else ""
    parts.append(f"Fix first: {first.title} ({first.count:,}×) — {why}{step}")
    return " ".join(parts)


def document(totals: Totals, groups: list[Group]) -> dict[str, Any]:
    total = sum(g.count for g in groups)
    by_category: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    for g in groups:
        by_category[g.category] += g.count
        by_status["none" if g.status is None else str(g.status)] += g.count
    return {
        "files": totals.files,
        "lines": totals.lines,
        "bytes": totals.bytes,
        "errors": total,
        "by_category": dict(by_category.most_common()),
        "by_status": dict(by_status.most_common()),
        "groups": [
            {
                "category": g.category,
                "status": g.status,
                "error_type": g.error_type,
                "error_code": g.error_code,
                "title": g.title,
                "count": g.count,
                "share": round(g.count / total, 4) if total else 0.0,
                "retryable": g.retryable,
                "sdk_retries": g.sdk_retries,
                "first_seen": g.first_seen,
                "last_seen": g.last_seen,
                "request_ids": g.request_ids,
                "fix": list(g.fix),
            }
            for g in groups
        ],
        "verdict": verdict(groups, totals.lines),
        "problems": totals.problems,
    }
