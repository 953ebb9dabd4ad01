"""The prefilter against a line-by-line oracle, for both matchers: the SIMD one and the `bytes.find` fallback."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.scan import prefilter
from claude_doctor.scan.prefilter import LITERALS, candidate_lines, lines_by_find, lines_by_native, native_finder

FINDER = native_finder()
PIECES = [*LITERALS, b"\n", b"HTTP/1.1 529", b"rro", b"RRO", b"Timeout", b"e", b"\xff\xfe", b" ", b"\r\n", b"{}"]


def oracle(chunk: bytes, *, status_line_at_start: bool = True) -> list[int]:
    """Start offsets of the lines holding a literal, found the slow, obvious way. The matchers themselves see a status
    line only after a line break; `candidate_lines` adds one at the very start."""
    starts = []
    offset = 0
    for line in chunk.split(b"\n"):
        inline = any(literal in line for literal in LITERALS if not literal.startswith(b"\n"))
        status = line.startswith(b"HTTP/") and (offset > 0 or status_line_at_start)
        if inline or status:
            starts.append(offset)
        offset += len(line) + 1
    return starts


def test_the_native_matcher_is_installed() -> None:
    # A missing wheel would silently cost ten times the time; the dependency is declared, so CI must have it.
    assert FINDER is not None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.binary(max_size=12), max_size=60))
def test_both_matchers_find_exactly_the_lines_with_a_literal(pieces: list[bytes]) -> None:
    chunk = b"".join(pieces)
    assert FINDER is not None
    inner = oracle(chunk, status_line_at_start=False)
    assert lines_by_native(chunk, FINDER) == inner
    assert lines_by_find(chunk) == inner
    assert candidate_lines(chunk) == oracle(chunk)


@pytest.mark.parametrize(
    ("chunk", "expected"),
    [
        (b"", []),
        (b"INFO all good\nINFO still good\n", []),
        (b"INFO ok\nanthropic.RateLimitError: 429\nINFO ok\n", [8]),
        (b"Error Error rror\n", [0]),  # many literals, one line
        (b"INFO ok\nHTTP/1.1 529 \nx\n", [8]),  # a curl -i status line
        (b"HTTP/2 401\n", [0]),  # at the very start of a chunk
        (b"GET / HTTP/1.1 200\n", []),  # HTTP/ mid-line is a request line, not a status line
        (b"a rror\nb RROR\n", [0, 7]),
        (b"no newline at the end: timed out", [0]),
    ],
)
def test_table(chunk: bytes, expected: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    assert candidate_lines(chunk) == expected
    monkeypatch.setattr(prefilter, "_FINDER", None)
    assert candidate_lines(chunk) == expected


def test_every_literal_is_searched_in_a_group_the_simd_searcher_takes() -> None:
    """Past 64 literals one matcher runs three times slower (scan's speed); the groups cover every literal once."""
    assert FINDER is not None
    sizes = [len(skips) for _match, skips in FINDER.groups]
    assert max(sizes) <= prefilter.GROUP
    assert sum(sizes) == len(LITERALS)
    assert len(LITERALS) > prefilter.GROUP  # more than one group: lines_by_native's merging is what the tests hold


def test_literals_that_start_with_a_lowercase_letter_are_searched_apart_from_the_others() -> None:
    """The fast grouping: no group mixes literals that start with a lowercase letter and literals that do not, and
    no group is split further than GROUP forces."""
    groups = prefilter._groups(LITERALS)
    assert sorted(literal for group in groups for literal in group) == sorted(LITERALS)
    assert all(len({literal[:1].islower() for literal in group}) == 1 for group in groups)
    assert all(0 < len(group) <= prefilter.GROUP for group in groups)
    lower = sum(1 for literal in LITERALS if literal[:1].islower())
    assert len(groups) == -(-lower // prefilter.GROUP) + -(-(len(LITERALS) - lower) // prefilter.GROUP)
