"""Occurrences in, the answer out: groups by kind with counts, shares, retryability, first and last seen, where the
first one is, a few request ids, a timeline, and a verdict on what to fix first. Pure.

Occurrences are folded into a Tally as they are found, so memory grows with the number of kinds of error (and, for
the timeline, with the number of distinct minutes that saw one, up to a bound), not with the number of errors or the
size of the log."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import Diagnosis, ScanGroup, ScanSummary, ScanTimeline
from claude_doctor.scan.occurrences import Occurrence, Sighting, occurrence_of, request_id_of

MAX_IDS = 3
# Kinds kept apart; past this (a log full of made-up error types and codes), new kinds are counted together per
# category and status, so memory stays bounded whatever the log holds.
MAX_GROUPS = 1000
OTHER_KINDS = N_("other kinds of error (too many different ones to list each)")
# Categories whose errors stop every request until someone acts: money, the key, the account's rights.
BLOCKING: Final[frozenset[str]] = frozenset({"billing", "invalid_key", "wrong_credential", "oauth_token", "permission"})
# The resolutions a timeline is folded at, each a multiple of the one before and a divisor of a day; it moves to the
# next when more than MAX_CELLS (category, bucket) cells are held, so memory stays bounded whatever the log's span.
RESOLUTIONS: Final[tuple[int, ...]] = (60, 300, 900, 3600, 21600, 86400)
MAX_CELLS: Final = 20_000
# Bucket sizes a timeline is shown in, in minutes (then whole multiples of four weeks); the smallest that gives at
# most MAX_BUCKETS buckets over the log's span wins.
BUCKET_MINUTES: Final[tuple[int, ...]] = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 20160, 40320)
MAX_BUCKETS: Final = 60
NAMED_RETRYABLE: Final = 3


def parse_timestamp(text: str) -> tuple[int, bool] | None:
    """(seconds since the epoch, whether the text had a zone). A time without a zone is taken as UTC: the log's own
    clock, unconverted."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        return int(moment.replace(tzinfo=UTC).timestamp()), False
    return int(moment.timestamp()), True


_MINUTES: dict[str, tuple[int, bool] | None] = {}


def minute_of(text: str) -> tuple[int, bool] | None:
    """`parse_timestamp` to the minute, which is all a bucket needs (zones are whole minutes), remembered by the
    minute and zone: an outage writes thousands of lines a minute."""
    key = text[:16] + text[19:].lstrip(".,0123456789")  # the minute, and the zone after seconds and fraction
    if key in _MINUTES:
        return _MINUTES[key]
    found = parse_timestamp(key) if len(text) >= 19 and text[16:17] == ":" else parse_timestamp(text)
    if len(_MINUTES) >= 4096:
        _MINUTES.clear()
    _MINUTES[key] = found
    return found


@dataclass
class Timeline:
    """Errors per (category, bucket of `step` seconds), folded as they are found."""

    step: int = RESOLUTIONS[0]
    cells: dict[tuple[str, int], int] = field(default_factory=dict)
    zoned: bool = True
    untimed: int = 0

    def add(self, category: str, timestamp: str | None) -> None:
        parsed = minute_of(timestamp) if timestamp else None
        if parsed is None:
            self.untimed += 1
            return
        epoch, zoned = parsed
        self.zoned = self.zoned and zoned
        key = (category, epoch // self.step)
        self.cells[key] = self.cells.get(key, 0) + 1
        while len(self.cells) > MAX_CELLS:
            self._coarsen(self._next_step())

    def _next_step(self) -> int:
        coarser = [r for r in RESOLUTIONS if r > self.step]
        return coarser[0] if coarser else self.step * 7

    def _coarsen(self, step: int) -> None:
        if step == self.step:
            return
        cells: dict[tuple[str, int], int] = {}
        for (category, index), count in self.cells.items():
            key = (category, index * self.step // step)
            cells[key] = cells.get(key, 0) + count
        self.step, self.cells = step, cells

    def absorb(self, other: Timeline) -> None:
        """Fold in the timeline of another part of the input."""
        mine, theirs = self, dataclasses.replace(other, cells=dict(other.cells))
        step = max(mine.step, theirs.step)
        mine._coarsen(step)
        theirs._coarsen(step)
        for key, count in theirs.cells.items():
            self.cells[key] = self.cells.get(key, 0) + count
        self.zoned = self.zoned and other.zoned
        self.untimed += other.untimed
        while len(self.cells) > MAX_CELLS:
            self._coarsen(self._next_step())

    def frozen(self) -> ScanTimeline | None:
        """Buckets of the smallest size that covers the span in at most MAX_BUCKETS, busiest category first; None
        when no error had a timestamp."""
        if not self.cells:
            return None
        first = min(index for _category, index in self.cells) * self.step
        last = max(index for _category, index in self.cells) * self.step
        size = _bucket_size(first, last, self.step)
        start = first - first % min(size, 86400)
        buckets = (last - start) // size + 1
        rows: dict[str, list[int]] = {}
        for (category, index), count in self.cells.items():
            row = rows.setdefault(category, [0] * buckets)
            row[(index * self.step - start) // size] += count
        ordered = sorted(rows.items(), key=lambda item: (-sum(item[1]), item[0]))
        return ScanTimeline(
            size, start, buckets, tuple((c, tuple(row)) for c, row in ordered), self.zoned, self.untimed
        )


def _bucket_size(first: int, last: int, step: int) -> int:
    sizes = [m * 60 for m in BUCKET_MINUTES]
    while True:
        for size in sizes:
            if size % step or size < step:
                continue
            start = first - first % min(size, 86400)
            if (last - start) // size + 1 <= MAX_BUCKETS:
                return size
        sizes = [sizes[-1] * 2]


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
    timeline: Timeline = field(default_factory=Timeline)

    def add(self, occurrence: Occurrence, source: str) -> None:
        o = occurrence
        self.fold([(o.diagnosis, o.line, o.timestamp, o.request_id, None)], source)

    def fold(self, sightings: list[Sighting], source: str) -> None:
        """Count each error in its group and the timeline. A request id not read yet is read only when its group
        still has room for one (or every occurrence is kept): past the first MAX_IDS, ids change nothing."""
        timeline = self.timeline
        for sighting in sightings:
            diagnosis, line, timestamp, request_id, record = sighting
            found = self._group(diagnosis)
            found.count += 1
            if timestamp is not None:
                if found.first_seen is None or timestamp < found.first_seen:
                    found.first_seen = timestamp
                if found.last_seen is None or timestamp > found.last_seen:
                    found.last_seen = timestamp
            if self.occurrences is not None:
                occurrence = occurrence_of(sighting)
                self.occurrences.append(occurrence)
                request_id, record = occurrence.request_id, None
            ids = found.request_ids
            if len(ids) < MAX_IDS:
                if record is not None:
                    request_id = request_id_of(sighting)
                if request_id and request_id not in ids:
                    ids.append(request_id)
            if found.first_at is None:
                found.first_at = (source, line)
            timeline.add(diagnosis.category, timestamp)

    def absorb(self, other: Tally, line_offset: int = 0) -> None:
        for key, theirs in other.groups.items():
            mine = self.groups.get(key)
            if mine is None:
                mine = self.groups[key] = dataclasses.replace(
                    theirs, count=0, first_seen=None, last_seen=None, request_ids=[], first_at=None
                )
            mine.absorb(theirs, line_offset)
        self.timeline.absorb(other.timeline)
        if self.occurrences is not None and other.occurrences is not None:
            shift = line_offset
            self.occurrences += (
                [dataclasses.replace(o, line=o.line + shift) for o in other.occurrences] if shift else other.occurrences
            )

    def _group(self, d: Diagnosis) -> Group:
        key = _key(d)
        found = self.groups.get(key)
        if found is None and len(self.groups) >= MAX_GROUPS:
            key = (d.category, d.status, None, None, OTHER_KINDS)
            found = self.groups.get(key)
            if found is None:
                found = self.groups[key] = Group(d.category, d.status, None, None, OTHER_KINDS, None, None, d.fix)
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


def timeline_of(occurrences: list[Occurrence]) -> Timeline:
    timeline = Timeline()
    for occurrence in occurrences:
        timeline.add(occurrence.diagnosis.category, occurrence.timestamp)
    return timeline


def _named(g: Group) -> str:
    return Msg("{title} ({count})", title=g.title, count=f"{g.count:,}")


def _listed(groups: list[Group], limit: int | None = None) -> str:
    shown = groups if limit is None else groups[:limit]
    names = [_named(g) for g in shown]
    if len(groups) > len(shown):
        names.append(plural("{n} more kind", "{n} more kinds", n=len(groups) - len(shown)))
    return Msg.joined(N_(", "), names)


def verdict(groups: list[Group], lines: int) -> str:
    """How many, the most frequent kind, then what to fix first and its first step; every kind that stops all requests
    is named before the ones that do not clear by retrying, and those before the retryable ones. One sentence a
    line."""
    total = sum(g.count for g in groups)
    if total == 0:
        return Msg("No Claude API errors in {lines} lines.", lines=f"{lines:,}")
    top = groups[0]
    kind = " ".join(str(p) for p in (top.status, top.error_type or top.category) if p is not None)
    sentences: list[str] = [
        plural(
            "{n} Claude API error in {lines} lines; {share} are {kind} ({title}).",
            "{n} Claude API errors in {lines} lines; {share} are {kind} ({title}).",
            n=total,
            lines=f"{lines:,}",
            share=f"{top.count / total:.0%}",
            kind=kind,
            title=top.title,
        )
    ]
    blocking = [g for g in groups if g.category in BLOCKING]
    stuck = [g for g in groups if g.retryable is False and g.category not in BLOCKING]
    retryable = [g for g in groups if g.retryable is not False and g.category not in BLOCKING]
    first = (blocking or stuck or groups)[0]
    step = first.fix[0] if first.fix else ""
    if first in blocking:
        why = Msg("Fix first: {group}, which stops every request until it is fixed.", group=_named(first))
    elif first in stuck:
        why = Msg("Fix first: {group}, which does not clear by retrying.", group=_named(first))
    else:
        why = Msg("Fix first: {group}; it is retryable, so look at the load first.", group=_named(first))
    sentences.append(why)
    if step:
        sentences.append(step)
    others = [g for g in blocking if g is not first]
    if others:
        sentences.append(Msg("Also stopping every request: {groups}.", groups=_listed(others)))
    others = [g for g in stuck if g is not first]
    if others:
        sentences.append(Msg("Also not cleared by retrying: {groups}.", groups=_listed(others)))
    others = [g for g in retryable if g is not first]
    if others and (blocking or stuck):
        sentences.append(Msg("Retryable: {groups}.", groups=_listed(others, NAMED_RETRYABLE)))
    return Msg.joined("\n", sentences)


def summarise(totals: Totals, groups: list[Group], timeline: Timeline | None = None) -> ScanSummary:
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
        tuple(totals.files),
        totals.lines,
        totals.bytes,
        frozen,
        verdict(groups, totals.lines),
        tuple(totals.problems),
        None if timeline is None else timeline.frozen(),
    )


def document(totals: Totals, groups: list[Group], timeline: Timeline | None = None) -> dict[str, Any]:
    """The JSON document of `scan --json`."""
    return summarise(totals, groups, timeline).to_json()
