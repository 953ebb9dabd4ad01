"""The remote checks finish inside `--timeout` even when a server never answers."""

from __future__ import annotations

import time

from claude_doctor.mock import running
from tests.checks.conftest import Machine
from tests.checks.servers import category, online, silent_listener


def test_hang_finishes_inside_the_timeout(machine: Machine) -> None:
    with running("hang") as mock:
        started = time.monotonic()
        results = online(machine, mock.base_url, timeout=2.0)
        elapsed = time.monotonic() - started
    assert elapsed < 3.0
    failed = [r for r in results.values() if r.section == "API" and r.status == "fail"]
    assert failed
    assert category(failed[0]) == "timeout"


def test_silent_listener_finishes_inside_the_timeout(machine: Machine) -> None:
    with silent_listener() as port:
        started = time.monotonic()
        results = online(machine, f"https://127.0.0.1:{port}", timeout=2.0)
        assert time.monotonic() - started < 3.0
    assert results["network.tcp"].status == "ok"
    assert any(r.status == "fail" and r.section == "Network" for r in results.values())
