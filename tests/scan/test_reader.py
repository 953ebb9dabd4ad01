"""Chunking: every byte comes out once, in order, and no line is cut in two, whatever the sizes and the ranges."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_doctor.scan.reader import chunks, ranges, read_range

LINES = st.lists(st.sampled_from([b"", b"a", b"INFO ok", b"x" * 40, b"  indented", b"}", b"\xff"]), max_size=40)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(pieces: list[bytes], original: bytes) -> None:
    assert b"".join(pieces) == original
    assert all(piece for piece in pieces)
    assert all(piece.endswith(b"\n") for piece in pieces[:-1])


@SETTINGS
@given(lines=LINES, tail=st.booleans(), size=st.integers(1, 64), data=st.data())
def test_read_range_reassembles_any_range(
    tmp_path: Path, lines: list[bytes], tail: bool, size: int, data: st.DataObject
) -> None:
    content = b"\n".join(lines) + (b"\n" if tail else b"")
    path = tmp_path / "log"
    path.write_bytes(content)
    start = data.draw(st.integers(0, len(content)))
    end = data.draw(st.integers(start, len(content)))
    pieces = list(read_range(path, start, end, size))
    _check(pieces, content[start:end])


@SETTINGS
@given(lines=LINES, size=st.integers(1, 64))
def test_chunks_of_a_stream_reassemble(lines: list[bytes], size: int) -> None:
    content = b"\n".join(lines)
    _check(list(chunks(io.BytesIO(content), "log", size)), content)


@SETTINGS
@given(lines=LINES, parts=st.integers(1, 5))
def test_ranges_cover_the_file_and_start_at_entries(tmp_path: Path, lines: list[bytes], parts: int) -> None:
    content = b"\n".join(lines) + b"\n"
    path = tmp_path / "log"
    path.write_bytes(content)
    bounds = ranges(path, parts)
    assert bounds[0][0] == 0
    assert bounds[-1][1] == len(content)
    assert all(a < b for a, b in bounds)
    assert all(prev[1] == nxt[0] for prev, nxt in itertools.pairwise(bounds))
    for start, _end in bounds[1:]:
        assert content[start - 1 : start] == b"\n"
        assert not content[start : start + 1].isspace()
        assert not content[start:].startswith((b"}", b"]"))


def test_a_line_longer_than_a_chunk_stays_whole(tmp_path: Path) -> None:
    path = tmp_path / "log"
    path.write_bytes(b"short\n" + b"y" * 100 + b"\nend\n" + b"z\n" * 20)
    pieces = list(read_range(path, 0, path.stat().st_size, 16))
    _check(pieces, path.read_bytes())
    assert any(piece.startswith(b"y" * 100 + b"\n") for piece in pieces)
    assert len(pieces) > 3  # and it goes back to small chunks afterwards
