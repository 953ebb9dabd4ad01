"""Credential masking and kind detection. Pure: no I/O.

Every place that shows a key, token or password goes through `mask`, so a secret is never printed whole.
"""

from __future__ import annotations

import re
from typing import Final

# Longest prefixes first, so that `sk-ant-api03-` wins over `sk-`.
KNOWN_PREFIXES: Final[tuple[tuple[str, str], ...]] = (
    ("sk-ant-api03-", "api_key"),
    ("sk-ant-api01-", "api_key"),
    ("sk-ant-admin01-", "admin_key"),
    ("sk-ant-oat01-", "oauth_access"),
    ("sk-ant-ort01-", "oauth_refresh"),
    ("sk-or-", "other_vendor"),
    ("sk-proj-", "other_vendor"),
    ("AIza", "other_vendor"),
    ("AKIA", "other_vendor"),
    ("sk-", "other_vendor"),
)

_SECRETISH = re.compile(r"sk-ant-[a-z]+\d\d-[A-Za-z0-9_\-]{8,}")


def key_prefix(value: str) -> str:
    """The recognised prefix of a credential (`sk-ant-api03-`), or '' when none is known."""
    for prefix, _kind in KNOWN_PREFIXES:
        if value.startswith(prefix):
            return prefix
    return ""


def key_kind(value: str) -> str:
    """api_key, admin_key, oauth_access, oauth_refresh, other_vendor or unknown, by prefix."""
    for prefix, kind in KNOWN_PREFIXES:
        if value.startswith(prefix):
            return kind
    return "unknown"


def mask(value: str | None) -> str:
    """`sk-ant-api03-AbCd…wXyz`: the prefix, the first 4 and the last 4 characters of the rest.

    Short secrets (under 12 characters after the prefix) show only the prefix and their length, so that
    masking never reveals most of a short value.
    """
    if value is None:
        return "(none)"
    if value == "":
        return "(empty)"
    prefix = key_prefix(value)
    rest = value[len(prefix) :]
    if len(rest) < 12:
        return f"{prefix}…({len(value)} chars)"
    return f"{prefix}{rest[:4]}…{rest[-4:]}"


def redact_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Replace every given secret, and anything shaped like an Anthropic key, with its mask."""
    for secret in sorted((s for s in secrets if s and len(s) >= 8), key=len, reverse=True):
        text = text.replace(secret, mask(secret))
    return _SECRETISH.sub(lambda m: mask(m.group(0)), text)
