"""`.env` files from the working directory up to the repository root, parsed the way python-dotenv parses them.

Only programs that call `load_dotenv()` see these values; the SDK itself never reads them.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import FileProblem, Inventory, Setting, is_relevant
from claude_doctor.checks.sources.files import TextFile, read_text_file
from claude_doctor.checks.sources.git import repo_root
from claude_doctor.i18n import N_

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext


def collect_dotenv(ctx: CheckContext, inv: Inventory) -> None:
    root = repo_root(ctx.cwd)
    folders = [ctx.cwd]
    if root is not None and root != ctx.cwd:
        folders.extend(p for p in ctx.cwd.parents if p == root or root in p.parents)
    for folder in folders:
        path = folder / ".env"
        loaded = read_text_file(path)
        if loaded is None:
            continue
        if isinstance(loaded, FileProblem):
            inv.problems.append(loaded)
            continue
        inv.dotenv_files.append(str(path))
        _note_encoding(loaded, inv)
        from dotenv.parser import parse_stream  # only when a .env exists: dotenv costs start-up time

        for binding in parse_stream(io.StringIO(loaded.text)):
            if binding.error:
                inv.dotenv_bad_lines.append((str(path), binding.original.line, binding.original.string.strip()))
            elif binding.key is not None and is_relevant(binding.key) and binding.value is not None:
                where = f".env ({ctx.pretty(path)})"
                inv.dotenv.append(Setting(binding.key, binding.value, where, "dotenv", str(path)))


def _note_encoding(loaded: TextFile, inv: Inventory) -> None:
    if loaded.had_bom:
        inv.problems.append(
            FileProblem(
                loaded.path,
                "warn",
                N_("starts with a byte-order mark (BOM); some loaders then miss the first variable"),
                N_("save it as UTF-8 without BOM"),
            )
        )
