"""Text that cannot be encoded is replaced, never raised: lone surrogates in a message, a paste, an argument, an
environment value (surrogateescape from `os.environ`) or a file, written to UTF-8, ASCII (`PYTHONIOENCODING=ascii`)
and POSIX-locale streams, in every format of every command. Run as real processes, with their real streams."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# How the process's streams are set up: (name, variables).
ENCODINGS = [
    pytest.param({"PYTHONIOENCODING": "utf-8"}, id="utf8"),
    pytest.param({"PYTHONIOENCODING": "ascii"}, id="ascii"),
    pytest.param({"LC_ALL": "POSIX"}, id="posix"),
    # The POSIX locale as Python sees it when told not to coerce it to UTF-8: ASCII streams.
    pytest.param({"LC_ALL": "POSIX", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, id="posix_ascii"),
]
SURROGATE_ENV = "x\udced\udca0\udc80 \udcff"  # the bytes ED A0 80 and FF, as os.environ hands them over
# An error message that decodes to a lone surrogate, with text an ASCII stream cannot hold either.
PASTE = (
    'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"\\ud800 中文 \\udfff ✓ é"},'
    '"request_id":"req_011CAbc123"}\n'
).encode()
INVALID_UTF8 = b"2025-06-01T10:00:00Z ERROR API Error: 529 \xed\xa0\x80 \xff\xfe overloaded_error \xe4\xb8\n"


def run(
    args: list[str], streams: dict[str, str], tmp_path: Path, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ANTHROPIC_", "CLAUDE_", "GITHUB_", "LC_", "PYTHONIO", "PYTHONUTF8"))
    }
    home = tmp_path / "home"
    (home / ".claude").mkdir(parents=True, exist_ok=True)
    (home / ".claude.json").write_text('{"oauthAccount": {"emailAddress": "a\\ud800@example.com"}}')
    (home / ".claude" / "settings.json").write_text('{"model": "m\\ud800", "env": {"ANTHROPIC_MODEL": "\\udcff"}}')
    env.update(
        streams,
        HOME=str(home),
        ANTHROPIC_API_KEY="sk-ant-api03-" + SURROGATE_ENV,
        ANTHROPIC_MODEL=SURROGATE_ENV,
        GITHUB_ACTIONS="true",
        GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"),
    )
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        input=stdin,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=False,
    )


def no_crash(proc: subprocess.CompletedProcess[bytes], codes: tuple[int, ...]) -> None:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
    assert b"UnicodeEncodeError" not in proc.stderr + proc.stdout
    assert proc.returncode in codes, proc.stderr.decode("utf-8", "replace")


def json_document(proc: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    document: dict[str, object] = json.loads(proc.stdout)
    return document


@pytest.mark.parametrize("streams", ENCODINGS)
def test_explain(streams: dict[str, str], tmp_path: Path) -> None:
    proc = run(["explain", "overloaded_error " + SURROGATE_ENV], streams, tmp_path)  # in an argument
    no_crash(proc, (0,))
    runs = [run(["explain", *flags, "-"], streams, tmp_path, stdin=PASTE) for flags in ([], ["--json"])]
    for proc in runs:
        assert b"Traceback" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
        assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    message = json_document(runs[-1])["message"]
    assert isinstance(message, str)
    assert "中文" in message
    for proc in runs:
        no_crash(proc, (0,))
        assert b"overloaded" in proc.stdout
    assert isinstance(message, str)
    assert "中文" in message  # kept (as \u escapes on an ASCII stream), the surrogates replaced
    assert "\ufffd" in message


@pytest.mark.parametrize("streams", ENCODINGS)
def test_scan(streams: dict[str, str], tmp_path: Path) -> None:
    log = tmp_path / ("log \udcff.txt")  # a file name that is not UTF-8 either
    log.write_bytes(INVALID_UTF8 + PASTE)
    for flags in ([], ["--json"]):
        proc = run(["scan", *flags, str(log)], streams, tmp_path)
        no_crash(proc, (1,))
    assert json_document(proc)["errors"] == 2
    assert json_document(proc)["errors"] == 2


@pytest.mark.parametrize("streams", ENCODINGS)
def test_check(streams: dict[str, str], tmp_path: Path) -> None:
    for fmt in ("table", "markdown", "github", "json"):
        proc = run(["check", "--offline", "--format", fmt], streams, tmp_path)
        no_crash(proc, (0, 1))
        assert proc.stdout
    assert json_document(proc)["checks"]
    assert "ANTHROPIC\\_MODEL" in (tmp_path / "summary.md").read_text(encoding="utf-8")
