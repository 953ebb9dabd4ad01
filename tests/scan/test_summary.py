"""Folding occurrences into groups: a tally merged from parts equals one tally over the whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.decode import explain_text
from claude_doctor.scan.occurrences import Occurrence
from claude_doctor.scan.summary import MAX_IDS, Tally, Totals, document, group

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
    for g in merged.sorted():
        assert len(g.request_ids) <= MAX_IDS
        first = next(o for o in occurrences if o.diagnosis.title == g.title)
        assert g.first_at == ("app.log", first.line)
