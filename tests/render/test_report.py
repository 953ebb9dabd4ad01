"""The check report as people read it: sections, glyphs, details under problems only, the verdict line."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from claude_doctor.model import CheckResult, Report
from claude_doctor.render.report import render_report, report_json, verdict_line

CHECKS = (
    CheckResult("a", "ok", "Key found", "Credentials", "ok detail"),
    CheckResult("b", "warn", "Endpoint is a relay", "Configuration", "warn detail", ("use https",)),
    CheckResult("c", "fail", "No model", "Configuration", "fail detail " + "word " * 40, ("set it",)),
    CheckResult("d", "skip", "Not set up", "Credentials"),
)


@pytest.mark.parametrize(
    ("statuses", "strict", "line"),
    [
        (("ok", "skip"), False, "No problems found (1 checks passed, 1 skipped)."),
        (("ok", "warn"), False, "1 warning."),
        (("warn", "warn"), True, "2 warnings. (--strict: warnings fail)"),
        (("fail", "fail", "warn"), False, "2 problems, 1 warning."),
    ],
)
def test_verdict_line(statuses: tuple[str, ...], strict: bool, line: str) -> None:
    report = Report(tuple(CheckResult(str(i), s, "t") for i, s in enumerate(statuses)), strict=strict)  # type: ignore[arg-type]
    assert verdict_line(report) == line


def render(verbose: bool, encoding: str = "utf-8") -> str:
    buffer = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    console = Console(file=buffer, width=80, no_color=True, color_system=None)
    render_report(Report(CHECKS), console, verbose=verbose)
    buffer.flush()
    buffer.seek(0)
    return buffer.read()


def test_sections_glyphs_and_details() -> None:
    text = render(verbose=False)
    assert text.index("Credentials") < text.index("Configuration")
    assert "  ✓ Key found" in text
    assert "  ! Endpoint is a relay" in text
    assert "  ✗ No model" in text
    assert "  – Not set up" in text
    assert "ok detail" not in text
    assert "warn detail" in text
    assert "→ set it" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    assert not any(line.endswith(" ") for line in text.splitlines())
    assert text.rstrip().endswith("1 problem, 1 warning.")


def test_verbose_shows_passing_details() -> None:
    assert "ok detail" in render(verbose=True)


def test_ascii_fallback() -> None:
    text = render(verbose=False, encoding="ascii")
    assert "  x No model" in text
    assert "-> set it" in text


def test_json_has_the_documented_keys() -> None:
    import json

    doc = json.loads(report_json(Report(CHECKS)))
    assert doc["verdict"] == "fail"
    assert [c["id"] for c in doc["checks"]] == ["a", "b", "c", "d"]
    assert set(doc["checks"][0]) >= {"id", "status", "title", "detail", "fix", "data"}
