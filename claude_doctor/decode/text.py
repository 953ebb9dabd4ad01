"""Normalising pasted text: terminal escapes, length caps, and undoing one or two levels of string escaping."""

from __future__ import annotations

import re

# Work on at most this much text: errors are found near the start and the end of a paste, and a bound keeps every
# input, however large, well under a second.
MAX_CHARS = 160_000
_EDGE = MAX_CHARS // 2

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def normalise(text: str) -> str:
    """Clean text (see `strip_control`), keeping only the head and tail of very long input: one error's decode stays
    bounded, and the cause and the final line live at the two ends."""
    if len(text) > MAX_CHARS:
        text = text[:_EDGE] + "\n" + text[-_EDGE:]
    return strip_control(text)


def strip_control(text: str) -> str:
    """Strip ANSI escapes and NULs and unify line ends."""
    text = _ANSI.sub("", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def unescaped(text: str) -> str:
    """The text with JSON string escaping undone (up to three levels), for double-encoded envelopes."""
    out = text
    for _ in range(3):
        if '\\"' not in out and "\\'" not in out:
            break
        out = out.replace("\\\\", "\x00").replace('\\"', '"').replace("\\'", "'").replace("\x00", "\\")
    return out


def clean_message(message: str) -> str:
    """A JSON string value as a human reads it: escapes decoded, hard wraps joined."""
    msg = message
    if "\\" in msg:
        msg = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), msg)
        msg = msg.replace("\\n", " ").replace("\\t", " ").replace('\\"', '"').replace("\\'", "'").replace("\\\\", "\\")
    # A terminal or log viewer that hard-wrapped a long line: drop the break and any indentation or gutter after it.
    msg = re.sub(r"\n[ \t]*(?:[│⎿|>]+[ \t]*)?", "", msg)
    return msg.strip()


# A hard wrap inside a token: a line break, the next line's indentation and any terminal gutter (⎿ │ >). The match
# may only start where a run of blanks starts (the lookbehind): otherwise each blank of a long run without a line break
# would start a scan to its end, quadratic on a paste of spaces.
_WRAP = re.compile(r"(?<![ \t])[ \t]*+\n[ \t]*+(?:[│⎿|>][ \t]*+)?")


def unwrapped(text: str) -> str:
    """The text with every hard wrap removed outright, for patterns that a narrow terminal split mid-token
    (`"type":"api_\\n    error"`). Only for finding tokens: it also glues the words either side of a real break."""
    return _WRAP.sub("", text) if "\n" in text else text


def unescape_once(text: str) -> str:
    """One level of JSON string escaping undone (`\\"` → `"`), for envelopes nested as strings inside others."""
    if '\\"' not in text and "\\'" not in text:
        return text
    return text.replace("\\\\", "\x00").replace('\\"', '"').replace("\\'", "'").replace("\x00", "\\")
