"""Log sources as byte chunks of whole lines: files, gzip files (by their magic bytes), named pipes and devices,
standard input. Constant memory: one chunk at a time, whatever the size. Lines are read whole up to at least MAX_LINE
bytes; a longer one (a 200 MB single line, /dev/zero) may be cut: its first MAX_LINE bytes are scanned as one line,
the rest is read past without being kept, and `LineCuts` says how many and how long, for the report."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from claude_doctor.decode.records import LOG_ENTRY
from claude_doctor.i18n import Msg
from claude_doctor.inputs import InputError, open_input

CHUNK = 8 * 1024 * 1024
MAX_LINE = 8 * 1024 * 1024  # a line whose break is not in sight after this many bytes is cut here
ENTRY_LOOKBACK = 1000  # lines searched for a log entry to cut a chunk or a range before
_LOG_ENTRY = re.compile(LOG_ENTRY.encode())


def said(exc: BaseException) -> str:
    """The message an exception was raised with, still a `Msg` (str(exc) would make it plain English)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


class SourceError(Exception):
    """A log that cannot be read: said plainly, the other logs still scanned."""


@dataclass(frozen=True)
class Source:
    name: str
    path: Path | None  # None for a stream: standard input, a named pipe, a device
    size: int | None
    compressed: bool


@dataclass
class LineCuts:
    """Lines longer than MAX_LINE in one input: how many, the longest, and the bytes read past without scanning."""

    lines: int = 0
    longest: int = 0
    skipped: int = 0

    def add(self, length: int, skipped: int) -> None:
        self.lines += 1
        self.longest = max(self.longest, length)
        self.skipped += skipped

    def absorb(self, other: LineCuts) -> None:
        self.lines += other.lines
        self.longest = max(self.longest, other.longest)
        self.skipped += other.skipped


def open_source(name: str, wait: float | None = None) -> tuple[Source, BinaryIO]:
    """A file, a gzip file, or a stream; a named pipe or device gets `wait` seconds (inputs.WAIT_S) to offer data."""
    if name == "-":
        return Source("<stdin>", None, None, False), sys.stdin.buffer
    path = Path(name)
    try:
        handle = open_input(path, wait)
    except InputError as exc:
        if path.is_dir():
            raise SourceError(Msg("{name} is a directory; give log files", name=name)) from None
        raise SourceError(said(exc)) from None
    except FileNotFoundError:
        raise SourceError(Msg("{name}: no such file", name=name)) from None
    except PermissionError:
        raise SourceError(Msg("{name}: permission denied", name=name)) from None
    except OSError as exc:
        raise SourceError(Msg("{name}: {reason}", name=name, reason=exc.strerror or str(exc))) from None
    info = os.fstat(handle.fileno())
    regular = stat.S_ISREG(info.st_mode)
    try:
        magic = handle.peek(2)[:2] if isinstance(handle, io.BufferedReader) else b""
    except OSError as exc:
        handle.close()
        raise SourceError(Msg("{name}: read failed: {reason}", name=name, reason=exc.strerror or str(exc))) from None
    source_path, size = (path, info.st_size) if regular else (None, None)
    if magic == b"\x1f\x8b":
        unpacked = gzip.GzipFile(fileobj=handle)
        unpacked.myfileobj = handle  # type: ignore[assignment]  # closed with it, as when GzipFile opens the file
        return Source(name, source_path, size, True), cast(BinaryIO, unpacked)
    return Source(name, source_path, size, False), handle


PIPE_BYTES = 1024 * 1024


def widen_pipe(stream: BinaryIO) -> None:
    """A pipe's buffer raised to 1 MiB where the system allows it (Linux): the writer and this reader then take turns
    a sixteenth as often, which halves the time spent reading a pipe."""
    try:
        import fcntl

        fd = stream.fileno()
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError, ValueError):
        pass  # not a pipe, not Linux, or over the system's limit: read it as it is


def chunks(
    stream: BinaryIO, name: str, size: int | None = None, cuts: LineCuts | None = None, *, recycle: bool = False
) -> Iterator[bytearray]:
    """Chunks that end on a line break (except the last, and a cut line's head), so no line is ever cut in two unless
    it is longer than MAX_LINE. Read straight into each chunk's buffer, one underlying read at a time, so a stream
    that breaks (a cut-short gzip) still gives up everything decoded before the break. With `recycle`, every chunk
    is the same buffer, refilled: for a caller that is done with a chunk when it asks for the next."""
    read_into = getattr(stream, "readinto1", None) or cast(Any, stream).readinto
    return _line_chunks(read_into, name, None, size or CHUNK, LineCuts() if cuts is None else cuts, recycle)


def read_range(
    path: Path, start: int, end: int, size: int | None = None, cuts: LineCuts | None = None, *, recycle: bool = False
) -> Iterator[bytearray]:
    """Whole-line chunks of bytes [start, end) of a plain file. Each chunk is read straight into its buffer and
    trimmed in place, so the data is copied once (by the kernel), not again to cut it at a line break. `recycle` as
    for `chunks`."""
    with path.open("rb", buffering=0) as handle:
        handle.seek(start)
        yield from _line_chunks(handle.readinto, str(path), end - start, size or CHUNK, cuts or LineCuts(), recycle)


def _buffer(spare: bytearray | None, carry: bytes, length: int) -> bytearray:
    """`length` bytes starting with `carry`, in `spare` when there is one: a fresh buffer of megabytes costs a page
    fault per page and a pass to zero it, which is as much as reading the data into it."""
    if spare is None:
        buffer = bytearray(length)
    else:
        buffer = spare
        if len(buffer) < length:
            buffer += bytes(length - len(buffer))  # within the room it already has: no new pages
        else:
            del buffer[length:]
    buffer[: len(carry)] = carry
    return buffer


def _line_chunks(
    read_into: Callable[[memoryview], int | None],
    name: str,
    left: int | None,
    size: int,
    cuts: LineCuts,
    recycle: bool = False,
) -> Iterator[bytearray]:
    """The one chunking loop, for files (`left` bytes of a range) and streams (`left` None: to the end)."""
    carry = b""
    skipping = 0  # inside a cut line: its length so far; 0 otherwise
    failure: str | None = None
    spare: bytearray | None = None
    while failure is None:
        want = size if left is None else min(size, left)
        buffer = _buffer(spare, carry, len(carry) + want)
        spare = buffer if recycle else None
        got, failure = _fill(read_into, buffer, len(carry), name)
        ended = failure is not None or len(carry) + got < len(buffer)  # a short read: the input ended (or shrank)
        if left is not None:
            left -= got
            ended = ended or left <= 0
        del buffer[len(carry) + got :]
        carry = b""
        if skipping:
            newline = buffer.find(b"\n")
            skipping += len(buffer) if newline == -1 else newline + 1
            if newline == -1 and not ended:
                continue
            cuts.add(skipping, skipping - MAX_LINE)
            skipping = 0
            del buffer[: newline + 1 if newline != -1 else len(buffer)]
        if ended:
            if buffer:
                yield buffer
            break
        cut = _cut(buffer)
        if cut == 0 and len(buffer) >= MAX_LINE:
            skipping = len(buffer)
            del buffer[MAX_LINE:]
            yield buffer  # the head of a line with no end in sight; the rest is read past
        elif cut == 0:
            carry = bytes(buffer)  # a line longer than a chunk: read on
        else:
            carry = bytes(buffer[cut:])
            del buffer[cut:]
            yield buffer
    if failure is not None:
        raise SourceError(failure)


class SlotReader:
    """The chunks of `chunks` (a stream, to its end), each read straight into a slot of a shared buffer the caller
    names, so no chunk is copied to hand it to another process. A chunk's leftover partial line is carried to the
    start of the next slot; a line with no break within MAX_LINE is cut as `chunks` cuts it. A chunk that outgrows
    its slot (a long line, a long record carried over) is finished in a buffer of its own and returned as bytes."""

    def __init__(self, stream: BinaryIO, name: str, cuts: LineCuts, size: int | None = None) -> None:
        self._read_into = getattr(stream, "readinto1", None) or cast(Any, stream).readinto
        self._name = name
        self._cuts = cuts
        self._size = size or CHUNK
        self._carry = b""
        self._skipping = 0  # inside a cut line: its length so far; 0 otherwise
        self._ended = False
        self._failure: str | None = None

    @property
    def ended(self) -> bool:
        """The input has ended (or failed): nothing more will be read from it."""
        return self._ended

    def fill(self, shared: Any, base: int, room: int) -> int | bytes:
        """Reads the next chunk into `shared[base : base + room]` (a buffer with `find` and `rfind`, as an mmap has)
        and returns its length, 0 at the end; or returns the chunk itself when it does not fit there. A failed read
        raises SourceError once the bytes read before it have been returned."""
        buffer, at, held, size = shared, base, len(self._carry), self._size
        if held + size > room:
            buffer, at = bytearray(self._carry), 0
        else:
            shared[base : base + held] = self._carry
        self._carry = b""
        while not self._ended:
            if buffer is shared and held + size > room:
                buffer, at = bytearray(shared[base : base + held]), 0
            if buffer is not shared:
                del buffer[held:]
                buffer += bytes(size)
            with memoryview(buffer) as whole, whole[at : at + held + size] as view:
                got, self._failure = _fill(self._read_into, view, held, self._name)
            self._ended = self._failure is not None or got < size
            length = held + got
            held = 0
            if self._skipping:
                newline = buffer.find(b"\n", at, at + length)
                self._skipping += length if newline == -1 else newline - at + 1
                if newline == -1 and not self._ended:
                    continue
                self._cuts.add(self._skipping, self._skipping - MAX_LINE)
                self._skipping = 0
                drop = newline - at + 1 if newline != -1 else length
                buffer[at : at + length - drop] = buffer[at + drop : at + length]
                length -= drop
            if self._ended:
                if length:
                    return length if buffer is shared else bytes(buffer[:length])
                break
            cut = _cut(buffer, at, at + length) - at
            if cut == 0 and length >= MAX_LINE:
                self._skipping = length
                length = MAX_LINE  # the head of a line with no end in sight; the rest is read past
            elif cut == 0:
                held = length  # a line longer than a chunk: read on into the same buffer
                continue
            else:
                self._carry = bytes(buffer[at + cut : at + length])
                length = cut
            return length if buffer is shared else bytes(buffer[:length])
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise SourceError(failure)
        return 0


def _fill(
    read_into: Callable[[memoryview], int | None], buffer: bytearray | memoryview, offset: int, name: str
) -> tuple[int, str | None]:
    """Bytes read into `buffer` from `offset` until it is full or the input ends, and why reading failed, if it did
    (what was read before the failure is kept)."""
    got = offset
    with memoryview(buffer) as view:
        try:
            while got < len(buffer):
                n = read_into(view[got:])
                if not n:
                    break
                got += n
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            reason = str(exc) or type(exc).__name__
            return got - offset, Msg(
                "{name}: the gzip data is damaged or cut short ({reason})", name=name, reason=reason
            )
        except OSError as exc:
            return got - offset, Msg("{name}: read failed: {reason}", name=name, reason=exc.strerror or str(exc))
    return got - offset, None


def _cut(block: Any, start: int = 0, end: int | None = None) -> int:
    """Where the next chunk should start: at the last log entry line near the end, so that a record (a traceback, a
    pretty-printed envelope) is not split between two chunks; else just after the last line break; `start` if none.
    The chunk is `block[start:end]`."""
    end = len(block) if end is None else end
    last: int = block.rfind(b"\n", start, end) + 1
    if last == 0:
        return start
    position: int = last
    for _ in range(ENTRY_LOOKBACK):
        if position <= start:
            break
        if _LOG_ENTRY.match(block, position, end):
            return position
        position = block.rfind(b"\n", start, position - 1) + 1
        if position == 0:
            position = start
    return last


def looks_binary(head: bytes | bytearray) -> bool:
    """NUL bytes or mostly non-text bytes in the first kilobytes: not a log."""
    if not head:
        return False
    if b"\x00" in head[:4096]:
        return True
    sample = head[:4096]
    text = sum(1 for b in sample if b in b"\t\n\r" or 32 <= b < 127 or b >= 128)
    return text / len(sample) < 0.85


def ranges(path: Path, parts: int) -> list[tuple[int, int]]:
    """Byte ranges of a plain file for scanning in parallel, each starting at a log entry line near the even split
    (else at a line that is not inside indented JSON or a traceback), so that no record is cut in two."""
    size = path.stat().st_size
    bounds = [0]
    with path.open("rb") as handle:
        for i in range(1, parts):
            handle.seek(size * i // parts)
            _readline(handle)
            position = _next_boundary(handle)
            if position is not None and bounds[-1] < position < size:
                bounds.append(position)
    bounds.append(size)
    return list(itertools.pairwise(bounds))


def _readline(handle: BinaryIO, keep: int = 4096) -> bytes:
    """The next line's first `keep` bytes; the rest of a longer line is read past in blocks, never held whole."""
    line = handle.readline(keep)
    if line.endswith(b"\n") or len(line) < keep:
        return line
    while block := handle.read(64 * 1024):
        newline = block.find(b"\n")
        if newline != -1:
            handle.seek(newline + 1 - len(block), os.SEEK_CUR)
            break
    return line


def _next_boundary(handle: BinaryIO) -> int | None:
    fallback = None
    for _ in range(ENTRY_LOOKBACK):
        position = handle.tell()
        line = _readline(handle)
        if not line:
            break
        if _LOG_ENTRY.match(line):
            return position
        if fallback is None and not line[:1].isspace() and not line.startswith((b"}", b"]")):
            fallback = position
    return fallback
