"""ANTHROPIC_BASE_URL lint: each row a URL users really set and what the report must say about it; and which base
URL the Python SDK resolves to, from plain inventories."""

from __future__ import annotations

import pytest

from claude_doctor.checks.inventory import Inventory, SdkProfile, Setting
from claude_doctor.checks.resolve.credential import Candidate, Choice
from claude_doctor.checks.resolve.endpoint import lint_base_url, sdk_base_url
from claude_doctor.checks.resolve.lint import worst


@pytest.mark.parametrize(
    ("url", "status", "kind", "needle"),
    [
        ("https://api.anthropic.com", "ok", "anthropic", None),
        ("https://api.anthropic.com/", "ok", "anthropic", None),
        ("http://127.0.0.1:8080", "ok", "loopback", None),
        ("http://localhost:4000", "ok", "loopback", None),
        ("http://[::1]:4000", "ok", "loopback", None),
        ("https://api.anthropic.com/v1", "fail", "anthropic", "/v1/v1/messages"),
        ("https://api.anthropic.com/v1/", "fail", "anthropic", "/v1/v1/messages"),
        ("http://gateway.corp.example:8080", "fail", "relay", "clear text"),
        (" https://api.anthropic.com", "fail", "anthropic", "whitespace"),
        ("https://api.anthropic.com\n", "fail", "anthropic", "whitespace"),
        ("api.anthropic.com", "fail", "invalid", "not an http(s) URL"),
        ("ftp://api.anthropic.com", "fail", "invalid", "not an http(s) URL"),
        ("https://api.anthropic.com:99999", "fail", "invalid", "cannot be parsed"),
        ("", "fail", "invalid", "empty"),
        ("https://llm.corp.example/anthropic", "warn", "relay", "handed to llm.corp.example"),
        ("https://bedrock-runtime.us-east-1.amazonaws.com", "warn", "bedrock", "CLAUDE_CODE_USE_BEDROCK"),
        ("https://us-east5-aiplatform.googleapis.com", "warn", "vertex", "CLAUDE_CODE_USE_VERTEX"),
        ("https://myres.services.ai.azure.com/anthropic", "warn", "foundry", "CLAUDE_CODE_USE_FOUNDRY"),
        ("https://user:pw@gw.example", "warn", "relay", "password"),
    ],
)
def test_lint_base_url(url: str, status: str, kind: str, needle: str | None) -> None:
    endpoint = lint_base_url(url)
    assert worst(list(endpoint.lints)) == status, endpoint.lints
    assert endpoint.kind == kind
    if needle is not None:
        assert any(needle in lint.message + lint.fix for lint in endpoint.lints), endpoint.lints


def test_fix_for_trailing_v1_is_the_url_without_it() -> None:
    endpoint = lint_base_url("https://gw.example/anthropic/v1")
    fixes = [lint.fix for lint in endpoint.lints]
    assert "drop the /v1: https://gw.example/anthropic" in fixes


def _profile(base_url: str | None) -> SdkProfile:
    config = {"authentication": {"type": "user_oauth"}, **({"base_url": base_url} if base_url else {})}
    return SdkProfile(
        "/c", "work", "active_config", "/c/configs/work.json", config, "/c/credentials/work.json", {}, True
    )


@pytest.mark.parametrize(
    ("env", "profile", "mechanism", "expected"),
    [
        ({}, None, None, ("https://api.anthropic.com", "default")),
        (
            {"ANTHROPIC_BASE_URL": "https://gw.example"},
            None,
            "api_key",
            ("https://gw.example", "ANTHROPIC_BASE_URL (environment)"),
        ),
        ({"ANTHROPIC_BASE_URL": ""}, None, "api_key", ("https://api.anthropic.com", "default")),
        ({}, "https://p.example", "active_profile", ("https://p.example", "SDK profile 'work'")),
        ({}, "https://p.example", "api_key", ("https://api.anthropic.com", "default")),  # the profile is not used
        (
            {"ANTHROPIC_BASE_URL": "https://gw.example"},
            "https://p.example",
            "profile",
            ("https://gw.example", "ANTHROPIC_BASE_URL (environment)"),
        ),
    ],
)
def test_sdk_base_url(
    env: dict[str, str], profile: str | None, mechanism: str | None, expected: tuple[str, str]
) -> None:
    inv = Inventory(env=[Setting(name, value, "environment", "env") for name, value in env.items()])
    if profile is not None:
        inv.sdk_profile = _profile(profile)
    chosen = Candidate(mechanism, mechanism) if mechanism else None
    assert sdk_base_url(inv, Choice("Python SDK", chosen, ())) == expected
