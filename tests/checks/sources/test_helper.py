"""apiKeyHelper runs only with consent and trust, and always bounded (issue 16 §6): a project's own helper runs only
when Claude Code trusts the folder or the user names it, never before the user's own; the whole process group ends at
the timeout; the output is read up to a cap."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.checks.conftest import KEY, KEY2, Machine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="helpers run through /bin/sh")


def project_helper(m: Machine, command: str) -> None:
    m.write(m.cwd / ".claude" / "settings.json", {"apiKeyHelper": command}, mode=0o644)


def test_untrusted_project_helper_is_not_run(machine: Machine) -> None:
    marker = machine.root / "ran"
    project_helper(machine, f"touch {marker}; echo {KEY}")
    result = machine.result("credentials.helper", run_helpers=True)
    assert not marker.exists()
    assert result.status == "skip"
    assert "trust" in result.detail
    assert "--run-project-helper" in result.detail


def test_trusted_project_helper_runs(machine: Machine) -> None:
    marker = machine.root / "ran"
    project_helper(machine, f"touch {marker}; echo {KEY}")
    projects = {str(machine.cwd): {"hasTrustDialogAccepted": True}}
    machine.write(machine.home / ".claude.json", {"projects": projects})
    result = machine.result("credentials.helper", run_helpers=True)
    assert marker.exists()
    assert result.status == "ok"


def test_trust_of_another_folder_does_not_count(machine: Machine) -> None:
    marker = machine.root / "ran"
    project_helper(machine, f"touch {marker}; echo {KEY}")
    projects = {str(machine.root / "elsewhere"): {"hasTrustDialogAccepted": True}, str(machine.cwd): {}}
    machine.write(machine.home / ".claude.json", {"projects": projects})
    machine.result("credentials.helper", run_helpers=True)
    assert not marker.exists()


def test_project_helper_named_explicitly_runs(machine: Machine) -> None:
    marker = machine.root / "ran"
    project_helper(machine, f"touch {marker}; echo {KEY}")
    result = machine.result("credentials.helper", run_helpers=True, run_project_helper=True)
    assert marker.exists()
    assert result.status == "ok"


def test_the_users_helper_runs_before_the_projects(machine: Machine) -> None:
    log = machine.root / "order"
    machine.write(machine.home / ".claude" / "settings.json", {"apiKeyHelper": f"echo user >> {log}; echo {KEY2}"})
    project_helper(machine, f"echo project >> {log}; echo {KEY}")
    results = {r.id: r for r in machine.results(run_helpers=True, run_project_helper=True)}
    assert log.read_text().split() == ["user", "project"]
    assert results["credentials.helper"].status == "ok"  # the project's: the one Claude Code uses
    assert results["credentials.helper:user"].status == "ok"


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in {"Z", "X"}


def test_the_whole_process_group_ends_at_the_timeout(machine: Machine) -> None:
    pidfile = machine.root / "child.pid"
    command = f"sleep 60 & echo $! > {pidfile}; wait"
    machine.write(machine.home / ".claude" / "settings.json", {"apiKeyHelper": command})
    started = time.monotonic()
    result = machine.result("credentials.helper", run_helpers=True, timeout=1.5)
    assert time.monotonic() - started < 5
    assert result.status == "fail"
    assert "did not finish" in result.title
    child = int(pidfile.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child), f"the helper's child {child} outlived the timeout"


def test_endless_output_is_read_up_to_a_cap(machine: Machine) -> None:
    command = "yes sk-ant-api03-aaaaaaaaaaaaaaaaaaaa"  # never ends, never stops printing
    machine.write(machine.home / ".claude" / "settings.json", {"apiKeyHelper": command})
    started = time.monotonic()
    result = machine.result("credentials.helper", run_helpers=True, timeout=5.0)
    assert time.monotonic() - started < 3
    assert result.status == "fail"
    assert "more than 16384 characters" in result.title
