"""`claude-doctor mock` as a process: the first two lines, one log line per request, a clean stop on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys

import httpx
import pytest

KEY = "sk-ant-api03-" + "m0cK" * 23 + "xAA"


def test_prints_url_logs_requests_and_stops_on_ctrl_c() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "claude_doctor", "mock", "--scenario", "overloaded,ok"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        export = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert export == f"export ANTHROPIC_BASE_URL={base_url}"
        headers = {"x-api-key": KEY}
        assert httpx.get(f"{base_url}/v1/models", headers=headers, timeout=5).status_code == 529
        assert httpx.get(f"{base_url}/v1/models", headers=headers, timeout=5).status_code == 200
        assert httpx.get(f"{base_url}/v1/models", headers=headers, timeout=5).status_code == 200  # last step repeats
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("GET ")]
    assert lines[0].startswith("GET /v1/models step 1 overloaded -> 529 key=sk-ant-api03-m0cK…")
    assert len(lines) == 3
    assert KEY not in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("--scenario", "explode"), "unknown scenario 'explode'"), (("--latency", "-5"), "--latency")],
)
def test_usage_errors(args: tuple[str, ...], needle: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claude_doctor", "mock", *args], capture_output=True, text=True, timeout=30, check=False
    )
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_port_in_use() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "claude_doctor", "mock", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert proc.returncode == 2
    assert "cannot listen" in proc.stderr


def test_help_and_docs_name_every_scenario() -> None:
    from pathlib import Path

    from claude_doctor.cli import mock
    from claude_doctor.mock import SCENARIO_NAMES

    docs = (Path(__file__).resolve().parents[2] / "docs" / "mock.md").read_text(encoding="utf-8")
    listed = " ".join((mock.__doc__ or "").split())
    for name in SCENARIO_NAMES:
        assert f" {name}," in listed or f" {name}." in listed, name
        assert f"| `{name}` |" in docs, name
