"""Reading the user's configuration files defensively: every way a file can be wrong becomes a `FileProblem`.

Nothing here raises for bad input: a missing file is simply absent, and a broken one (directory, symlink loop,
unreadable, over 2 MiB, binary, empty, malformed JSON) is described in words the report can show as is, and an odd
value inside a JSON file that parses (NaN, 1e999, thousands of digits, a lone surrogate, nesting too deep) is one
finding against its file and key, while the rest of the file is still used.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claude_doctor.checks.inventory import FileProblem
from claude_doctor.i18n import N_, Msg, plural

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
                return _problem(path, N_("is a symlink loop"), Msg("remove or fix the link: rm {path}", path=path))
            except OSError:
                return _problem(
                    path, N_("is a symlink to a file that does not exist"), Msg("remove the link: rm {path}", path=path)
                )
        if path.is_dir():
            return _problem(
                path, N_("is a directory where a file should be"), Msg("move it away: mv {path} {path}.bak", path=path)
            )
        if not path.is_file():
            return _problem(path, N_("is not a regular file"))
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            return _problem(
                path,
                Msg("is {value:.1f} MiB, over the 2 MiB limit for a configuration file", value=size / 1024 / 1024),
                N_("a settings file this large is almost certainly a mistake; check what was written into it"),
            )
        data = path.read_bytes()
    except PermissionError:
        return _problem(
            path, N_("cannot be read (permission denied)"), Msg("check its owner and mode: ls -l {path}", path=path)
        )
    except RuntimeError:  # symlink loop found by is_dir()/is_file() on some Python versions
        return _problem(path, N_("is a symlink loop"), Msg("remove or fix the link: rm {path}", path=path))
    except OSError as exc:
        return _problem(path, Msg("cannot be read: {value}", value=exc.strerror or exc))
    if b"\x00" in data:
        return _problem(path, N_("is a binary file, not text"), N_("replace it with the text file it should be"))
    had_bom = data.startswith(b"\xef\xbb\xbf")
    if had_bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _problem(path, Msg("is not valid UTF-8 (byte {start})", start=exc.start), N_("save it as UTF-8"))
    had_crlf = "\r\n" in text
    return TextFile(path=path, text=text.replace("\r\n", "\n"), had_bom=had_bom, had_crlf=had_crlf)


def read_json_object(path: Path) -> tuple[dict[str, Any] | None, list[FileProblem]]:
    """A JSON object from the file, and what is wrong with it. ({}, []) never: (None, []) when the file does not exist.

    A file that cannot be used at all gives (None, [its problem]). A file that parses but holds odd values (NaN or
    1e999, a number of thousands of digits, a lone surrogate, nesting too deep for any reader) gives the object with
    those values set to None, and one problem per value naming its key: one bad value is one finding.
    """
    loaded = read_text_file(path)
    if loaded is None:
        return None, []
    if isinstance(loaded, FileProblem):
        return None, [loaded]
    if not loaded.text.strip():
        return None, [_problem(path, Msg("is empty"), Msg("delete it or write a JSON object ({}) into it"), "warn")]
    odd = OddValues()
    text = loaded.text
    try:
        value = odd.loads(text)
    except RecursionError:
        spans = deep_members(text)
        if not spans:
            return None, [_problem(path, Msg("nests deeper than any JSON reader follows"), Msg("rewrite it flat"))]
        for key, start, end in reversed(spans):
            odd.found.append((key, Msg("nests deeper than {limit} levels; ignored here", limit=MAX_JSON_DEPTH), "warn"))
            text = text[:start] + "null" + text[end:]
        try:
            value = odd.loads(text)
        except (RecursionError, json.JSONDecodeError):
            return None, [_problem(path, Msg("nests deeper than any JSON reader follows"), Msg("rewrite it flat"))]
    except json.JSONDecodeError as exc:
        return None, [
            _problem(
                path,
                Msg(
                    "is not valid JSON: {why} at line {line}, column {column}",
                    why=exc.msg,
                    line=exc.lineno,
                    column=exc.colno,
                ),
                Msg(
                    "fix the JSON at {place} (a trailing comma or a missing quote is typical)",
                    place=f"{path}:{exc.lineno}:{exc.colno}",
                ),
            )
        ]
    if not isinstance(value, dict):
        kind = {list: "list", str: "string", bool: "boolean"}.get(type(value), "value")
        return None, [_problem(path, Msg("holds a JSON {kind}, not an object", kind=kind), Msg("it must be { ... }"))]
    cleaned, found = odd.clean(value)
    problems = [
        FileProblem(
            path,
            severity,
            Msg("{key}: {what}", key=key, what=what),
            Msg("write a plain number or null for {key}", key=key) if severity == "fail" else "",
            key=key,
        )
        for key, what, severity in found[:MAX_ODD_VALUES]
    ]
    if len(found) > MAX_ODD_VALUES:
        problems.append(
            FileProblem(
                path,
                "warn",
                plural("and {n} more odd value", "and {n} more odd values", n=len(found) - MAX_ODD_VALUES),
            )
        )
    return cleaned, problems


MAX_JSON_DEPTH = 64  # Claude Code's own files nest a few levels; Python's reader gives up near 1,000
MAX_DIGITS = 30  # no count or timestamp is longer; Python refuses to read more than 4,300 digits at all
MAX_ODD_VALUES = 10


class _Odd:
    """A value read from JSON that no client can use as it stands; `what` says why, for the report."""

    def __init__(self, what: str, severity: str = "warn") -> None:
        self.what = what
        self.severity = severity


class OddValues:
    """`json.loads` with hooks that turn odd numbers into markers instead of errors or infinities, and the walk that
    replaces the markers (and strings with lone surrogates) and names the key of each."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str, str]] = []  # (key path, what, severity)

    def loads(self, text: str) -> Any:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)

    def clean(self, value: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
        """The object with every odd value set to None, and (key path, what) for each, in document order."""
        found = list(self.found)
        root: dict[str, Any] = {}
        stack: list[tuple[Any, Any, str]] = [(value, root, "")]
        while stack:
            source, target, where = stack.pop()
            items = source.items() if isinstance(source, dict) else enumerate(source)
            for key, item in items:
                name = safe_text(key) if isinstance(key, str) else key
                path = _key_path(where, name)
                if isinstance(key, str) and name != key:
                    found.append((path, Msg("the key holds a lone surrogate (not Unicode); read with U+FFFD"), "warn"))
                if isinstance(item, _Odd):
                    found.append((path, item.what, item.severity))
                    item = None
                elif isinstance(item, str) and safe_text(item) != item:
                    found.append((path, Msg("the text holds a lone surrogate (not Unicode); read with U+FFFD"), "warn"))
                    item = safe_text(item)
                elif isinstance(item, dict | list):
                    child: Any = {} if isinstance(item, dict) else [None] * len(item)
                    stack.append((item, child, path))
                    item = child
                if isinstance(target, dict):
                    target[name] = item
                else:
                    target[key] = item
        return root, found


def _parse_int(text: str) -> int | _Odd:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= MAX_DIGITS else _Odd(Msg("a number with {n} digits; ignored here", n=digits))


def _parse_float(text: str) -> float | _Odd:
    value = float(text)
    if math.isfinite(value):
        return value
    return _Odd(Msg("{number} is too large for a number (JavaScript reads Infinity); ignored here", number=text[:40]))


def _parse_constant(text: str) -> _Odd:
    # Python reads NaN and Infinity; JSON.parse, which Claude Code uses, rejects the whole file.
    return _Odd(Msg("{constant} is not valid JSON: Claude Code cannot read this file", constant=text), "fail")


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """Lone surrogates (from `\\ud800` in JSON, or bytes that are not UTF-8) replaced, so no writer can fail on them."""
    return _SURROGATE.sub("\ufffd", text)


def _key_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    plain = key.isidentifier()
    return (f"{parent}.{key}" if parent else key) if plain else f"{parent}[{json.dumps(key, ensure_ascii=False)}]"


def deep_members(text: str) -> list[tuple[str, int, int]]:
    """The values that nest deeper than MAX_JSON_DEPTH, each cut at the innermost object member that holds it:
    (key path, start, end) spans of those values in `text`, in order. One linear pass that follows strings and
    brackets; [] when no object member holds the nesting (the root itself is a deep array)."""
    spans: list[tuple[str, int, int]] = []
    stack: list[list[Any]] = []  # [kind, member key, value start, array index] per open container
    in_string = escaped = False
    string_start = 0
    last_string = '""'
    cutting: tuple[int, str, int] | None = None  # (depth of the object whose member is cut, its key path, start)
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                last_string = text[string_start : i + 1]
            continue
        if ch == '"':
            in_string, string_start = True, i
        elif ch in "[{":
            if cutting is None and len(stack) >= MAX_JSON_DEPTH:
                holder = next(
                    (d for d in range(len(stack) - 1, -1, -1) if stack[d][0] == "{" and stack[d][2] >= 0), None
                )
                if holder is None:
                    return []
                cutting = (holder, _frames_path(stack[: holder + 1]), stack[holder][2])
            stack.append([ch, None, -1, 0])
        elif ch in "]}":
            if not stack:
                return spans
            if cutting is not None and len(stack) - 1 == cutting[0]:
                spans.append((cutting[1], cutting[2], i))
                cutting = None
            stack.pop()
        elif ch == "," and stack:
            top = stack[-1]
            if cutting is not None and len(stack) - 1 == cutting[0]:
                spans.append((cutting[1], cutting[2], i))
                cutting = None
            if top[0] == "{":
                top[1], top[2] = None, -1
            else:
                top[3] += 1
        elif ch == ":" and stack and stack[-1][0] == "{":
            try:
                stack[-1][1] = safe_text(str(json.loads(last_string)))
            except ValueError:
                stack[-1][1] = "?"
            stack[-1][2] = i + 1
    return spans


def _frames_path(frames: list[list[Any]]) -> str:
    path = ""
    for kind, key, _start, index in frames:
        path = _key_path(path, key if kind == "{" else index)
    return path


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
