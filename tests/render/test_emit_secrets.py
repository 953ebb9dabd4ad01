"""`emit` masks every secret found on the machine, in every format, even one no credential shape recognises.

The carrier is a relay token (`ANTHROPIC_AUTH_TOKEN`) that matches no shape in `secrets.SHAPES`, copied where checks
show values as they are: into a per-user relay URL and, by mistake, into `ANTHROPIC_MODEL`. Only the result's
`secrets` list, applied by `emit`, can mask it there; the test first proves that the report really carries it.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.mock import running
from claude_doctor.model import CheckRun
from claude_doctor.render import emit
from claude_doctor.render.emit import FORMATS, Format
from claude_doctor.secrets import mask, redact
from tests.checks.conftest import Machine

TOKEN = "relay-token-0123456789abcdef"


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[Machine]:
    """A machine set up for a relay that failing checks will report on (the mock answers 401 to everything)."""
    machine = Machine(tmp_path / "machine")
    machine.home.mkdir(parents=True)
    machine.cwd.mkdir(parents=True)
    with running("invalid_key") as mock:
        machine.env.update(
            ANTHROPIC_AUTH_TOKEN=TOKEN,
            ANTHROPIC_BASE_URL=f"{mock.base_url}/{TOKEN}",
            ANTHROPIC_MODEL=TOKEN,
        )
        yield machine


@pytest.fixture
def report(relay: Machine) -> CheckRun:
    run = build_report(relay.ctx(offline=False, timeout=8.0))
    assert run.exit_code == 1
    document = json.dumps(run.to_json(), ensure_ascii=False)
    assert TOKEN in document, "the report no longer carries the token: find another carrier for this test"
    assert TOKEN in redact(document), "a shape now recognises the token: it no longer tests the secrets list alone"
    assert TOKEN in run.secrets
    return run


def _emit(run: CheckRun, fmt: Format, tmp_path: Path, **kwargs: object) -> tuple[int, str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    summary = tmp_path / f"summary-{fmt}.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    code = emit(run, fmt, out=out, err=err, env=env, **kwargs)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue(), summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("verbose", [False, True])
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_prints_the_raw_secret(
    report: CheckRun, tmp_path: Path, fmt: Format, verbose: bool, language: str
) -> None:
    """In Chinese too: translation fills values into sentences before masking, and must not bring a secret back."""
    code, out, err, summary = _emit(report, fmt, tmp_path, verbose=verbose, language=language)
    assert code == 1
    assert out.strip()
    assert summary.startswith("## claude-doctor check")
    if language == "zh-CN" and fmt != "json":
        assert "凭据" in out + summary  # it is the Chinese report
    for where, text in (("stdout", out), ("stderr", err), ("step summary", summary)):
        assert TOKEN not in text, f"{fmt}: the token in {where}"
        assert "0123456789abcdef" not in text, f"{fmt}: most of the token in {where}"
    if fmt in ("table", "json"):
        assert mask(TOKEN) in out  # masked where it was, not dropped
    else:
        assert "rela…" not in out  # CI formats carry no credential at all, not even masked
    assert "rela…" not in summary


def test_report_written_to_a_file(report: CheckRun, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, _err, _summary = _emit(report, "json", tmp_path, output=target)
    assert code == 1
    text = target.read_text(encoding="utf-8")
    assert TOKEN not in text
    assert mask(TOKEN) in text
    assert TOKEN not in out


@pytest.mark.parametrize("args", [(), ("--json",), ("--format", "markdown"), ("--format", "github", "-v")])
def test_the_command_line_prints_no_raw_secret(relay: Machine, tmp_path: Path, args: tuple[str, ...]) -> None:
    summary = tmp_path / "summary.md"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(relay.env, HOME=str(relay.home), GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    proc = subprocess.run(
        [sys.executable, "-m", "claude_doctor", "check", "--timeout", "8", *args],
        cwd=relay.cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    for text in (proc.stdout, proc.stderr, summary.read_text(encoding="utf-8")):
        assert TOKEN not in text
        assert "0123456789abcdef" not in text
