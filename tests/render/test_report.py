"""The check report as people read it: sections, glyphs, details under problems only, the verdict line."""

from __future__ import annotations

import pytest

from claude_doctor.model import CheckResult, CheckRun, Report
from claude_doctor.render.console import Terminal
from claude_doctor.render.human import draw
from claude_doctor.render.report import detail_lines, report_json, verdict_line

CHECKS = (
    CheckResult("a", "ok", "Key found", "Credentials", "ok detail"),
    CheckResult("b", "warn", "Endpoint is a relay", "Configuration", "warn detail", ("use https",)),
    CheckResult("c", "fail", "No model", "Configuration", "fail detail " + "word " * 40, ("set it",)),
    CheckResult("d", "skip", "Not set up", "Credentials"),
)


@pytest.mark.parametrize(
    ("statuses", "strict", "line"),
    [
        (("ok", "skip"), False, "No problems found (1 check passed, 1 skipped)."),
        (("ok", "ok"), False, "No problems found (2 checks passed)."),
        (("ok", "warn"), False, "1 warning: t1."),
        (("warn", "warn"), True, "2 warnings: t0; t1. (--strict: warnings fail)"),
        (("fail", "fail", "warn"), False, "2 problems: t0; t1. 1 warning."),
        (("fail",) * 5, False, "5 problems: t0; t1; t2; and 2 more."),
    ],
)
def test_verdict_line(statuses: tuple[str, ...], strict: bool, line: str) -> None:
    """The verdict names what is wrong (at most three, each once), not only how many."""
    report = Report(tuple(CheckResult(str(i), s, f"t{i}") for i, s in enumerate(statuses)), strict=strict)  # type: ignore[arg-type]
    assert verdict_line(report) == line


def test_verdict_names_each_cause_once() -> None:
    report = Report((CheckResult("a", "fail", "Key rejected (401)"), CheckResult("b", "fail", "Key rejected (401)")))
    assert verdict_line(report) == "2 problems: Key rejected (401)."


def render(verbose: bool, encoding: str = "utf-8", width: int = 80) -> str:
    return draw(CheckRun(report=Report(CHECKS)), Terminal(width=width, encodings=(encoding,)), verbose=verbose)


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
    assert text.rstrip().endswith("1 problem: No model. 1 warning.")


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


def test_one_summary_line_per_section_with_its_worst_status() -> None:
    lines = render(verbose=False).splitlines()
    assert lines[0].split() == ["✓", "Credentials", "1", "passed,", "1", "skipped"]
    assert lines[1].split()[:2] == ["✗", "Configuration"]
    assert "1 problem, 1 warning" in lines[1]
    extra = CheckResult("e", "warn", "Relay answers", "Relays", "slow")
    text = draw(CheckRun(report=Report((*CHECKS, extra))), Terminal(width=80))
    assert text.splitlines()[2].split() == ["!", "Relays", "1", "warning"]  # a section a check adds comes last


def test_verbose_adds_each_steps_time() -> None:
    timed = CheckResult("t", "ok", "DNS resolves", "Network", duration_ms=12.4)
    text = draw(CheckRun(report=Report((timed,))), Terminal(width=80), verbose=True)
    assert "✓ DNS resolves  12 ms" in text
    assert "12 ms" not in draw(CheckRun(report=Report((timed,))), Terminal(width=80))


def test_at_most_three_fixes_and_commands_apart() -> None:
    steps = ("chmod 600 ~/.env", "set it: `export ANTHROPIC_API_KEY=sk-ant-api03-…`", "third", "fourth")
    check = CheckResult("f", "fail", "Key file is readable", "Credentials", fix=steps)
    lines = draw(CheckRun(report=Report((check,))), Terminal(width=80)).splitlines()
    assert "      $ chmod 600 ~/.env" in lines
    assert "      → set it:" in lines
    assert "        $ export ANTHROPIC_API_KEY=sk-ant-api03-…" in lines  # under its prose
    assert "      → third" in lines
    assert not any("fourth" in line for line in lines)


@pytest.mark.parametrize(
    ("title", "detail", "shown"),
    [
        ("X is wrong", "fail: X is wrong", []),  # the detail restates the title
        ("X is wrong", "X is wrong\nand why", ["and why"]),
        (
            "DNS: h does not resolve",
            "h does not resolve: [Errno -2] Name or service not known",
            ["[Errno -2] Name or service not known"],
        ),
        ("T", "a\na\n\nb", ["a", "b"]),  # each line once
    ],
)
def test_detail_never_repeats_the_title(title: str, detail: str, shown: list[str]) -> None:
    assert detail_lines(CheckResult("d", "fail", title, detail=detail)) == shown


def test_several_causes_one_a_line_under_the_count() -> None:
    checks = tuple(CheckResult(str(i), "fail", f"cause {i}; with a semicolon", "API") for i in range(5))
    warn = CheckResult("w", "warn", "a warning", "API")
    lines = draw(CheckRun(report=Report((*checks, warn))), Terminal(width=80)).splitlines()
    at = lines.index("5 problems:")
    assert lines[at + 1 : at + 6] == [
        "  ✗ cause 0; with a semicolon",
        "  ✗ cause 1; with a semicolon",
        "  ✗ cause 2; with a semicolon",
        "    and 2 more",
        "1 warning.",
    ]


def test_one_cause_per_category() -> None:
    """A DNS failure seen by the DNS step and again by the API request is one cause."""
    dns = {"diagnosis": {"category": "dns"}}
    checks = (
        CheckResult("network.dns", "fail", "DNS: h does not resolve", "Network", data=dns),
        CheckResult("api.models", "fail", "GET /v1/models: host name could not be resolved", "API", data=dns),
    )
    assert verdict_line(Report(checks)) == "2 problems: DNS: h does not resolve."


def test_markdown_fixes_three_a_problem_each_once() -> None:
    from claude_doctor.render.ci import markdown_report

    a = CheckResult("a", "fail", "A", "API", fix=("one", "two", "three", "four"))
    b = CheckResult("b", "fail", "B", "API", fix=("one", "five"))
    text = markdown_report(Report((a, b)))
    steps = [line for line in text.splitlines() if line.startswith("- **")]
    assert steps == ["- **A**: one", "- **A**: two", "- **A**: three", "- **B**: five"]
