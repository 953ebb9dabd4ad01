"""A long paste read as a log: the candidate lines against a line-by-line oracle, and the bounds that keep any log
of up to the read limit under a second."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.decode import explain_all
from claude_doctor.decode import log as log_module
from claude_doctor.decode.cues import LINE_CUES
from claude_doctor.decode.log import candidate_lines, records

PIECES = [*LINE_CUES, "\n", "HTTP/", "rro", "RRO", "imed", "x" * 9, " ", "\r\n", "{", "}"]


def oracle(text: str) -> list[int]:
    starts = []
    offset = 0
    for line in text.split("\n"):
        if any(cue in line for cue in LINE_CUES if not cue.startswith("\n")) or line.startswith("HTTP/"):
            starts.append(offset)
        offset += len(line) + 1
    return starts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=80), st.integers(min_value=5, max_value=40))
def test_candidate_lines_are_the_lines_with_a_cue(pieces: list[str], piece_size: int) -> None:
    """Whatever the size of the pieces the matcher runs over (a cue may straddle two), every line with a cue is found
    once."""
    text = "".join(pieces)
    original = log_module._PIECE
    log_module._PIECE = piece_size
    try:
        assert candidate_lines(text) == oracle(text)
    finally:
        log_module._PIECE = original


def test_candidates_are_bounded_to_the_head_and_the_tail() -> None:
    lines = [f"ERROR {n}" for n in range(3 * log_module.MAX_CANDIDATES)]
    text = "\n".join(lines)
    found = candidate_lines(text)
    assert len(found) == log_module.MAX_CANDIDATES
    assert found[0] == 0
    assert text[found[-1] :] == lines[-1]  # the latest line is always there


def test_a_pretty_printed_envelope_in_a_log_is_one_record() -> None:
    envelope = (
        '{\n  "type": "error",\n  "error": {\n    "type": "overloaded_error",\n    "message": "Overloaded"\n  }\n}'
    )
    text = "2026-11-25T10:00:00Z INFO ok\n" + envelope + "\n2026-11-25T10:00:01Z INFO ok"
    assert [r.text for r in records(text)] == [envelope]


@pytest.mark.parametrize(
    "text",
    [
        "error\n" * 800_000,
        "Error " * 800_000,
        '{"error":{' * 300_000,
        (" " * 5000 + "error\n") * 900,
        "\nHTTP/1.1 500 x" * 300_000,
        "".join(f"Error code: 5{n % 100:02d} {chr(97 + n % 26) * (n % 7 + 1)} thing\n" for n in range(150_000)),
    ],
)
def test_a_hostile_log_of_five_megabytes_decodes_in_time(text: str) -> None:
    start = time.perf_counter()
    explain_all(text[: 5 * 1024 * 1024])
    assert time.perf_counter() - start < 2.0  # DESIGN.md's one second, with room for a loaded CI machine
