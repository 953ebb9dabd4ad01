"""Which clients are on the machine, read from real (temporary) installations: `claude` on PATH and the version it
links to, the `anthropic` package in the interpreter that runs the project's code, the TypeScript SDK in node_modules,
and the project's declarations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claude_doctor.checks.state import LocalState
from tests.checks.conftest import Machine

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file layouts")


def installs(m: Machine) -> LocalState:
    return LocalState.gather(m.ctx())


def executable(path: Path, text: str = "#!/bin/sh\nexit 0\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def test_claude_from_the_native_installer(machine: Machine) -> None:
    target = executable(machine.home / ".local" / "share" / "claude" / "versions" / "2.1.328")
    bin_dir = machine.root / "bin"
    bin_dir.mkdir()
    (bin_dir / "claude").symlink_to(target)
    machine.env["PATH"] = str(bin_dir)
    found = installs(machine).inv.installs["claude_code"]
    assert found.found
    assert found.version == "2.1.328"
    assert "claude on PATH" in found.where


def test_claude_from_npm(machine: Machine) -> None:
    package = machine.root / "lib" / "node_modules" / "@anthropic-ai" / "claude-code"
    machine.write(package / "package.json", {"name": "@anthropic-ai/claude-code", "version": "2.1.300"}, 0o644)
    cli = executable(package / "cli.js", "#!/usr/bin/env node\n")
    bin_dir = machine.root / "bin"
    bin_dir.mkdir()
    (bin_dir / "claude").symlink_to(cli)
    machine.env["PATH"] = str(bin_dir)
    assert installs(machine).inv.installs["claude_code"].version == "2.1.300"


def venv(folder: Path, version: str | None) -> Path:
    (folder / "bin").mkdir(parents=True)
    (folder / "pyvenv.cfg").write_text("home = /usr/bin\n")
    site = folder / "lib" / "python3.11" / "site-packages"
    site.mkdir(parents=True)
    if version:
        (site / f"anthropic-{version}.dist-info").mkdir()
    return folder


def test_anthropic_in_the_project_venv(machine: Machine) -> None:
    venv(machine.cwd / ".venv", "1.13.0")
    state = installs(machine)
    found = state.inv.installs["python"]
    assert found.version == "1.13.0"
    python = state.client("python")
    assert python.in_use
    assert python.assumed_version == "1.13.0"
    assert python.trust.system  # 1.x is on httpx2: the OS store


def test_active_venv_without_the_sdk_while_the_project_venv_has_it(machine: Machine) -> None:
    venv(machine.cwd / ".venv", "2.14.0")
    active = venv(machine.root / "other-env", None)
    machine.env["VIRTUAL_ENV"] = str(active)
    found = installs(machine).inv.installs["python"]
    assert found.version is None
    assert any("does not see it" in note for note in found.notes)


@pytest.mark.parametrize(
    ("text", "declared"),
    [
        ("anthropic>=2.0\nhttpx\n", True),
        ("anthropic[bedrock]==2.14.0\n", True),
        ('[project]\ndependencies = ["anthropic>=1.0", "rich"]\n', True),
        ("anthropic-bedrock-helper==1.0\n", False),
        ("# nothing about it\nrequests\n", False),
    ],
)
def test_project_declaration(machine: Machine, text: str, declared: bool) -> None:
    name = "pyproject.toml" if text.startswith("[project]") else "requirements.txt"
    machine.write(machine.cwd / name, text, 0o644)
    found = installs(machine).inv.installs["python"]
    assert (found.depends is not None) is declared
    assert found.found is declared


def test_python_on_path_is_asked_for_its_packages(machine: Machine) -> None:
    site = machine.root / "site"
    (site / "anthropic-2.14.0.dist-info").mkdir(parents=True)
    bin_dir = machine.root / "bin"
    executable(bin_dir / "python3", f'#!/bin/sh\necho \'["", "{site}"]\'\n')
    machine.env["PATH"] = str(bin_dir)
    found = installs(machine).inv.installs["python"]
    assert found.version == "2.14.0"
    assert "on PATH" in (found.interpreter or "")


def test_pyenv_shim_is_resolved_without_running_it(machine: Machine) -> None:
    root = machine.root / "pyenv"
    executable(root / "shims" / "python3", "#!/bin/sh\nexit 3\n")  # running the shim would fail
    site = machine.root / "site"
    (site / "anthropic-1.17.0.dist-info").mkdir(parents=True)
    executable(root / "versions" / "3.12.1" / "bin" / "python3", f"#!/bin/sh\necho '[\"{site}\"]'\n")
    (root / "version").write_text("3.12.1\n")
    machine.env["PATH"] = str(root / "shims")
    assert installs(machine).inv.installs["python"].version == "1.17.0"


def test_typescript_sdk_0x_sends_x_api_key(machine: Machine) -> None:
    machine.write(
        machine.cwd / "node_modules" / "@anthropic-ai" / "sdk" / "package.json",
        {"name": "@anthropic-ai/sdk", "version": "0.70.0"},
        0o644,
    )
    machine.env["ANTHROPIC_API_KEY"] = "sk-ant-api03-" + "a1B2" * 23 + "cdAA"
    ts = installs(machine).client("typescript")
    assert ts.in_use
    assert ts.wire is not None
    assert [name for name, _value in ts.wire.headers] == ["x-api-key"]
    assert ts.wire.api_version == "2023-06-01"
    assert ts.proxy.url is None


def test_a_standard_layout_is_read_from_the_disk_without_running_python(machine: Machine) -> None:
    prefix = machine.root / "opt" / "python"
    real = executable(prefix / "bin" / "python3.12", "#!/bin/sh\nexit 3\n")  # running it would fail
    (prefix / "bin" / "python3").symlink_to(real)
    (prefix / "lib" / "python3.12" / "site-packages" / "anthropic-2.14.0.dist-info").mkdir(parents=True)
    machine.env["PATH"] = str(prefix / "bin")
    found = installs(machine).inv.installs["python"]
    assert found.version == "2.14.0"
    assert "on PATH" in (found.interpreter or "")


def test_the_user_site_of_a_standard_layout_counts_too(machine: Machine) -> None:
    prefix = machine.root / "usr"
    executable(prefix / "bin" / "python3.11", "#!/bin/sh\nexit 3\n")
    (prefix / "bin" / "python3").symlink_to(prefix / "bin" / "python3.11")
    (prefix / "lib" / "python3.11" / "site-packages").mkdir(parents=True)
    (machine.home / ".local" / "lib" / "python3.11" / "site-packages" / "anthropic-1.13.0.dist-info").mkdir(
        parents=True
    )
    machine.env["PATH"] = str(prefix / "bin")
    assert installs(machine).inv.installs["python"].version == "1.13.0"


def test_a_virtual_environment_on_path_is_read_from_its_own_folders(machine: Machine) -> None:
    venv = machine.root / "tools" / "env"
    executable(venv / "bin" / "python3", "#!/bin/sh\nexit 3\n")
    (venv / "pyvenv.cfg").write_text("home = /nowhere/bin\ninclude-system-site-packages = false\n")
    (venv / "lib" / "python3.12" / "site-packages" / "anthropic-2.0.0.dist-info").mkdir(parents=True)
    machine.env["PATH"] = str(venv / "bin")
    assert installs(machine).inv.installs["python"].version == "2.0.0"
