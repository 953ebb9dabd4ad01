"""`check` as a GitHub Actions step, in a subprocess against the loopback fake API: annotations on stdout, a Markdown
table in $GITHUB_STEP_SUMMARY, the exit code, and no key anywhere — not even masked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claude_doctor.mock import running
from claude_doctor.model import CheckResult
from claude_doctor.render.ci import annotation, scrub
from tests.checks.conftest import KEY, Machine


def run_in_actions(m: Machine, summary: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(m.env, HOME=str(m.home), GITHUB_ACTIONS="true", CI="true", GITHUB_STEP_SUMMARY=str(summary))
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", "check", *args],
        cwd=m.cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def no_key_at_all(text: str) -> None:
    assert KEY not in text
    assert "sk-ant-api03-" not in text  # neither whole nor masked


def test_healthy(machine: Machine, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        proc = run_in_actions(machine, summary)
    assert proc.returncode == 0, proc.stdout
    assert "\x1b[" not in proc.stdout  # no ANSI escapes in CI
    assert "::error" not in proc.stdout
    text = summary.read_text()
    assert text.startswith("## claude-doctor check")
    assert "| ✅ | API | GET /v1/models: 3 models visible" in text
    no_key_at_all(text)


def test_failing_key_gives_annotations_summary_and_exit_1(machine: Machine, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("invalid_key") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        proc = run_in_actions(machine, summary)
    assert proc.returncode == 1
    errors = [line for line in proc.stdout.splitlines() if line.startswith("::error title=")]
    assert any("GET /v1/models%3A 401 Authentication failed" in line for line in errors), errors
    text = summary.read_text()
    assert text.startswith("earlier step\n")  # appended, not overwritten
    assert "| ❌ | API |" in text
    assert "### How to fix" in text
    for line in errors:
        no_key_at_all(line)
    no_key_at_all(text)


def test_github_format_and_fork_without_secrets(machine: Machine, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    proc = run_in_actions(machine, summary, "--offline", "--format", "github", "--allow-missing-key")
    assert proc.returncode == 0
    assert proc.stdout.strip().splitlines()[-1].startswith("No problems found") or "warning" in proc.stdout
    assert "| ➖ | Credentials | Python SDK: no credential (allowed by --allow-missing-key)" in summary.read_text()


def test_json_stays_pure_under_actions(machine: Machine, tmp_path: Path) -> None:
    import json

    machine.env["ANTHROPIC_API_KEY"] = KEY
    proc = run_in_actions(machine, tmp_path / "s.md", "--offline", "--json")
    json.loads(proc.stdout)  # no annotations mixed in


@pytest.mark.parametrize(
    "text",
    [
        f"uses ANTHROPIC_API_KEY {KEY}",
        "uses sk-ant-api03-AbCd…wXyz (api_key, 108 chars)",
        "uses sk-ant-api03-AbCd…wXyz (an Anthropic API key, 108 characters)",
        "short sk-ant-oat01-…(9 chars)",
        "other sk-proj-abcdefghijklmnop and AIzaSyA1234567890",
    ],
)
def test_annotations_never_carry_a_credential(text: str) -> None:
    line = annotation(CheckResult("x", "fail", text, "API", text, (text,)))
    assert not re.search(r"sk-ant-api03-|sk-ant-oat01-|sk-proj-|AIza", line)
    assert "[credential]" in scrub(text)
    assert not re.search(r"\d+ char|API key,", scrub(text))  # neither its kind nor its length


def test_annotation_escaping() -> None:
    line = annotation(CheckResult("x", "warn", "a: b, 100%", "API", "line one\nline two"))
    assert line.startswith("::warning title=claude-doctor%3A a%3A b%2C 100%25::")
    assert "%0Aline one%0Aline two" in line
