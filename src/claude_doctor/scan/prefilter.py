"""Which lines could hold a Claude API error, decided on raw bytes with `bytes.find` (memchr-fast) before any line is
decoded. A superset on purpose: the decoder has the last word. Every shape `explain` recognises contains one of these
literals; a test holds the corpus to that. Each literal costs one pass over the data, so the list is as short as the
corpus allows (`[Errno 111]` lines carry "Error" or "error" too; "Overloaded" comes with "API Error" or `_error`).
"""

from __future__ import annotations

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


def candidate_lines(chunk: bytes) -> list[int]:
    """Start offsets of the lines that contain a literal, sorted and unique."""
    starts: set[int] = set()
    find = chunk.find
    rfind = chunk.rfind
    for literal in LITERALS:
        skip = 1 if literal.startswith(b"\n") else 0
        i = find(literal)
        while i != -1:
            position = i + skip
            starts.add(rfind(b"\n", 0, position) + 1)
            end = find(b"\n", position)
            if end == -1:
                break
            i = find(literal, end)
    if chunk.startswith(b"HTTP/"):
        starts.add(0)
    return sorted(starts)
