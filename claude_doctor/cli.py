"""Command-line wiring: parse options, call one function, hand its result to a renderer.

Nothing heavy is imported at module level: `explain` and `--help` must not pay for httpx or dotenv.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claude_doctor import __version__

app = typer.Typer(
    name="claude-doctor",
    help="Diagnose Claude API errors, credentials and network paths.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    github = "github"


class ClientChoice(StrEnum):
    claude_code = "claude-code"
    python = "python"
    typescript = "typescript"
    python_bedrock = "python-bedrock"
    python_vertex = "python-vertex"
    all = "all"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claude-doctor {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Diagnose Claude API errors, credentials and network paths."""


@app.command()
def check(
    offline: Annotated[bool, typer.Option("--offline", help="Only local checks: send nothing.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Short for --format json.")] = False,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", help="table, json, markdown or github.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", help="Write the report to FILE instead of stdout.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as failures (exit 1).")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Show details of passing checks too.")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Deadline in seconds for the whole check.")] = 10.0,
    model: Annotated[str | None, typer.Option("--model", help="Model to probe (default: ANTHROPIC_MODEL).")] = None,
    send: Annotated[bool, typer.Option("--send", help="Also send one real 1-token message.")] = False,
    run_helpers: Annotated[
        bool,
        typer.Option(
            "--run-helpers", help="Run Claude Code's apiKeyHelper and awsCredentialExport, and AWS credential_process."
        ),
    ] = False,
    run_project_helper: Annotated[
        bool,
        typer.Option(
            "--run-project-helper",
            help="Also run this project's own apiKeyHelper (.claude/settings.json) when Claude Code does not trust it.",
        ),
    ] = False,
    for_clients: Annotated[
        list[ClientChoice] | None,
        typer.Option(
            "--for",
            help="Check these clients (repeat): claude-code, python, typescript, python-bedrock (AnthropicBedrock), "
            "python-vertex (AnthropicVertex), all. Default: found.",
        ),
    ] = None,
    allow_missing_key: Annotated[
        bool, typer.Option("--allow-missing-key", help="A missing key is a skip, not a failure (fork PRs).")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check credentials, configuration, the network path and the API."""
    from claude_doctor import shell

    raise typer.Exit(
        shell.run_check(
            offline=offline,
            json_out=json_out,
            output_format=output_format.value if output_format else None,
            output=output,
            strict=strict,
            verbose=verbose,
            timeout=timeout,
            model=model,
            send=send,
            run_helpers=run_helpers,
            run_project_helper=run_project_helper,
            for_clients=tuple(c.value for c in for_clients or ()),
            allow_missing_key=allow_missing_key,
            debug=debug,
        )
    )


@app.command()
def explain(
    arg: Annotated[
        str | None,
        typer.Argument(help="A status (529), error type, error code, a file path, or - for standard input."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    list_all: Annotated[bool, typer.Option("--list", help="Show every status at a glance.")] = False,
) -> None:
    """Explain a Claude API error: what it means, whether to retry, and the fix."""
    from claude_doctor import shell

    raise typer.Exit(shell.explain(arg, json_out=json_out, list_all=list_all))


@app.command()
def scan(
    files: Annotated[list[str], typer.Argument(help="Log files (.gz too), or - for standard input.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Find and summarise every Claude API error in logs."""
    from claude_doctor import shell

    raise typer.Exit(shell.scan(files, json_out=json_out))


@app.command()
def mock(
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0 picks a free one).")] = 0,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    scenario: Annotated[
        str, typer.Option("--scenario", help="A scenario, or a comma-separated sequence: overloaded,overloaded,ok")
    ] = "ok",
    latency: Annotated[int, typer.Option("--latency", help="Delay in milliseconds before answering.")] = 0,
    retry_after: Annotated[
        int, typer.Option("--retry-after", help="Seconds sent in `retry-after` by rate_limited.")
    ] = 2,
    json_out: Annotated[bool, typer.Option("--json", help="Print where it listens as one JSON object.")] = False,
) -> None:
    """Run a loopback fake Claude API that fails on demand.

    Scenarios: ok, overloaded, rate_limited, rate_limited_no_retry, spend_limit, server_error, timeout, invalid_key,
    permission, not_found, too_large, context_too_long, credit, stream_error, slow, hang, drop, html_gateway.
    """
    from claude_doctor import shell

    raise typer.Exit(
        shell.mock(
            host=host, port=port, scenario=scenario, latency_ms=latency, retry_after=retry_after, json_out=json_out
        )
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
