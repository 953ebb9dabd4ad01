"""Secret hygiene on real git repositories in temporary directories."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.checks.conftest import KEY, Machine

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(m: Machine, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(m.cwd), "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
        check=True,
        capture_output=True,
    )


def test_dotenv_not_ignored_then_ignored_then_tracked(machine: Machine) -> None:
    machine.git_init()
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\n")
    check_id = "hygiene.dotenv_git:" + str(machine.cwd / ".env")
    assert machine.result(check_id).status == "warn"
    machine.write(machine.cwd / ".gitignore", ".env\n", mode=0o644)
    assert machine.result(check_id).status == "ok"
    git(machine, "add", "-f", ".env")
    result = machine.result(check_id)
    assert result.status == "fail"
    assert "git rm --cached" in result.fix[0]


def test_dotenv_outside_a_repository_is_skipped(machine: Machine) -> None:
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\n")
    assert machine.result("hygiene.dotenv_git:" + str(machine.cwd / ".env")).status == "skip"
    assert machine.result("hygiene.committed_keys").status == "skip"


def test_loose_permissions(machine: Machine) -> None:
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY={KEY}\n", mode=0o644)
    result = machine.result("hygiene.permissions")
    assert result.status == "warn"
    assert result.fix == (f"chmod 600 {machine.cwd / '.env'}",)
    (machine.cwd / ".env").chmod(0o600)
    assert machine.result("hygiene.permissions").status == "ok"


def test_committed_key_is_found_masked(machine: Machine) -> None:
    machine.git_init()
    machine.write(machine.cwd / "src" / "app.py", f'client = Anthropic(api_key="{KEY}")\n', mode=0o644)
    machine.write(machine.cwd / "README.md", "use sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxx as a placeholder\n", 0o644)
    git(machine, "add", ".")
    result = machine.result("hygiene.committed_keys")
    assert result.status == "fail"
    assert result.data["files"] == ["src/app.py"]
    assert "src/app.py:1" in result.detail
    assert KEY not in result.detail


def test_clean_repository(machine: Machine) -> None:
    machine.git_init()
    machine.write(machine.cwd / "app.py", "import os\n", mode=0o644)
    git(machine, "add", ".")
    assert machine.result("hygiene.committed_keys").status == "ok"


def test_key_removed_from_the_files_is_found_in_the_history(machine: Machine) -> None:
    """A key committed once and deleted later is still in every clone: found with the commit that added it."""
    machine.git_init()
    machine.write(machine.cwd / "config.py", f'KEY = "{KEY}"\n', mode=0o644)
    git(machine, "add", ".")
    git(machine, "commit", "-q", "-m", "add config")
    added = subprocess.run(
        ["git", "-C", str(machine.cwd), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    machine.write(machine.cwd / "config.py", 'import os\nKEY = os.environ["ANTHROPIC_API_KEY"]\n', mode=0o644)
    git(machine, "commit", "-q", "-am", "read the key from the environment")
    assert machine.result("hygiene.committed_keys").status == "ok"  # today's files are clean
    result = machine.result("hygiene.history_keys")
    assert result.status == "fail"
    assert f"commit {added}" in result.detail
    assert "config.py" in result.detail
    assert "since removed from the files" in result.detail
    assert KEY not in str(result.to_json())
    assert any("revoke" in f for f in result.fix)
    assert result.data["complete"] is True


def test_clean_history(machine: Machine) -> None:
    machine.git_init()
    machine.write(machine.cwd / "README.md", "use sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxx as a placeholder\n", 0o644)
    git(machine, "add", ".")
    git(machine, "commit", "-q", "-m", "docs")
    result = machine.result("hygiene.history_keys")
    assert result.status == "ok"
    assert "1 commit" in result.detail
