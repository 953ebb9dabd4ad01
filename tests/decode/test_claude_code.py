"""Claude Code's banners: that it is already retrying, and when a usage limit lifts. Real pastes from the corpus, and
the banner wordings quoted in public issue threads and transcripts for the clock-time resets."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from claude_doctor.decode.claude_code import reset_at, reset_clock, retrying
from tests.decode.realworld_samples import sample


@pytest.mark.parametrize(
    ("sample_id", "expected"),
    [
        ("claude_code-request-timed-out-retry-sequence", (6, 10)),  # `Retrying in 18 seconds… (attempt 6/10)`
        ("claude_code-529-retry-new-format-then-final", (10, 10)),  # `Retrying in 24s · attempt 10/10`
        ("claude_code-529-json-docs-link", None),
    ],
)
def test_retry_banner(sample_id: str, expected: tuple[int, int] | None) -> None:
    assert retrying(sample(sample_id)) == expected


def test_a_client_that_gave_up_is_told_so() -> None:
    d = explain_text(sample("claude_code-529-retry-new-format-then-final"))
    assert d.fix[0].startswith("Claude Code used all 10 attempts")


def test_usage_limit_epoch_is_the_reset_instant() -> None:
    text = sample("claude_code-usage-limit-reached-pipe-epoch")  # `Claude AI usage limit reached|1753441200`
    assert reset_at(text) == "2025-07-25T11:00:00Z"
    d = explain_text(text)
    assert (d.category, d.status, d.status_source, d.retryable) == ("rate_limited", 429, "inferred", True)
    assert d.reset_at == "2025-07-25T11:00:00Z"


def test_spend_limit_regain_date_is_the_reset_instant() -> None:
    d = explain_text(sample("claude_code-spend-limit-regain-access-wrapped"))
    assert d.category == "billing"
    assert d.reset_at == "2026-04-01T00:00:00Z"


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        ("You've hit your limit · resets 5pm (Europe/Paris)", "17:00 Europe/Paris"),
        ("Claude usage limit reached. Your limit will reset at 2pm (America/New_York).", "14:00 America/New_York"),
        ("You've hit your limit · resets 12am (Asia/Shanghai)", "00:00 Asia/Shanghai"),
    ],
)
def test_usage_limit_clock_time_keeps_its_zone(text: str, clock: str) -> None:
    assert reset_clock(text) == clock
    d = explain_text(text)
    assert d.category == "rate_limited"
    assert d.reset_at == clock


def test_server_throttling_is_not_the_usage_limit() -> None:
    d = explain_text(sample("claude_code-server-temporarily-limiting"))
    assert d.title == "Server is temporarily limiting requests"
    assert d.reset_at is None


@pytest.mark.parametrize(
    ("text", "clock"),
    [
        # The session-limit banner prints the reset in the machine's own zone (seen in public transcripts).
        ("  ⎿  Session limit reached ∙ resets 9:30pm\n     /upgrade to increase your usage limit.", "21:30"),
        ("Weekly limit reached ∙ resets Oct 9, 5pm", None),  # a day ahead: the clock time alone would mislead
    ],
)
def test_usage_limit_clock_time_without_a_zone(text: str, clock: str | None) -> None:
    d = explain_text(text)
    assert d.category == "rate_limited"
    assert d.reset_at == clock
