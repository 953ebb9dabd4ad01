"""ANTHROPIC_BASE_URL lint: each row a URL users really set and what the report must say about it."""

from __future__ import annotations

import pytest

from claude_doctor.checks.resolve.endpoint import lint_base_url
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
