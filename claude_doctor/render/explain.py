"""Rendering a Diagnosis: a rich table for people, one JSON object for programs."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from claude_doctor.model import Diagnosis
from claude_doctor.render.console import glyphs

if TYPE_CHECKING:
    from rich.console import Console

_QUOTE_TO = {
    "anthropic": "quote it to Anthropic support",
    "vertex": "quote it to Google Cloud support",
    "aws": "quote it to AWS Support",
    "relay": "quote it to the relay's operator",
}
_UNKNOWN_LINE = "The tool cannot tell whether this clears by waiting, or whether the SDKs retry it."


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _schedule_text(diagnosis: Diagnosis) -> str | None:
    schedule = diagnosis.sdk_schedule
    if not schedule:
        return None
    waits = ", ".join(f"{lo:g}s" if lo == hi else f"{lo:g}–{hi:g}s" for lo, hi in schedule)
    text = f"{len(schedule)} retries after waits of {waits} (Python SDK 2.14 defaults, max_retries=2)"
    if diagnosis.retryable is False:
        text += " — wasted: this error cannot clear by waiting"
    return text


def _status_text(diagnosis: Diagnosis) -> str | None:
    if diagnosis.status is None:
        return None
    if diagnosis.status_source == "inferred":
        return f"{diagnosis.status} (inferred: the text does not show it)"
    return str(diagnosis.status)


def _request_id_text(diagnosis: Diagnosis) -> str | None:
    if not diagnosis.request_id:
        return None
    kind = diagnosis.request_id_kind or "anthropic"
    if any(hop in ("relay", "router", "openrouter") for hop in diagnosis.via):
        kind = "relay"  # behind a relay, only its operator can take an id further
    hint = _QUOTE_TO.get(kind, _QUOTE_TO["anthropic"])
    return f"{diagnosis.request_id} ({hint})"


def reset_text(reset_at: str | None, now: datetime | None = None) -> str | None:
    """When a limit lifts, in the local time zone: an ISO instant, or a clock time in a named zone (`17:00
    Europe/Paris`), which is read as its next occurrence."""
    if not reset_at:
        return None
    moment: datetime | None = None
    if reset_at[:1].isdigit() and "T" in reset_at:
        try:
            moment = datetime.fromisoformat(reset_at.replace("Z", "+00:00"))
        except ValueError:
            return reset_at
    else:
        clock, _, zone_name = reset_at.partition(" ")
        try:
            from zoneinfo import ZoneInfo

            if not zone_name:
                return f"{clock} local time"  # printed in the machine's own zone
            zone = ZoneInfo(zone_name) if zone_name != "UTC" else UTC
            hour, minute = (int(x) for x in clock.split(":"))
        except (ValueError, KeyError, OSError, ImportError):
            return reset_at
        current = (now or datetime.now(UTC)).astimezone(zone)
        moment = current.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment <= current:
            moment += timedelta(days=1)
    local = moment.astimezone()
    return f"{local:%Y-%m-%d %H:%M} local time ({local:%Z})"


def render_diagnosis(diagnosis: Diagnosis, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    g = glyphs(console.file)
    not_an_error = diagnosis.source_shape == "term" and diagnosis.status is not None and diagnosis.status < 400
    recognised = diagnosis.title != "Not recognised"
    if not_an_error:
        mark = g["ok"]
    else:
        mark = g["fail"] if recognised and diagnosis.retryable is False else (g["warn"] if recognised else "?")
    console.print(Text(f"{mark} {diagnosis.title}", style="bold"))
    if diagnosis.meaning:
        console.print(Text(diagnosis.meaning))
    console.print()

    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows: list[tuple[str, str | None]] = [
        ("status", _status_text(diagnosis)),
        ("error type", diagnosis.error_type),
        ("error code", diagnosis.error_code),
        ("category", None if not_an_error else diagnosis.category),
        (
            "retryable",
            None if not_an_error else f"{_yes_no(diagnosis.retryable)} (can the same request succeed after waiting)",
        ),
        (
            "SDK retries",
            None if not_an_error else f"{_yes_no(diagnosis.sdk_retries)} (do the official SDKs retry it on their own)",
        ),
        ("retry-after", None if diagnosis.retry_after_s is None else f"{diagnosis.retry_after_s:g} s"),
        ("resets", reset_text(diagnosis.reset_at)),
        ("SDK schedule", _schedule_text(diagnosis)),
        ("request id", _request_id_text(diagnosis)),
        ("through", f" {g['arrow']} ".join(diagnosis.via) if diagnosis.via else None),
        ("message", diagnosis.message),
        ("read from", diagnosis.source_shape),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, Text(value))
    console.print(table)
    if recognised and not not_an_error and diagnosis.retryable is None:
        console.print(Text(_UNKNOWN_LINE))

    _numbered(console, "Fix:", [(f"  {n}.", step) for n, step in enumerate(diagnosis.fix, 1)])
    _numbered(console, "Notes:", [(f"  {g['warn']}", note) for note in diagnosis.notes])


def _numbered(console: Console, heading: str, items: list[tuple[str, str]]) -> None:
    """A heading and hanging-indented items, so wrapped lines stay under their bullet."""
    from rich.table import Table
    from rich.text import Text

    if not items:
        return
    console.print()
    console.print(Text(heading, style="bold"))
    grid = Table(show_header=False, box=None, pad_edge=False, padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for mark, text in items:
        grid.add_row(mark, Text(text))
    console.print(grid)


def render_overview(rows: list[Diagnosis], console: Console) -> None:
    from rich.table import Table

    table = Table(title="Claude API statuses", title_justify="left")
    for name in ("status", "error type", "category", "retry?", "SDK?"):
        table.add_column(name, no_wrap=True)
    table.add_column("meaning", overflow="fold", min_width=20)
    for d in rows:
        table.add_row(
            str(d.status),
            d.error_type or "",
            d.category,
            _yes_no(d.retryable),
            _yes_no(d.sdk_retries),
            d.title,
        )
    console.print(table)
    console.print("Any other 4xx: client error, not retried. Any other 5xx: server error, retried by the SDKs.")
