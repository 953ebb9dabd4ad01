"""The cloud modules (`resolve.aws`, `resolve.google`, `resolve.cloud`) are loaded only when a client can be on a
cloud: a machine without one pays nothing for them at start-up (benchmarks/check_startup.py), and one with a cloud
set up still gets every cloud check. Each case runs `check --offline --json` in a fresh interpreter with a throw-away
home and project, and reads both what it printed and what it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

KEY = "sk-ant-api03-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z" * 3 + "AbCdEfGhIjKl" + "AA"
CLOUD_MODULES = frozenset(
    {"claude_doctor.checks.resolve.aws", "claude_doctor.checks.resolve.google", "claude_doctor.checks.resolve.cloud"}
)
# Whatever the developer's shell says about clouds, keys or proxies stays out of the run.
_DROPPED = ("ANTHROPIC_", "CLAUDE_", "AWS_", "GOOGLE_", "GCLOUD_", "CLOUDSDK_", "CLOUD_ML_", "VERTEX_", "GITHUB_")


def _run(tmp_path: Path, env: dict[str, str], files: dict[str, str]) -> tuple[dict[str, Any], set[str]]:
    home, project = tmp_path / "home", tmp_path / "project"
    home.mkdir()
    project.mkdir()
    for name, text in files.items():
        (project / name).write_text(text, encoding="utf-8")
    base = {k: v for k, v in os.environ.items() if not k.upper().startswith(_DROPPED) and "PROXY" not in k.upper()}
    base.pop("CI", None)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claude_doctor", "check", "--offline", "--json"],
        capture_output=True,
        cwd=project,
        env={**base, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), **env},
        timeout=60,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "import time:" in line}
    assert "claude_doctor.checks.resolve.clients" in names  # the probe sees the check's own modules
    return json.loads(proc.stdout), names


def test_no_cloud_loads_no_cloud_module(tmp_path: Path) -> None:
    report, names = _run(tmp_path, {"ANTHROPIC_API_KEY": KEY}, {"app.py": "import anthropic\n"})
    assert not names & CLOUD_MODULES, sorted(names & CLOUD_MODULES)
    assert "configparser" not in names  # no AWS or gcloud file to parse
    ids = [check["id"] for check in report["checks"]]
    assert "clients.python" in ids
    assert not [i for i in ids if i.startswith("cloud.")], ids


CLOUD_SETUPS = [
    ("Claude Code on Bedrock", {"CLAUDE_CODE_USE_BEDROCK": "1", "AWS_REGION": "us-east-1"}, {}, "claude_code.bedrock"),
    ("Claude Code on Mantle", {"CLAUDE_CODE_USE_MANTLE": "1", "AWS_REGION": "us-east-1"}, {}, "claude_code.mantle"),
    ("Claude Code on Vertex", {"CLAUDE_CODE_USE_VERTEX": "1", "CLOUD_ML_REGION": "global"}, {}, "claude_code.vertex"),
    ("AnthropicBedrock by its variable", {"AWS_BEARER_TOKEN_BEDROCK": "ABSKtoken"}, {}, "python_bedrock.bedrock"),
    ("AnthropicVertex by its variable", {"ANTHROPIC_VERTEX_PROJECT_ID": "p-1"}, {}, "python_vertex.vertex"),
    (
        "AnthropicBedrock in the code",
        {},
        {"app.py": "from anthropic import AnthropicBedrock\nclient = AnthropicBedrock()\n"},
        "python_bedrock.bedrock",
    ),
    ("anthropic[vertex] declared", {}, {"requirements.txt": "anthropic[vertex]>=2.0\n"}, "python_vertex.vertex"),
]


@pytest.mark.parametrize(("env", "files", "setup"), [c[1:] for c in CLOUD_SETUPS], ids=[c[0] for c in CLOUD_SETUPS])
def test_a_cloud_setup_gets_its_checks(tmp_path: Path, env: dict[str, str], files: dict[str, str], setup: str) -> None:
    report, names = _run(tmp_path, env, files)
    ids = [check["id"] for check in report["checks"]]
    assert f"cloud.{setup}" in ids, ids
    assert names & CLOUD_MODULES  # the probe above sees them when they are loaded
