"""A scan for people: what was read, one row per kind of error, a timeline with one row of bars per category, where
each kind was seen, and the verdict."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from claude_doctor.i18n import N_, Msg, plural, tr
from claude_doctor.model import ScanGroup, ScanSummary, ScanTimeline
from claude_doctor.render.console import Canvas
from claude_doctor.render.explain import yes_no_cell
from claude_doctor.render.layout import hang, prose
from claude_doctor.render.tables import columns_table, fits

_YES_NO: Final[dict[bool | None, str]] = {True: N_("yes"), False: N_("no"), None: "?"}
BARS: Final = "▁▂▃▄▅▆▇█"


def render_scan(summary: ScanSummary, canvas: Canvas) -> None:
    from rich.text import Text

    files = len(summary.files)
    size = f"{summary.bytes / 1024 / 1024:,.1f}"
    read = plural(
        "Scanned {n} file, {lines} lines, {size} MiB.",
        "Scanned {n} files, {lines} lines, {size} MiB.",
        n=files,
        lines=f"{summary.lines:,}",
        size=size,
    )
    hang(canvas, 0, "", Text(tr(read), style="dim"))
    if summary.groups:
        canvas.print()
        _groups(summary, canvas)
        if summary.timeline is not None:
            canvas.print()
            _timeline(summary.timeline, canvas)
        _where(summary, canvas)
    canvas.print()
    for n, line in enumerate(summary.verdict.splitlines()):
        hang(canvas, 0, "", prose(line, canvas, "bold" if n == 0 else ""))


def _groups(summary: ScanSummary, canvas: Canvas) -> None:
    """A table when it fits; else two lines per kind."""
    from rich.text import Text

    total = summary.errors
    table = columns_table(
        [
            (tr(N_("count")), {"justify": "right", "no_wrap": True}),
            (tr(N_("share")), {"justify": "right", "no_wrap": True}),
            (tr(N_("category")), {"no_wrap": True}),
            (tr(N_("status")), {"justify": "right", "no_wrap": True}),
            (tr(N_("what")), {"min_width": 12}),
            (tr(N_("retry")), {"no_wrap": True}),
            (tr(N_("SDK")), {"no_wrap": True}),
        ]
    )
    for g in summary.groups:
        table.add_row(
            f"{g.count:,}",
            f"{g.count / total:.0%}",
            g.category,
            "" if g.status is None else str(g.status),
            Text(g.title),
            yes_no_cell(g.retryable, "?"),
            yes_no_cell(g.sdk_retries, "?"),
        )
    if fits(canvas, table):
        canvas.print(table)
        return
    for g in summary.groups:
        head = " ".join(str(p) for p in (g.category, g.status) if p is not None)
        hang(canvas, 0, Text(f"{g.count:,}", style="bold"), Text(tr(Msg("{kind}: {title}", kind=head, title=g.title))))
        facts = Msg(
            "{share} of all; retry: {retry}, SDK retries: {sdk}",
            share=f"{g.count / total:.0%}",
            retry=_YES_NO[g.retryable],
            sdk=_YES_NO[g.sdk_retries],
        )
        hang(canvas, 4, "", Text(tr(facts), style="dim"))


def _when(epoch: int, with_date: bool) -> str:
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def _size_words(seconds: int) -> str:
    if seconds % 86400 == 0:  # each call whole, so that Babel extracts both forms
        return plural("{n} day", "{n} days", n=seconds // 86400)
    if seconds % 3600 == 0:
        return plural("{n} hour", "{n} hours", n=seconds // 3600)
    return plural("{n} minute", "{n} minutes", n=seconds // 60)


def merged(row: tuple[int, ...], factor: int) -> list[int]:
    """`row` with every `factor` neighbouring buckets added together."""
    return [sum(row[i : i + factor]) for i in range(0, len(row), factor)]


def bars(row: list[int], canvas: Canvas) -> str:
    """One character per bucket: empty for none, then eight heights scaled to the row's busiest bucket."""
    peak = max(row) or 1
    ramp = canvas.fit(BARS)
    chars = []
    for count in row:
        if count == 0:
            chars.append(" ")
            continue
        # A single error still shows: the lowest bar, never a blank.
        chars.append(ramp[min(len(BARS) - 1, (count * len(BARS) - 1) // peak)] if len(ramp) == len(BARS) else "#")
    return "".join(chars)


def _timeline(timeline: ScanTimeline, canvas: Canvas) -> None:
    """A row of bars per category, merged to fit the width: label, bars, total."""
    from rich.text import Text

    label_width = max(len(category) for category, _row in timeline.counts)
    totals = [sum(row) for _category, row in timeline.counts]
    count_width = max(len(f"{n:,}") for n in totals)
    room = max(8, canvas.width - 2 - label_width - 2 - 2 - count_width)
    factor = -(-timeline.buckets // room)
    size = timeline.bucket_s * factor
    span = timeline.buckets * timeline.bucket_s
    with_date = span > 86400 or size >= 86400
    zone = " UTC" if timeline.zoned else ""
    start = _when(timeline.start_epoch, True)
    end = _when(timeline.start_epoch + span, with_date)
    title = Msg(
        "Errors over time, one bar per {size}, from {start} to {end}{zone}:",
        size=_size_words(size),
        start=start,
        end=end,
        zone=zone,
    )
    hang(canvas, 0, "", Text(tr(title), style="bold"))
    width = 0
    for (category, row), total in zip(timeline.counts, totals, strict=True):
        drawn = bars(merged(row, factor), canvas)
        width = len(drawn)
        line = Text("  ")
        line.append(category.ljust(label_width))
        line.append("  ")
        line.append(drawn, style=_bar_style(category))
        line.append("  ")
        line.append(f"{total:,}".rjust(count_width), style="bold")
        canvas.print(line, no_wrap=True, crop=False)
    # An axis under the bars: when the first and last buckets start.
    by_day = size >= 86400
    first = _when(timeline.start_epoch, by_day)
    last = _when(timeline.start_epoch + (width - 1) * size, by_day)
    if width >= len(first) + len(last) + 2:
        axis = " " * (2 + label_width + 2) + first + " " * (width - len(first) - len(last)) + last
        canvas.print(Text(axis, style="dim"), no_wrap=True, crop=False)
    if timeline.untimed:
        hang(
            canvas,
            2,
            "",
            Text(
                tr(
                    plural(
                        "{n} error had no timestamp and is in no bar.",
                        "{n} errors had no timestamp and are in no bar.",
                        n=timeline.untimed,
                    )
                ),
                style="dim",
            ),
        )


def _bar_style(category: str) -> str:
    if category in ("billing", "invalid_key", "wrong_credential", "oauth_token", "permission"):
        return "red"
    if category in ("overloaded", "rate_limited", "server_error", "timeout"):
        return "yellow"
    return "magenta"


def _seen(g: ScanGroup) -> str | None:
    if g.first_seen and g.last_seen and g.first_seen != g.last_seen:
        return Msg("seen {first} to {last}", first=g.first_seen, last=g.last_seen)
    return Msg("seen {first}", first=g.first_seen) if g.first_seen else None


def _where(summary: ScanSummary, canvas: Canvas) -> None:
    """For each kind: when it was seen, where the first one is, a few request ids to quote."""
    from rich.text import Text

    rows = []
    for g in summary.groups:
        found = [
            _seen(g),
            Msg("first at {file}:{line}", file=g.first_at[0], line=g.first_at[1]) if g.first_at else None,
            Msg("request ids: {ids}", ids=", ".join(g.request_ids)) if g.request_ids else None,
        ]
        kept = [fact for fact in found if fact]
        if kept:
            rows.append((" ".join(str(p) for p in (g.category, g.status) if p is not None), Msg.joined(N_("; "), kept)))
    if not rows:
        return
    canvas.print()
    canvas.print(Text(tr(N_("Where each kind was seen:")), style="bold"))
    label_width = max(len(label) for label, _facts in rows)
    for label, facts in rows:
        hang(canvas, 2, Text(label.ljust(label_width)), Text(tr(facts), style="dim"))
