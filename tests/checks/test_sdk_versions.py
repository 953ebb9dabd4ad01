"""What `check` sends is what the SDK version in use sends: real installations of anthropic 1.x and 2.x (and of the
TypeScript SDK when node is there), each run against the same mock as `check`, their requests compared from the mock's
log. The environments are prepared by scripts/prepare_sdk_envs.sh (run by .ci/run). Under CI, or with
CLAUDE_DOCTOR_REQUIRE_SDK_ENVS set, a missing Python environment fails these tests instead of skipping them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.mock import MockServer, running
from claude_doctor.secrets import mask
from tests.checks.conftest import KEY, KEY2, Machine

ROOT = Path(__file__).resolve().parents[2]
SDK_ENVS = Path(os.environ.get("CLAUDE_DOCTOR_SDK_ENVS") or ROOT / ".sdk-envs")
# Read when the module loads: the suite's autouse fixture removes CI from the environment of each test.
REQUIRED = bool(os.environ.get("CLAUDE_DOCTOR_REQUIRE_SDK_ENVS") or os.environ.get("CI"))


def python_env(name: str) -> Path:
    venv = SDK_ENVS / name
    if not (venv / "bin" / "python").exists():
        message = f"{venv} is missing: run scripts/prepare_sdk_envs.sh"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return venv


def seen(mock: MockServer, start: int = 0) -> list[tuple[str | None, str, str | None]]:
    """(masked credential, credential headers, anthropic-version) of the mock's requests from `start` on."""
    out = []
    for record in mock.requests[start:]:
        names = "+".join(sorted(n for n in ("x-api-key", "authorization") if n in record.headers))
        out.append((record.credential, names, record.headers.get("anthropic-version")))
    return out


def sdk_models_list(venv: Path, env: dict[str, str], cwd: Path) -> None:
    code = "import anthropic; anthropic.Anthropic(max_retries=0).models.list()"
    proc = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.parametrize(
    ("name", "version", "headers", "api_version"),
    [
        ("anthropic-1", "1.13.0", "x-api-key", "2023-06-01"),
        ("anthropic-2", "2.14.0", "authorization", "2026-10-21"),
    ],
)
def test_check_sends_what_the_installed_sdk_sends(
    machine: Machine, name: str, version: str, headers: str, api_version: str
) -> None:
    venv = python_env(name)
    machine.env["VIRTUAL_ENV"] = str(venv)  # the activated environment: the interpreter that runs the user's code
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report = build_report(machine.ctx(offline=False, timeout=8.0)).report
        by_check = seen(mock)
        results = {r.id: r for r in report.checks}
        sdk_env = {"PATH": os.environ.get("PATH", ""), "HOME": str(machine.home), **machine.env}
        start = len(mock.requests)
        sdk_models_list(venv, sdk_env, machine.cwd)
        by_sdk = seen(mock, start)
    assert report.exit_code == 0
    assert f"anthropic {version}" in results["clients.python"].title
    assert by_check[0] == (mask(KEY), headers, api_version)
    assert by_sdk == [by_check[0]]  # the same credential, in the same header, with the same version


@pytest.mark.parametrize(
    ("name", "expected"), [("anthropic-1", "authorization+x-api-key"), ("anthropic-2", "authorization")]
)
def test_key_and_token_both_set(machine: Machine, name: str, expected: str) -> None:
    """1.x sends both the key and the token; 2.x only the key, as Bearer. `check` does as the version does."""
    venv = python_env(name)
    machine.env["VIRTUAL_ENV"] = str(venv)
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.env["ANTHROPIC_AUTH_TOKEN"] = KEY2
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        build_report(machine.ctx(offline=False, timeout=8.0))
        by_check = seen(mock)[0]
        start = len(mock.requests)
        sdk_models_list(venv, {"PATH": os.environ.get("PATH", ""), **machine.env}, machine.cwd)
        by_sdk = seen(mock, start)[0]
    assert by_check[1] == expected
    assert by_sdk[1:] == by_check[1:]


def test_typescript_sdk_as_installed(machine: Machine) -> None:
    """The TypeScript SDK from npm, run by node against the mock, next to `check` for the same project."""
    modules = SDK_ENVS / "typescript" / "node_modules"
    node = shutil.which("node")
    if node is None or not (modules / "@anthropic-ai" / "sdk" / "package.json").exists():
        pytest.skip("node or the prepared TypeScript SDK is missing (scripts/prepare_sdk_envs.sh installs it with npm)")
    (machine.cwd / "node_modules").symlink_to(modules, target_is_directory=True)
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report = build_report(machine.ctx(offline=False, timeout=8.0)).report
        by_check = seen(mock)[0]
        start = len(mock.requests)
        script = "const A = require('@anthropic-ai/sdk'); new A.default({maxRetries: 0}).models.list().then(() => {})"
        proc = subprocess.run(
            [node, "-e", script],
            env={"PATH": os.environ.get("PATH", ""), **machine.env},
            cwd=machine.cwd,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        by_sdk = seen(mock, start)
    results = {r.id: r for r in report.checks}
    assert "TypeScript SDK 1.14.0" in results["clients.typescript"].title
    assert by_check == (mask(KEY), "authorization", "2026-10-21")
    assert by_sdk == [by_check]
