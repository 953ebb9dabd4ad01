"""The process environment: the one copy of `os.environ` (with the working and home directories) a run takes, and the
variables in it that matter to Claude's clients."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import RELEVANT_VARS, VERTEX_REGION_PREFIX, Inventory, Setting
from claude_doctor.checks.sources.files import safe_text
from claude_doctor.i18n import N_

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext


def this_process() -> tuple[dict[str, str], Path, Path]:
    """(environment, working directory, home directory), copied once so that every check sees the same values."""
    return dict(os.environ), Path.cwd(), Path.home()


def collect_environment(ctx: CheckContext, inv: Inventory) -> None:
    names = [*RELEVANT_VARS, *sorted(n for n in ctx.env if n.startswith(VERTEX_REGION_PREFIX))]
    for name in names:
        if name in ctx.env:
            # Bytes that are not UTF-8 arrive as lone surrogates: replaced here, so no check or writer trips on them.
            inv.env.append(Setting(name, safe_text(ctx.env[name]), N_("environment"), "env"))
