"""Fixes fitted to this run. Pure: the catalog's general advice in, advice for the host actually in use out."""

from __future__ import annotations


def host_fixes(fixes: tuple[str, ...], host: str) -> tuple[str, ...]:
    """The catalog's fixes for this run: the real host instead of api.anthropic.com, and no advice to run the command
    that is running (`claude-doctor check`)."""
    out = []
    for fix in fixes:
        if "claude-doctor check" in fix:
            continue
        # `str.replace` gives a plain string even when nothing changes: keep the message (and its translation) whole
        # unless the host really is in it.
        out.append(fix.replace("api.anthropic.com", host) if host and "api.anthropic.com" in fix else fix)
    return tuple(dict.fromkeys(out))
