"""The newest official Python SDK's retry policy (anthropic 2.13 and 2.14), as pure functions.

Mirrors `_should_retry`, `_parse_retry_after_header` and `_calculate_retry_timeout` in the SDK's `_base_client.py`,
so that `explain` can say what the SDK will do with an answer. A test compares these with the installed SDK.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Final

INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
DEFAULT_MAX_RETRIES: Final = 2
# `time.sleep` raises above about 2**32 ms on some platforms; the SDK caps a server's delay there.
MAX_SERVER_DELAY: Final = 4_294_967.0


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def should_retry(status: int, headers: Mapping[str, str] | None = None) -> bool:
    """Whether the SDK retries an answer: `x-should-retry` first, then 408, 409, 429 and every status >= 500."""
    verdict = _header(headers, "x-should-retry")
    if verdict == "true":
        return True
    if verdict == "false":
        return False
    return status in (408, 409, 429) or status >= 500


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Seconds the server asks to wait: `retry-after-ms`, then `retry-after` as seconds, then as an HTTP date.

    May be zero or negative (a date in the past); the SDK then falls back to its own backoff.
    """
    if headers is None:
        return None
    millis = _header(headers, "retry-after-ms")
    try:
        return float(millis) / 1000  # type: ignore[arg-type]
    except (TypeError, ValueError):
        pass
    value = _header(headers, "retry-after")
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        pass
    if value is None:
        return None
    import email.utils  # only for the HTTP-date form; it costs 25 ms to import

    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed) - (time.time() if now is None else now))


def backoff(retries_taken: int) -> float:
    """The nominal delay before retry number `retries_taken + 1`, before jitter."""
    return min(INITIAL_RETRY_DELAY * pow(2.0, min(retries_taken, 1000)), MAX_RETRY_DELAY)


def retry_delay(
    retries_taken: int, headers: Mapping[str, str] | None = None, *, jitter: float, now: float | None = None
) -> float:
    """The SDK's wait before the next attempt. `jitter` is its `random()` draw in [0, 1)."""
    server = parse_retry_after(headers, now=now)
    if server is not None and server > 0:
        return min(server, MAX_SERVER_DELAY)
    delay = backoff(retries_taken) * (1 - 0.25 * jitter)
    return delay if delay >= 0 else 0


def retry_schedule(
    status: int, headers: Mapping[str, str] | None = None, max_retries: int = DEFAULT_MAX_RETRIES
) -> list[tuple[float, float]]:
    """(shortest, longest) wait before each retry the SDK would make; [] when it would not retry.

    The same headers are assumed on every answer, which is how a server that keeps failing behaves.
    """
    if not should_retry(status, headers):
        return []
    schedule = []
    for n in range(max_retries):
        longest = retry_delay(n, headers, jitter=0.0)
        shortest = retry_delay(n, headers, jitter=1.0)
        schedule.append((round(shortest, 3), round(longest, 3)))
    return schedule
