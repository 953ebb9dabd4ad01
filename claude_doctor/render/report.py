"""A `check` Report for people, flutter-doctor style: one line per section with its worst status, then each section's
checks (details and fixes under problems; everything, with each step's time, under -v), then a verdict that names
what is wrong."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from claude_doctor.i18n import N_, Msg, plural, tr
from claude_doctor.model import SECTIONS, CheckResult, CheckStatus, Report
from claude_doctor.render.console import Canvas
from claude_doctor.render.layout import fixes, hang, prose

STYLE: Final[dict[str, str]] = {"ok": "green", "warn": "yellow", "fail": "bold red", "skip": "dim"}
_RANK: Final[dict[str, int]] = {"skip": 0, "ok": 1, "warn": 2, "fail": 3}
MAX_CAUSES: Final = 3
_WORDS = re.compile(r"[\W_]+")
_SEVERITY = re.compile(r"^(?:fail|warn|ok|skip):\s+")  # a status id at the head of a line is not for people
# The sections' names for people; `section` itself stays English (it is a key in --json).
SECTION_NAMES: Final[dict[str, str]] = {
    "Clients": N_("Clients"),
    "Credentials": N_("Credentials"),
    "Configuration": N_("Configuration"),
    "Network": N_("Network"),
    "API": N_("API"),
}


def sections(report: Report) -> list[tuple[str, list[CheckResult]]]:
    """The report's checks by section, known sections in their order, then any a check added, as they came."""
    by_section: dict[str, list[CheckResult]] = {}
    for check in report.checks:
        by_section.setdefault(check.section, []).append(check)
    order = [s for s in SECTIONS if s in by_section] + [s for s in by_section if s not in SECTIONS]
    return [(name, by_section[name]) for name in order]


def section_name(name: str) -> str:
    """A section's heading in the language being spoken."""
    return tr(SECTION_NAMES.get(name, name))


def worst(checks: Sequence[CheckResult]) -> CheckStatus:
    """A section's symbol is its worst check's; a section of skips only is skipped."""
    return max((c.status for c in checks), key=lambda s: _RANK[s], default="skip")


def counts(checks: Sequence[CheckResult]) -> str:
    """`1 problem, 1 warning, 3 passed`: what a section holds, worst first."""
    n = {s: sum(1 for c in checks if c.status == s) for s in _RANK}
    parts = [
        plural("{n} problem", "{n} problems", n=n["fail"]) if n["fail"] else "",
        plural("{n} warning", "{n} warnings", n=n["warn"]) if n["warn"] else "",
        plural("{n} passed", "{n} passed", n=n["ok"]) if n["ok"] else "",
        plural("{n} skipped", "{n} skipped", n=n["skip"]) if n["skip"] else "",
    ]
    return Msg.joined(N_(", "), [p for p in parts if p])


def _cause(check: CheckResult) -> str:
    """What a failing check is about: its diagnosis' category when it has one (a DNS failure seen by the DNS step and
    again by the API request is one cause), else its title."""
    diagnosis = check.data.get("diagnosis") if isinstance(check.data, dict) else None
    category = diagnosis.get("category") if isinstance(diagnosis, dict) else None
    return f"category:{category}" if isinstance(category, str) and category != "unknown" else check.title.strip()


def _cause_titles(checks: Sequence[CheckResult]) -> list[str]:
    """The titles of the checks that are wrong, one per cause."""
    first: dict[str, str] = {}
    for check in checks:
        first.setdefault(_cause(check), check.title.strip().rstrip("."))
    return list(dict.fromkeys(first.values()))


def _named(titles: list[str]) -> list[str]:
    """The first MAX_CAUSES titles, and how many more there are."""
    named = titles[:MAX_CAUSES]
    if len(titles) > MAX_CAUSES:
        named.append(plural("and {n} more", "and {n} more", n=len(titles) - MAX_CAUSES))
    return named


def _causes(checks: Sequence[CheckResult]) -> str:
    return Msg.joined(N_("; "), _named(_cause_titles(checks)))


def verdict_line(report: Report) -> str:
    """What is wrong, by name, on one line (CI annotations and summaries): `1 problem: GET /v1/models: 401 API key
    not accepted.`"""
    fails = [c for c in report.checks if c.status == "fail"]
    warns = [c for c in report.checks if c.status == "warn"]
    if not fails and not warns:
        passed, skipped = report.count("ok"), report.count("skip")
        if skipped:
            found = plural(
                "No problems found ({n} check passed, {skipped} skipped).",
                "No problems found ({n} checks passed, {skipped} skipped).",
                n=passed,
                skipped=skipped,
            )
            return Msg.joined(" ", [found, *report.not_checked])
        found = plural("No problems found ({n} check passed).", "No problems found ({n} checks passed).", n=passed)
        return Msg.joined(" ", [found, *report.not_checked])
    sentences: list[str] = []
    if fails:
        sentences.append(
            plural("{n} problem: {causes}.", "{n} problems: {causes}.", n=len(fails), causes=_causes(fails))
        )
        if warns:
            sentences.append(plural("{n} warning.", "{n} warnings.", n=len(warns)))
    else:
        sentences.append(
            plural("{n} warning: {causes}.", "{n} warnings: {causes}.", n=len(warns), causes=_causes(warns))
        )
    if report.strict and warns and not fails:
        sentences.append(Msg("(--strict: warnings fail)"))
    return Msg.joined(" ", [*sentences, *report.not_checked])


def verdict_lines(report: Report) -> tuple[str, list[str], list[str]]:
    """The verdict for a terminal: (the count, the causes, what follows). One cause stays on the count's line, as in
    `verdict_line`; several go one a line under it, since a title may hold a semicolon itself."""
    fails = [c for c in report.checks if c.status == "fail"]
    warns = [c for c in report.checks if c.status == "warn"]
    titles = _cause_titles(fails or warns)
    if len(titles) < 2:
        return verdict_line(report), [], []
    tail: list[str] = []
    if fails:
        tail = [plural("{n} warning.", "{n} warnings.", n=len(warns))] if warns else []
        return plural("{n} problem:", "{n} problems:", n=len(fails)), _named(titles), tail
    tail = [Msg("(--strict: warnings fail)")] if report.strict else []
    return plural("{n} warning:", "{n} warnings:", n=len(warns)), _named(titles), tail


def _words(text: str) -> str:
    return _WORDS.sub(" ", text).strip().lower()


def detail_lines(check: CheckResult) -> list[str]:
    """The check's detail without what the title or an earlier line already says; a line that restates the title and
    adds a reason (`X does not resolve: [Errno -2] …`) keeps only the reason."""
    title = _words(check.title)
    body = _words(check.title.split(": ", 1)[1]) if ": " in check.title else title
    shown: list[str] = []
    seen: set[str] = set()
    for raw in check.detail.splitlines():
        line = _SEVERITY.sub("", raw.strip())
        head, sep, rest = line.partition(": ")
        if sep and rest and _words(head) in (title, body):
            line = rest
        words = _words(line)
        if not words or words in seen or words in title:
            continue
        seen.add(words)
        shown.append(line)
    return shown


def _duration(ms: float | None) -> str:
    if ms is None:
        return ""
    if ms >= 1000:
        return Msg("{seconds} s", seconds=f"{ms / 1000:.1f}")
    if ms < 0.5:
        return Msg("under 1 ms")
    return Msg("{ms} ms", ms=f"{ms:.0f}")


def render_report(report: Report, canvas: Canvas, *, verbose: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    grouped = sections(report)
    summary = Table.grid(padding=(0, 1))
    summary.add_column(no_wrap=True)
    summary.add_column(no_wrap=True)
    summary.add_column(overflow="fold")
    for name, checks in grouped:
        status = worst(checks)
        summary.add_row(
            Text(canvas.glyph(status), style=STYLE[status]),
            Text(section_name(name), style="bold"),
            Text(tr(counts(checks)), "dim"),
        )
    canvas.print(summary)
    canvas.print()
    said: set[str] = set()  # fixes already shown: each is said once, under the first problem that needs it
    for name, checks in grouped:
        canvas.print(Text(section_name(name), style="bold"))
        for check in checks:
            _render_check(canvas, check, verbose, said)
        canvas.print()
    style = {"ok": "bold green", "warn": "bold yellow", "fail": "bold red"}[report.verdict]
    head, causes, tail = verdict_lines(report)
    hang(canvas, 0, "", Text(tr(head), style=style))
    mark = canvas.glyph("fail" if report.count("fail") else "warn")
    for n, cause in enumerate(causes):
        if n < MAX_CAUSES:
            hang(canvas, 2, mark, Text(tr(cause)), marker_style=style)
        else:  # "and 2 more", under the causes' text
            hang(canvas, 3 + len(mark), "", Text(tr(cause)))
    for line in tail:
        hang(canvas, 0, "", Text(tr(line), style=style))


def _render_check(canvas: Canvas, check: CheckResult, verbose: bool, said: set[str]) -> None:
    title = prose(check.title, canvas, "dim" if check.status == "skip" else "")
    if verbose and check.duration_ms is not None:
        title.append("  ")
        title.append(tr(_duration(check.duration_ms)), style="dim")
    hang(canvas, 2, canvas.glyph(check.status), title, marker_style=STYLE[check.status])
    problem = check.status in ("warn", "fail")
    # What a check learned (models, rate limits, the status page) is shown without -v.
    if problem or verbose or bool(check.data.get("learned")):
        for line in detail_lines(check):
            hang(canvas, 6, "", prose(line, canvas, "" if problem else "dim"))
    if problem or (verbose and check.fix):
        new = [step for step in check.fix if step not in said]
        said.update(check.fix)
        fixes(canvas, new, 6)


def report_json(report: Report) -> str:
    from claude_doctor.render.jsondoc import dumps

    return dumps(report.to_json(), indent=2)
