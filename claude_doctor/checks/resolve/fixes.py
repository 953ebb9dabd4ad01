"""Fixes fitted to this run. Pure: the catalog's general advice in, advice for the host actually in use out."""

from __future__ import annotations

from claude_doctor.i18n import Msg


def host_fixes(fixes: tuple[str, ...], host: str) -> tuple[str, ...]:
    """The catalog's fixes for this run: the real host instead of api.anthropic.com, and no advice to run the command
    that is running (`claude-doctor check`)."""
    out = []
    for fix in fixes:
        if "claude-doctor check" in fix:
            continue
        if not host or "api.anthropic.com" not in fix:
            out.append(fix)  # the message as it is, translation and all
        elif isinstance(fix, Msg):
            out.append(fix.replaced("api.anthropic.com", host))  # still the catalog's message: translated, then swapped
        else:
            out.append(fix.replace("api.anthropic.com", host))
    return tuple(dict.fromkeys(out))
