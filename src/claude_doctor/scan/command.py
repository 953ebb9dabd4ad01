"""`claude-doctor scan LOG...`: read, prefilter, decode, group, render. Exit 0 no Claude errors found, 1 some found,
2 when no input could be read."""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from claude_doctor.scan.occurrences import Decoder, Occurrence, scan_chunk
from claude_doctor.scan.reader import SourceError, chunks, looks_binary, open_source, ranges, read_range
from claude_doctor.scan.summary import Totals, document, group, verdict

PARALLEL_MIN_BYTES = 64 * 1024 * 1024
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

    lines: int = 0
    size: int = 0
    found: list[Occurrence] = field(default_factory=list)
    problem: str | None = None


def _scan_chunks(chunks_in: Iterator[bytes], on_progress: Callable[[int], None] | None = None) -> Part:
    """Line numbers are relative to the first chunk. A read that fails midway keeps what came before it."""
    decode = Decoder()
    part = Part()
    try:
        for chunk in chunks_in:
            found, count = scan_chunk(chunk, decode, first_line=part.lines + 1)
            part.found += found
            part.lines += count
            part.size += len(chunk)
            if on_progress:
                on_progress(len(chunk))
    except SourceError as exc:
        part.problem = str(exc)
    return part


def _scan_range(args: tuple[str, int, int]) -> Part:
    """Worker: one byte range of a plain file."""
    path, start, end = args
    return _scan_chunks(read_range(Path(path), start, end))


def _parallel(path: Path, workers: int) -> Part:
    import multiprocessing

    parts = ranges(path, workers)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(len(parts)) as pool:
        results = pool.map(_scan_range, [(str(path), a, b) for a, b in parts])
    whole = Part()
    for part in results:
        whole.found += [Occurrence(o.diagnosis, o.line + whole.lines, o.timestamp, o.request_id) for o in part.found]
        whole.lines += part.lines
        whole.size += part.size
        if part.problem is not None:
            whole.problem = part.problem
            break  # the line numbers of later ranges would be wrong
    return whole


def _scan_file(path: Path, file_size: int, workers: int, on_progress: Callable[[int], None] | None) -> Part:
    if workers > 1 and file_size >= PARALLEL_MIN_BYTES:
        part = _parallel(path, workers)
        if on_progress:
            on_progress(part.size)
        return part
    return _scan_chunks(read_range(path, 0, file_size), on_progress)


def _scan_stream(name: str, stream: BinaryIO, totals: Totals, on_progress: Callable[[int], None] | None) -> Part:
    """A compressed file or standard input: no size known up front, no seeking, one process."""
    pieces = chunks(stream, name)
    first = next(pieces, b"")
    _admit(name, first, totals)
    return _scan_chunks(itertools.chain([first], pieces), on_progress)


def scan_sources(
    names: list[str], *, workers: int | None = None, on_progress: Callable[[int], None] | None = None
) -> tuple[Totals, list[Occurrence]]:
    totals = Totals()
    found: list[Occurrence] = []
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
                part = _scan_file(source.path, source.size or 0, workers, on_progress)
            else:
                part = _scan_stream(name, stream, totals, on_progress)
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
        found += part.found
        if part.problem is not None:
            totals.problems.append(part.problem)
    return totals, found


def _progress(names: list[str]):  # type: ignore[no-untyped-def]
    from claude_doctor.render.console import is_ci

    sizes = []
    for name in names:
        try:
            sizes.append(Path(name).stat().st_size if name != "-" else 0)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    if total < PROGRESS_MIN_BYTES or is_ci() or not sys.stderr.isatty():
        return None, None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from claude_doctor.render.console import make_console

    bar = Progress(
        "scanning",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=make_console(stderr=True),
        transient=True,
    )
    task = bar.add_task("scan", total=total)
    return bar, lambda n: bar.advance(task, n)


def run_scan_command(files: list[str], *, json_out: bool) -> int:
    bar, on_progress = _progress(files)
    try:
        if bar is not None:
            with bar:
                totals, found = scan_sources(files, on_progress=on_progress)
        else:
            totals, found = scan_sources(files)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    for problem in totals.problems:
        print(f"warning: {problem}", file=sys.stderr)
    groups = group(found)
    if json_out:
        print(json.dumps(document(totals, groups), ensure_ascii=False))
    else:
        from claude_doctor.render.console import make_console
        from claude_doctor.render.scan import render_scan

        render_scan(totals, groups, verdict(groups, totals.lines), make_console())
    if not totals.files:
        return 2
    return 1 if found else 0
