"""Rendering a scan: one table of error kinds, then the verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_doctor.model import ScanGroup, ScanSummary

if TYPE_CHECKING:
    from rich.console import Console

_YES_NO = {True: "yes", False: "no", None: "?"}


def render_scan(summary: ScanSummary, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    size = summary.bytes / 1024 / 1024
    files = len(summary.files)
    console.print(
        Text(f"Scanned {files} file{'s' if files != 1 else ''}, {summary.lines:,} lines, {size:,.1f} MiB", style="dim")
    )
    total = summary.errors
    if summary.groups:
        table = Table(show_edge=False, pad_edge=False)
        table.add_column("category", no_wrap=True)
        table.add_column("status", justify="right", no_wrap=True)
        table.add_column("what", overflow="fold")
        table.add_column("count", justify="right", no_wrap=True)
        table.add_column("share", justify="right", no_wrap=True)
        table.add_column("retry?", no_wrap=True)
        table.add_column("SDK retries", no_wrap=True)
        for g in summary.groups:
            table.add_row(
                g.category,
                "" if g.status is None else str(g.status),
                g.title,
                f"{g.count:,}",
                f"{g.count / total:.0%}",
                _YES_NO[g.retryable],
                _YES_NO[g.sdk_retries],
            )
        console.print(table)
        for g in summary.groups:
            parts = [
                f"seen {seen}" if (seen := _seen(g)) else "",
                f"first at {g.first_at[0]}:{g.first_at[1]}" if g.first_at else "",
                f"e.g. {', '.join(g.request_ids)}" if g.request_ids else "",
            ]
            if any(parts):
                label = " ".join(str(p) for p in (g.category, g.status) if p is not None)
                console.print(Text(f"  {label}: " + "; ".join(p for p in parts if p), style="dim"), overflow="fold")
    console.print(Text(summary.verdict, style="bold"))


def _seen(g: ScanGroup) -> str | None:
    if g.first_seen and g.last_seen and g.first_seen != g.last_seen:
        return f"{g.first_seen} – {g.last_seen}"
    return g.first_seen
