"""Real `check --json` reports, healthy and failing, validate against the schema shipped in the package."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from claude_doctor.mock import running
from tests.checks.conftest import KEY, Machine

SCHEMA = json.loads(resources.files("claude_doctor").joinpath("schemas/check-report.schema.json").read_text())


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("scenario", ["ok", "invalid_key", "html_gateway", "ok,ok,rate_limited"])
def test_real_reports_validate(machine: Machine, scenario: str) -> None:
    from claude_doctor.commands.check import build_report
    from claude_doctor.render.report import report_json

    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running(scenario) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        ctx = machine.ctx(send=True, offline=False)
        report = build_report(ctx).report
    doc = json.loads(report_json(report))
    jsonschema.validate(doc, SCHEMA)
    assert any("diagnosis" in c["data"] for c in doc["checks"]) == (scenario != "ok")


def test_offline_report_without_anything_validates(machine: Machine) -> None:
    from claude_doctor.commands.check import build_report
    from claude_doctor.render.report import report_json

    report = build_report(machine.ctx()).report
    jsonschema.validate(json.loads(report_json(report)), SCHEMA)
