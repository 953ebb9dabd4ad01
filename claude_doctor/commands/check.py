"""`claude-doctor check`: gather, run the local checks, then the network and API ones, and return the report.
Exit 0 ok or warn, 1 fail (warn too with --strict), 2 usage error."""

from __future__ import annotations

from collections.abc import Callable

from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.local import run_local
from claude_doctor.checks.options import CheckOptions
from claude_doctor.i18n import N_, Msg
from claude_doctor.model import CheckRun, CommandResult, ErrorResult, Report


def build_report(
    ctx: CheckContext,
    *,
    strict: bool | None = None,
    debug: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> CheckRun:
    """Every check's result, and every secret found on the way so that `emit` can mask it wherever it appears."""
    state, results = run_local(ctx, debug=debug)
    if not ctx.offline and state is not None:
        from claude_doctor.checks.remote import run_remote

        results += run_remote(state, on_wait=on_wait)
    secrets = state.secrets() if state is not None else ()  # after the probes: with what they obtained
    not_checked: tuple[str, ...] = ()
    if ctx.offline:
        not_checked = (Msg("The network path and the API were not checked (--offline)."),)
    strict = ctx.options.strict if strict is None else strict
    report = Report(tuple(results), strict=strict, not_checked=not_checked)
    return CheckRun(report=report, secrets=secrets, exit_code=report.exit_code)


def run(
    options: CheckOptions, *, ctx: CheckContext | None = None, on_wait: Callable[[str], None] | None = None
) -> CommandResult:
    if not options.timeout > 0:
        return ErrorResult(message=N_("--timeout must be a positive number of seconds"))
    ctx = ctx if ctx is not None else CheckContext.from_process(options)
    try:
        return build_report(ctx, strict=options.strict, debug=options.debug, on_wait=on_wait)
    except Exception as exc:
        if options.debug:
            raise
        return ErrorResult(
            message=Msg("internal error ({error}); run again with --debug for the traceback", error=type(exc).__name__),
            exit_code=1,
        )
