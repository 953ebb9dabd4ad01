"""`claude-doctor explain ARG`: find the input, decode it, render it. Exit 0 recognised, 1 not, 2 usage."""

from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

from claude_doctor.catalog import lookup_term, status_overview
from claude_doctor.decode import explain_text
from claude_doctor.keys import redact_text
from claude_doctor.model import Diagnosis
from claude_doctor.render.console import make_console
from claude_doctor.render.explain import json_document, render_diagnosis, render_overview

MAX_INPUT_BYTES = 5 * 1024 * 1024
_TERM = re.compile(r"^[A-Za-z0-9_\-]{2,80}$")


class UsageError(Exception):
    """Bad input from the user: said plainly, exit 2."""


def _read_bytes(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192] and not data.lstrip().startswith((b"{", b"[")):
        raise UsageError(f"{where} looks like a binary file, not text: nothing to explain.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def _read_file(path: Path) -> str:
    try:
        if path.is_dir():
            raise UsageError(f"{path} is a directory; give a file, or - to read standard input.")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except UsageError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_INPUT_BYTES:
        data = data[:MAX_INPUT_BYTES]
    return _read_bytes(data, str(path))


def _read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_INPUT_BYTES) if stream is not None else sys.stdin.read(MAX_INPUT_BYTES).encode()
    return _read_bytes(data, "standard input")


def resolve(arg: str) -> Diagnosis:
    """Term, file, stdin or the text itself, in that order."""
    if arg == "-":
        text = _read_stdin()
        if not text.strip():
            raise UsageError("standard input was empty: paste the error, then press Ctrl-D.")
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
            raise UsageError(f"{path} is empty: nothing to explain.")
        return explain_text(text)
    if " " not in stripped and ("/" in stripped or "\\" in stripped or re.search(r"\.[A-Za-z0-9]{1,5}$", stripped)):
        raise UsageError(f"no such file: {stripped}. Give a file, a status (529), an error type, or - for stdin.")
    return explain_text(arg)


def _redacted(d: Diagnosis) -> Diagnosis:
    return dataclasses.replace(d, message=None if d.message is None else redact_text(d.message))


def run_explain_command(arg: str | None, *, json_out: bool, list_all: bool) -> int:
    console = make_console()
    if list_all:
        rows = status_overview()
        if json_out:
            print(json.dumps([d.to_json() for d in rows], ensure_ascii=False))
        else:
            render_overview(rows, console)
        return 0
    if arg is None:
        print(
            "Usage: claude-doctor explain ARG — a status (529), an error type (overloaded_error), an error code, "
            "a file, or - to read the error from standard input.",
            file=sys.stderr,
        )
        return 2
    try:
        diagnosis = _redacted(resolve(arg))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if json_out:
        print(json_document(diagnosis))
    else:
        render_diagnosis(diagnosis, console)
    return 0 if diagnosis.category != "unknown" else 1
