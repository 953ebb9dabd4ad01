"""The thin shell between a command line and the core: run one command, hand its result to `render.emit`, return the
exit code. Shared by `cli.py` (Typer) and the fast path in `entrypoint.py`, so both run exactly the same code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from claude_doctor.render import Format, emit

if TYPE_CHECKING:
    from claude_doctor.checks.options import CheckOptions


def explain(arg: str | None, *, json_out: bool = False, list_all: bool = False, language: str | None = None) -> int:
    """`language` here and below is `--lang` as typed; None lets the locale decide."""
    from claude_doctor.commands import explain as command

    return emit(command.run(arg, list_all=list_all), "json" if json_out else "table", language=language)


def scan(files: list[str], *, json_out: bool = False, language: str | None = None) -> int:
    from claude_doctor.commands import scan as command
    from claude_doctor.render.progress import scan_bar

    bar, on_progress = scan_bar(files)
    with bar:
        result = command.run(files, on_progress=on_progress)
    return emit(result, "json" if json_out else "table", language=language)


def check(
    options: CheckOptions,
    *,
    fmt: Format = "table",
    output: Path | None = None,
    verbose: bool = False,
    language: str | None = None,
) -> int:
    from claude_doctor.commands import check as command
    from claude_doctor.render.progress import check_status

    status, on_wait = check_status(fmt, output, language)
    with status:
        result = command.run(options, on_wait=on_wait)
    return emit(result, fmt, output=output, verbose=verbose, language=language)


def run_check(
    *,
    offline: bool = False,
    json_out: bool = False,
    output_format: str | None = None,
    output: Path | None = None,
    strict: bool = False,
    verbose: bool = False,
    timeout: float = 10.0,
    model: str | None = None,
    send: bool = False,
    run_helpers: bool = False,
    run_project_helper: bool = False,
    for_clients: tuple[str, ...] = (),
    allow_missing_key: bool = False,
    debug: bool = False,
    lang: str | None = None,
) -> int:
    """`check` from its parsed options, named as `cli.check` names them (`output_format` and `for_clients` as the
    words typed): the one body behind both `cli.check` and the fast path in `entrypoint`."""
    from claude_doctor.checks.options import CheckOptions

    options = CheckOptions(
        offline=offline,
        strict=strict,
        timeout=timeout,
        model=model,
        send=send,
        run_helpers=run_helpers or run_project_helper,
        run_project_helper=run_project_helper,
        clients=tuple(name.replace("-", "_") for name in for_clients),
        allow_missing_key=allow_missing_key,
        debug=debug,
    )
    fmt = cast(Format, output_format if output_format else ("json" if json_out else "table"))
    return check(options, fmt=fmt, output=output, verbose=verbose, language=lang)


def mock(
    *,
    host: str,
    port: int,
    scenario: str,
    latency_ms: int,
    retry_after: int,
    json_out: bool = False,
    language: str | None = None,
) -> int:
    from claude_doctor.commands import mock as command
    from claude_doctor.render.mock import request_logger

    started, server = command.start(
        host=host,
        port=port,
        scenario=scenario,
        latency_ms=latency_ms,
        retry_after=retry_after,
        on_request=request_logger(sys.stderr),
    )
    code = emit(started, "json" if json_out else "table", language=language)
    if server is None:
        return code
    return emit(command.serve(server), language=language)
