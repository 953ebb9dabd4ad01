"""Streams every renderer writes to through `emit`: text the stream's encoding cannot hold is replaced, never raised
(`PYTHONIOENCODING=ascii`, a lone surrogate from the environment), and, for terminal renderings, a physical line that
a CI runner would read as a command is defused even when wrapping or folding made it start with outside text.

The last line of defence: `render.console` has already put ASCII stand-ins in for the tool's own characters and
replaced what the terminal cannot show; what still cannot be encoded here is written as a backslash escape."""

from __future__ import annotations

import codecs
from typing import IO, Any

from claude_doctor.render.neutral import defuse_line


def encoding_of(stream: Any) -> str | None:
    """The stream's encoding, or None when it takes any `str` (a StringIO)."""
    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "ascii"


class SafeStream:
    """Wraps a text stream. Writes never raise UnicodeEncodeError: what the encoding cannot hold is written as a
    backslash escape (`\\u4e2d`). With `defuse_lines`, whole lines are held until their end and a line a CI runner would
    act on gets a backslash before its `::` or inside its `##[`. Everything else (isatty, fileno, encoding, errors)
    is the wrapped stream's, so Rich sizes and colours as it would on the stream itself."""

    def __init__(self, stream: IO[str], *, defuse_lines: bool = False) -> None:
        self._stream = stream
        self._defuse = defuse_lines
        self._partial = ""

    @property
    def wrapped(self) -> IO[str]:
        return self._stream

    def write(self, text: str) -> int:
        if self._defuse:
            text = self._partial + text
            cut = text.rfind("\n") + 1
            self._partial = text[cut:]
            self._write(_defused(text[:cut]))
        else:
            self._write(text)
        return len(text)

    def flush(self) -> None:
        if self._partial:
            partial, self._partial = self._partial, ""
            self._write(_defused(partial))
        self._stream.flush()

    def _write(self, text: str) -> None:
        if not text:
            return
        try:
            self._stream.write(text)
        except UnicodeEncodeError:
            encoding = encoding_of(self._stream) or "utf-8"
            self._stream.write(text.encode(encoding, "backslashreplace").decode(encoding, "replace"))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _defused(text: str) -> str:
    if "::" not in text and "##" not in text:
        return text
    return "\n".join(defuse_line(line) for line in text.split("\n"))
