"""Opening what the user names as input, for `explain` and `scan`, without hanging and within a cap.

A regular file opens at once. Anything else (a named pipe, a character device such as /dev/zero, a terminal) is
opened without blocking and given `wait` seconds to offer its first byte: opening a named pipe that no program writes
to would otherwise block forever, before a single byte could be read. Once something arrives, or the writer hangs up,
reading goes on as from any stream. Light on purpose: this is on `explain`'s start-up path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

WAIT_S = 10.0  # for the first byte of a named pipe or device


class InputError(Exception):
    """An input that cannot be read: the message says why, in the user's terms."""


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def open_input(path: Path, wait: float | None = None) -> BinaryIO:
    """`path` opened for reading in binary, buffered. Raises InputError for a directory, or when a pipe or device
    offers nothing within `wait` seconds (default WAIT_S); OSError for the rest (missing, permission)."""
    mode = path.stat().st_mode
    if stat.S_ISDIR(mode):
        from claude_doctor.i18n import Msg  # on explain's start-up path: loaded only to say something

        raise InputError(Msg("{path} is a directory", path=str(path)))
    if stat.S_ISREG(mode):
        return path.open("rb")
    return _open_waiting(path, WAIT_S if wait is None else wait)


def _open_waiting(path: Path, wait: float) -> BinaryIO:
    try:
        import select

        poll = select.poll
    except (ImportError, AttributeError):  # no poll() (Windows, where there are no named pipes to wait on)
        return path.open("rb")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        poller = poll()
        poller.register(fd, select.POLLIN)
        if not poller.poll(max(0, int(wait * 1000))):
            from claude_doctor.i18n import Msg

            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                raise InputError(
                    Msg(
                        "nothing arrived on {path} in {wait} s: a named pipe that nothing writes to. Start the "
                        "program that writes to it first, or give a regular file.",
                        path=str(path),
                        wait=f"{wait:g}",
                    )
                )
            raise InputError(
                Msg(
                    "nothing arrived on {path} in {wait} s: a device that nothing writes to. Start the program that "
                    "writes to it first, or give a regular file.",
                    path=str(path),
                    wait=f"{wait:g}",
                )
            )
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_capped(stream: BinaryIO, cap: int) -> tuple[bytes, bool]:
    """At most `cap` bytes of `stream`, and whether there was more (then the rest is left unread: an endless stream
    such as /dev/zero ends here too)."""
    data = stream.read(cap + 1)
    return (data[:cap], True) if len(data) > cap else (data, False)


def size_text(size: int) -> str:
    """5 MiB, 1.5 MiB, 300 KiB, 12 bytes."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    from claude_doctor.i18n import Msg

    return Msg("{size} bytes", size=size)
