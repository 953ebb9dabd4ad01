"""Rendering a `check` Report: flutter-doctor style sections for people, one JSON document for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from claude_doctor.model import SECTIONS, CheckResult, Report
from claude_doctor.render.console import glyphs

if TYPE_CHECKING:
    from rich.console import Console

_STYLE = {"ok": "green", "warn": "yellow", "fail": "red", "skip": "dim"}


def verdict_line(report: Report) -> str:
    fails, warns = report.count("fail"), report.count("warn")
    if not fails and not warns:
        found = f"No problems found ({report.count('ok')} checks passed, {report.count('skip')} skipped)."
        return found + _not_checked(report)
    parts = []
    if fails:
        parts.append(f"{fails} problem{'s' if fails != 1 else ''}")
    if warns:
        parts.append(f"{warns} warning{'s' if warns != 1 else ''}")
    suffix = " (--strict: warnings fail)" if report.strict and warns and not fails else ""
    return ", ".join(parts) + "." + suffix + _not_checked(report)


def _not_checked(report: Report) -> str:
    return "".join(f" {part}" for part in report.not_checked)


def render_report(report: Report, console: Console, *, verbose: bool = False) -> None:
    from rich.text import Text

    g = glyphs(console.file)
    by_section: dict[str, list[CheckResult]] = {}
    for check in report.checks:
        by_section.setdefault(check.section, []).append(check)
    order = [s for s in SECTIONS if s in by_section] + [s for s in by_section if s not in SECTIONS]
    for section in order:
        console.print(Text(section, style="bold"))
        for check in by_section[section]:
            line = Text("  ")
            line.append(g[check.status], style=_STYLE[check.status])
            line.append(f" {check.title}")
            console.print(line)
            # What a check learned (models, rate limits, the status page) is shown without -v.
            show_detail = verbose or check.status in ("warn", "fail") or bool(check.data.get("learned"))
            if show_detail and check.detail:
                for detail_line in check.detail.splitlines():
                    _indented(console, detail_line, "dim" if check.status == "ok" else "")
            if check.status in ("warn", "fail") or verbose:
                for step in check.fix:
                    _indented(console, f"{g['arrow']} {step}", "cyan", hang=len(g["arrow"]) + 1)
        console.print()
    style = {"ok": "bold green", "warn": "bold yellow", "fail": "bold red"}[report.verdict]
    console.print(Text(verdict_line(report), style=style))


def _indented(console: Console, text: str, style: str, hang: int = 0, indent: int = 6) -> None:
    """Wrapped under its check with a hanging indent, and no trailing spaces for CI logs to carry."""
    import textwrap

    from rich.text import Text

    width = max(40, (console.width or 100) - 1)
    lines = textwrap.wrap(
        text, width, initial_indent=" " * indent, subsequent_indent=" " * (indent + hang), break_on_hyphens=False
    ) or [""]
    for line in lines:
        console.print(Text(line, style=style), soft_wrap=True)


def report_json(report: Report) -> str:
    from claude_doctor.render.jsondoc import dumps

    return dumps(report.to_json(), indent=2)
