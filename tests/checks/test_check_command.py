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


# -- the fast path: the same options as Typer's, without Typer's start-up ----------------------------------------------

# (argv, whether the fast path takes it); what it does not take goes to Typer, which owns the messages.
GRAMMAR = [
    (["check"], True),
    (["check", "--offline"], True),
    (["check", "--offline", "--json", "--strict", "-v"], True),
    (["check", "--format", "markdown", "--output", "report.md"], True),
    (["check", "--format=github", "--output=out.txt", "--verbose"], True),
    (["check", "--timeout", "2.5", "--model", "claude-haiku-4-5", "--send"], True),
    (["check", "--timeout=3", "--run-helpers", "--allow-missing-key", "--debug"], True),
    (["check", "--json", "--format", "table"], True),
    (["check", "--offline", "--offline"], True),
    (["check", "--for", "python", "--for=claude-code", "--run-project-helper"], True),
    (["check", "--for", "all", "--offline"], True),
    (["check", "--format", "yaml"], False),  # not a format
    (["check", "--for", "rust"], False),  # not a client
    (["check", "--timeout", "soon"], False),  # not a number
    (["check", "--timeout"], False),  # no value
    (["check", "--model", "--offline"], False),  # a value that looks like an option
    (["check", "--help"], False),
    (["check", "--bogus"], False),
    (["check", "extra"], False),
    (["check", "-vx"], False),
]


@pytest.mark.parametrize(("argv", "taken"), GRAMMAR, ids=[" ".join(a[1:]) or "bare" for a, _ in GRAMMAR])
def test_fast_path_parses_like_typer(argv: list[str], taken: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whenever the fast path takes a command line, Typer would have called `check` with exactly the same options."""
    from typer.testing import CliRunner

    from claude_doctor import entrypoint, shell
    from claude_doctor.cli import app

    seen: list[dict[str, object]] = []

    def record(**options: object) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(shell, "run_check", record)
    result = CliRunner().invoke(app, argv)
    fast = entrypoint.fast_check_args(argv)
    assert (fast is not None) is taken
    if fast is not None:
        assert result.exit_code == 0, result.output
        assert seen == [fast]


_IMPORT_PROBE = """
import sys
from claude_doctor import entrypoint
try:
    entrypoint._run(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in ("httpx", "dotenv", "anthropic", "typer", "pydantic", "ssl") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_offline_check_stays_light(machine: Machine, fmt: str) -> None:
    """No network library, no Typer, and dotenv only when there is a .env to read."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(HOME=str(machine.home), NO_COLOR="1", ANTHROPIC_API_KEY=KEY)
    argv = [sys.executable, "-c", _IMPORT_PROBE, "check", "--offline", "--format", fmt]
    proc = subprocess.run(argv, cwd=machine.cwd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert "HEAVY=\n" in proc.stderr + "\n", proc.stderr
    machine.write(machine.cwd / ".env", "ANTHROPIC_MODEL=claude-haiku-4-5\n")
    proc = subprocess.run(argv, cwd=machine.cwd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert "HEAVY=dotenv\n" in proc.stderr, proc.stderr
