"""Finding the Claude API error envelope in text, whatever wraps it.

The envelope is `{"type":"error","error":{"type":…,"message":…,"details":{"error_code":…}},"request_id":…}`; it
reaches users as JSON (compact, pretty, nested, double-encoded, hard-wrapped by a terminal), as a Python dict repr, as
a bytes literal, inside an OpenAI-shaped relay envelope, as a bare `overloaded_error: Overloaded` line, or cut short.
Rather than parse each wrapper, this reads the envelope's fields with quote-agnostic patterns on the text and on its
unescaped forms, and then tries a real parse of the enclosing object to confirm the message. How many levels of
string escaping an envelope sat under (`depth`) tells an inner error from the wrapper around it.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from claude_doctor.decode.text import clean_message, unescape_once, unwrapped

_Q = r"""["'“”‘’]"""
# `"type": "overloaded_error"` — any error-ish type, but not the envelope's own `"type": "error"`.
_TYPE = re.compile(_Q + r"type" + _Q + r"\s*+:\s*+" + _Q + r"([a-z][a-z0-9_]{0,60}?_error|request_too_large)" + _Q)
# An OpenAI-shaped envelope whose `code` names an Anthropic error type (Anthropic's OpenAI-compatible endpoint).
_CODE_TYPE = re.compile(_Q + r"code" + _Q + r"\s*+:\s*+" + _Q + r"([a-z_]{5,40})" + _Q)
# `overloaded_error: Overloaded`, as Zed and AnythingLLM print the type and message (unquoted).
_BARE_TYPE = re.compile(r"(?<![\w\"'])([a-z_]{8,40})(?::[ \t]++|[ \t]++)([^\s][^\n]{0,2000})")
# `(type: invalid_request_error)`, `type=rate_limit_error`, `type: "overloaded_error"`: an unquoted key, as Rust and
# Go clients print an error struct (aichat: `messages.1: … (type: invalid_request_error)`).
_LOOSE_TYPE = re.compile(r"(?<![\w\"'.-])type[ \t]*+[:=][ \t]*+[\"']?([a-z_]{8,40})\b")
_CODE = re.compile(_Q + r"error_code" + _Q + r"\s*+:\s*+" + _Q + r"([a-z][a-z0-9_]{1,80})" + _Q)
_MESSAGE_DQ = re.compile(r"""["'“”‘’]message["'“”‘’]\s*+:\s*+"((?:[^"\\]|\\.){0,4000})""")
_MESSAGE_SQ = re.compile(r"""["'“”‘’]message["'“”‘’]\s*+:\s*+['‘]((?:[^'\\’]|\\.){0,4000})""")
_ERROR_KEY = re.compile(_Q + r"error" + _Q + r"\s*+:\s*+\{")
# OpenAI's envelope carries `param`; its `type` (`invalid_request_error` for any 4xx) is not Anthropic's.
_PARAM = re.compile(_Q + r"param" + _Q + r"\s*+:")

KNOWN_TYPES = frozenset(
    {
        "invalid_request_error",
        "authentication_error",
        "billing_error",
        "permission_error",
        "not_found_error",
        "request_too_large",
        "rate_limit_error",
        "api_error",
        "timeout_error",
        "overloaded_error",
        "conflict_error",
        "memory_precondition_failed_error",
        "memory_path_conflict_error",
    }
)
# Relays' own types in an Anthropic- or OpenAI-shaped envelope: their wrapper, never a new Anthropic type.
RELAY_TYPES = frozenset({"new_api_error", "one_hub_error", "upstream_error", "one_api_error", "shell_api_error"})


@dataclass(frozen=True)
class Envelope:
    error_type: str | None
    message: str | None
    error_code: str | None
    request_id: str | None
    position: int  # where in its variant of the text it was found, to order several
    depth: int = 0  # levels of string escaping it sat under: a nested envelope is the inner error
    from_code: bool = False  # read from an OpenAI-shaped `code`, which names the real error there
    openai: bool = False  # an OpenAI-shaped envelope: its `type` does not fix the status the way Anthropic's does

    @property
    def known(self) -> bool:
        return self.error_type in KNOWN_TYPES


def _message_after(text: str, start: int) -> str | None:
    """The first `"message": "…"` value after `start`, within the same error object if possible."""
    window = text[start : start + 6000]
    found = [m for m in (_MESSAGE_DQ.search(window), _MESSAGE_SQ.search(window)) if m]
    if not found:
        # The message may come before the type: look back a little.
        back = text[max(0, start - 3000) : start]
        found = [m for m in (_MESSAGE_DQ.search(back), _MESSAGE_SQ.search(back)) if m]
        if not found:
            return None
        best = max(found, key=lambda m: m.start())
    else:
        best = min(found, key=lambda m: m.start())
    return clean_message(best.group(1)) or None


def _parsed_message(text: str, type_pos: int) -> str | None:
    """Parse the enclosing `{…}` for an exact message, when the object is complete."""
    open_at = text.rfind("{", max(0, type_pos - 2000), type_pos)
    if open_at < 0:
        return None
    close_at = _matching_brace(text, open_at)
    if close_at is None:
        return None
    chunk = text[open_at : close_at + 1]
    for loader in (json.loads, _literal):
        try:
            obj = loader(chunk)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
        if isinstance(obj, dict) and isinstance(obj.get("message"), str):
            return obj["message"].strip() or None
    return None


def _literal(chunk: str) -> object:
    if len(chunk) > 50_000:
        raise ValueError("too large to parse")
    return ast.literal_eval(chunk)


def _matching_brace(text: str, start: int, limit: int = 20_000) -> int | None:
    depth = 0
    quote: str | None = None
    i = start
    end = min(len(text), start + limit)
    while i < end:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def variants(text: str) -> list[tuple[str, int]]:
    """The text at each level of string escaping (up to three), each also with its hard wraps removed."""
    out: list[tuple[str, int]] = []
    current = text
    for depth in range(4):
        out.append((current, depth))
        if "\n" in current:
            joined = unwrapped(current)
            if joined != current:
                out.append((joined, depth))
        nxt = unescape_once(current)
        if nxt == current:
            break
        current = nxt
    return out


def find_envelopes(text: str) -> list[Envelope]:
    """Every error object in the text, in order. Known Anthropic types, plus unknown `*_error` types that sit in an
    `"error": {…}` object (the API may add new types; relays add their own)."""
    out: list[Envelope] = []
    seen: set[tuple[str, str | None]] = set()
    for variant, depth in variants(text):
        for m in _TYPE.finditer(variant):
            error_type = m.group(1)
            if error_type not in KNOWN_TYPES and not _ERROR_KEY.search(variant, max(0, m.start() - 200), m.start()):
                continue
            if _add(out, seen, variant, m, error_type, depth, from_code=False):
                return out
        for m in _CODE_TYPE.finditer(variant):
            if m.group(1) in KNOWN_TYPES and _add(out, seen, variant, m, m.group(1), depth, from_code=True):
                return out
    if not out and any(name in text for name in KNOWN_TYPES):
        for m in _LOOSE_TYPE.finditer(text[:20_000]):
            if m.group(1) in KNOWN_TYPES:
                out.append(
                    Envelope(
                        m.group(1),
                        _message_after(text, m.end()) or _line_before(text, m.start()),
                        None,
                        None,
                        m.start(),
                    )
                )
                return out
        for m in _BARE_TYPE.finditer(text[:20_000]):
            if m.group(1) in KNOWN_TYPES:
                message = clean_message(m.group(2)) or None
                out.append(Envelope(m.group(1), message, None, None, m.start()))
                break
    return out


def _line_before(text: str, end: int) -> str | None:
    """The words before a type printed after its message (`messages.1: … (type: invalid_request_error)`)."""
    start = text.rfind("\n", 0, end) + 1
    return clean_message(text[start:end].rstrip(" \t(,;")) or None


def _add(
    out: list[Envelope],
    seen: set[tuple[str, str | None]],
    variant: str,
    m: re.Match[str],
    error_type: str,
    depth: int,
    *,
    from_code: bool,
) -> bool:
    message = _parsed_message(variant, m.start()) or _message_after(variant, m.end())
    key = (error_type, message)
    if key in seen or _cut_by_unescaping(out, error_type, message, depth):
        return False
    seen.add(key)
    window = variant[max(0, m.start() - 1500) : m.end() + 3000]
    code = _CODE.search(window)
    openai = _PARAM.search(variant, max(0, m.start() - 600), m.end() + 600) is not None
    out.append(
        Envelope(error_type, message, code.group(1) if code else None, None, m.start(), depth, from_code, openai)
    )
    return len(out) >= 50


def _cut_by_unescaping(out: list[Envelope], error_type: str, message: str | None, depth: int) -> bool:
    """The same error as one found a level up, whose message unescaping cut short at an escaped quote (`\\'` in a
    Python repr): not a nested envelope, so it must not win as the inner error."""
    return bool(depth and message) and any(
        e.depth < depth and e.error_type == error_type and e.message and e.message.startswith(message or "")
        for e in out
    )


def find_code(text: str) -> str | None:
    m = _CODE.search(text) or _CODE.search(unescape_once(text))
    return m.group(1) if m else None


def find_request_id(text: str) -> str | None:
    """A real request id of any form (`req_…`, an AWS or relay id); placeholders are not quoted back to the user."""
    from claude_doctor.decode.request_ids import find_request_id as find

    found = find(text)
    return found[0] if found else None


def best_envelope(envelopes: list[Envelope]) -> Envelope | None:
    """The innermost real cause: a known Anthropic type beats a relay's or wrapper's own type; a specific type beats
    the catch-all `api_error`; a type named by an OpenAI-shaped `code` beats that envelope's `type`; a nested envelope
    beats the one around it; among equals, the later one (wrappers print their own label first)."""
    if not envelopes:
        return None
    known = [e for e in envelopes if e.known]
    pool = known or [e for e in envelopes if e.error_type not in RELAY_TYPES] or envelopes
    specific = [e for e in pool if e.error_type != "api_error"] or pool
    coded = [e for e in specific if e.from_code] or specific
    deepest = max(e.depth for e in coded)
    inner = [e for e in coded if e.depth == deepest]
    return inner[-1] if len({e.error_type for e in inner}) > 1 else inner[0]
