"""Rendering a diagnosis: where its status came from, whom to quote the request id to, reset times in local time."""

from __future__ import annotations

from datetime import UTC, datetime

from claude_doctor.catalog import diagnose
from claude_doctor.render.console import Canvas, Terminal
from claude_doctor.render.explain import render_diagnosis, reset_text


def _table(**facts: object) -> str:
    canvas = Canvas(Terminal(width=120))
    render_diagnosis(diagnose(**facts), canvas)  # type: ignore[arg-type]
    return canvas.text()


def test_an_inferred_status_says_so() -> None:
    assert "529, inferred" in _table(error_type="overloaded_error", message="Overloaded")
    assert "inferred" not in _table(status=529)


def test_the_request_id_goes_to_whoever_can_look_it_up() -> None:
    assert "Anthropic support" in _table(status=529, request_id="req_011CX9bKp3hWq2Zr7", request_id_kind="anthropic")
    aws = _table(status=429, request_id="158a2e26-c851-4440-9f98-e3065df1de46", request_id_kind="aws", via=("bedrock",))
    assert "AWS support" in aws
    relay = _table(status=429, request_id="20250423020142736330894dLoIRrS6", request_id_kind="relay", via=("relay",))
    assert "whoever runs the relay" in relay


def test_reset_times_are_shown_in_local_time() -> None:
    now = datetime(2025, 7, 25, 9, 0, tzinfo=UTC)
    instant = reset_text("2025-07-25T11:00:00Z", now=now)
    assert instant is not None
    assert "local time" in instant
    clock = reset_text("17:00 Europe/Paris", now=now)  # 15:00 UTC in summer
    assert clock is not None
    assert clock.startswith(datetime(2025, 7, 25, 15, 0, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M"))
    assert reset_text("21:30", now=now) == "21:30 local time"
    assert reset_text(None) is None


def test_unknown_retryability_gets_a_line_saying_the_tool_cannot_tell() -> None:
    table = _table(message="the weather is lovely today")
    assert "unknown" in table
