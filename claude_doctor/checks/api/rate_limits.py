"""The rate-limit response headers, grouped by what they limit. Pure: headers in, a table out.

Families (platform.claude.com/docs/api/rate-limits, service-tiers and fast-mode pages):
`anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}`, the Priority Tier's
`anthropic-priority-{input,output}-tokens-*`, fast mode's `anthropic-fast-{input,output}-tokens-*`, and the
subscription (OAuth) traffic's `anthropic-ratelimit-unified-*` (status, utilisation and reset of each window).
"""

from __future__ import annotations

from typing import Final

# (name in the report, header prefix), in report order.
FAMILIES: Final[tuple[tuple[str, str], ...]] = (
    ("requests", "anthropic-ratelimit-requests-"),
    ("tokens", "anthropic-ratelimit-tokens-"),
    ("input-tokens", "anthropic-ratelimit-input-tokens-"),
    ("output-tokens", "anthropic-ratelimit-output-tokens-"),
    ("priority-input-tokens", "anthropic-priority-input-tokens-"),
    ("priority-output-tokens", "anthropic-priority-output-tokens-"),
    ("fast-input-tokens", "anthropic-fast-input-tokens-"),
    ("fast-output-tokens", "anthropic-fast-output-tokens-"),
)
LIMITED: Final[tuple[str, ...]] = tuple(name for name, _prefix in FAMILIES)
UNIFIED_PREFIX: Final = "anthropic-ratelimit-unified-"


def rate_limits(headers: dict[str, str]) -> dict[str, dict[str, str]]:
    """{"requests": {"limit": "50", "remaining": "49", "reset": "…"}, …} for the headers present (lower-case names);
    the subscription's unified headers, when present, under "unified" with their own field names."""
    out: dict[str, dict[str, str]] = {}
    for kind, prefix in FAMILIES:
        for field_name in ("limit", "remaining", "reset"):
            value = headers.get(prefix + field_name)
            if value is not None:
                out.setdefault(kind, {})[field_name] = value
    unified = {name[len(UNIFIED_PREFIX) :]: value for name, value in headers.items() if name.startswith(UNIFIED_PREFIX)}
    if unified:
        out["unified"] = dict(sorted(unified.items()))
    return out


def headroom(values: dict[str, str]) -> float | None:
    """remaining / limit, when both are numbers; None otherwise."""
    try:
        limit = float(values["limit"])
        remaining = float(values["remaining"])
    except (KeyError, ValueError):
        return None
    return remaining / limit if limit > 0 else None
