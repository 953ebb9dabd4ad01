"""`explain --list` for people: every status at a glance, as a table when it fits the width (with the category column
when there is room), else one entry per status."""

from __future__ import annotations

from claude_doctor.i18n import N_, Msg, tr
from claude_doctor.model import Diagnosis
from claude_doctor.render.console import Canvas
from claude_doctor.render.explain import yes_no, yes_no_cell
from claude_doctor.render.layout import hang
from claude_doctor.render.tables import columns_table, fits


def render_overview(rows: list[Diagnosis], canvas: Canvas) -> None:
    from rich.text import Text

    canvas.print(Text(tr(N_("Claude API statuses")), style="bold"))
    for with_category in (True, False):
        table = columns_table(
            [(tr(N_("status")), {"no_wrap": True}), (tr(N_("error type")), {"no_wrap": True})]
            + ([(tr(N_("category")), {"no_wrap": True})] if with_category else [])
            + [(tr(N_("retry")), {"no_wrap": True}), (tr(N_("SDK")), {"no_wrap": True})]
            + [(tr(N_("meaning")), {"min_width": 12})]
        )
        for d in rows:
            cells: list[str | Text] = [Text(str(d.status), style="bold"), d.error_type or ""]
            cells += [d.category] if with_category else []
            cells += [yes_no_cell(d.retryable), yes_no_cell(d.sdk_retries), Text(d.title)]
            table.add_row(*cells)
        if fits(canvas, table):
            canvas.print(table)
            break
    else:
        _stacked(rows, canvas)
    hang(
        canvas,
        0,
        "",
        Text(tr(N_("Any other 4xx: client error, not retried. Any other 5xx: server error, retried by the SDKs."))),
    )


def _stacked(rows: list[Diagnosis], canvas: Canvas) -> None:
    from rich.text import Text

    for d in rows:
        hang(canvas, 0, Text(f"{d.status}", style="bold"), Text(d.title, style="bold"))
        facts = tr(Msg("retry: {retry}, SDK retries: {sdk}", retry=yes_no(d.retryable), sdk=yes_no(d.sdk_retries)))
        hang(canvas, 4, "", Text(f"{d.error_type}; {facts}" if d.error_type else facts, style="dim"))
