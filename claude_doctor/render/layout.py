"""Shapes every human renderer uses: hanging indents that wrap inside the width, `code` set apart from prose, and
fixes with their runnable command on a line of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from claude_doctor.render.console import Canvas

if TYPE_CHECKING:
    from rich.text import Text

MAX_FIXES: Final = 3  # a person reads three steps; the rest stay in --json
CODE_STYLE: Final = "bold cyan"
_SPAN = re.compile(r"`([^`\n]+)`")
# A fix that ends in a command: "Create a key, then set it: `export ANTHROPIC_API_KEY=…`".
# A Chinese fix ends the same way with full-width punctuation ("：`…`。").
_ENDS_IN_COMMAND = re.compile(r"^(?P<prose>[^`]+?)(?P<colon>[:：])\s*`(?P<command>[^`\n]+)`[.。]?$")
_ONLY_COMMAND = re.compile(r"^`(?P<command>[^`\n]+)`[.。]?$")
# A fix without backticks is a command when its first word is one of these: programs, never the first word of an
# English sentence (`export`, `set` and `unset` are, so they count only in backticks).
COMMAND_WORDS: Final[frozenset[str]] = frozenset(
    {"chmod", "chown", "git", "echo", "curl", "pip", "pip3", "npm", "npx", "uv", "brew", "getent", "nslookup", "dig"}
    | {"claude-doctor", "security", "sudo", "setx", "gcloud", "aws", "openssl"}
)


def prose(text: str, canvas: Canvas, style: str = "") -> Text:
    """Text with `code` spans set apart: in colour, styled and without the backticks; plain, with them."""
    from rich.text import Text

    out = Text(style=style)
    position = 0
    for match in _SPAN.finditer(text):
        out.append(text[position : match.start()])
        if canvas.term.color:
            out.append(match.group(1), style=CODE_STYLE)
        else:
            out.append(match.group(0))
        position = match.end()
    out.append(text[position:])
    return out


def hang(canvas: Canvas, indent: int, marker: str | Text, body: Text, marker_style: str = "") -> None:
    """`marker` at `indent`, `body` beside it, its wrapped lines under its first word."""
    from rich.table import Table
    from rich.text import Text

    lead = Text(" " * indent)
    lead.append(marker if isinstance(marker, Text) else Text(marker, style=marker_style))
    if not lead.plain:
        canvas.print(body)
        return
    if lead.plain.strip():
        lead.append(" ")
    grid = Table.grid(padding=0)
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(lead, body)
    canvas.print(grid)


def split_fix(step: str) -> tuple[str, str | None]:
    """(prose, command): a fix that is, or ends in, one command in backticks gives it apart."""
    text = step.strip()
    if "`" not in text and text.split(" ", 1)[0] in COMMAND_WORDS:
        return "", text
    only = _ONLY_COMMAND.match(text)
    if only:
        return "", only.group("command")
    ends = _ENDS_IN_COMMAND.match(text)
    if ends:
        return ends.group("prose").rstrip() + ends.group("colon"), ends.group("command")
    return text, None


def fixes(canvas: Canvas, steps: Sequence[str], indent: int) -> None:
    """At most MAX_FIXES steps, most effective first as given: prose after an arrow, commands after `$ `."""
    arrow = canvas.glyph("arrow")
    for step in steps[:MAX_FIXES]:
        text, command = split_fix(step)
        if text:
            hang(canvas, indent, arrow, prose(text, canvas), marker_style="cyan")
        if command is not None:
            from rich.text import Text

            shift = indent + (len(arrow) + 1 if text else 0)
            hang(canvas, shift, "$", Text(command, style=CODE_STYLE), marker_style="dim")


def numbered(canvas: Canvas, steps: Sequence[str], indent: int) -> None:
    """Numbered steps (explain's fixes), commands on their own `$ ` line under the step."""
    from rich.text import Text

    for n, step in enumerate(steps[:MAX_FIXES], 1):
        text, command = split_fix(step)
        mark = f"{n}."
        if text:
            hang(canvas, indent, mark, prose(text, canvas))
        shift = indent + (len(mark) + 1 if text else 0)
        if command is not None:
            hang(canvas, shift, "$" if text else f"{mark} $", Text(command, style=CODE_STYLE))
