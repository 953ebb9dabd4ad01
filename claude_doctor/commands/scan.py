"""`claude-doctor scan LOG...`: every Claude API error in the logs, grouped. Exit 0 none found, 1 some found, 2 when no
input could be read."""

from __future__ import annotations

from collections.abc import Callable

from claude_doctor.i18n import Msg
from claude_doctor.model import ScanResult
from claude_doctor.scan.engine import scan_sources
from claude_doctor.scan.summary import summarise


def run(files: list[str], *, on_progress: Callable[[int], None] | None = None) -> ScanResult:
    totals, tally = scan_sources(files, on_progress=on_progress)
    summary = summarise(totals, tally.sorted(), tally.timeline)
    code = 2 if not totals.files else (1 if summary.groups else 0)
    return ScanResult(
        summary=summary, exit_code=code, notes=tuple(Msg("warning: {problem}", problem=p) for p in totals.problems)
    )
