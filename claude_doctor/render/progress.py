"""What moves on the terminal while a command works: `check`'s status line and `scan`'s progress bar. Only on an
interactive standard error, never in CI, never when the output is JSON or a file."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claude_doctor.render.console import is_ci, terminal

if TYPE_CHECKING:
    from rich.console import Console

PROGRESS_MIN_BYTES = 32 * 1024 * 1024


def _interactive() -> bool:
    return not is_ci() and sys.stderr.isatty()


def _live_console() -> Console:
    """A rich console straight on standard error, for what moves there while a command works."""
    from rich.console import Console

    term = terminal(sys.stderr)
    return Console(
        file=sys.stderr,
        force_terminal=term.color or None,
        no_color=not term.color,
        color_system="standard" if term.color else None,
        highlight=False,
        markup=False,
        emoji=False,
        width=term.width,
    )


def check_status(
    fmt: str, output: Path | None, language: str | None = None
) -> tuple[Any, Callable[[str], None] | None]:
    """A context manager and the callback `check` calls with what it is waiting on, in `language` (`--lang` as
    typed; None: the locale's) where standard error can show it."""
    if fmt != "table" or output is not None or not _interactive():
        return contextlib.nullcontext(), None
    import os

    from claude_doctor.i18n import ENGLISH, Msg, language_from_env, translate
    from claude_doctor.render.console import fit
    from claude_doctor.render.emit import speaks
    from claude_doctor.render.neutral import neutralise
    from claude_doctor.secrets import redact

    term = terminal(sys.stderr)
    asked = language_from_env(os.environ, language)
    speaking = asked if speaks(sys.stderr, asked, os.environ) else ENGLISH
    checking = fit(translate(Msg("Checking…"), speaking), term)
    # Braille dots where the terminal shows them, a turning line where it is ASCII only.
    status = _live_console().status(checking, spinner="dots" if term.shows("⠋") else "line")

    def update(waiting: str) -> None:
        # Host names and URLs from the environment: inert and masked like everything else on the screen.
        step = redact(neutralise(waiting))
        status.update(fit(translate(Msg("Waiting on {step}…", step=step), speaking), term) if waiting else checking)

    return status, update


def scan_bar(names: list[str]) -> tuple[Any, Callable[[int], None] | None]:
    """A context manager and the callback `scan` calls with the bytes it has read, for inputs worth a bar."""
    sizes = []
    for name in names:
        try:
            sizes.append(Path(name).stat().st_size if name != "-" else 0)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    if total < PROGRESS_MIN_BYTES or not _interactive():
        return contextlib.nullcontext(), None
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from claude_doctor.i18n import Msg

    bar = Progress(
        Msg("scanning"),
        BarColumn(),  # rich draws it in ASCII itself when standard error cannot encode its line
        DownloadColumn(),
        TimeRemainingColumn(),
        console=_live_console(),
        transient=True,
    )
    task = bar.add_task("scan", total=total)
    return bar, lambda n: bar.advance(task, n)
