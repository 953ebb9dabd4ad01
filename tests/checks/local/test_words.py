"""What the local checks say, as people read it: nothing found is neutral, a problem is said once, plurals agree
with their number, and no internal label (a status id, a key kind id, nested parentheses) reaches the text."""

from __future__ import annotations

import re

import pytest

from claude_doctor.model import CheckResult
from claude_doctor.render.report import detail_lines
from tests.checks.conftest import KEY, OAT, Machine

_LABELS = re.compile(
    r"\b(?:fail|warn|ok):|\((?:api_key|oauth_access|other_vendor|unknown), |\([^()]*\([^()]*\)[^()]*\)"
)


def words(result: CheckResult) -> str:
    return "\n".join([result.title, result.detail, *result.fix])


def test_an_empty_machine_is_information_not_success(machine: Machine) -> None:
    result = machine.result("credentials.sources")
    assert result.status == "skip"
    assert result.title == "No Claude settings in the environment"


@pytest.mark.parametrize(("count", "title"), [(1, "Found 1 setting in 1 place"), (2, "Found 2 settings in 2 places")])
def test_plurals(machine: Machine, count: int, title: str) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    if count == 2:
        machine.write(machine.cwd / ".env", "ANTHROPIC_MODEL=claude-x\n")
    assert machine.result("credentials.sources").title == title


@pytest.mark.parametrize(
    ("env", "check_id"),
    [
        ({"ANTHROPIC_API_KEY": KEY + "xy"}, "credentials.lint.ANTHROPIC_API_KEY.env"),  # a warning
        ({"ANTHROPIC_API_KEY": OAT}, "credentials.lint.ANTHROPIC_API_KEY.env"),  # a failure
        ({"ANTHROPIC_API_KEY": ""}, "credentials.lint.ANTHROPIC_API_KEY.env"),
        ({"ANTHROPIC_API_KEY": KEY, "ANTHROPIC_BASE_URL": "http://relay.example/v1"}, "config.base_url"),
    ],
)
def test_a_problem_is_said_once_in_plain_words(machine: Machine, env: dict[str, str], check_id: str) -> None:
    machine.env.update(env)
    result = machine.result(check_id)
    assert result.status in ("warn", "fail")
    assert not _LABELS.search(words(result)), words(result)
    lowered = {line.lower() for line in detail_lines(result)}
    assert not any(line and line in result.title.lower() for line in lowered)
    assert not re.search(r"\b(\w+) \1\b", result.title), result.title  # "ANTHROPIC_API_KEY ANTHROPIC_API_KEY is…"


def test_a_good_key_reads_plainly(machine: Machine) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    result = machine.result("credentials.lint.ANTHROPIC_API_KEY.env")
    assert result.status == "ok"
    assert result.title == "ANTHROPIC_API_KEY from the environment: sk-ant-api03-Ab3d…sTAA"
    assert result.detail == "sk-ant-api03-Ab3d…sTAA (an Anthropic API key, 108 characters)"
    assert not _LABELS.search(words(machine.result("config.base_url")))
