"""`claude-doctor explain ARG`: find the input (a term, a file, standard input or the text itself) and decode it.
Exit 0 recognised, 1 not, 2 usage."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import BinaryIO

from claude_doctor.catalog import lookup_term, status_overview
from claude_doctor.decode import explain_text
from claude_doctor.model import CommandResult, Diagnosis, ErrorResult, ExplainResult, OverviewResult

MAX_INPUT_BYTES = 5 * 1024 * 1024
_TERM = re.compile(r"^[A-Za-z0-9_\-]{2,80}$")
USAGE = (
    "Usage: claude-doctor explain ARG — a status (529), an error type (overloaded_error), an error code, "
    "a file, or - to read the error from standard input."
)


class _Unusable(Exception):
    """Bad input from the user: said plainly, exit 2."""


def _decode_bytes(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192] and not data.lstrip().startswith((b"{", b"[")):
        raise _Unusable(f"{where} looks like a binary file, not text: nothing to explain.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def _read_file(path: Path) -> str:
    try:
        if path.is_dir():
            raise _Unusable(f"{path} is a directory; give a file, or - to read standard input.")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except _Unusable:
        raise
    except OSError as exc:
        raise _Unusable(f"cannot read {path}: {exc.strerror or exc}") from None
    return _decode_bytes(data[:MAX_INPUT_BYTES], str(path))


def _read_stdin(stdin: BinaryIO | None) -> str:
    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_INPUT_BYTES) if stream is not None else sys.stdin.read(MAX_INPUT_BYTES).encode()
    return _decode_bytes(data, "standard input")


def resolve(arg: str, stdin: BinaryIO | None = None) -> Diagnosis:
    """Term, file, stdin or the text itself, in that order."""
    if arg == "-":
        text = _read_stdin(stdin)
        if not text.strip():
            raise _Unusable("standard input was empty: paste the error, then press Ctrl-D.")
        return explain_text(text)
    stripped = arg.strip()
    if _TERM.match(stripped):
        found = lookup_term(stripped)
        if found is not None:
            return found
    path = Path(arg)
    try:
        is_file = path.exists()
    except (OSError, ValueError):
        is_file = False
    if is_file:
        text = _read_file(path)
        if not text.strip():
            raise _Unusable(f"{path} is empty: nothing to explain.")
        return explain_text(text)
    if " " not in stripped and ("/" in stripped or "\\" in stripped or re.search(r"\.[A-Za-z0-9]{1,5}$", stripped)):
        raise _Unusable(f"no such file: {stripped}. Give a file, a status (529), an error type, or - for stdin.")
    return explain_text(arg)


def run(arg: str | None, *, list_all: bool = False, stdin: BinaryIO | None = None) -> CommandResult:
    if list_all:
        return OverviewResult(rows=tuple(status_overview()))
    if arg is None:
        return ErrorResult(message=USAGE, lead="")
    try:
        diagnosis = resolve(arg, stdin)
    except _Unusable as exc:
        return ErrorResult(message=str(exc))
    return ExplainResult(diagnosis=diagnosis, exit_code=0 if diagnosis.category != "unknown" else 1)
