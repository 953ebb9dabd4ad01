"""Tables for people: a rule under the header and no other lines, and a test of whether one fits the width without
breaking a word, so that a renderer can fall back to a list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from claude_doctor.render.console import Canvas

if TYPE_CHECKING:
    from rich.table import Table


def fits(canvas: Canvas, table: Table) -> bool:
    """Whether `table` (as `columns_table` makes them) can be drawn in the width without breaking a word: a column
    that does not wrap needs its widest cell, one that wraps its longest word."""
    from rich.cells import cell_len
    from rich.text import Text

    needed = 0
    for column in table.columns:
        texts = [column.header, *column.cells]
        plains = [t.plain if isinstance(t, Text) else str(t) for t in texts]
        if column.no_wrap:
            width = max(cell_len(p) for p in plains)
        else:
            width = max([cell_len(w) for p in plains for w in p.split()] + [column.min_width or 0])
        needed += width
    return needed + 2 * (len(table.columns) - 1) <= canvas.width


def columns_table(headers: Sequence[tuple[str, dict[str, Any]]]) -> Table:
    """A table with a rule under its header and no other lines: narrow, and readable without colour."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    for name, options in headers:
        table.add_column(name, **{"overflow": "fold", **options})
    return table
