"""Every broken file gets a clear line of its own, and the rest of the report still runs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claude_doctor.checks.sources.files import MAX_CONFIG_BYTES
from tests.checks.conftest import KEY, Machine


def settings_path(m: Machine) -> Path:
    return m.home / ".claude" / "settings.json"


def file_results(m: Machine) -> list[tuple[str, str]]:
    return [(r.status, r.title) for r in m.results() if r.id.startswith(("config.file", "config.dotenv_line"))]


@pytest.mark.parametrize(
    ("content", "status", "needle"),
    [
        ('{"env": {"ANTHROPIC_MODEL": "x",}}', "fail", "line 1, column 33"),
        ('{\n  "env": {\n    "A": 1\n  \n', "fail", "line 5"),
        ("", "warn", "is empty"),
        ("[1, 2]", "fail", "JSON list, not an object"),
        (b"\x00\x01\x02binary", "fail", "binary"),
        (b"\xff\xfe{}", "fail", "not valid UTF-8"),
    ],
)
def test_broken_settings_file(machine: Machine, content: str | bytes, status: str, needle: str) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    machine.write(settings_path(machine), content)
    found = file_results(machine)
    assert len(found) == 1, found
    assert found[0][0] == status
    assert needle in found[0][1]
    assert machine.result("credentials.sdk").status == "ok"  # the rest still ran


def test_bom_and_crlf_json_still_parse(machine: Machine) -> None:
    machine.write(settings_path(machine), b'\xef\xbb\xbf{"env": {"ANTHROPIC_MODEL": "claude-x"}}\r\n')
    assert file_results(machine) == []
    assert machine.result("config.model").title.startswith("Model claude-x")


def test_oversized_file(machine: Machine) -> None:
    machine.write(settings_path(machine), "{" + " " * (MAX_CONFIG_BYTES + 10) + "}")
    [(status, title)] = file_results(machine)
    assert status == "fail"
    assert "2 MiB" in title


def test_directory_where_a_file_should_be(machine: Machine) -> None:
    (machine.home / ".claude.json").mkdir()
    [(status, title)] = file_results(machine)
    assert status == "fail"
    assert "directory" in title


def test_symlink_loop(machine: Machine) -> None:
    link = settings_path(machine)
    link.parent.mkdir(parents=True)
    os.symlink(link, link)
    [(status, title)] = file_results(machine)
    assert status == "fail"
    assert "symlink loop" in title


def test_dangling_symlink(machine: Machine) -> None:
    link = machine.cwd / ".env"
    os.symlink(machine.root / "nowhere", link)
    [(_status, title)] = file_results(machine)
    assert "does not exist" in title


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(machine: Machine) -> None:
    machine.write(settings_path(machine), "{}", mode=0o000)
    [(_status, title)] = file_results(machine)
    assert "permission denied" in title
