"""`explain` for people: the facts of one error (or each of several), at most three fixes with commands apart, what
came through and whom to quote the request id to; and `explain --list` as a table or, when narrow, a list."""

from __future__ import annotations

import dataclasses

import pytest

from claude_doctor.catalog import lookup_term, status_overview
from claude_doctor.model import Diagnosis, ExplainResult, OverviewResult
from claude_doctor.render.console import Canvas, Terminal
from claude_doctor.render.explain import render_diagnoses
from claude_doctor.render.human import draw

OVERLOADED = lookup_term("529")


def shown(diagnosis: Diagnosis, width: int = 80) -> str:
    return draw(ExplainResult(diagnosis=diagnosis), Terminal(width=width))


def test_facts_without_internal_labels() -> None:
    assert OVERLOADED is not None
    text = shown(OVERLOADED)
    assert "read from" not in text  # source_shape is for --json
    assert OVERLOADED.source_shape not in text.split()
    assert "yes: the same request can succeed after waiting" in text


def test_at_most_three_fixes_and_a_command_on_its_own_line() -> None:
    assert OVERLOADED is not None
    steps = ("Check the key: `claude-doctor check`", "two", "three", "four")
    lines = shown(dataclasses.replace(OVERLOADED, fix=steps)).splitlines()
    assert "  1. Check the key:" in lines
    assert "     $ claude-doctor check" in lines
    assert "  3. three" in lines
    assert not any("four" in line for line in lines)


def test_what_it_came_through_and_whom_to_quote() -> None:
    assert OVERLOADED is not None
    d = dataclasses.replace(
        OVERLOADED,
        via=("claude_code", "relay", "some_router"),
        request_id="req_011CSAzPyuFNyJ7x1H1R3s5u",
        request_id_kind="relay",
        status_source="inferred",
    )
    text = shown(d, width=120)
    assert "came through  Claude Code → a relay → some_router" in text
    assert "req_011CSAzPyuFNyJ7x1H1R3s5u: quote it to whoever runs the relay" in text
    assert "529, inferred: the error itself does not show it" in text


def test_several_errors_each_under_its_number() -> None:
    assert OVERLOADED is not None
    key = lookup_term("authentication_error")
    assert key is not None
    canvas = Canvas(Terminal(width=80))
    render_diagnoses([OVERLOADED, key], canvas)
    text = canvas.text()
    assert (
        text.index("Error 1 of 2") < text.index(OVERLOADED.title) < text.index("Error 2 of 2") < text.index(key.title)
    )


@pytest.mark.parametrize(("width", "table", "category"), [(80, True, True), (64, True, False), (50, False, False)])
def test_list_is_a_table_when_it_fits(width: int, table: bool, category: bool) -> None:
    text = draw(OverviewResult(rows=tuple(status_overview())), Terminal(width=width))
    lines = text.splitlines()
    assert ("error type" in lines[1]) is table
    assert ("category" in lines[1]) is category
    assert all(len(line) <= width for line in lines)
    assert "invalid_request_error" in text  # whole, never cut
