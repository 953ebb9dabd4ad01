"""`claude-doctor check`: gather, run, redact, render, exit. Exit 0 ok or warn, 1 fail (warn too with --strict),
2 usage error."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.local import run_local
from claude_doctor.keys import redact_text
from claude_doctor.model import CheckResult, Report

FORMATS = ("table", "json", "markdown", "github")


def _redacted(check: CheckResult, secrets: tuple[str, ...]) -> CheckResult:
    """Belt and braces: every secret found is masked in every text field, whatever a check put there."""

    def clean(text: str) -> str:
        return redact_text(text, secrets)

    return dataclasses.replace(
        check, title=clean(check.title), detail=clean(check.detail), fix=tuple(clean(f) for f in check.fix)
    )


def build_report(
    ctx: CheckContext,
    *,
    strict: bool = False,
    debug: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> tuple[Report, tuple[str, ...]]:
    state, results = run_local(ctx, debug=debug)
    secrets = state.secrets() if state is not None else ()
    if not ctx.offline and state is not None:
        from claude_doctor.checks.network.remote import run_remote

        results += run_remote(state, on_wait=on_wait)
    return Report(tuple(_redacted(r, secrets) for r in results), strict=strict), secrets


def _spinner(fmt: str, output: Path | None) -> tuple[Any, Callable[[str], None] | None]:
    """A status line on a terminal only: never in CI, never in JSON, never into a file."""
    from claude_doctor.render.console import is_ci

    if fmt != "table" or output is not None or is_ci() or not sys.stderr.isatty():
        return contextlib.nullcontext(), None
    from claude_doctor.render.console import make_console

    status = make_console(stderr=True).status("Checking…")

    def update(waiting: str) -> None:
        status.update(f"Waiting on {waiting}…" if waiting else "Checking…")

    return status, update


def render(report: Report, output_format: str, verbose: bool, secrets: tuple[str, ...]) -> str:
    if output_format == "json":
        from claude_doctor.render.report import report_json

        return redact_text(report_json(report), secrets) + "\n"
    if output_format == "markdown":
        from claude_doctor.render.ci import markdown_report

        return redact_text(markdown_report(report), secrets)
    if output_format == "github":
        from claude_doctor.render.ci import github_annotations
        from claude_doctor.render.report import verdict_line

        return redact_text(github_annotations(report), secrets) + verdict_line(report) + "\n"
    from claude_doctor.render.console import make_console
    from claude_doctor.render.report import render_report

    buffer = io.StringIO()
    console = make_console(buffer, width=None if sys.stdout.isatty() else 100)
    if sys.stdout.isatty() and console.width < 60:
        console.width = 60
    render_report(report, console, verbose=verbose)
    return redact_text(buffer.getvalue(), secrets)


def run_check_command(
    *,
    offline: bool,
    output_format: str | None,
    output: Path | None,
    strict: bool,
    verbose: bool,
    timeout: float,
    model: str | None,
    send: bool,
    run_helpers: bool,
    allow_missing_key: bool,
    debug: bool,
) -> int:
    fmt = output_format or "table"
    if fmt not in FORMATS:
        print(f"error: --format {fmt} is not available in this version; use table or json", file=sys.stderr)
        return 2
    if not timeout > 0:
        print("error: --timeout must be a positive number of seconds", file=sys.stderr)
        return 2
    ctx = CheckContext.from_process(
        offline=offline,
        timeout=timeout,
        model=model,
        send=send,
        run_helpers=run_helpers,
        allow_missing_key=allow_missing_key,
    )
    spinner, on_wait = _spinner(fmt, output)
    try:
        with spinner:
            report, secrets = build_report(ctx, strict=strict, debug=debug, on_wait=on_wait)
        text = render(report, fmt, verbose, secrets)
    except Exception as exc:
        if debug:
            raise
        print(
            f"error: internal error ({type(exc).__name__}); run again with --debug for the traceback", file=sys.stderr
        )
        return 1
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"error: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    _github_actions(report, fmt, output, secrets)
    return report.exit_code


def _github_actions(report: Report, fmt: str, output: Path | None, secrets: tuple[str, ...]) -> None:
    """Under GitHub Actions: annotations next to the table, and the Markdown report in the job summary."""
    import os

    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    from claude_doctor.render.ci import github_annotations, markdown_report

    if fmt == "table" and output is None:
        sys.stdout.write(redact_text(github_annotations(report), secrets))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(redact_text(markdown_report(report), secrets) + "\n")
        except OSError as exc:
            print(f"warning: cannot write the step summary {summary}: {exc.strerror or exc}", file=sys.stderr)
