"""Folding occurrences into groups: a tally merged from parts equals one tally over the whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.decode import explain_text
from claude_doctor.decode.request_ids import find_request_id
from claude_doctor.scan import occurrences, summary
from claude_doctor.scan.occurrences import Occurrence, Sighting, occurrence_of
from claude_doctor.scan.summary import (
    MAX_BUCKETS,
    MAX_IDS,
    Tally,
    Timeline,
    Totals,
    document,
    group,
    timeline_of,
    verdict,
)

KINDS = [
    explain_text('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'),
    explain_text("Credit balance is too low"),
    explain_text("Error: connect ECONNREFUSED 127.0.0.1:443"),
]
OCCURRENCE = st.builds(
    lambda kind, stamp, rid: (KINDS[kind], f"2026-11-25T10:{stamp:02d}:00Z" if stamp is not None else None, rid),
    st.integers(0, len(KINDS) - 1),
    st.none() | st.integers(0, 59),
    st.none() | st.sampled_from([f"req_011C{n:016d}" for n in range(6)]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(OCCURRENCE, max_size=40), st.data())
def test_parts_merged_in_order_equal_the_whole(items: list[tuple], data: st.DataObject) -> None:
    occurrences = [Occurrence(d, line, stamp, rid) for line, (d, stamp, rid) in enumerate(items, start=1)]
    cut = data.draw(st.integers(0, len(occurrences)))
    head, tail = Tally(), Tally()
    for o in occurrences[:cut]:
        head.add(o, "app.log")
    for o in occurrences[cut:]:
        tail.add(Occurrence(o.diagnosis, o.line - cut, o.timestamp, o.request_id), "app.log")  # lines of the part
    merged = Tally()
    merged.absorb(head)
    merged.absorb(tail, line_offset=cut)
    totals = Totals(files=["app.log"], lines=len(occurrences))
    assert document(totals, merged.sorted()) == document(totals, group(occurrences, "app.log"))
    assert merged.timeline.frozen() == timeline_of(occurrences).frozen()
    for g in merged.sorted():
        assert len(g.request_ids) <= MAX_IDS
        first = next(o for o in occurrences if o.diagnosis.title == g.title)
        assert g.first_at == ("app.log", first.line)


def stamp(epoch: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


T0 = 1_795_000_000 - 1_795_000_000 % 86400  # a midnight, UTC


@pytest.mark.parametrize(
    ("span_s", "bucket"),
    [
        (0, "1m"),
        (20 * 60, "1m"),
        (59 * 60, "1m"),
        (3 * 3600, "5m"),  # 181 one-minute buckets would be too many
        (47 * 3600, "1h"),
        (30 * 86400, "1d"),
        (400 * 86400, "7d"),
        (500 * 86400, "14d"),
        (5000 * 86400, "112d"),  # beyond the ladder: whole multiples of four weeks
    ],
)
def test_bucket_size_follows_the_span(span_s: int, bucket: str) -> None:
    timeline = Timeline()
    timeline.add("overloaded", stamp(T0))
    timeline.add("overloaded", stamp(T0 + span_s))
    frozen = timeline.frozen()
    assert frozen is not None
    assert frozen.to_json()["bucket"] == bucket
    assert frozen.buckets <= MAX_BUCKETS
    assert sum(frozen.counts[0][1]) == 2


def test_counts_per_bucket_and_category() -> None:
    timeline = Timeline()
    for minute, category in [(10, "overloaded"), (11, "overloaded"), (24, "overloaded"), (31, "billing")]:
        timeline.add(category, stamp(T0 + 3 * 3600 + minute * 60 + 5))
    timeline.add("billing", None)
    timeline.add("billing", "not a time")
    frozen = timeline.frozen()
    assert frozen is not None
    doc = frozen.to_json()
    assert (doc["bucket"], doc["buckets"], doc["untimed"]) == ("1m", 22, 2)
    assert doc["start"].endswith("T03:10:00Z")
    assert doc["end"].endswith("T03:32:00Z")
    overloaded = doc["by_category"]["overloaded"]
    assert (overloaded[0], overloaded[1], overloaded[14], sum(overloaded)) == (1, 1, 1, 3)
    assert doc["by_category"]["billing"][21] == 1
    assert list(doc["by_category"]) == ["overloaded", "billing"]  # busiest first


def test_times_without_a_zone_stay_the_logs_own_clock() -> None:
    timeline = Timeline()
    timeline.add("overloaded", "2026-11-25 03:10:00,123")
    timeline.add("overloaded", "2026-11-25T04:00:00+08:00")  # 2026-11-24T20:00 UTC
    frozen = timeline.frozen()
    assert frozen is not None
    assert not frozen.zoned
    assert frozen.start == "2026-11-24T20:00:00"  # no Z: not every time was in UTC


def test_memory_is_bounded_whatever_the_span(monkeypatch: pytest.MonkeyPatch) -> None:
    """Errors every 7 minutes in four categories for 60 days, with room for 500 cells: the cells stay within it (the
    resolution coarsens as they fill, as often as needed) and no error is lost."""
    monkeypatch.setattr(summary, "MAX_CELLS", 500)
    timeline = Timeline()
    count = 0
    for epoch in range(T0, T0 + 60 * 86400, 7 * 60):
        timeline.add(("overloaded", "billing", "tls", "dns")[count % 4], stamp(epoch))
        count += 1
        assert len(timeline.cells) <= 500
    assert timeline.step == 86400  # 60 days by 6 hours in 4 categories would be 960 cells
    frozen = timeline.frozen()
    assert frozen is not None
    assert frozen.buckets <= MAX_BUCKETS
    assert sum(sum(row) for _category, row in frozen.counts) == count
    other = Timeline()
    other.add("overloaded", stamp(T0 + 61 * 86400))
    timeline.absorb(other)  # a finer part folds into a coarser whole
    assert timeline.step == 86400
    assert sum(timeline.cells.values()) == count + 1


def test_verdict_names_every_blocker_before_the_retryable_ones() -> None:
    overloaded = explain_text('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')
    credit = explain_text("Credit balance is too low")
    key = explain_text('{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}')
    denied = explain_text('{"type":"error","error":{"type":"permission_error","message":"not allowed"}}')
    refused = explain_text("Error: connect ECONNREFUSED 127.0.0.1:443")
    plan = [(overloaded, 50), (refused, 20), (credit, 3), (key, 2), (denied, 1)]
    occurrences = [Occurrence(d, i, None) for d, n in plan for i in range(n)]
    text = verdict(group(occurrences), 10_000)
    lines = text.splitlines()
    assert lines[0].startswith("76 Claude API errors in 10,000 lines; 66% are")
    assert lines[1] == f"Fix first: {credit.title} (3), which stops every request until it is fixed."
    blocked = next(line for line in lines if line.startswith("Also stopping every request:"))
    assert f"{key.title} (2)" in blocked
    assert f"{denied.title} (1)" in blocked
    retryable = next(line for line in lines if line.startswith("Retryable:"))
    assert lines.index(blocked) < lines.index(retryable)
    assert f"{overloaded.title} (50)" in retryable
    assert not re.search(r"\(s\)", text)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-25T00:02:49Z",
        "2026-11-25 00:02:49,123",
        "2026-11-25 00:02:49+0800",
        "2026-11-25T00:02:49.123456789+08:00",
        "2026-11-25T23:59:59-05:30",
        "2026-11-25T00:02:00",
    ],
)
def test_the_minute_is_the_timestamps_minute(text: str) -> None:
    whole = summary.parse_timestamp(text)
    assert whole is not None
    assert summary.minute_of(text) == (whole[0] - whole[0] % 60, whole[1])
    assert summary.minute_of(text) == summary.minute_of(text)  # the remembered answer is the same


# -- folding sightings: a request id is read from its record only while its group has room for one ---------------------

IDS = [f"req_011C{n:016d}" for n in range(6)] + ["req_xxxxxxxxxxxxxxxx"]  # the last is a placeholder: no id
SIGHTING = st.builds(
    lambda kind, stamp, rid, lazy: (
        KINDS[kind],
        f"2026-11-25T10:{stamp:02d}:00Z" if stamp is not None else None,
        rid,
        lazy,
    ),
    st.integers(0, len(KINDS) - 1),
    st.none() | st.integers(0, 59),
    st.none() | st.sampled_from(IDS),
    st.booleans(),
)


def _sighting(line: int, item: tuple) -> Sighting:
    """As the decoder gives it: the id known already, or still to be read from the record's text."""
    diagnosis, stamp, rid, lazy = item
    if not lazy:
        return (diagnosis, line, stamp, None if rid == IDS[-1] else rid, None)
    record = f'{stamp or ""} API Error: 529 {{"type":"error","request_id":"{rid}"}}' if rid else "API Error: 529"
    return (diagnosis, line, stamp, None, record)


@settings(max_examples=200, deadline=None)
@given(st.lists(SIGHTING, max_size=40), st.booleans())
def test_folding_sightings_equals_adding_their_occurrences(items: list[tuple], keep: bool) -> None:
    sightings = [_sighting(line, item) for line, item in enumerate(items, start=1)]
    eager = [occurrence_of(s) for s in sightings]
    folded, added = Tally(occurrences=[] if keep else None), Tally(occurrences=[] if keep else None)
    folded.fold(sightings, "app.log")
    for o in eager:
        added.add(o, "app.log")
    totals = Totals(files=["app.log"], lines=len(items))
    assert document(totals, folded.sorted(), folded.timeline) == document(totals, added.sorted(), added.timeline)
    assert [g.first_at for g in folded.sorted()] == [g.first_at for g in added.sorted()]
    assert folded.occurrences == added.occurrences


def test_ids_are_not_read_once_every_group_has_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []

    def counted(text: str) -> tuple[str, str] | None:
        reads.append(text)
        return find_request_id(text)

    monkeypatch.setattr(occurrences, "find_request_id", counted)
    known = [(KINDS[0], line, None, IDS[line], None) for line in range(MAX_IDS)]
    later = [_sighting(line, (KINDS[0], None, IDS[5], True)) for line in range(MAX_IDS, 100)]
    tally = Tally()
    tally.fold(known + later, "app.log")
    (only,) = tally.groups.values()
    assert (only.count, only.request_ids, reads) == (100, IDS[:MAX_IDS], [])
    kept = Tally(occurrences=[])
    kept.fold(later, "app.log")  # every occurrence kept: each one's id is read
    assert len(reads) == len(later)
    assert {o.request_id for o in kept.occurrences or []} == {IDS[5]}
