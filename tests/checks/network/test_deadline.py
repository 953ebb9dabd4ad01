"""The remote checks finish inside `--timeout` even when a server never answers."""

from __future__ import annotations

import time

from claude_doctor.mock import running
from tests.checks.conftest import Machine
from tests.checks.servers import category, online, silent_listener

# `check --timeout 2`: the tests allow twice the deadline for a loaded CI machine, far below the 10 s default that a
# lost deadline would fall back to (or a hang that never ends).
DEADLINE = 2.0


def test_hang_finishes_inside_the_timeout(machine: Machine) -> None:
    with running("hang") as mock:
        started = time.monotonic()
        results = online(machine, mock.base_url, timeout=DEADLINE)
        elapsed = time.monotonic() - started
    assert elapsed < 2 * DEADLINE
    failed = [r for r in results.values() if r.section == "API" and r.status == "fail"]
    assert failed
    assert category(failed[0]) == "timeout"


def test_silent_listener_finishes_inside_the_timeout(machine: Machine) -> None:
    with silent_listener() as port:
        started = time.monotonic()
        results = online(machine, f"https://127.0.0.1:{port}", timeout=DEADLINE)
        assert time.monotonic() - started < 2 * DEADLINE
    assert results["network.tcp"].status == "ok"
    assert any(r.status == "fail" and r.section == "Network" for r in results.values())
