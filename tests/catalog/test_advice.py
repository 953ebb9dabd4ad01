"""The fix speaks to the user's actual client and says whose problem it is. Checked over every real paste in the
corpus (tests/decode/realworld/), so that a rule is held to all of them, not to one."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from claude_doctor.catalog import diagnose
from claude_doctor.catalog.advice import front
from claude_doctor.decode import explain_text
from claude_doctor.model import Diagnosis

REALWORLD = Path(__file__).parents[1] / "decode" / "realworld"
_ANTHROPIC_ACCOUNT = ("platform.claude.com", "console.anthropic.com", "create a new key", "anthropic support")


@cache
def _decoded() -> dict[str, Diagnosis]:
    out: dict[str, Diagnosis] = {}
    for path in REALWORLD.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            out[item["id"]] = explain_text(item["text"])
    return out


def test_a_relay_user_is_never_sent_to_anthropics_console() -> None:
    checked = 0
    for sample_id, d in _decoded().items():
        if front(d.via) != "relay":
            continue
        checked += 1
        for step in d.fix:
            assert not any(k in step.lower() for k in _ANTHROPIC_ACCOUNT), (sample_id, step)
    assert checked >= 40


def test_a_claude_code_user_gets_no_python_traceback_advice() -> None:
    checked = 0
    for sample_id, d in _decoded().items():
        if "claude_code" not in d.via:
            continue
        checked += 1
        assert not any("traceback" in step.lower() or "__cause__" in step for step in d.fix), sample_id
    assert checked >= 60


def test_a_cloud_user_gets_the_clouds_fix() -> None:
    for sample_id, d in _decoded().items():
        if front(d.via) in ("bedrock", "vertex"):
            assert not any("platform.claude.com" in step for step in d.fix), sample_id


@pytest.mark.parametrize(
    ("category", "via", "needle"),
    [
        ("invalid_key", ("relay",), "relay's console"),
        ("billing", ("claude_code", "relay"), "balance"),
        ("invalid_key", ("bedrock",), "aws sts get-caller-identity"),
        ("invalid_key", ("vertex",), "gcloud auth application-default login"),
    ],
)
def test_generic_status_advice_is_fitted_to_whoever_answered(category: str, via: tuple[str, ...], needle: str) -> None:
    status = {"invalid_key": 401, "billing": 402}[category]
    d = diagnose(status=status, via=via)
    assert d.category == category
    assert needle in " ".join(d.fix)
    assert not any("platform.claude.com" in step for step in d.fix)


def test_claude_codes_retry_banner_replaces_retry_advice() -> None:
    d = _decoded()["bedrock-claude-code-503-too-many-connections"]
    assert d.fix[0].startswith("Claude Code is already retrying")
    assert "attempt 5 of 10" in d.fix[0]
    assert not any(step.lower().startswith("retry") for step in d.fix[1:])


def test_unknown_stays_unknown() -> None:
    d = diagnose(message="the weather is lovely today")
    assert d.title == "Not recognised"
    assert (d.retryable, d.sdk_retries) == (None, None)
    assert d.to_json()["retryable"] is None
    assert any("cannot tell" in note for note in d.notes)
