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

_RETRY = re.compile(
    r"Retrying in \d{1,6}+(?:\.\d+)?\s?(?:s\b|seconds?)[^\n]{0,20}?attempt (\d{1,3}+)\s?/\s?(\d{1,3}+)", re.IGNORECASE
)
_EPOCH = re.compile(r"usage limit reached\|(\d{10})\b", re.IGNORECASE)
_REGAIN = re.compile(r"regain access on\s++(\d{4}-\d\d-\d\d)\s++at\s++(\d\d):(\d\d)\s++UTC", re.IGNORECASE)
# `resets 5pm (Europe/Paris)`, `reset at 3pm (UTC)`, `resets 9:30pm`; a day before the time (`resets Oct 9, 5pm`)
# makes the clock time alone wrong, so it is captured to be refused.
_RESETS_CLOCK = re.compile(
    r"\bresets? (?:at )?(?P<day>[A-Za-z]{3} \d{1,2}, )?(?P<hour>\d{1,2})(?::(?P<minute>\d\d))?\s?(?P<half>am|pm)\b"
    r"(?:\s?\((?P<zone>[A-Za-z_]+(?:/[A-Za-z_+-]+){0,2})\))?",
    re.IGNORECASE,
)


def retrying(text: str) -> tuple[int, int] | None:
    """(attempt, total) of the last retry banner in the text, when Claude Code says it is retrying."""
    if "etrying in" not in text:
        return None
    last = None
    for m in _RETRY.finditer(text[-40_000:]):
        last = m
    if last is None:
        return None
    attempt, total = int(last.group(1)), int(last.group(2))
    return (attempt, total) if 0 < attempt <= total <= 100 else None


def reset_at(text: str) -> str | None:
    """When a usage or spend limit lifts, as an ISO 8601 instant in UTC, if the text gives a full date and time."""
    if "limit reached|" not in text and "regain access" not in text:
        return None
    from datetime import UTC, datetime  # only for the texts that give a reset time

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
    """`17:00 Europe/Paris` for `resets 5pm (Europe/Paris)`: a clock time with its named zone, or alone (`21:30`) when
    Claude Code printed it in the machine's own zone; no date."""
    if "eset" not in text:
        return None
    m = _RESETS_CLOCK.search(text)
    if m is None or m["day"]:
        return None
    hour, minute, half = int(m["hour"]), int(m["minute"] or 0), m["half"].lower()
    if not (1 <= hour <= 12 and 0 <= minute < 60):
        return None
    hour = hour % 12 + (12 if half == "pm" else 0)
    clock = f"{hour:02d}:{minute:02d}"
    return f"{clock} {m['zone']}" if m["zone"] else clock
