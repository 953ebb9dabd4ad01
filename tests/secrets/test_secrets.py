"""The one table of credential shapes and what derives from it: `mask`, `key_kind`, `vendor_of`, `redact`, `scrub`.

Table tests cover every shape in `SHAPES` (a test fails when a shape is added without a sample); property tests put
random keys into random text. The exact masked forms are pinned on purpose: a changed tail length or a dropped
short-secret guard must fail here, not in a user's log.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claude_doctor import secrets
from claude_doctor.secrets import (
    CREDENTIAL_WORD,
    PREFIXED,
    SHAPES,
    find_secrets,
    key_kind,
    key_prefix,
    mask,
    redact,
    scrub,
    shape_of,
    vendor_of,
)

TOKEN = string.ascii_letters + string.digits + "_-"
B64 = string.ascii_letters + string.digits + "/+="
BODY = "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8xYz1aBc4dEf7gHi0jKl3mNo6pQr9sTu2"
HEX = "3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a9c7e5b3d1f8a6c4e2b0d9f7a"

# Self-identifying credentials: (shape, value, public prefix, key_kind, vendor_of). Values are shaped like real ones;
# the AWS pair is AWS's own documentation example.
PREFIXED_SAMPLES = [
    ("anthropic_api_key", "sk-ant-api03-" + BODY[:93] + "AA", "sk-ant-api03-", "api_key", None),
    ("anthropic_admin_key", "sk-ant-admin01-" + BODY[:93] + "AA", "sk-ant-admin01-", "admin_key", None),
    ("anthropic_oauth_access", "sk-ant-oat01-" + BODY[:95], "sk-ant-oat01-", "oauth_access", None),
    ("anthropic_oauth_refresh", "sk-ant-ort01-" + BODY[:95], "sk-ant-ort01-", "oauth_refresh", None),
    ("anthropic_other", "sk-ant-sid01-" + BODY[:60], "sk-ant-sid01-", "unknown", None),
    ("openrouter_key", "sk-or-v1-" + HEX, "sk-or-v1-", "other_vendor", "an OpenRouter key"),
    ("openai_project_key", "sk-proj-" + BODY[:80], "sk-proj-", "other_vendor", "an OpenAI project key"),
    ("openai_service_key", "sk-svcacct-" + BODY[:80], "sk-svcacct-", "other_vendor", "an OpenAI service-account key"),
    ("openai_admin_key", "sk-admin-" + BODY[:80], "sk-admin-", "other_vendor", "an OpenAI admin key"),
    ("sk_key", "sk-" + BODY[:48], "sk-", "other_vendor", "an OpenAI key (or a relay's)"),
    ("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE", "AKIA", "other_vendor", "an AWS access key id"),
    (
        "bedrock_api_key",
        "ABSK" + "QmVkcm9ja0FQSUtleS1leGFtcGxlLWtleQ==",
        "ABSK",
        "other_vendor",
        "an Amazon Bedrock API key",
    ),
    ("google_api_key", "AIza" + "SyD-" + BODY[:31], "AIza", "other_vendor", "a Google API key"),
    ("google_oauth_token", "ya29." + "a0AfH6SM" + BODY[:60], "ya29.", "other_vendor", "a Google OAuth access token"),
    ("github_token", "ghp_" + BODY[:36].replace("-", "x"), "ghp_", "other_vendor", "a GitHub token"),
    (
        "jwt",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "eyJ",
        "unknown",
        None,
    ),
    (
        "private_key",
        "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
        "-----BEGIN PRIVATE KEY-----",
        "unknown",
        None,
    ),
]

# Context secrets: (shape, text, the secret inside it, the context that must survive redaction).
CONTEXT_SAMPLES = [
    (
        "aws_secret_key",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key = ",
    ),
    (
        "aws_session_token",
        "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD",
        "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD",
        "AWS_SESSION_TOKEN=",
    ),
    (
        "google_private_key",
        '{"type": "service_account", "private_key_id": "' + HEX[:40] + '", "client_email": "a@b.iam"}',
        HEX[:40],
        '"private_key_id": "',
    ),
    (
        "secret_variable",
        "export ANTHROPIC_AUTH_TOKEN=relay-token-0123456789abcdef",
        "relay-token-0123456789abcdef",
        "export ANTHROPIC_AUTH_TOKEN=",
    ),
    (
        "authorization",
        "curl -H 'Authorization: Bearer relay.token_0123456789-abcdef' https://relay.example.com",
        "relay.token_0123456789-abcdef",
        "Authorization: Bearer ",
    ),
    ("api_key_field", '{"api_key": "0123456789abcdefRELAY"}', "0123456789abcdefRELAY", '{"api_key": "'),
    (
        "url_password",
        "HTTPS_PROXY=http://alice:s3cretPa55word@proxy.corp.example:8080",
        "s3cretPa55word",
        "HTTPS_PROXY=http://alice:",
    ),
    (
        "url_query_secret",
        "GET https://relay.example.com/v1/models?key=0123456789abcdefXYZ&alt=json",
        "0123456789abcdefXYZ",
        "/v1/models?key=",
    ),
    ("password_field", "proxy_pass: hunter2hunter2", "hunter2hunter2", "proxy_pass: "),
]

# More forms that must be caught: (text, the secret that must not survive).
PEM_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEF"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
MORE_SECRETS = [
    # A relay's `sk-` key (one-api, new-api and their forks hand these out).
    ("ANTHROPIC_BASE_URL=https://relay.example.com ANTHROPIC_API_KEY sk-" + BODY[:48], "sk-" + BODY[:48]),
    ("Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==", "dXNlcjpwYXNzd29yZDEyMw=="),
    ("x-api-key: sk-ant-api03-" + BODY[:93] + "AA", BODY[:93]),
    ("x-api-key: sk-ant-api03" + BODY[:93] + "AA", BODY[:93]),  # mangled in pasting
    ("https://generativelanguage.googleapis.com/v1/models?key=AIzaSyD-" + BODY[:31], BODY[:31]),
    ("HTTPS_PROXY=http://bob:pw12@127.0.0.1:3128", "pw12"),
    ("X-Amz-Security-Token: FwoGZXIvYXdzEBYaDKa0123456789abcdefghij", "FwoGZXIvYXdzEBYaDKa0123456789abcdefghij"),
    (f'"private_key": "-----BEGIN PRIVATE KEY-----\\n{PEM_BODY}\\n-----END PRIVATE KEY-----\\n"', PEM_BODY),
    (f"-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}\nAbCdEfGh==\n-----END RSA PRIVATE KEY-----", PEM_BODY),
    ("OPENAI_API_KEY='sk-proj-" + BODY[:80] + "'", BODY[:80]),
    (f"aws_secret_access_key={AWS_SECRET}\naws_access_key_id=AKIAIOSFODNN7EXAMPLE", AWS_SECRET),
]

# Ordinary text that holds no credential and must come out unchanged.
ORDINARY = [
    "task-1234567890abcdefghijkl done",
    "desk-reservation-system-v2-final",
    "risk-assessment-2024-quarterly-report",
    "Checking network…",
    "Checking credentials… ok",
    "Retrying in 5 seconds… (attempt 4/10)",
    "The bearer of this note",
    "Basic setup done",
    "api_key is not set",
    "set ANTHROPIC_API_KEY in your shell",
    "ANTHROPIC_API_KEY=",
    "x-api-key header is required",
    "authorization header missing",
    "request_id req_011CSHoEeqs5C35K2UUqR7Fy",
    "msg_01XFDUDYJgAACzvnptvVoYEL",
    "model claude-sonnet-4-5-20250929",
    "POST https://api.anthropic.com/v1/messages?beta=true",
    "connect ETIMEDOUT 160.79.104.10:443",
    "Error code: 429 - {'type': 'error'}",
    "organization:80162711-722b-4454-ae75-c6334e6796f2",
    "无效的令牌 (request id: 20250720182654457470344fBdI4eO0)",
    "http://proxy.corp:8080 and git@github.com:org/repo.git and https://user@github.com/org/repo",
    "AKIAlowercase",
    "sk-ant- is the prefix of every Anthropic key",
    "token count: 12345678",
    "sk-ant-api03-AbCd…wXyz (already masked)",
    "sk-ant-oat01-…(9 chars)",
]


def _names(table: Sequence[tuple[object, ...]]) -> set[str]:
    return {str(row[0]) for row in table}


def test_every_shape_has_a_sample() -> None:
    assert _names(PREFIXED_SAMPLES) == {s.name for s in PREFIXED}
    assert _names(PREFIXED_SAMPLES) | _names(CONTEXT_SAMPLES) == {s.name for s in SHAPES}


# --- mask -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (None, "(none)"),
        ("", "(empty)"),
        # Long enough: the public prefix, then exactly four characters at each end of the rest.
        ("sk-ant-api03-" + BODY[:93] + "AA", "sk-ant-api03-Ab3d…sTAA"),
        ("sk-ant-oat01-" + BODY[:95], "sk-ant-oat01-Ab3d…sTu2"),
        ("relay-token-0123456789abcdef", "rela…cdef"),
        ("AKIAIOSFODNN7EXAMPLE", "AKIAIOSF…MPLE"),
        ("0123456789abcdef", "0123…cdef"),  # 16 characters: the shortest that shows its ends, half of it
        ("sk-ant-api03-0123456789abcdef", "sk-ant-api03-0123…cdef"),
        # Short: only the prefix and the length, never the characters.
        ("0123456789abcde", "…(15 chars)"),
        ("hunter2hunter2", "…(14 chars)"),
        ("pw12", "…(4 chars)"),
        ("x", "…(1 chars)"),
        ("sk-ant-api03-0123456789abcde", "sk-ant-api03-…(28 chars)"),
        ("sk-ant-oat01-short", "sk-ant-oat01-…(18 chars)"),
        ("sk-ant-api03-", "sk-ant-api03-…(13 chars)"),
        ("AKIAIOSFODNN7EXAM", "AKIA…(17 chars)"),  # too short for an access key id: the prefix, the length
    ],
)
def test_mask(value: str | None, masked: str) -> None:
    assert mask(value) == masked


@pytest.mark.parametrize(("name", "value", "prefix", "kind", "vendor"), PREFIXED_SAMPLES)
def test_each_prefix(name: str, value: str, prefix: str, kind: str, vendor: str | None) -> None:
    shape = shape_of(value)
    assert shape is not None
    assert shape.name == name
    assert key_prefix(value) == prefix
    assert key_kind(value) == kind
    assert vendor_of(value) == vendor
    rest = value[len(prefix) :]
    assert mask(value) == f"{prefix}{rest[:4]}…{rest[-4:]}"
    assert [(s.name, v) for s, _at, v in find_secrets(f"seen: '{value}' (end)")] == [(name, value)]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("", "unknown"),
        ("hunter2hunter2", "unknown"),
        ("relay-token-0123456789abcdef", "unknown"),
        ("task-1234567890abcdefghij", "unknown"),
        (" sk-ant-api03-" + BODY, "unknown"),  # kind comes from the first characters only
        ("sk-ant-api03" + BODY, "unknown"),  # mangled in pasting: still Anthropic's, of no kind it can name
        ("SK-ANT-API03-" + BODY, "unknown"),
    ],
)
def test_key_kind_without_a_known_prefix(value: str, kind: str) -> None:
    assert key_kind(value) == kind
    assert vendor_of(value) is None


@given(st.text(max_size=120))
@settings(max_examples=400, deadline=None)
def test_mask_never_shows_more_than_half_of_a_secret(value: str) -> None:
    masked = mask(value)
    prefix = key_prefix(value)
    body = value[len(prefix) :]
    if not value:
        return
    assert masked.startswith(prefix)
    visible = masked[len(prefix) :]
    if visible == f"…({len(value)} chars)":
        return
    head, _, tail = visible.partition("…")
    assert body.startswith(head)
    assert body.endswith(tail)
    assert len(head) + len(tail) <= len(body) / 2, (value, masked)


# --- redact -----------------------------------------------------------------------------------------------------


def _fires(name: str, text: str) -> bool:
    finder = dict(zip((s.name for s in SHAPES), secrets._finders(), strict=True))[name]
    return finder.search(text) is not None


@pytest.mark.parametrize(("name", "value", "prefix", "_kind", "_vendor"), PREFIXED_SAMPLES)
def test_redact_every_self_identifying_shape(name: str, value: str, prefix: str, _kind: str, _vendor: str) -> None:
    text = f"error: {value}; (key {value!r} from the environment)"
    assert _fires(name, text)
    out = redact(text)
    rest = value[len(prefix) :]
    assert rest not in out
    assert out.count(mask(value)) == 2
    assert out.startswith("error: ")
    assert redact(out) == out


@pytest.mark.parametrize(("name", "text", "secret", "context"), CONTEXT_SAMPLES)
def test_redact_every_context_secret(name: str, text: str, secret: str, context: str) -> None:
    assert _fires(name, text)
    out = redact(text)
    assert secret not in out
    assert context + mask(secret) in out  # only the value is masked; what names it stays readable
    assert redact(out) == out


@pytest.mark.parametrize(("text", "secret"), MORE_SECRETS)
def test_redact_more_forms(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out
    assert redact(out) == out


@pytest.mark.parametrize("text", ORDINARY)
def test_no_false_positives(text: str) -> None:
    assert redact(text) == text


def test_known_secrets_are_masked_wherever_they_appear() -> None:
    """A secret found on the machine that matches no shape is masked through the `known` list alone."""
    token = "relay-token-0123456789abcdef"
    text = f"model {token}; url https://relay.example.com/{token}/v1; padded '  {token}  '"
    assert redact(text) == text  # no shape knows it
    out = redact(text, [token, "short", ""])
    assert token not in out
    assert out.count("rela…cdef") == 3
    assert redact(out, [token]) == out
    assert redact("the short word", ["short"]) == "the short word"  # fewer than 8 characters: too common to mask


# --- scrub ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [f"uses {value} here" for _n, value, *_ in PREFIXED_SAMPLES]
    + [text for _n, text, *_ in CONTEXT_SAMPLES]
    + [text for text, _s in MORE_SECRETS]
    + ["short one sk-ant-oat01-…(9 chars)", "already masked sk-ant-api03-AbCd…wXyz"],
)
def test_scrub_leaves_no_credential_at_all(text: str) -> None:
    out = scrub(text)
    assert CREDENTIAL_WORD in out
    assert "…" not in out  # not even a masked form
    for shape in PREFIXED:
        m = re.search(shape.keep, out)
        assert m is None or shape.name == "private_key", (shape.name, out)
    assert scrub(out) == out


def test_scrub_with_known_secrets_and_ordinary_text() -> None:
    token = "relay-token-0123456789abcdef"
    assert scrub(f"model {token}", [token]) == f"model {CREDENTIAL_WORD}"
    for text in ORDINARY[:20]:
        assert scrub(text) == text


# --- properties: a random key in random text never survives -----------------------------------------------------

# (prefix, alphabet of the body, shortest body, longest body) for keys a generator can make.
GENERATED = [
    ("sk-ant-api03-", TOKEN, 8, 120),
    ("sk-ant-", TOKEN, 8, 120),  # a newer kind, or a key mangled in pasting
    ("sk-ant-admin01-", TOKEN, 8, 120),
    ("sk-ant-oat01-", TOKEN, 8, 120),
    ("sk-ant-ort01-", TOKEN, 8, 120),
    ("sk-or-v1-", TOKEN, 16, 80),
    ("sk-proj-", TOKEN, 16, 160),
    ("sk-svcacct-", TOKEN, 16, 160),
    ("sk-admin-", TOKEN, 16, 80),
    ("sk-", TOKEN, 16, 64),
    ("AKIA", string.ascii_uppercase + string.digits, 16, 16),
    ("ASIA", string.ascii_uppercase + string.digits, 16, 16),
    ("ABSK", B64, 20, 120),
    ("AIza", TOKEN, 8, 48),
    ("ya29.", TOKEN + ".", 20, 200),
    ("ghp_", string.ascii_letters + string.digits + "_", 30, 60),
    ("github_pat_", string.ascii_letters + string.digits + "_", 30, 90),
]


@st.composite
def generated_key(draw: st.DrawFn) -> tuple[str, str]:
    prefix, alphabet, shortest, longest = draw(st.sampled_from(GENERATED))
    body = draw(st.text(alphabet, min_size=shortest, max_size=longest))
    return prefix, body


SURROUNDING = st.text(st.characters(codec="utf-8"), max_size=200)


@given(
    generated_key(), SURROUNDING, SURROUNDING, st.sampled_from([" ", "\n", "=", ": ", '"', "'", "\t", ",", "(", "`"])
)
@settings(max_examples=600, deadline=None)
def test_a_generated_key_in_random_text_never_survives(key: tuple[str, str], before: str, after: str, sep: str) -> None:
    prefix, body = key
    assume(body not in before and body not in after)
    text = before + sep + prefix + body + sep + after
    out = redact(text)
    assert body not in out
    assert redact(out) == out


@given(st.text(string.printable.strip(), min_size=8, max_size=64), SURROUNDING, SURROUNDING)
@settings(max_examples=300, deadline=None)
def test_a_known_secret_never_survives_even_glued_to_text(secret: str, before: str, after: str) -> None:
    assume(secret not in before and secret not in after)
    assume(key_prefix(secret) != secret)  # a bare public prefix (`sk-proj-`) is no secret
    out = redact(before + secret + after, [secret])
    assert secret not in out
