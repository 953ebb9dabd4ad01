"""Running checks: each one timed, each one isolated, so one broken check never hides the rest of the report."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

from claude_doctor.i18n import N_, Msg
from claude_doctor.model import CheckResult

S = TypeVar("S")
Check = Callable[[S], list[CheckResult]]


def run_checks(checks: Sequence[tuple[str, str, Check[S]]], state: S, *, debug: bool = False) -> list[CheckResult]:
    """`checks` holds (id, section, function). An exception becomes a failed line that names the check."""
    results: list[CheckResult] = []
    for check_id, section, function in checks:
        started = time.perf_counter()
        try:
            produced = function(state)
        except Exception as exc:
            if debug:
                traceback.print_exc()
            message = f"{type(exc).__name__}: {exc}"
            produced = [
                CheckResult(
                    check_id,
                    "fail",
                    Msg("internal error in check {check_id}", check_id=check_id),
                    section,
                    message,
                    (N_("run again with --debug and report the traceback at the project's issue tracker"),),
                )
            ]
        elapsed = (time.perf_counter() - started) * 1000
        for result in produced:
            results.append(result if result.duration_ms is not None else _with_duration(result, elapsed))
    return results


def _with_duration(result: CheckResult, elapsed: float) -> CheckResult:
    from dataclasses import replace

    return replace(result, duration_ms=elapsed)
