"""Scanning logs: read each input (plain, gzip, standard input; big plain files in parallel ranges), prefilter,
decode the candidates, and fold every occurrence into one Tally."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claude_doctor.scan.occurrences import Decoder, scan_chunk
from claude_doctor.scan.reader import SourceError, chunks, looks_binary, open_source, ranges, read_range
from claude_doctor.scan.summary import Tally, Totals

PARALLEL_MIN_BYTES = 64 * 1024 * 1024
RANGE_BYTES = 64 * 1024 * 1024
PROGRESS_MIN_BYTES = 32 * 1024 * 1024


class _Skip(Exception):
    """This input is not a log; the reason is already recorded."""


def _admit(name: str, head: bytes, totals: Totals) -> None:
    """Look at the first bytes: refuse binary files, warn about text that is not UTF-8."""
    if looks_binary(head[:8192]):
        totals.problems.append(f"{name} looks like a binary file, not a log: skipped")
        raise _Skip
    sample = head[:65536]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_at_edge = exc.reason == "unexpected end of data" and len(sample) == 65536
        if not cut_at_edge:
            totals.problems.append(f"{name} is not UTF-8: read with replacement characters")
    totals.files.append(name)


@dataclass
class Part:
    """What one input (or one range of it) held; `problem` says why reading stopped early, if it did."""

    tally: Tally
    lines: int = 0
    size: int = 0
    problem: str | None = None


def _scan_chunks(
    name: str,
    chunks_in: Iterator[bytes] | Iterator[bytearray],
    keep: bool,
    on_progress: Callable[[int], None] | None = None,
    position: Callable[[], int] | None = None,
) -> Part:
    """Line numbers are relative to the first chunk. A read that fails midway keeps what came before it. Progress is
    reported in bytes of the file as stored (`position`, for a compressed file) or as read."""
    decode = Decoder()
    part = Part(Tally(occurrences=[] if keep else None))
    reported = 0
    try:
        for chunk in chunks_in:
            found, count = scan_chunk(chunk, decode, first_line=part.lines + 1)
            for occurrence in found:
                part.tally.add(occurrence, name)
            part.lines += count
            part.size += len(chunk)
            if on_progress:
                now = position() if position else part.size
                on_progress(now - reported)
                reported = now
    except SourceError as exc:
        part.problem = str(exc)
    return part


def _scan_range(args: tuple[str, str, int, int, bool]) -> Part:
    """Worker: one byte range of a plain file."""
    name, path, start, end, keep = args
    return _scan_chunks(name, read_range(Path(path), start, end), keep)


def _parallel(name: str, path: Path, workers: int, keep: bool, on_progress: Callable[[int], None] | None) -> Part:
    """Ranges of about RANGE_BYTES, in order, over `workers` processes: results are merged as they come, which is
    also when progress moves."""
    import multiprocessing

    parts = ranges(path, max(workers, -(-path.stat().st_size // RANGE_BYTES)))
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    whole = Part(Tally(occurrences=[] if keep else None))
    with context.Pool(min(workers, len(parts))) as pool:
        for part in pool.imap(_scan_range, [(name, str(path), a, b, keep) for a, b in parts]):
            whole.tally.absorb(part.tally, line_offset=whole.lines)
            whole.lines += part.lines
            whole.size += part.size
            if on_progress:
                on_progress(part.size)
            if part.problem is not None:
                whole.problem = part.problem
                break  # the line numbers of later ranges would be wrong
    return whole


def _scan_file(
    name: str, path: Path, file_size: int, workers: int, keep: bool, on_progress: Callable[[int], None] | None
) -> Part:
    if workers > 1 and file_size >= PARALLEL_MIN_BYTES:
        return _parallel(name, path, workers, keep, on_progress)
    return _scan_chunks(name, read_range(path, 0, file_size), keep, on_progress)


def _scan_stream(
    name: str, stream: BinaryIO, totals: Totals, keep: bool, on_progress: Callable[[int], None] | None
) -> Part:
    """A compressed file or standard input: no size known up front, no seeking, one process."""
    pieces = chunks(stream, name)
    first = next(pieces, b"")
    _admit(name, first, totals)
    raw = getattr(stream, "fileobj", None)  # a gzip file's compressed stream: progress in stored bytes
    if raw is None:
        on_progress = None  # standard input: its size is not known, so not in the bar
    return _scan_chunks(name, itertools.chain([first], pieces), keep, on_progress, raw.tell if raw else None)


def scan_sources(
    names: list[str],
    *,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    keep_occurrences: bool = False,
) -> tuple[Totals, Tally]:
    """Scan every input into one Tally. With `keep_occurrences`, the tally also lists each occurrence with its line in
    its file (memory then grows with the number of errors)."""
    totals = Totals()
    tally = Tally(occurrences=[] if keep_occurrences else None)
    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    for name in names:
        try:
            source, stream = open_source(name)
        except SourceError as exc:
            totals.problems.append(str(exc))
            continue
        try:
            if source.path is not None and not source.compressed:
                _admit(name, stream.read(65536), totals)
                part = _scan_file(name, source.path, source.size or 0, workers, keep_occurrences, on_progress)
            else:
                part = _scan_stream(name, stream, totals, keep_occurrences, on_progress)
        except _Skip:
            continue
        except SourceError as exc:
            totals.problems.append(str(exc))
            continue
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        totals.lines += part.lines
        totals.bytes += part.size
        tally.absorb(part.tally)
        if part.problem is not None:
            totals.problems.append(part.problem)
    return totals, tally
