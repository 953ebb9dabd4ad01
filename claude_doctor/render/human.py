"""Human output of any command: decide the terminal once, fit the result's text to it, draw, write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Any

from claude_doctor.render.console import Canvas, Terminal, fit_all, terminal


def draw(result: Any, term: Terminal, *, verbose: bool = False) -> str:
    """The text of `result` (a `CommandResult` of the kind its `kind` names) for `term`. Names load by kind, so
    `explain` does not import the other commands' renderers."""
    # `emit` has translated the result already (i18n.translate), before `fit_all`: stand-ins are chosen for the words
    # actually shown, and `fit_all` turns messages into plain strings. The renderers translate their own words (`tr`).
    result = fit_all(result, term)
    canvas = Canvas(term)
    if result.kind == "check":
        from claude_doctor.render.report import render_report

        render_report(result.report, canvas, verbose=verbose)
    elif result.kind == "explain":
        from claude_doctor.render.explain import render_diagnoses

        render_diagnoses(getattr(result, "diagnoses", None) or (result.diagnosis,), canvas)
    elif result.kind == "overview":
        from claude_doctor.render.overview import render_overview

        render_overview(list(result.rows), canvas)
    elif result.kind == "scan":
        from claude_doctor.render.scan import render_scan

        render_scan(result.summary, canvas)
    elif result.kind == "mock_started":
        from claude_doctor.render.mock import started_lines

        return started_lines(result)
    return canvas.text()


def write_human(
    result: Any,
    stream: IO[str],
    *,
    verbose: bool = False,
    width: int | None = None,
    env: Mapping[str, str] | None = None,
    term: Terminal | None = None,
) -> None:
    """Draw `result` for `stream` (or for `term` when given: a file written with `--output`) and write it."""
    term = term if term is not None else terminal(stream, env, width=width)
    stream.write(draw(result, term, verbose=verbose))
