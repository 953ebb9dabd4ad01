"""Credential lint, case by case: each row is a value as users really paste it and the finding it must produce."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claude_doctor.checks.resolve.key import lint_credential
from claude_doctor.checks.resolve.lint import worst

BODY = "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7gHi0jKl3mNo6pQr9sTu2vW"[:93]
KEY = "sk-ant-api03-" + BODY + "AA"
ADMIN = "sk-ant-admin01-" + BODY + "AA"
OAT = "sk-ant-oat01-" + BODY + "xy"


def test_fixture_key_has_the_documented_shape() -> None:
    assert len(KEY) == 108
    assert len(ADMIN) == 110


@pytest.mark.parametrize(
    ("value", "header", "status", "needle"),
    [
        (KEY, "x-api-key", "ok", None),
        (KEY, "authorization", "ok", None),
        ("", "x-api-key", "fail", "empty"),
        (" " + KEY, "x-api-key", "fail", "leading whitespace"),
        (KEY + "\n", "x-api-key", "fail", "trailing whitespace"),
        (KEY[:50] + "\n" + KEY[50:], "x-api-key", "fail", "line break"),
        ('"' + KEY + '"', "x-api-key", "fail", "quotes"),
        ("'" + KEY + "'", "x-api-key", "fail", "quotes"),
        ("Bearer " + KEY, "x-api-key", "fail", "Bearer"),
        (KEY[:20] + "\u200b" + KEY[20:], "x-api-key", "fail", "zero-width space (U+200B) at position 21"),
        ("\ufeff" + KEY, "x-api-key", "fail", "byte-order mark"),
        (KEY[:30] + "\u00a0" + KEY[31:], "x-api-key", "fail", "non-breaking space"),
        ("\u201c" + KEY + "\u201d", "x-api-key", "fail", "curly quote"),
        ("your-api-key", "x-api-key", "fail", "placeholder"),
        ("sk-ant-xxx", "x-api-key", "fail", "placeholder"),
        ("<KEY>", "x-api-key", "fail", "placeholder"),
        ("sk-ant-api03-...", "x-api-key", "fail", "placeholder"),
        (ADMIN, "x-api-key", "fail", "Admin API key"),
        (OAT, "x-api-key", "fail", "OAuth access token"),
        (OAT, "authorization", "warn", "undocumented"),
        ("sk-ant-ort01-" + BODY, "authorization", "fail", "refresh token"),
        ("sk-proj-" + BODY, "x-api-key", "fail", "OpenAI project key"),
        ("sk-" + BODY, "x-api-key", "fail", "OpenAI key"),
        ("sk-or-v1-" + BODY, "x-api-key", "fail", "OpenRouter"),
        ("AIza" + BODY[:35], "x-api-key", "fail", "Google"),
        ("AKIA" + BODY[:16].upper(), "x-api-key", "fail", "AWS"),
        (KEY[:-10], "x-api-key", "warn", "98 characters long"),
        (KEY[:-2] + "Bq", "x-api-key", "warn", "does not end in 'AA'"),
        (KEY[:40] + "$" + KEY[41:], "x-api-key", "fail", "characters a key never has: $"),
        ("hello-world-1234567890", "x-api-key", "fail", "does not start with sk-ant-"),
    ],
)
def test_lint(value: str, header: str, status: str, needle: str | None) -> None:
    lints = lint_credential(value, "ANTHROPIC_API_KEY", header=header)
    assert worst(lints) == status, [lint.message for lint in lints]
    if needle is not None:
        assert any(needle in lint.message for lint in lints), [lint.message for lint in lints]


def test_other_vendor_key_is_only_a_warning_behind_a_gateway() -> None:
    lints = lint_credential(
        "sk-or-v1-" + BODY, "ANTHROPIC_API_KEY", header="x-api-key", third_party_host="openrouter.ai"
    )
    assert worst(lints) == "warn"
    assert "openrouter.ai" in lints[0].message


def test_messages_never_contain_the_key() -> None:
    for value in (KEY, " " + KEY, KEY[:-10], '"' + KEY + '"', "Bearer " + KEY):
        for lint in lint_credential(value, "ANTHROPIC_API_KEY", header="x-api-key"):
            assert BODY[4:-4] not in lint.message
            assert BODY[4:-4] not in lint.fix


@given(st.text(max_size=300))
def test_any_text_lints_without_error(value: str) -> None:
    lints = lint_credential(value, "ANTHROPIC_API_KEY", header="x-api-key")
    assert worst(lints) in {"ok", "warn", "fail"}
