"""Log sources as byte chunks of whole lines: files, gzip files (by their magic bytes), standard input. Constant memory:
one chunk at a time, whatever the size."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from claude_doctor.decode.records import LOG_ENTRY

CHUNK = 8 * 1024 * 1024
ENTRY_LOOKBACK = 1000  # lines searched for a log entry to cut a chunk or a range before
_LOG_ENTRY = re.compile(LOG_ENTRY.encode())


class SourceError(Exception):
    """A log that cannot be read: said plainly, the other logs still scanned."""


@dataclass(frozen=True)
class Source:
    name: str
    path: Path | None  # None for standard input
    size: int | None
    compressed: bool


def open_source(name: str) -> tuple[Source, BinaryIO]:
    if name == "-":
        return Source("<stdin>", None, None, False), sys.stdin.buffer
    path = Path(name)
    try:
        if path.is_dir():
            raise SourceError(f"{name} is a directory; give log files")
        handle = path.open("rb")
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: {exc.strerror or exc}") from None
    magic = handle.read(2)
    handle.seek(0)
    size = os.fstat(handle.fileno()).st_size
    if magic == b"\x1f\x8b":
        unpacked = gzip.GzipFile(fileobj=handle)
        unpacked.myfileobj = handle  # type: ignore[assignment]  # closed with it, as when GzipFile opens the file
        return Source(name, path, size, True), cast(BinaryIO, unpacked)
    return Source(name, path, size, False), handle


def chunks(stream: BinaryIO, name: str, size: int | None = None) -> Iterator[bytes]:
    """Chunks that end on a line break (except the last), so no line is ever cut in two."""
    return _whole_lines(_Gathered(stream, size or CHUNK), name)


_READ_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, OSError)


class _Gathered:
    """Reads of `size` bytes built from `read1` pieces. When the stream breaks (a cut-short gzip), the pieces
    decoded before the break are returned first and the error comes on the next call, so nothing readable is lost."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self.read1 = getattr(stream, "read1", stream.read)
        self.size = size
        self.error: BaseException | None = None

    def __call__(self) -> bytes:
        if self.error is not None:
            raise self.error
        pieces: list[bytes] = []
        got = 0
        try:
            while got < self.size:
                piece = self.read1(self.size - got)
                if not piece:
                    break
                pieces.append(piece)
                got += len(piece)
        except _READ_ERRORS as exc:
            if not pieces:
                raise
            self.error = exc
        return b"".join(pieces)


def _whole_lines(read: Callable[[], bytes], name: str) -> Iterator[bytes]:
    carry = b""
    while True:
        try:
            block = read()
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            if carry:
                yield carry
            raise SourceError(f"{name}: the gzip data is damaged or cut short ({exc or type(exc).__name__})") from None
        except OSError as exc:
            raise SourceError(f"{name}: read failed: {exc.strerror or exc}") from None
        if not block:
            if carry:
                yield carry
            return
        if carry:
            block = carry + block
        cut = _cut(block)
        if cut == 0:
            carry = block
        elif cut == len(block):
            carry = b""
            yield block
        else:
            carry = block[cut:]
            yield block[:cut]


def _cut(block: bytes | bytearray) -> int:
    """Where the next chunk should start: at the last log entry line near the end, so that a record (a traceback, a
    pretty-printed envelope) is not split between two chunks; else just after the last line break; 0 if none."""
    last = block.rfind(b"\n") + 1
    position = last
    for _ in range(ENTRY_LOOKBACK):
        if position <= 0:
            break
        if _LOG_ENTRY.match(block, position):
            return position
        position = block.rfind(b"\n", 0, position - 1) + 1
    return last


def looks_binary(head: bytes) -> bool:
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
            handle.readline()
            position = _next_boundary(handle)
            if position is not None and bounds[-1] < position < size:
                bounds.append(position)
    bounds.append(size)
    return list(itertools.pairwise(bounds))


def _next_boundary(handle: BinaryIO) -> int | None:
    fallback = None
    for _ in range(ENTRY_LOOKBACK):
        position = handle.tell()
        line = handle.readline()
        if not line:
            break
        if _LOG_ENTRY.match(line):
            return position
        if fallback is None and not line[:1].isspace() and not line.startswith((b"}", b"]")):
            fallback = position
    return fallback


def read_range(path: Path, start: int, end: int, size: int | None = None) -> Iterator[bytearray]:
    """Whole-line chunks of bytes [start, end) of a plain file. Each chunk is read straight into its own buffer and
    trimmed in place, so the data is copied once (by the kernel), not again to cut it at a line break."""
    size = size or CHUNK
    left = end - start
    carry = b""
    with path.open("rb", buffering=0) as handle:
        handle.seek(start)
        while True:
            buffer = bytearray(len(carry) + min(size, left))
            buffer[: len(carry)] = carry
            got = _read_into(handle, buffer, len(carry), str(path))
            left = left - got if len(carry) + got == len(buffer) else 0  # a short read: the file ended (it shrank)
            if left <= 0:
                del buffer[len(carry) + got :]
                if buffer:
                    yield buffer
                return
            cut = _cut(buffer)
            if cut == 0:
                carry = bytes(buffer)  # a line longer than a chunk: read on
                continue
            carry = bytes(buffer[cut:])
            del buffer[cut:]
            yield buffer


def _read_into(handle: io.RawIOBase, buffer: bytearray, offset: int, name: str) -> int:
    view = memoryview(buffer)
    got = offset
    try:
        while got < len(buffer):
            n = handle.readinto(view[got:])
            if not n:
                break
            got += n
    except OSError as exc:
        raise SourceError(f"{name}: read failed: {exc.strerror or exc}") from None
    finally:
        view.release()
    return got - offset
