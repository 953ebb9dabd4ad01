"""The catalog: coverage of every status, type and code the API and the newest SDK know, and its diagnoses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from claude_doctor.catalog import all_entries, diagnose, lookup_term, status_overview
from claude_doctor.model import CATEGORIES, NETWORK_KINDS

# The 133 codes anthropic 2.14 knows: the 125 of 2.13 from the project's reference notes, plus 8 added in 2.14.
TSV = Path(__file__).with_name("sdk-error-codes.tsv")


def _tsv_rows() -> list[tuple[int, str]]:
    with TSV.open() as handle:
        return [(int(r["status"]), r["error_code"]) for r in csv.DictReader(handle, delimiter="\t")]


def test_every_entry_is_well_formed() -> None:
    keys = set()
    for entry in all_entries():
        assert entry.key not in keys, entry.key
        keys.add(entry.key)
        assert entry.category in CATEGORIES, entry.key
        assert entry.title, entry.key
        assert entry.meaning, entry.key
        assert entry.fix, entry.key
        assert all(step.strip() for step in entry.fix), entry.key


@pytest.mark.parametrize(
    "status", [400, 401, 402, 403, 404, 408, 409, 412, 413, 422, 429, 431, 499, 500, 501, 502, 503, 504, 529]
)
def test_every_known_status_has_its_own_entry(status: int) -> None:
    d = diagnose(status=status)
    assert d.title not in ("Client error", "Server error", "Not recognised")
    assert d.status == status


@pytest.mark.parametrize(
    ("status", "category", "retryable", "sdk_retries"),
    [
        (400, "invalid_request", False, False),
        (401, "invalid_key", False, False),
        (402, "billing", False, False),
        (403, "permission", False, False),
        (404, "not_found", False, False),
        (408, "timeout", True, True),
        (409, "invalid_request", True, True),
        (413, "request_too_large", False, False),
        (429, "rate_limited", True, True),
        (500, "server_error", True, True),
        (504, "timeout", True, True),
        (529, "overloaded", True, True),
        (418, "invalid_request", False, False),
        (599, "server_error", True, True),
    ],
)
def test_status_diagnosis(status: int, category: str, retryable: bool, sdk_retries: bool) -> None:
    d = diagnose(status=status)
    assert (d.category, d.retryable, d.sdk_retries) == (category, retryable, sdk_retries)


@pytest.mark.parametrize(
    "error_type",
    [
        "invalid_request_error",
        "authentication_error",
        "billing_error",
        "permission_error",
        "not_found_error",
        "request_too_large",
        "rate_limit_error",
        "api_error",
        "timeout_error",
        "overloaded_error",
        "conflict_error",
        "memory_precondition_failed_error",
        "memory_path_conflict_error",
    ],
)
def test_every_error_type_is_known(error_type: str) -> None:
    d = lookup_term(error_type)
    assert d is not None
    assert d.category != "unknown"
    assert d.error_type == error_type


def test_every_tsv_code_has_an_answer_with_its_status() -> None:
    rows = _tsv_rows()
    assert len(rows) == 133
    for status, code in rows:
        d = lookup_term(code)
        assert d is not None, code
        assert d.status == status, code
        assert d.error_code == code
        assert d.category != "unknown"


def test_every_code_the_installed_sdk_knows_is_covered() -> None:
    from anthropic._error_classes import ERROR_CLASSES

    codes = [(status, code) for (status, code) in ERROR_CLASSES if code]
    assert len(codes) >= 133
    for status, code in codes:
        d = diagnose(status=status, error_code=code)
        assert d.category != "unknown", code
        assert "not a code the newest SDK knows" not in " ".join(d.notes), code


@pytest.mark.parametrize(
    ("code", "category", "retryable"),
    [
        ("ramp_limit_exceeded", "rate_limited", True),
        ("enforced_spend_limit_reached", "billing", False),
        ("contract_spend_limit_reached", "billing", False),
        ("linked_organization_spend_limit_reached", "billing", False),
        ("api_key_scope_missing", "permission", False),
        ("request_body_too_large_after_decoding", "request_too_large", False),
        ("claude_code_version_too_old", "invalid_request", False),
        ("image_dimensions_too_large", "invalid_request", False),
        ("cmek_key_unreachable", "server_error", True),
        ("workspace_changed_concurrently", "invalid_request", True),
    ],
)
def test_code_entries(code: str, category: str, retryable: bool) -> None:
    d = lookup_term(code)
    assert d is not None
    assert (d.category, d.retryable) == (category, retryable)


def test_spend_limit_429_says_sdk_retries_are_wasted() -> None:
    d = diagnose(status=429, error_type="rate_limit_error", error_code="enforced_spend_limit_reached")
    assert d.sdk_retries is True
    assert d.retryable is False
    assert any("wasted" in note for note in d.notes)
    assert d.retry_after_s is None


def test_throttle_429_carries_retry_after() -> None:
    d = diagnose(status=429, error_type="rate_limit_error", headers={"Retry-After": "17"})
    assert d.retry_after_s == 17.0
    assert d.retryable
    assert not any("wasted" in n for n in d.notes)


@pytest.mark.parametrize(
    ("message", "category", "fix_fragment"),
    [
        ("prompt is too long: 215000 tokens > 200000 maximum", "context_too_long", "Cut at least 15,000 input tokens"),
        (
            "input length and `max_tokens` exceed context limit: 178959 + 64000 > 200000, decrease input length",
            "context_too_long",
            "lower max_tokens to 21,041 or cut at least 42,959",
        ),
        ("max_tokens: 100000 > 64000, which is the maximum allowed", "invalid_request", "at most 64,000"),
        ("Your credit balance is too low to access the Anthropic API.", "billing", "Plans & Billing"),
        ("This organization has been disabled.", "permission", "organization"),
        ("OAuth token has expired. Please obtain a new token", "oauth_token", "/login"),
        ("OAuth token revoked · Please run /login", "oauth_token", "/login"),
        ("OAuth authentication is currently not supported.", "wrong_credential", "API key"),
        ("This credential is only authorized for use with Claude Code", "wrong_credential", "API key"),
        ("x-api-key header is required", "invalid_key", "ANTHROPIC_API_KEY"),
        ("invalid x-api-key", "invalid_key", "claude-doctor check"),
        ("anthropic-version: header is required", "invalid_request", "2023-06-01"),
        ("model: claude-3-opus-latest", "not_found", "`claude-3-opus-latest`"),
        (
            "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01",
            "invalid_request",
            "tool_result",
        ),
        ("messages.0.content.1.image.source.base64: image exceeds 5 MB maximum", "invalid_request", "image"),
        ("You have reached your specified API usage limits. You will regain access on 2026-12-01", "billing", "limit"),
        ("Request exceeds the maximum size", "request_too_large", "Files API"),
    ],
)
def test_messages_change_the_diagnosis(message: str, category: str, fix_fragment: str) -> None:
    d = diagnose(status=400, error_type="invalid_request_error", message=message)
    assert d.category == category
    assert fix_fragment in " ".join(d.fix)


def test_credit_balance_on_400_notes_the_docs_disagreement() -> None:
    d = diagnose(status=400, error_type="invalid_request_error", message="Your credit balance is too low")
    assert any("402" in note for note in d.notes)


def test_loose_message_does_not_override_a_different_type() -> None:
    d = diagnose(status=400, error_type="invalid_request_error", message="tools.0: rate limit field is invalid")
    assert d.category == "invalid_request"


@pytest.mark.parametrize("kind", sorted(NETWORK_KINDS))
def test_every_network_kind(kind: str) -> None:
    d = diagnose(network=kind)
    assert d.category == NETWORK_KINDS[kind]
    assert d.sdk_retries is True
    assert d.status is None


def test_tls_fix_names_both_ecosystems() -> None:
    fix = " ".join(diagnose(network="tls_untrusted").fix)
    assert "SSL_CERT_FILE" in fix
    assert "REQUESTS_CA_BUNDLE" in fix
    assert "NODE_EXTRA_CA_CERTS" in fix


def test_in_stream_error_is_not_retried_by_the_sdk() -> None:
    d = diagnose(error_type="overloaded_error", message="Overloaded", in_stream=True)
    assert d.category == "overloaded"
    assert d.sdk_retries is False
    # The HTTP answer was 200; the error event takes the status of its type, and says it was inferred.
    assert (d.status, d.status_source) == (529, "inferred")


def test_gateway_answer() -> None:
    d = diagnose(status=502, not_anthropic="an HTML page, server: nginx")
    assert d.category == "proxy"
    assert d.retryable
    assert d.sdk_retries
    assert "nginx" in d.notes[0]


def test_never_invents_a_status() -> None:
    """A status is either shown or follows from a type or a known message family, and says which."""
    assert (diagnose(status=529).status, diagnose(status=529).status_source) == (529, "shown")
    overloaded = diagnose(error_type="overloaded_error")
    assert (overloaded.status, overloaded.status_source) == (529, "inferred")
    credit = diagnose(message="Credit balance is too low")
    assert (credit.status, credit.status_source) == (400, "inferred")
    nothing = diagnose(message="the weather is lovely today")
    assert (nothing.status, nothing.status_source) == (None, None)


def test_unknown() -> None:
    d = diagnose()
    assert d.category == "unknown"
    assert d.sdk_retries is None
    assert lookup_term("no_such_thing_here") is None


def test_unknown_error_type_falls_back_to_status() -> None:
    d = diagnose(status=400, error_type="brand_new_error")
    assert d.category == "invalid_request"
    assert any("brand_new_error" in n for n in d.notes)


def test_status_overview_lists_every_status() -> None:
    statuses = [d.status for d in status_overview()]
    assert 529 in statuses
    assert 402 in statuses
    assert statuses == sorted(statuses)
