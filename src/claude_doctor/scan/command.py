"""`claude-doctor scan LOG...`: read, prefilter, decode, group, render. Exit 0 no Claude errors found, 1 some found,
2 when no input could be read."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from claude_doctor.scan.occurrences import Decoder, Occurrence, find_occurrences
from claude_doctor.scan.reader import SourceError, chunks, looks_binary, open_source, ranges, read_range
from claude_doctor.scan.summary import Totals, document, group, verdict

PARALLEL_MIN_BYTES = 64 * 1024 * 1024
PROGRESS_MIN_BYTES = 32 * 1024 * 1024


def _scan_range(args: tuple[str, int, int]) -> tuple[int, int, list[Occurrence]]:
    """Worker: one byte range of a plain file; line numbers relative to the range."""
    path, start, end = args
    decode = Decoder()
    lines = size = 0
    found: list[Occurrence] = []
    for chunk in read_range(Path(path), start, end):
        found += find_occurrences(chunk, decode, first_line=lines + 1)
        lines += chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
        size += len(chunk)
    return lines, size, found


def _parallel(path: Path, workers: int) -> tuple[int, int, list[Occurrence]]:
    import multiprocessing

    parts = ranges(path, workers)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(len(parts)) as pool:
        results = pool.map(_scan_range, [(str(path), a, b) for a, b in parts])
    lines = size = 0
    found: list[Occurrence] = []
    for part_lines, part_size, part_found in results:
        found += [Occurrence(o.diagnosis, o.line + lines, o.timestamp) for o in part_found]
        lines += part_lines
        size += part_size
    return lines, size, found


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
            if (
                source.path is not None
                and not source.compressed
                and workers > 1
                and (source.size or 0) >= (PARALLEL_MIN_BYTES)
            ):
                head = stream.read(8192)
                if looks_binary(head):
                    totals.problems.append(f"{name} looks like a binary file, not a log: skipped")
                    continue
                lines, size, part = _parallel(source.path, workers)
                totals.files.append(name)
                totals.lines += lines
                totals.bytes += size
                found += part
                if on_progress:
                    on_progress(size)
                continue
            _scan_stream(name, stream, totals, found, on_progress)
        except SourceError as exc:
            totals.problems.append(str(exc))
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    return totals, found


def _scan_stream(
    name: str,
    stream,
    totals: Totals,
    found: list[Occurrence],  # type: ignore[no-untyped-def]
    on_progress: Callable[[int], None] | None,
) -> None:
    decode = Decoder()
    first = True
    lines = 0
    try:
        for chunk in chunks(stream, name):
            if first:
                first = False
                if looks_binary(chunk[:8192]):
                    totals.problems.append(f"{name} looks like a binary file, not a log: skipped")
                    return
                try:
                    chunk[:65536].decode("utf-8")
                except UnicodeDecodeError as exc:
                    if exc.start < 65530:
                        totals.problems.append(f"{name} is not UTF-8: read with replacement characters")
                totals.files.append(name)
            found += find_occurrences(chunk, decode, first_line=lines + 1)
            lines += chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
            totals.bytes += len(chunk)
            if on_progress:
                on_progress(len(chunk))
    finally:
        totals.lines += lines
        if first and name not in totals.files:
            totals.files.append(name)  # an empty file: scanned, nothing in it


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
