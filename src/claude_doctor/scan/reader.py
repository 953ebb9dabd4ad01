"""Log sources as byte chunks of whole lines: files, gzip files (by their magic bytes), standard input. Constant memory:
one chunk at a time, whatever the size."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 8 * 1024 * 1024


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
        return Source(name, path, size, True), gzip.GzipFile(fileobj=handle)  # type: ignore[return-value]
    return Source(name, path, size, False), handle


def chunks(stream: BinaryIO, name: str, size: int = CHUNK) -> Iterator[bytes]:
    """Chunks that end on a line break (except the last), so no line is ever cut in two."""
    carry = b""
    while True:
        try:
            block = stream.read(size)
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
        block = carry + block
        cut = block.rfind(b"\n")
        if cut == -1:
            carry = block
            continue
        carry = block[cut + 1 :]
        yield block[: cut + 1]


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
    """Byte ranges of a plain file split at line starts that begin a new entry (not inside indented JSON or a
    traceback), for scanning in parallel."""
    size = path.stat().st_size
    bounds = [0]
    with path.open("rb") as handle:
        for i in range(1, parts):
            handle.seek(size * i // parts)
            handle.readline()
            while True:
                position = handle.tell()
                line = handle.readline()
                if not line or (not line[:1].isspace() and not line.startswith((b"}", b"]"))):
                    break
            if position > bounds[-1]:
                bounds.append(position)
    bounds.append(size)
    return list(itertools.pairwise(bounds))


def read_range(path: Path, start: int, end: int, size: int = CHUNK) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(start)
        limited = io.BufferedReader(_Limited(handle, end - start), buffer_size=size)  # type: ignore[arg-type]
        yield from chunks(limited, str(path), size)


class _Limited(io.RawIOBase):
    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle = handle
        self.left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.left <= 0:
            return 0
        data = self.handle.read(min(len(buffer), self.left))
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)
