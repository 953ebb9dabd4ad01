"""Finding the errors in one chunk: the work grows with the chunk, not with the square of its errors."""

from __future__ import annotations

from typing import Any

from claude_doctor.scan.occurrences import Decoder, occurrence_of, sightings

ERROR = (
    '2026-11-25T10:00:00Z ERROR API Error: 529 {{"type":"error","error":{{"type":"overloaded_error",'
    '"message":"Overloaded"}},"request_id":"req_011CAbc{:06d}"}}\n'
)


class Counted(bytes):
    """A chunk that tallies how many bytes its searches and counts pass over: the engine's own measure of work."""

    work = 0

    def _span(self, start: Any, end: Any) -> int:
        start = 0 if start is None else (start + len(self) if start < 0 else start)
        end = len(self) if end is None else (end + len(self) if end < 0 else end)
        return max(0, min(end, len(self)) - start)

    def count(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        Counted.work += self._span(start, end)
        return super().count(sub, start, end)

    def find(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        found = super().find(sub, start, end)
        Counted.work += self._span(start, found + 1 if found != -1 else end)
        return found

    def rfind(self, sub: Any, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        found = super().rfind(sub, start, end)
        Counted.work += self._span(found if found != -1 else start, end)
        return found


def _work(errors: int) -> int:
    chunk = Counted("".join(ERROR.format(i) for i in range(errors)).encode())
    Counted.work = 0
    seen, lines = sightings(chunk, Decoder())
    found = [occurrence_of(s) for s in seen]
    assert len(found) == errors
    assert lines == errors
    assert [o.line for o in found[:3]] == [1, 2, 3]
    assert found[-1].request_id == f"req_011CAbc{errors - 1:06d}"
    return Counted.work


def test_an_outage_costs_linear_work_in_its_errors() -> None:
    """Every line an error (one merged region of thousands of candidates): four times the errors, about four times
    the work. Counting line numbers from the region's start for every error made it sixteen."""
    small, large = _work(2_000), _work(8_000)
    assert large < small * 6, (small, large)
