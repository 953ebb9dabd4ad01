"""One place that decides colour, glyphs and terminal behaviour, for every command.

Honours NO_COLOR (https://no-color.org) and FORCE_COLOR, and turns colour, spinners and ANSI escapes off in CI.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

_CI_MARKERS = ("GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")


def is_ci(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if env.get("CI", "").lower() in ("true", "1", "yes"):
        return True
    return any(env.get(name) for name in _CI_MARKERS)


def color_wanted(env: Mapping[str, str] | None = None) -> bool | None:
    """False when colour must be off, True when forced on, None to let the terminal decide."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR", ""):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    if is_ci(env):
        return False
    return None


def make_console(file: IO[str] | None = None, *, stderr: bool = False, width: int | None = None) -> Console:
    from rich.console import Console

    wanted = color_wanted()
    return Console(
        file=file,
        stderr=stderr,
        force_terminal=True if wanted else (False if wanted is False else None),
        no_color=wanted is False,
        color_system=None if wanted is False else "auto",
        highlight=False,
        emoji=False,
        width=width if width is not None else (100 if is_ci() else None),
        soft_wrap=False,
    )


def can_encode(text: str, stream: IO[str] | None = None) -> bool:
    # A StringIO has no encoding: judge by the terminal the text is bound for.
    encoding = getattr(stream, "encoding", None) or getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def glyphs(stream: IO[str] | None = None) -> dict[str, str]:
    """✓ ! ✗ – and …, or ASCII stand-ins when the stream cannot encode them."""
    fancy = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "–", "ellipsis": "…", "arrow": "→"}
    if can_encode("".join(fancy.values()), stream):
        return fancy
    return {"ok": "+", "warn": "!", "fail": "x", "skip": "-", "ellipsis": "...", "arrow": "->"}
