"""Chunking: every byte comes out once, in order, and no line is cut in two, whatever the sizes and the ranges."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claude_doctor.scan import reader
from claude_doctor.scan.reader import LineCuts, SlotReader, SourceError, chunks, ranges, read_range

LINES = st.lists(st.sampled_from([b"", b"a", b"INFO ok", b"x" * 40, b"  indented", b"}", b"\xff"]), max_size=40)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(pieces: list[bytes] | list[bytearray], original: bytes) -> None:
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


def _lines_of(pieces: list[bytes] | list[bytearray]) -> list[bytes]:
    """The lines as `scan` counts them: a piece that does not end with a line break ends a line all the same."""
    out: list[bytes] = []
    for piece in pieces:
        parts = bytes(piece).split(b"\n")
        out += parts[:-1] if piece.endswith(b"\n") else parts
    return out


LONG_LINES = st.lists(st.sampled_from([b"", b"a", b"INFO ok", b"x" * 30, b"y" * 70, b"z" * 200]), max_size=20)


@SETTINGS
@given(lines=LONG_LINES, tail=st.booleans(), size=st.integers(1, 64))
def test_lines_with_no_break_in_sight_are_cut_to_their_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[bytes], tail: bool, size: int
) -> None:
    """With a 50-byte limit: a line shorter than it comes out whole, a line too long to fit a read with its break
    comes out as its first 50 bytes, and the counts say so; either way every line keeps its place."""
    monkeypatch.setattr(reader, "MAX_LINE", 50)
    content = b"\n".join(lines) + (b"\n" if tail else b"")
    path = tmp_path / "log"
    path.write_bytes(content)
    expected = content.split(b"\n")
    if content.endswith(b"\n") or not content:
        expected = expected[:-1]
    for name, cuts, pieces in (
        ("file", (c := LineCuts()), list(read_range(path, 0, len(content), size, cuts=c))),
        ("stream", (d := LineCuts()), list(chunks(io.BytesIO(content), "log", size, cuts=d))),
    ):
        got = _lines_of(pieces)
        assert len(got) == len(expected), name
        cut = 0
        for line, original in zip(got, expected, strict=True):
            if line != original:
                assert len(original) >= 50, name
                assert line == original[:50], name
                cut += 1
            if len(original) >= 50 + size:
                assert line == original[:50], name  # too long to have been read whole
        assert cuts.lines == cut, name
        assert sum(len(p) for p in pieces) + cuts.skipped == len(content), name  # every byte read, once


@SETTINGS
@given(lines=LONG_LINES, tail=st.booleans(), size=st.integers(1, 64))
def test_recycled_chunks_are_the_same_chunks_in_one_buffer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[bytes], tail: bool, size: int
) -> None:
    """Refilling one buffer gives, chunk by chunk, what fresh buffers give (lines cut to their head included)."""
    monkeypatch.setattr(reader, "MAX_LINE", 50)
    content = b"\n".join(lines) + (b"\n" if tail else b"")
    path = tmp_path / "log"
    path.write_bytes(content)
    for name, make in (
        ("file", lambda recycle: read_range(path, 0, len(content), size, recycle=recycle)),
        ("stream", lambda recycle: chunks(io.BytesIO(content), "log", size, recycle=recycle)),
    ):
        fresh = [bytes(p) for p in make(False)]
        assert [bytes(p) for p in make(True)] == fresh, name
        recycled = list(make(True))
        assert all(p is recycled[0] for p in recycled), name


class _Breaking(io.RawIOBase):
    """A stream that gives `content` in reads of at most 7 bytes, then fails (when `breaks`) instead of ending."""

    def __init__(self, content: bytes, breaks: bool) -> None:
        self._content = content
        self._at = 0
        self._breaks = breaks

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._at >= len(self._content) and self._breaks:
            raise OSError(5, "Input/output error")
        n = min(7, len(buffer), len(self._content) - self._at)
        buffer[:n] = self._content[self._at : self._at + n]
        self._at += n
        return n


def _slot_chunks(stream: io.RawIOBase, size: int, cuts: LineCuts) -> tuple[list[bytes], str | None]:
    """Every chunk a SlotReader reads, in three slots used in turn (a chunk too big for one comes back whole), and
    the failure that ended them, if any."""
    import mmap

    room = reader.MAX_LINE + size
    shared = mmap.mmap(-1, 3 * room)
    pieces: list[bytes] = []
    try:
        filler = SlotReader(stream, "log", cuts, size)  # type: ignore[arg-type]
        for slot in itertools.cycle(range(3)):
            got = filler.fill(shared, slot * room, room)
            if not got:
                return pieces, None
            pieces.append(got if isinstance(got, bytes) else shared[slot * room : slot * room + got])
    except SourceError as exc:
        return pieces, str(exc)
    finally:
        shared.close()
    raise AssertionError("unreachable")


@SETTINGS
@given(lines=LONG_LINES, tail=st.booleans(), size=st.integers(1, 64), breaks=st.booleans())
def test_chunks_read_into_shared_slots_are_the_same_chunks(
    monkeypatch: pytest.MonkeyPatch, lines: list[bytes], tail: bool, size: int, breaks: bool
) -> None:
    """Reading straight into the slots of a shared mapping (a partial line carried to the next slot, a long line cut
    to its head) gives the chunks, the cuts and the failure that `chunks` gives."""
    monkeypatch.setattr(reader, "MAX_LINE", 50)
    content = b"\n".join(lines) + (b"\n" if tail else b"")
    expected_cuts, cuts = LineCuts(), LineCuts()
    expected: list[bytes] = []
    failure = None
    try:
        for piece in chunks(_Breaking(content, breaks), "log", size, cuts=expected_cuts):  # type: ignore[arg-type]
            expected.append(bytes(piece))
    except SourceError as exc:
        failure = str(exc)
    assert _slot_chunks(_Breaking(content, breaks), size, cuts) == (expected, failure)
    assert cuts == expected_cuts
    assert (failure is not None) == breaks


def test_a_single_line_of_hundreds_of_megabytes_is_read_past_in_flat_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracemalloc

    monkeypatch.setattr(reader, "MAX_LINE", 256 * 1024)
    peaks = []
    for megabytes in (4, 40):
        path = tmp_path / f"{megabytes}.log"
        with path.open("wb") as handle:
            handle.write(b"INFO start\n")
            for _ in range(megabytes):
                handle.write(b"a" * (1024 * 1024))
            handle.write(b" Error: connect ECONNREFUSED\nend\n")
        for source in ("file", "stream"):
            cuts = LineCuts()
            tracemalloc.start()
            if source == "file":
                pieces = read_range(path, 0, path.stat().st_size, 64 * 1024, cuts=cuts)
                count = sum(len(p) for p in pieces)
            else:
                with path.open("rb") as stream:
                    count = sum(len(p) for p in chunks(stream, "log", 64 * 1024, cuts=cuts))
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
            assert cuts.lines == 1
            assert cuts.longest >= megabytes * 1024 * 1024
            assert count + cuts.skipped == path.stat().st_size
    assert max(peaks) < 2 * 1024 * 1024, peaks  # a few chunks and one line's head, whatever the line's length


def test_ranges_of_a_file_with_a_huge_line_are_found_without_reading_it_whole(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "log"
    with path.open("wb") as handle:
        handle.write(b"a" * (32 * 1024 * 1024) + b"\nINFO after\n" * 10)
    tracemalloc.start()
    bounds = ranges(path, 4)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert bounds[0][0] == 0
    assert bounds[-1][1] == path.stat().st_size
    assert peak < 1024 * 1024, peak
