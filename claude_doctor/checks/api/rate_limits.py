"""The `anthropic-ratelimit-*` response headers, grouped by what they limit. Pure: headers in, a table out."""

from __future__ import annotations

LIMITED = ("requests", "tokens", "input-tokens", "output-tokens", "priority-input-tokens", "priority-output-tokens")


def rate_limits(headers: dict[str, str]) -> dict[str, dict[str, str]]:
    """{"requests": {"limit": "50", "remaining": "49", "reset": "…"}, …} for the headers present (lower-case names)."""
    out: dict[str, dict[str, str]] = {}
    for kind in LIMITED:
        for field_name in ("limit", "remaining", "reset"):
            value = headers.get(f"anthropic-ratelimit-{kind}-{field_name}")
            if value is not None:
                out.setdefault(kind, {})[field_name] = value
    return out
