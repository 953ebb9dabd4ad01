"""A throw-away machine for config checks: a home, a working directory, an environment, and files written into them;
and a private CA for the TLS tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import trustme

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.local import run_local
from claude_doctor.checks.options import CheckOptions
from claude_doctor.model import CheckResult
from tests.conftest import CLOSED_STATUS_URL

BODY = "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7gHi0jKl3mNo6pQr9sTu2"[:93]
KEY = "sk-ant-api03-" + BODY + "AA"
KEY2 = "sk-ant-api03-" + BODY[::-1] + "AA"
OAT = "sk-ant-oat01-" + BODY[:95]


@dataclass
class Machine:
    root: Path
    env: dict[str, str] = field(default_factory=dict)
    resolver: Callable[[str, int], list[str]] | None = None  # in place of the system's, for names in tests

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def cwd(self) -> Path:
        return self.root / "work" / "project"

    @property
    def managed(self) -> Path:
        return self.root / "etc" / "managed-settings.json"

    def write(self, path: Path, content: str | bytes | dict[str, Any], mode: int = 0o600) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            content = json.dumps(content)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        path.chmod(mode)
        return path

    def git_init(self, folder: Path | None = None) -> Path:
        """A repository; without git installed, the bare `.git` folder that marks a repository root."""
        folder = folder or self.cwd
        if shutil.which("git") is None:
            (folder / ".git").mkdir(parents=True, exist_ok=True)
        else:
            subprocess.run(["git", "init", "-q", str(folder)], check=True)
        return folder

    def ctx(self, **options: Any) -> CheckContext:
        return CheckContext(
            env={"CLAUDE_DOCTOR_STATUS_URL": CLOSED_STATUS_URL, **self.env},
            cwd=self.cwd,
            home=self.home,
            managed_settings=self.managed,
            options=CheckOptions(**{"offline": True, **options}),
            resolver=self.resolver,
        )

    def results(self, **options: Any) -> list[CheckResult]:
        _state, results = run_local(self.ctx(**options), debug=True)
        return results

    def result(self, check_id: str, **options: Any) -> CheckResult:
        found = [r for r in self.results(**options) if r.id == check_id]
        assert found, f"no result {check_id}: {[r.id for r in self.results(**options)]}"
        return found[0]


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    m = Machine(tmp_path)
    m.home.mkdir(parents=True)
    m.cwd.mkdir(parents=True)
    return m


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    """A private CA, named like the TLS-inspecting proxies of corporate networks."""
    return trustme.CA(organization_name="Example Corp Inspection CA")


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "corp-root.pem"
    ca.cert_pem.write_to_path(str(path))
    return path
