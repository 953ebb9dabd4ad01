"""One bad value is one finding (issue 16 §5): an odd value in one of Claude Code's files is reported against its file
and key, the rest of the file is still used, and every other check still runs, the network and the API included."""

from __future__ import annotations

import json
import time

import pytest

from claude_doctor.commands.check import build_report
from claude_doctor.mock import running
from tests.checks.conftest import KEY, OAT, Machine

DEEP = "[" * 5000 + "]" * 5000


@pytest.mark.parametrize(
    ("raw", "key", "needle", "severity"),
    [
        ('{"expiresAt": NaN}', "claudeAiOauth.expiresAt", "NaN is not valid JSON", "fail"),
        ('{"expiresAt": 1e999}', "claudeAiOauth.expiresAt", "too large", "warn"),
        ('{"expiresAt": ' + "7" * 5000 + "}", "claudeAiOauth.expiresAt", "5000 digits", "warn"),
        ('{"subscriptionType": "\\ud800max"}', "claudeAiOauth.subscriptionType", "lone surrogate", "warn"),
        ('{"scopes": ' + DEEP + "}", "claudeAiOauth.scopes", "nests deeper", "warn"),
    ],
)
def test_odd_value_in_the_login_file(machine: Machine, raw: str, key: str, needle: str, severity: str) -> None:
    inner = raw[1:-1]
    future = int(time.time() * 1000) + 3_600_000
    expires = "" if "expiresAt" in inner else f'"expiresAt": {future}, '
    text = '{"claudeAiOauth": {"accessToken": "' + OAT + '", ' + expires + inner + "}}"
    machine.write(machine.home / ".claude" / ".credentials.json", text)
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running("ok") as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        report = build_report(machine.ctx(offline=False, timeout=8.0)).report
        assert mock.requests  # the network and API checks ran
    results = {r.id: r for r in report.checks}
    findings = [r for r in report.checks if r.id.startswith("config.file:")]
    assert len(findings) == 1, [r.title for r in findings]
    assert key in findings[0].title
    assert needle in findings[0].title
    assert findings[0].status == severity
    assert ".credentials.json" in findings[0].title
    assert results["api.models"].status == "ok"
    assert "credentials.inventory" not in results  # never "could not read the local configuration"
    assert results["credentials.claude_code"].data["chosen"]["mechanism"] in {"api_key", "login"}
    json.dumps(report.to_json())  # nothing odd is left to trip a writer


def test_lone_surrogate_and_huge_numbers_in_claude_json(machine: Machine) -> None:
    text = (
        '{"hasCompletedOnboarding": true, "numStartups": ' + "9" * 5000 + ', "userID": "\\udc00abc", '
        '"projects": {"/x": {"history": ' + DEEP + '}}, "primaryApiKey": "' + KEY + '"}'
    )
    machine.write(machine.home / ".claude.json", text)
    results = {r.id: r for r in machine.results()}
    titles = [r.title for r in results.values() if r.id.startswith("config.file:")]
    assert any("numStartups" in t for t in titles)
    assert any("userID" in t for t in titles)
    assert any("projects" in t and "nests deeper" in t for t in titles)
    assert results["credentials.claude_code"].data["chosen"]["mechanism"] == "login"  # primaryApiKey still read
