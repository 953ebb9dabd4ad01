"""Which lines could hold a Claude API error, decided on raw bytes before any line is decoded. A superset on purpose:
the decoder has the last word. Every shape `explain` recognises contains one of these literals; a test holds the
corpus to that.

All literals are found in one pass by a SIMD multi-literal matcher (`ahocorasick_rs`, Rust's aho-corasick), several
GB/s. Without it (a platform with no wheel) each literal costs one `bytes.find` pass: same answer, about ten times
slower. A test holds the two to the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

LITERALS: Final[tuple[bytes, ...]] = (
    b"rror",  # error, Error, *Error:, "type": "error", event: error, API Error
    b"RROR",  # ERROR, API_ERROR
    b"imeout",  # httpx.ReadTimeout, ConnectTimeout, socket.timeout
    b"imed out",  # Request timed out
    b"ECONN",  # ECONNREFUSED, ECONNRESET
    b"UNREACH",  # connect EHOSTUNREACH, ENETUNREACH
    b"ertificate",  # Self-signed certificate detected (Claude Code), curl: (60) SSL certificate problem
    b"imit reached",  # Context limit reached (Claude Code)
    b"oo large",  # Request too large (max 32MB) (Claude Code)
    b"selected model",  # There's an issue with the selected model (Claude Code)
    b"redit balance",  # Credit balance is too low (Claude Code)
    b"API key",  # Invalid API key · Fix external API key
    b"OAuth",  # OAuth token has expired / revoked
    b"nable to connect",  # Unable to connect to API
    b"/login",  # Not logged in · Please run /login
    b"curl: (",  # curl: (60) SSL certificate problem
    b"\nHTTP/",  # a status line of curl -i output
)

# (literal index, start, end) of non-overlapping matches
Finder = Callable[[bytes | bytearray], list[tuple[int, int, int]]]


def native_finder() -> Finder | None:
    try:
        import ahocorasick_rs
    except ImportError:
        return None
    # Leftmost-first is what enables the SIMD (Teddy) searcher. Non-overlapping matches lose no line: only
    # "\nHTTP/" crosses a line break, and it starts with the break, so a match never hides another line's literal.
    matcher = ahocorasick_rs.BytesAhoCorasick(list(LITERALS), matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_FIRST)
    return matcher.find_matches_as_indexes


def _skip(literal: bytes) -> int:
    return 1 if literal.startswith(b"\n") else 0


_SKIPS: Final[tuple[int, ...]] = tuple(map(_skip, LITERALS))


def lines_by_native(chunk: bytes | bytearray, finder: Finder) -> list[int]:
    starts: list[int] = []
    line_end = -1
    rfind = chunk.rfind
    for index, start, _end in finder(chunk):
        position = start + _SKIPS[index]
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
