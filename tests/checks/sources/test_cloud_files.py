"""Reading AWS's and Google's own files, and finding the SDK's cloud clients in a project: real files in a throw-away
home, every way they can be wrong."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from claude_doctor.checks.inventory import FileProblem, IniFile, sso_cache_key
from claude_doctor.checks.sources import collect
from claude_doctor.checks.sources.aws import parse_time, read_ini
from claude_doctor.checks.sources.clients import python_clouds
from claude_doctor.checks.sources.google import read_google_file
from tests.checks.clouds import sso_profile
from tests.checks.conftest import Machine


def test_aws_files_are_read_with_their_sections(machine: Machine) -> None:
    machine.write(
        machine.home / ".aws" / "config",
        "[default]\nregion = us-east-1\n\n[profile dev]\nREGION = eu-west-1\ncredential_process = /bin/creds\n",
    )
    machine.write(machine.home / ".aws" / "credentials", "[default]\naws_access_key_id = AKIA0\n")
    inv = collect(machine.ctx())
    config = inv.clouds.ini("config:")
    assert config is not None
    assert config.sections["profile dev"] == {"region": "eu-west-1", "credential_process": "/bin/creds"}
    assert config.shown == "~/.aws/config"


def test_aws_config_file_variable_moves_it(machine: Machine) -> None:
    other = machine.write(machine.root / "elsewhere.ini", "[profile ci]\nregion = us-west-2\n")
    machine.env["AWS_CONFIG_FILE"] = str(other)
    inv = collect(machine.ctx())
    found = inv.clouds.ini(f"config:{other}")
    assert found is not None
    assert "profile ci" in found.sections


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("region = us-east-1\n", "cannot be read as an AWS configuration file"),  # no section header
        (b"\x00\x01binary", "binary"),
    ],
)
def test_broken_aws_files(tmp_path: Path, content: str | bytes, words: str) -> None:
    path = tmp_path / "config"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    found = read_ini(path, "config")
    assert isinstance(found, FileProblem)
    assert words in found.message


def test_missing_aws_file_is_simply_absent(tmp_path: Path) -> None:
    assert read_ini(tmp_path / "nope", "nope") is None
    ini = read_ini_text(tmp_path, "[default]\n")
    assert isinstance(ini, IniFile)


def read_ini_text(tmp_path: Path, text: str) -> IniFile | FileProblem | None:
    path = tmp_path / "ok"
    path.write_text(text)
    return read_ini(path, "ok")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-02T03:04:05Z", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        ("2026-01-02T03:04:05UTC", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        ("2026-01-02T03:04:05.123+00:00", datetime(2026, 1, 2, 3, 4, 5, 123000, tzinfo=UTC).timestamp()),
        ("2026-01-02T03:04:05", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        ("tomorrow", None),
        (12345, None),
        ("", None),
    ],
)
def test_sso_cache_times(text: object, expected: float | None) -> None:
    assert parse_time(text) == expected


def test_only_the_sso_logins_the_profiles_name_are_read(machine: Machine) -> None:
    sso_profile(machine, expires_in=3600)
    machine.write(machine.home / ".aws" / "sso" / "cache" / "unrelated.json", "{broken")
    inv = collect(machine.ctx())
    assert list(inv.clouds.sso_tokens) == [sso_cache_key("corp")]
    assert not any("unrelated" in str(p.path) for p in inv.problems)


def test_google_files(tmp_path: Path) -> None:
    missing = read_google_file(tmp_path / "nope.json", "nope.json")
    assert (missing.exists, missing.problem) == (False, "does not exist")
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert "is not valid JSON" in (read_google_file(broken, "b").problem or "")
    good = tmp_path / "sa.json"
    good.write_text(json.dumps({"type": "service_account", "project_id": "p"}))
    found = read_google_file(good, "sa.json")
    assert (found.kind, found.text("project_id"), found.problem) == ("service_account", "p", None)


def test_google_credentials_variable_set_but_empty(machine: Machine) -> None:
    machine.env["GOOGLE_APPLICATION_CREDENTIALS"] = " "
    assert collect(machine.ctx()).clouds.google[" "].problem == "is set but empty"


def test_gcloud_active_configuration_project(machine: Machine) -> None:
    gcloud = machine.home / ".config" / "gcloud"
    machine.write(gcloud / "active_config", "work\n")
    machine.write(gcloud / "configurations" / "config_default", "[core]\nproject = personal\n")
    machine.write(gcloud / "configurations" / "config_work", "[core]\nproject = team-project\naccount = me@x\n")
    inv = collect(machine.ctx())
    assert inv.clouds.gcloud_project == ("team-project", "~/.config/gcloud/configurations/config_work")
    machine.env["CLOUDSDK_CONFIG"] = str(machine.root / "other-gcloud")
    assert collect(machine.ctx()).clouds.gcloud_project is None


def test_cloud_settings_of_claude_code_are_collected(machine: Machine) -> None:
    machine.write(
        machine.home / ".claude" / "settings.json",
        {"awsAuthRefresh": "aws sso login", "awsCredentialExport": "", "gcpAuthRefresh": "gcloud auth login"},
    )
    inv = collect(machine.ctx())
    assert [h.name for h in inv.clouds.helpers] == ["awsAuthRefresh", "gcpAuthRefresh"]  # an empty one is no setting


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"app.py": "from anthropic import AnthropicBedrock\n"}, {"bedrock"}),
        ({"src/pkg/llm.py": "import anthropic\nc = anthropic.AnthropicVertex(region='x')\n"}, {"vertex"}),
        ({"pyproject.toml": 'dependencies = ["anthropic[bedrock,vertex]>=2"]\n'}, {"bedrock", "vertex"}),
        ({"requirements.txt": "anthropic[vertex]==2.14.0\n"}, {"vertex"}),
        ({".venv/lib/site.py": "AnthropicBedrock\n", "node_modules/x.py": "AnthropicVertex\n"}, set()),
        ({"a/b/c/d/e/f/deep.py": "AnthropicBedrock\n"}, set()),  # deeper than the scan goes
        ({"app.py": "from anthropic import Anthropic\n"}, set()),
    ],
)
def test_the_sdk_cloud_clients_a_project_uses(machine: Machine, files: dict[str, str], expected: set[str]) -> None:
    for name, text in files.items():
        machine.write(machine.cwd / name, text)
    found = python_clouds(machine.ctx())
    assert set(found) == expected
