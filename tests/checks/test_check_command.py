"""`claude-doctor check` end to end in a subprocess: exit codes, JSON shape, and no secret in any output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.checks.conftest import KEY, KEY2, OAT, Machine


def run(m: Machine, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(m.env, HOME=str(m.home), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        cwd=m.cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_json_shape_and_exit_codes(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    proc = run(machine, "check", "--offline", "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["verdict"] in {"ok", "warn"}
    for check in doc["checks"]:
        assert set(check) >= {"id", "status", "title", "detail", "fix", "data"}
        assert check["status"] in {"ok", "warn", "fail", "skip"}


def test_failure_exits_1_and_warning_needs_strict(machine: Machine) -> None:
    assert run(machine, "check", "--offline").returncode == 1  # no credential at all
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.env["ANTHROPIC_BASE_URL"] = "https://llm-gateway.corp.example"
    relaxed = run(machine, "check", "--offline", "--json")
    assert json.loads(relaxed.stdout)["verdict"] == "warn"
    assert relaxed.returncode == 0
    assert run(machine, "check", "--offline", "--strict").returncode == 1


def test_allow_missing_key(machine: Machine) -> None:
    assert run(machine, "check", "--offline", "--allow-missing-key").returncode == 0


@pytest.mark.parametrize("args", [("--timeout", "0"), ("--format", "yaml"), ("--bogus",)])
def test_usage_errors(machine: Machine, args: tuple[str, ...]) -> None:
    proc = run(machine, "check", "--offline", *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_output_file(machine: Machine, tmp_path: Path) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    target = tmp_path / "report.json"
    proc = run(machine, "check", "--offline", "--json", "--output", str(target))
    assert proc.stdout == ""
    assert json.loads(target.read_text())["checks"]


def test_key_never_appears_in_any_output(machine: Machine, tmp_path: Path) -> None:
    """Keys everywhere a key can hide, each output format and command: not one of them is printed whole."""
    secrets = [KEY, KEY2, OAT, " " + KEY2[:-3]]
    machine.env["ANTHROPIC_API_KEY"] = secrets[3]
    machine.env["ANTHROPIC_AUTH_TOKEN"] = KEY2
    machine.env["ANTHROPIC_CUSTOM_HEADERS"] = f"X-Relay-Token: {KEY}"
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\nbroken {KEY}\n", mode=0o644)
    machine.write(machine.home / ".claude.json", {"primaryApiKey": KEY, "anthropic_api_key": KEY2})
    machine.write(
        machine.home / ".claude" / "settings.json",
        {"env": {"CLAUDE_CODE_OAUTH_TOKEN": OAT}, "apiKeyHelper": f"echo {KEY}"},
    )
    machine.write(machine.home / ".claude" / ".credentials.json", {"claudeAiOauth": {"accessToken": OAT}})
    paste = tmp_path / "error.txt"
    paste.write_text(f'{{"type":"error","error":{{"type":"authentication_error","message":"bad key {KEY}"}}}}')
    outputs = []
    for args in (
        ("check", "--offline"),
        ("check", "--offline", "-v"),
        ("check", "--offline", "--json"),
        ("check", "--offline", "-v", "--run-helpers"),
        ("check", "--offline", "--json", "--run-helpers"),
        ("check", "--offline", "--format", "markdown"),
        ("check", "--offline", "--format", "github"),
        ("explain", str(paste)),
        ("explain", "--json", str(paste)),
    ):
        proc = run(machine, *args)
        assert "Traceback" not in proc.stderr, proc.stderr
        outputs.append(proc.stdout + proc.stderr)
    text = "\n".join(outputs)
    assert "sk-ant-api03-" in text  # the masked forms are there
    for secret in secrets:
        core = secret.strip()
        assert core not in text
        assert core[13:-4] not in text  # not even the middle of it
