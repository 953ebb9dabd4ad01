"""Finding the Claude API error envelope in text, whatever wraps it.

The envelope is `{"type":"error","error":{"type":…,"message":…,"details":{"error_code":…}},"request_id":…}`; it
reaches users as JSON (compact, pretty, nested, double-encoded), as a Python dict repr, as a bytes literal, or cut
short. Rather than parse each wrapper, this reads the envelope's fields directly with quote-agnostic patterns on the
text and on its unescaped form, and then tries a real parse of the enclosing object to confirm the message.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass

from claude_doctor.decode.text import clean_message, unescaped

_Q = r"""["']"""
# `"type": "overloaded_error"` — any error-ish type, but not the envelope's own `"type": "error"`.
_TYPE = re.compile(_Q + r"type" + _Q + r"\s*:\s*" + _Q + r"([a-z][a-z0-9_]{0,60}?_error|request_too_large)" + _Q)
_CODE = re.compile(_Q + r"error_code" + _Q + r"\s*:\s*" + _Q + r"([a-z][a-z0-9_]{1,80})" + _Q)
_MESSAGE_DQ = re.compile(r"""["']message["']\s*:\s*"((?:[^"\\]|\\.){0,4000})""")
_MESSAGE_SQ = re.compile(r"""["']message["']\s*:\s*'((?:[^'\\]|\\.){0,4000})""")
_REQUEST_ID = re.compile(r"""\b(req_[A-Za-z0-9]{8,64})\b""")
_ERROR_KEY = re.compile(_Q + r"error" + _Q + r"\s*:\s*\{")

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


@dataclass(frozen=True)
class Envelope:
    error_type: str | None
    message: str | None
    error_code: str | None
    request_id: str | None
    position: int  # where in the text it was found, to order several


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


def find_envelopes(text: str) -> list[Envelope]:
    """Every error object in the text, in order. Known Anthropic types only, plus unknown `*_error` types that sit
    in an `"error": {…}` object (the API may add new types)."""
    out: list[Envelope] = []
    seen: set[tuple[str, str | None]] = set()
    for variant in _variants(text):
        for m in _TYPE.finditer(variant):
            error_type = m.group(1)
            if error_type not in KNOWN_TYPES and not _ERROR_KEY.search(variant, max(0, m.start() - 200), m.start()):
                continue
            message = _parsed_message(variant, m.start()) or _message_after(variant, m.end())
            key = (error_type, message)
            if key in seen:
                continue
            seen.add(key)
            window = variant[max(0, m.start() - 1500) : m.end() + 3000]
            code = _CODE.search(window)
            rid = _REQUEST_ID.search(window)
            out.append(
                Envelope(error_type, message, code.group(1) if code else None, rid.group(1) if rid else None, m.start())
            )
            if len(out) >= 50:
                return out
    return out


def _variants(text: str) -> list[str]:
    plain = unescaped(text)
    return [text] if plain == text else [text, plain]


def find_code(text: str) -> str | None:
    m = _CODE.search(text) or _CODE.search(unescaped(text))
    return m.group(1) if m else None


def find_request_id(text: str) -> str | None:
    """A real request id (`req_…`); redacted ones (`req_***`, `<redacted>`) are not quoted back to the user."""
    m = _REQUEST_ID.search(text)
    return m.group(1) if m else None


def best_envelope(envelopes: list[Envelope]) -> Envelope | None:
    """The innermost real cause: a known Anthropic type beats a wrapper's own type; the later one wins among equals
    (wrappers print their own label first and the upstream body after it)."""
    if not envelopes:
        return None
    known = [e for e in envelopes if e.error_type in KNOWN_TYPES]
    pool = known or envelopes
    specific = [e for e in pool if e.error_type != "api_error"] or pool
    return specific[-1] if len({e.error_type for e in specific}) > 1 else specific[0]
