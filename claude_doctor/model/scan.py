"""`scan`'s answer: error kinds with counts and where they were seen, totals, and the verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from claude_doctor.model.results import CommandResult


@dataclass(frozen=True)
class ScanGroup:
    """One kind of error found in the logs."""

    category: str
    status: int | None
    error_type: str | None
    error_code: str | None
    title: str
    retryable: bool | None
    sdk_retries: bool | None
    fix: tuple[str, ...]
    count: int
    first_seen: str | None = None
    last_seen: str | None = None
    request_ids: tuple[str, ...] = ()
    first_at: tuple[str, int] | None = None  # (file, line) of the first one found

    def to_json(self, total: int) -> dict[str, Any]:
        return {
            "category": self.category,
            "status": self.status,
            "error_type": self.error_type,
            "error_code": self.error_code,
            "title": self.title,
            "count": self.count,
            "share": round(self.count / total, 4) if total else 0.0,
            "retryable": self.retryable,
            "sdk_retries": self.sdk_retries,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "request_ids": list(self.request_ids),
            "first_at": None if self.first_at is None else {"file": self.first_at[0], "line": self.first_at[1]},
            "fix": list(self.fix),
        }


def _iso(epoch: int, zoned: bool) -> str:
    text = datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return text + "Z" if zoned else text


def bucket_name(seconds: int) -> str:
    """`30s`, `10m`, `3h`, `7d`: a bucket size as JSON gives it."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


@dataclass(frozen=True)
class ScanTimeline:
    """Errors per time bucket per category: `buckets` buckets of `bucket_s` seconds from `start_epoch`, oldest first.

    Times are as the log wrote them: when every timestamp carried a zone (`zoned`) they are UTC; otherwise they are
    the log's own wall clock, unconverted, and shown without a zone."""

    bucket_s: int
    start_epoch: int
    buckets: int
    counts: tuple[tuple[str, tuple[int, ...]], ...]  # (category, one count per bucket), most errors first
    zoned: bool = True
    untimed: int = 0  # errors on lines without a timestamp, in no bucket

    @property
    def start(self) -> str:
        return _iso(self.start_epoch, self.zoned)

    @property
    def end(self) -> str:
        """Where the last bucket ends."""
        return _iso(self.start_epoch + self.buckets * self.bucket_s, self.zoned)

    def to_json(self) -> dict[str, Any]:
        return {
            "bucket_s": self.bucket_s,
            "bucket": bucket_name(self.bucket_s),
            "start": self.start,
            "end": self.end,
            "buckets": self.buckets,
            "by_category": {category: list(row) for category, row in self.counts},
            "untimed": self.untimed,
        }


@dataclass(frozen=True)
class ScanSummary:
    """Everything `scan` found, most frequent kind first."""

    files: tuple[str, ...]
    lines: int
    bytes: int
    groups: tuple[ScanGroup, ...]
    verdict: str
    problems: tuple[str, ...] = ()
    timeline: ScanTimeline | None = None  # None when no error carried a timestamp

    @property
    def errors(self) -> int:
        return sum(g.count for g in self.groups)

    def to_json(self) -> dict[str, Any]:
        total = self.errors
        by_category: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        for g in self.groups:
            by_category[g.category] += g.count
            by_status["none" if g.status is None else str(g.status)] += g.count
        return {
            "schema": 1,
            "files": list(self.files),
            "lines": self.lines,
            "bytes": self.bytes,
            "errors": total,
            "by_category": dict(by_category.most_common()),
            "by_status": dict(by_status.most_common()),
            "groups": [g.to_json(total) for g in self.groups],
            "verdict": self.verdict,
            "problems": list(self.problems),
            "timeline": None if self.timeline is None else self.timeline.to_json(),
        }


@dataclass(frozen=True, kw_only=True)
class ScanResult(CommandResult):
    kind: ClassVar[str] = "scan"
    summary: ScanSummary

    def to_json(self) -> dict[str, Any]:
        return self.summary.to_json()
