"""Reports for CI: GitHub Actions workflow commands and a Markdown summary.

Annotations and summaries end up in places many people can read (pull request checks, public logs), so they carry no
key at all: not even the masked form. Text in the summary is shown as written, never interpreted: every character that
Markdown or HTML could act on (links, images, raw HTML, emphasis, table pipes) is backslash-escaped. A bare URL stays
as text; GitHub may still link it, but such a link shows its own address.
"""

from __future__ import annotations

import re

from claude_doctor import secrets
from claude_doctor.i18n import N_, Msg, tr
from claude_doctor.model import SECTIONS, CheckResult, Report
from claude_doctor.render.layout import MAX_FIXES
from claude_doctor.render.report import section_name, verdict_line

# What a masked credential is and how long: "(an Anthropic API key, 108 characters)", "(api_key, 108 chars)", and
# the same in Chinese: "（Anthropic API key，108 个字符）".
_DESCRIPTOR = re.compile(r"\s?[(（](?:[^()（）]*[,，] ?)?\d+ ?(?:chars|characters|个字符)[)）]")
# CommonMark lets any ASCII punctuation be backslash-escaped; these open links and images (a `(` or `!` acts only
# next to a bracket, escaped here), HTML, entities, code, emphasis and table cells.
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_~\[\]<>&|])")
_MARK = {"ok": "✅", "warn": "⚠️", "fail": "❌", "skip": "➖"}


def scrub(text: str) -> str:
    """No credential, masked or not: replaced by a neutral word, and no trace of its kind or length."""
    return _DESCRIPTOR.sub("", secrets.scrub(text)).strip()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(check: CheckResult) -> str:
    level = "error" if check.status == "fail" else "warning"
    title = _escape_property(scrub(f"claude-doctor: {check.title}"))
    body = [scrub(check.title)]
    body += [scrub(line) for line in check.detail.splitlines()[:6] if line.strip()]
    body += [tr(Msg("Fix: {step}", step=scrub(step))) for step in check.fix[:3]]
    return f"::{level} title={title}::{_escape_data(chr(10).join(body))}"


def github_annotations(report: Report) -> str:
    lines = [annotation(c) for c in report.checks if c.status in ("fail", "warn")]
    return "".join(line + "\n" for line in lines)


def markdown_text(text: str) -> str:
    """`text` as literal Markdown inline text, on one line."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", text).replace("\n", "<br>")


def _cell(text: str) -> str:
    return markdown_text(scrub(text))


def markdown_report(report: Report) -> str:
    heads = [tr(N_("Section")), tr(N_("Check")), tr(N_("Detail"))]
    out = ["## claude-doctor check", "", f"**{_cell(tr(verdict_line(report)))}**", ""]
    out += ["| | " + " | ".join(heads) + " |", "|---|---|---|---|"]
    order = {name: i for i, name in enumerate(SECTIONS)}
    for check in sorted(report.checks, key=lambda c: order.get(c.section, len(order))):
        detail = check.detail.splitlines()[0] if check.detail and check.status in ("warn", "fail") else ""
        section = _cell(section_name(check.section))
        out.append(f"| {_MARK[check.status]} | {section} | {_cell(check.title)} | {_cell(detail)} |")
    said: set[str] = set()
    fixes = []
    for c in report.checks:
        if c.status in ("warn", "fail"):
            for step in c.fix[:MAX_FIXES]:  # as on the terminal: three a problem, each step once
                if step not in said:
                    said.add(step)
                    fixes.append((c, step))
    if fixes:
        out += ["", "### " + tr(N_("How to fix")), ""]
        out += [f"- **{_cell(c.title)}**: {_cell(step)}" for c, step in fixes]
    return "\n".join(out) + "\n"
