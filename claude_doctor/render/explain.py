"""Rendering a Diagnosis: a rich table for people, one JSON object for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_doctor.model import Diagnosis
from claude_doctor.render.console import glyphs

if TYPE_CHECKING:
    from rich.console import Console

_SUPPORT_HINT = "quote it when you contact Anthropic support"


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


def render_diagnosis(diagnosis: Diagnosis, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    g = glyphs(console.file)
    recognised = diagnosis.category != "unknown"
    mark = g["fail"] if recognised and diagnosis.retryable is False else (g["warn"] if recognised else "?")
    console.print(Text(f"{mark} {diagnosis.title}", style="bold"))
    if diagnosis.meaning:
        console.print(Text(diagnosis.meaning))
    console.print()

    table = Table(show_header=False, box=None, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    rows: list[tuple[str, str | None]] = [
        ("status", None if diagnosis.status is None else str(diagnosis.status)),
        ("error type", diagnosis.error_type),
        ("error code", diagnosis.error_code),
        ("category", diagnosis.category),
        ("retryable", f"{_yes_no(diagnosis.retryable)} (can the same request succeed after waiting)"),
        ("SDK retries", f"{_yes_no(diagnosis.sdk_retries)} (do the official SDKs retry it on their own)"),
        ("retry-after", None if diagnosis.retry_after_s is None else f"{diagnosis.retry_after_s:g} s"),
        ("SDK schedule", _schedule_text(diagnosis)),
        ("request id", None if not diagnosis.request_id else f"{diagnosis.request_id} ({_SUPPORT_HINT})"),
        ("message", diagnosis.message),
        ("read from", diagnosis.source_shape),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, Text(value))
    console.print(table)

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
