"""Scanning logs: read each input (plain, gzip, standard input; big plain files in parallel ranges), prefilter,
decode the candidates, and fold every occurrence into one Tally."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from claude_doctor.i18n import Msg, plural
from claude_doctor.inputs import size_text
from claude_doctor.scan import forked, reader
from claude_doctor.scan.occurrences import Decoder, sightings
from claude_doctor.scan.reader import (
    LineCuts,
    SlotReader,
    SourceError,
    chunks,
    looks_binary,
    open_source,
    ranges,
    read_range,
    said,
    widen_pipe,
)
from claude_doctor.scan.summary import Tally, Totals

PARALLEL_MIN_BYTES = 16 * 1024 * 1024  # tens of milliseconds on one core; a fork costs a few
RANGE_BYTES = 16 * 1024 * 1024  # small enough that a core slowed by other programs takes fewer
PROGRESS_MIN_BYTES = 32 * 1024 * 1024
STREAM_PARALLEL_AFTER = 16 * 1024 * 1024  # a stream this long is worth handing to worker processes


class _Skip(Exception):
    """This input is not a log; the reason is already recorded."""


def _admit(name: str, head: bytes | bytearray, totals: Totals) -> None:
    """Look at the first bytes: refuse binary files, warn about text that is not UTF-8."""
    if looks_binary(head[:8192]):
        totals.problems.append(Msg("{name} looks like a binary file, not a log: skipped", name=name))
        raise _Skip
    sample = head[:65536]
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_at_edge = exc.reason == "unexpected end of data" and len(sample) == 65536
        if not cut_at_edge:
            totals.problems.append(Msg("{name} is not UTF-8: read with replacement characters", name=name))
    totals.files.append(name)


@dataclass
class Part:
    """What one input (or one range of it) held; `problem` says why reading stopped early, if it did; `cuts`, which
    lines were too long to scan whole. `size` counts every byte read, scanned or read past."""

    tally: Tally
    lines: int = 0
    size: int = 0
    problem: str | None = None
    cuts: LineCuts = field(default_factory=LineCuts)


def _scan_chunks(
    name: str,
    chunks_in: Iterable[bytes | bytearray],
    keep: bool,
    on_progress: Callable[[int], None] | None = None,
    position: Callable[[], int] | None = None,
    cuts: LineCuts | None = None,
    decode: Decoder | None = None,
) -> Part:
    """Line numbers are relative to the first chunk. A read that fails midway keeps what came before it. Progress is
    reported in bytes of the file as stored (`position`, for a compressed file) or as read. `cuts` is the one the
    chunks' reader fills."""
    decode = Decoder() if decode is None else decode
    part = Part(Tally(occurrences=[] if keep else None), cuts=LineCuts() if cuts is None else cuts)
    reported = 0
    scanned = 0
    try:
        for chunk in chunks_in:
            found, count = sightings(chunk, decode, first_line=part.lines + 1)
            part.tally.fold(found, name)
            part.lines += count
            scanned += len(chunk)
            if on_progress:
                now = position() if position else scanned + part.cuts.skipped
                on_progress(now - reported)
                reported = now
    except SourceError as exc:
        part.problem = said(exc)
    part.size = scanned + part.cuts.skipped
    return part


def _scan_range(args: tuple[str, str, int, int, bool], decode: Decoder | None = None) -> Part:
    """Worker: one byte range of a plain file."""
    name, path, start, end, keep = args
    cuts = LineCuts()
    chunks_in = read_range(Path(path), start, end, cuts=cuts, recycle=True)
    return _scan_chunks(name, chunks_in, keep, cuts=cuts, decode=decode)


def _parallel(name: str, path: Path, workers: int, keep: bool, on_progress: Callable[[int], None] | None) -> Part:
    """Ranges of about RANGE_BYTES over `workers` processes (this one and forked copies, where the system forks;
    else a pool of fresh interpreters), merged in order."""
    count = max(workers, -(-path.stat().st_size // RANGE_BYTES))
    tasks = [(name, str(path), a, b, keep) for a, b in ranges(path, min(count, forked.MAX_TASKS))]
    if forked.can_fork():
        decode = Decoder()  # one per process, its cache warm from one range to the next
        progress = (lambda part: on_progress(part.size)) if on_progress else None
        parts = forked.share(tasks, lambda task: _scan_range(task, decode), workers, progress)
    else:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(min(workers, len(tasks))) as pool:
            parts = []
            for part in pool.imap(_scan_range, tasks):
                parts.append(part)
                if on_progress:
                    on_progress(part.size)
    whole = Part(Tally(occurrences=[] if keep else None))
    for part in parts:
        whole.tally.absorb(part.tally, line_offset=whole.lines)
        whole.lines += part.lines
        whole.size += part.size
        whole.cuts.absorb(part.cuts)
        if part.problem is not None:
            whole.problem = part.problem
            break  # the line numbers of later ranges would be wrong
    return whole


def _scan_file(
    name: str, path: Path, file_size: int, workers: int, keep: bool, on_progress: Callable[[int], None] | None
) -> Part:
    if workers > 1 and file_size >= PARALLEL_MIN_BYTES:
        return _parallel(name, path, workers, keep, on_progress)
    cuts = LineCuts()
    return _scan_chunks(name, read_range(path, 0, file_size, cuts=cuts, recycle=True), keep, on_progress, cuts=cuts)


def _scan_stream(
    name: str,
    stream: BinaryIO,
    totals: Totals,
    keep: bool,
    on_progress: Callable[[int], None] | None,
    workers: int = 1,
) -> Part:
    """A compressed file, standard input, a named pipe or a device: no size known up front, no seeking. Read in this
    process. A stream that ends within STREAM_PARALLEL_AFTER bytes is scanned here; a longer one is scanned, from its
    first chunk on, by `workers` processes while reading goes on (its first bytes are held, not scanned, until it is
    known to be long: scanning them here first would leave the other cores idle meanwhile)."""
    widen_pipe(stream)
    raw = getattr(stream, "fileobj", None)  # a gzip file's compressed stream: progress in stored bytes
    if raw is None:
        on_progress = None  # standard input: its size is not known, so not in the bar
    position = raw.tell if raw else None
    cuts = LineCuts()
    if workers >= 2 and "fork" in _start_methods():
        return _slotted_stream(name, stream, totals, workers, keep, on_progress, position, cuts)
    pieces = chunks(stream, name, cuts=cuts, recycle=True)  # each chunk is scanned before the next
    first = next(pieces, b"")
    _admit(name, first, totals)
    return _scan_chunks(name, itertools.chain([first], pieces), keep, on_progress, position, cuts=cuts)


def _replay(held: list[bytes], failure: SourceError | None) -> Iterator[bytes]:
    """The chunks read ahead, then the error that ended the reading, as the reader itself would have raised it."""
    yield from held
    if failure is not None:
        raise failure


def _merge(whole: Part, part: Part) -> None:
    """`part` came right after `whole` in the same input."""
    whole.tally.absorb(part.tally, line_offset=whole.lines)
    whole.lines += part.lines
    whole.size += part.size
    if part.problem is not None:
        whole.problem = part.problem


# -- a stream over worker processes: chunks read straight into memory shared with them ---------------------------------

_SHARED: Any = None  # an anonymous shared mapping, made before the workers fork, so they read the parent's chunks
_WORKER_DECODER: Decoder | None = None


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _scan_shared(task: tuple[str, int, int | bytes, bool]) -> Part:
    """Worker: one chunk, from its slot of the shared mapping (or, too big for a slot, sent whole)."""
    global _WORKER_DECODER
    name, start, chunk, keep = task
    if _WORKER_DECODER is None:
        _WORKER_DECODER = Decoder()  # one per worker, so its cache lasts across chunks
    data = chunk if isinstance(chunk, bytes) else _SHARED[start : start + chunk]
    return _scan_chunks(name, iter([data]), keep, decode=_WORKER_DECODER)


def _slotted_stream(
    name: str,
    stream: BinaryIO,
    totals: Totals,
    workers: int,
    keep: bool,
    on_progress: Callable[[int], None] | None,
    position: Callable[[], int] | None,
    cuts: LineCuts,
) -> Part:
    """Chunks are read straight into the slots of a shared mapping, so that none is copied to reach a worker. The
    first STREAM_PARALLEL_AFTER bytes are held (in slots while there are slots to spare, then copied out of the last
    one): a stream that ends within them is scanned here, without starting workers."""
    import mmap

    global _SHARED
    room = reader.MAX_LINE + reader.CHUNK  # a slot holds any chunk the reader makes but a few outsized ones
    slots = workers + 2
    filler = SlotReader(stream, name, cuts)
    _SHARED = mmap.mmap(-1, slots * room)
    try:
        chunk = filler.fill(_SHARED, 0, room)
        _admit(name, chunk if isinstance(chunk, bytes) else _SHARED[0 : min(chunk, 65536)], totals)
        held: list[int | bytes] = []  # a length: the chunk in the slot of its place in the list; else the chunk
        seen = 0
        failure: SourceError | None = None
        try:
            while chunk:
                slot = min(len(held), slots - 1)
                if isinstance(chunk, int) and slot == slots - 1:
                    chunk = _SHARED[slot * room : slot * room + chunk]  # the last slot is for reading the rest
                held.append(chunk)
                seen += chunk if isinstance(chunk, int) else len(chunk)
                if seen >= STREAM_PARALLEL_AFTER and not filler.ended:
                    break
                slot = min(len(held), slots - 1)
                chunk = filler.fill(_SHARED, slot * room, room)
        except SourceError as exc:
            failure = exc
        if failure is not None or not chunk:  # the stream ended within STREAM_PARALLEL_AFTER
            replay = [c if isinstance(c, bytes) else _SHARED[i * room : i * room + c] for i, c in enumerate(held)]
            return _scan_chunks(name, _replay(replay, failure), keep, on_progress, position, cuts=cuts)
        whole = _parallel_stream(name, held, filler, slots, room, workers, keep, on_progress, position)
    finally:
        _SHARED.close()
        _SHARED = None
    whole.size += cuts.skipped
    whole.cuts = cuts
    return whole


def _parallel_stream(
    name: str,
    held: list[int | bytes],
    filler: SlotReader,
    slots: int,
    room: int,
    workers: int,
    keep: bool,
    on_progress: Callable[[int], None] | None,
    position: Callable[[], int] | None,
) -> Part:
    """The chunks held are scanned first (those copied out of their slot copied into one again), then the rest,
    each read into a free slot; each is scanned by a worker while the next is read; results are merged in order,
    and a slot is reused only once its chunk is done, so memory stays bounded."""
    import multiprocessing
    from collections import deque

    whole = Part(Tally(occurrences=[] if keep else None))
    reported = 0  # nothing of this stream reported yet: its first chunks were read ahead, not scanned
    in_place = next((i for i, c in enumerate(held) if isinstance(c, bytes)), len(held))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        free = deque(range(in_place, slots))
        pending: deque[tuple[int, Any]] = deque()
        for slot in range(in_place):
            pending.append((slot, pool.apply_async(_scan_shared, ((name, slot * room, held[slot], keep),))))
        del held[:in_place]

        def settle_oldest() -> None:
            nonlocal reported
            slot, result = pending.popleft()
            _merge(whole, result.get())
            free.append(slot)
            if on_progress and position:
                now = position()
                on_progress(now - reported)
                reported = now

        try:
            while True:
                if not free:
                    settle_oldest()
                slot = free.popleft()
                base = slot * room
                chunk: int | bytes = held.pop(0) if held else filler.fill(_SHARED, base, room)
                if isinstance(chunk, bytes) and len(chunk) <= room:
                    _SHARED[base : base + len(chunk)] = chunk
                    chunk = len(chunk)
                if not chunk:
                    free.append(slot)
                    break
                pending.append((slot, pool.apply_async(_scan_shared, ((name, base, chunk, keep),))))
        except SourceError as exc:
            whole.problem = said(exc)
        problem = whole.problem
        while pending:
            settle_oldest()
        whole.problem = problem or whole.problem
    return whole


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
            totals.problems.append(said(exc))
            continue
        try:
            if source.path is not None and not source.compressed:
                _admit(name, stream.read(65536), totals)
                part = _scan_file(name, source.path, source.size or 0, workers, keep_occurrences, on_progress)
            else:
                part = _scan_stream(name, stream, totals, keep_occurrences, on_progress, workers)
        except _Skip:
            continue
        except SourceError as exc:
            totals.problems.append(said(exc))
            continue
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        totals.lines += part.lines
        totals.bytes += part.size
        tally.absorb(part.tally)
        if part.problem is not None:
            totals.problems.append(part.problem)
        if part.cuts.lines:
            totals.problems.append(_cut_problem(name, part.cuts))
    return totals, tally


def _cut_problem(name: str, cuts: LineCuts) -> str:
    return plural(
        "{name}: {n} line with no line break within {limit} ({longest}): only the first {limit} of it was scanned",
        "{name}: {n} lines with no line break within {limit} (the longest {longest}): only the first {limit} of each "
        "was scanned",
        n=cuts.lines,
        name=name,
        limit=size_text(reader.MAX_LINE),
        longest=size_text(cuts.longest),
    )
