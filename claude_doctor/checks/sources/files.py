"""Reading the user's configuration files defensively: every way a file can be wrong becomes a `FileProblem`.

Nothing here raises for bad input: a missing file is simply absent, and a broken one (directory, symlink loop,
unreadable, over 2 MiB, binary, empty, malformed JSON) is described in words the report can show as is.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_doctor.checks.inventory import FileProblem

MAX_CONFIG_BYTES = 2 * 1024 * 1024  # Claude Code rejects settings files over 2 MiB; nothing legitimate is bigger.


@dataclass(frozen=True)
class TextFile:
    path: Path
    text: str
    had_bom: bool = False
    had_crlf: bool = False


def _problem(path: Path, message: str, fix: str = "", severity: str = "fail") -> FileProblem:
    return FileProblem(path=path, severity=severity, message=message, fix=fix)


def read_text_file(path: Path) -> TextFile | FileProblem | None:
    """The file's text; None when it does not exist; a FileProblem when it exists but cannot be used."""
    try:
        if not os.path.lexists(path):
            return None
        if path.is_symlink():
            try:
                path.resolve(strict=True)
            except RuntimeError:
                return _problem(path, "is a symlink loop", f"remove or fix the link: rm {path}")
            except OSError:
                return _problem(path, "is a symlink to a file that does not exist", f"remove the link: rm {path}")
        if path.is_dir():
            return _problem(path, "is a directory where a file should be", f"move it away: mv {path} {path}.bak")
        if not path.is_file():
            return _problem(path, "is not a regular file")
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            return _problem(
                path,
                f"is {size / 1024 / 1024:.1f} MiB, over the 2 MiB limit for a configuration file",
                "a settings file this large is almost certainly a mistake; check what was written into it",
            )
        data = path.read_bytes()
    except PermissionError:
        return _problem(path, "cannot be read (permission denied)", f"check its owner and mode: ls -l {path}")
    except RuntimeError:  # symlink loop found by is_dir()/is_file() on some Python versions
        return _problem(path, "is a symlink loop", f"remove or fix the link: rm {path}")
    except OSError as exc:
        return _problem(path, f"cannot be read: {exc.strerror or exc}")
    if b"\x00" in data:
        return _problem(path, "is a binary file, not text", "replace it with the text file it should be")
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _problem(path, f"is not valid UTF-8 (byte {exc.start})", "save it as UTF-8")
    had_crlf = "\r\n" in text
    return TextFile(path=path, text=text.replace("\r\n", "\n"), had_bom=had_bom, had_crlf=had_crlf)


def read_json_object(path: Path) -> tuple[dict[str, Any] | None, FileProblem | None]:
    """A JSON object from the file, or why not. (None, None) when the file does not exist."""
    loaded = read_text_file(path)
    if loaded is None:
        return None, None
    if isinstance(loaded, FileProblem):
        return None, loaded
    if not loaded.text.strip():
        return None, _problem(path, "is empty", "delete it or write a JSON object ({}) into it", severity="warn")
    try:
        value = json.loads(loaded.text)
    except json.JSONDecodeError as exc:
        return None, _problem(
            path,
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            f"fix the JSON at {path}:{exc.lineno}:{exc.colno} (a trailing comma or a missing quote is typical)",
        )
    if not isinstance(value, dict):
        return None, _problem(path, f"holds a JSON {type(value).__name__}, not an object", "it must be { ... }")
    return value, None


def mode_too_open(path: Path) -> int | None:
    """The file's permission bits when group or others may read it (POSIX), else None."""
    if os.name != "posix":
        return None
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        return None
    return mode if mode & 0o077 else None


def is_readable_file(path: Path) -> bool:
    """A regular file this process may read, `~` expanded as a client would (a token file it would open)."""
    path = path.expanduser()
    return os.access(path, os.R_OK) and path.is_file()
