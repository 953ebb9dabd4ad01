"""What Claude Code's own banners add: that it is already retrying (and which attempt), and when a usage limit lifts.

- Retry banners: `API Error (529 …) · Retrying in 4 seconds… (attempt 4/10)` and the newer
  `529 Overloaded · Retrying in 24s · attempt 10/10`.
- Usage limits: `Claude AI usage limit reached|1753441200` (the reset as a Unix time), `You've hit your limit ·
  resets 5pm (Europe/Paris)`, `… resets Jul 25, 1am` and the API's `You will regain access on 2026-04-01 at 00:00 UTC`.

Pure: a reset given only as a clock time in a named zone has no date here, so it is returned as that clock time and
zone, and the renderer (which knows the current date) turns it into an instant.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_RETRY = re.compile(
    r"Retrying in \d{1,6}+(?:\.\d+)?\s?(?:s\b|seconds?)[^\n]{0,20}?attempt (\d{1,3}+)\s?/\s?(\d{1,3}+)", re.IGNORECASE
)
_EPOCH = re.compile(r"usage limit reached\|(\d{10})\b", re.IGNORECASE)
_REGAIN = re.compile(r"regain access on (\d{4}-\d\d-\d\d) at (\d\d):(\d\d) UTC", re.IGNORECASE)
_RESETS_CLOCK = re.compile(
    r"resets (?:at )?(\d{1,2})(?::(\d\d))?\s?(am|pm)?\s?\(([A-Za-z_]+(?:/[A-Za-z_+-]+){1,2}|UTC)\)", re.IGNORECASE
)


def retrying(text: str) -> tuple[int, int] | None:
    """(attempt, total) of the last retry banner in the text, when Claude Code says it is retrying."""
    last = None
    for m in _RETRY.finditer(text[-40_000:]):
        last = m
    if last is None:
        return None
    attempt, total = int(last.group(1)), int(last.group(2))
    return (attempt, total) if 0 < attempt <= total <= 100 else None


def reset_at(text: str) -> str | None:
    """When a usage or spend limit lifts, as an ISO 8601 instant in UTC, if the text gives a full date and time."""
    m = _EPOCH.search(text)
    if m is not None:
        return datetime.fromtimestamp(int(m.group(1)), tz=UTC).isoformat().replace("+00:00", "Z")
    m = _REGAIN.search(text)
    if m is not None:
        try:
            moment = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}:{m.group(3)}:00+00:00")
        except ValueError:
            return None
        return moment.isoformat().replace("+00:00", "Z")
    return None


def reset_clock(text: str) -> str | None:
    """`17:00 Europe/Paris` for `resets 5pm (Europe/Paris)`: a clock time in a named zone, with no date."""
    m = _RESETS_CLOCK.search(text)
    if m is None:
        return None
    hour, minute, half, zone = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or "").lower(), m.group(4)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return f"{hour:02d}:{minute:02d} {zone}"
