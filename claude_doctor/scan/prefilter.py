"""Which lines could hold a Claude API error, decided on raw bytes before any line is decoded. A superset on purpose:
the decoder has the last word. Every shape `explain` recognises contains one of these literals (decode.cues); a test
holds the corpus to that.

The literals are found by a SIMD multi-literal matcher (`ahocorasick_rs`, Rust's aho-corasick), several GB/s, one
pass per group of 64 (the most its SIMD searcher takes). Without it (a platform with no wheel) each literal costs one
`bytes.find` pass: same answer, about ten times slower. A test holds the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from claude_doctor.decode.cues import LINE_CUES

# The literals are decode.cues.LINE_CUES, one list for both: `explain` cuts a long paste into records around the same
# lines that `scan` reads, and a test holds the real-world corpus to them (every recognised paste has a line with one).
LITERALS: Final[tuple[bytes, ...]] = tuple(cue.encode() for cue in LINE_CUES)

# (literal index, start, end) of non-overlapping matches
Match = Callable[[bytes | bytearray], list[tuple[int, int, int]]]
# The SIMD searcher (Teddy) takes at most 64 literals: past that the matcher falls back to an automaton three times
# slower, so the literals are split into groups of at most 64, one pass each (two fast passes beat one slow one).
# Teddy finds candidates by a literal's first bytes and then checks them: the literals that start with a lowercase
# letter (most, their capital dropped) meet such bytes everywhere in text, so they are grouped apart from those that
# start with rarer bytes (capitals, quotes, CJK), whose pass then seldom stops. Two passes split so take about two
# thirds of the time of the first 64 literals and the rest (measured on benchmarks/make_log.py's log).
GROUP: Final = 64


@dataclass(frozen=True)
class Finder:
    """One matcher per group of literals, with how far each literal's line starts into it."""

    groups: tuple[tuple[Match, tuple[int, ...]], ...]


def native_finder() -> Finder | None:
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    # Leftmost-first is what enables the SIMD (Teddy) searcher. Non-overlapping matches lose no line: only
    # "\nHTTP/" crosses a line break, and it starts with the break, so a match never hides another line's literal.
    groups = []
    for literals in _groups(LITERALS):
        matcher = ahocorasick_rs.BytesAhoCorasick(list(literals), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST)
        groups.append((matcher.find_matches_as_indexes, tuple(map(_skip, literals))))
    return Finder(tuple(groups))


def _groups(literals: tuple[bytes, ...]) -> list[tuple[bytes, ...]]:
    """The literals that start with a lowercase ASCII letter, then the others, in groups of at most GROUP."""
    lower = tuple(literal for literal in literals if literal[:1].islower())
    other = tuple(literal for literal in literals if not literal[:1].islower())
    return [kind[first : first + GROUP] for kind in (lower, other) for first in range(0, len(kind), GROUP)]


def _skip(literal: bytes) -> int:
    return 1 if literal.startswith(b"\n") else 0


def lines_by_native(chunk: bytes | bytearray, finder: Finder) -> list[int]:
    if len(finder.groups) == 1:
        return _lines(chunk, *finder.groups[0])
    found: set[int] = set()
    for match, skips in finder.groups:
        found.update(_lines(chunk, match, skips))
    return sorted(found)


def _lines(chunk: bytes | bytearray, match: Match, skips: tuple[int, ...]) -> list[int]:
    starts: list[int] = []
    line_end = -1
    rfind = chunk.rfind
    for index, start, _end in match(chunk):
        position = start + skips[index]
        if position <= line_end:
            continue  # another literal on a line already taken
        starts.append(rfind(b"\n", 0, position) + 1)
        line_end = chunk.find(b"\n", position)
        if line_end == -1:
            break
    return starts


def lines_by_find(chunk: bytes | bytearray) -> list[int]:
    starts: set[int] = set()
    find = chunk.find
    rfind = chunk.rfind
    for literal in LITERALS:
        skip = _skip(literal)
        i = find(literal)
        while i != -1:
            position = i + skip
            starts.add(rfind(b"\n", 0, position) + 1)
            end = find(b"\n", position)
            if end == -1:
                break
            i = find(literal, end)
    return sorted(starts)


_FINDER = native_finder()


def candidate_lines(chunk: bytes | bytearray) -> list[int]:
    """Start offsets of the lines that contain a literal, sorted and unique."""
    starts = lines_by_native(chunk, _FINDER) if _FINDER is not None else lines_by_find(chunk)
    if chunk.startswith(b"HTTP/") and (not starts or starts[0] != 0):
        starts.insert(0, 0)
    return starts
