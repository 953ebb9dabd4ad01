"""Rate-limit headers, grouped by what they limit."""

from __future__ import annotations


def test_rate_limit_headers_are_grouped() -> None:
    from claude_doctor.checks.api.rate_limits import rate_limits

    headers = {
        "anthropic-ratelimit-requests-limit": "50",
        "anthropic-ratelimit-requests-remaining": "0",
        "anthropic-ratelimit-output-tokens-reset": "2026-11-25T00:00:00Z",
        "retry-after": "3",
    }
    assert rate_limits(headers) == {
        "requests": {"limit": "50", "remaining": "0"},
        "output-tokens": {"reset": "2026-11-25T00:00:00Z"},
    }
