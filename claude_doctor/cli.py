"""Command-line wiring: parse options, call one function, hand its result to a renderer.

Nothing heavy is imported at module level: `explain` and `--help` must not pay for httpx or dotenv.

Help texts are read when this module builds the app, so they are translated here, with `_`, into the language of the
command line (`--lang`, found by a look through argv before Typer parses it) or else the locale's. `--lang` is a
root option (`claude-doctor --lang zh-CN check`) and an option of every command (`claude-doctor check --lang zh-CN`).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from claude_doctor import __version__
from claude_doctor.i18n import N_, language_from_env, translate


def argv_language(argv: list[str]) -> str | None:
    """The value of the last `--lang` on a command line (before any `--`), as typed, or None."""
    found = None
    for n, item in enumerate(argv):
        if item == "--":
            break
        if item == "--lang" and n + 1 < len(argv):
            found = argv[n + 1]
        elif item.startswith("--lang="):
            found = item.partition("=")[2]
    return found


HELP_LANGUAGE = language_from_env(os.environ, argv_language(sys.argv[1:]))


def _(text: str) -> str:
    """A help text in the language of this command line."""
    return translate(N_(text), HELP_LANGUAGE)


# Typer's own words that it looks up with gettext (the section titles of --help, its usage errors): listed here so
# that Babel extracts them into this package's catalog, and given to Typer in the language of the command line.
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
)
if HELP_LANGUAGE != "en":
    import typer.core

    typer.core._ = _  # type: ignore[attr-defined,assignment]  # typer.core: `from gettext import gettext as _`


class Language(StrEnum):
    en = "en"
    zh_CN = "zh-CN"


LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang", help=_("Language of the output: en or zh-CN (default: from the locale)."), show_default=False
    ),
]

app = typer.Typer(
    name="claude-doctor",
    help=_("Diagnose Claude API errors, credentials and network paths."),
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


def _language(ctx: typer.Context, lang: Language | None) -> str | None:
    """The command's own `--lang`, else the root's, as typed (None: the locale decides, in `emit`)."""
    if lang is not None:
        return lang.value
    root = ctx.find_root().params.get("lang")
    return root.value if isinstance(root, Language) else None


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version and exit."))
    ] = False,
    lang: LangOption = None,
) -> None:
    """Diagnose Claude API errors, credentials and network paths."""


@app.command(help=_("Check credentials, configuration, the network path and the API."))
def check(
    ctx: typer.Context,
    offline: Annotated[bool, typer.Option("--offline", help=_("Only local checks: send nothing."))] = False,
    json_out: Annotated[bool, typer.Option("--json", help=_("Short for --format json."))] = False,
    output_format: Annotated[
        OutputFormat | None, typer.Option("--format", help=_("table, json, markdown or github."))
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", help=_("Write the report to FILE instead of stdout."))
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Treat warnings as failures (exit 1)."))] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help=_("Show details of passing checks too."))] = False,
    timeout: Annotated[float, typer.Option("--timeout", help=_("Deadline in seconds for the whole check."))] = 10.0,
    model: Annotated[str | None, typer.Option("--model", help=_("Model to probe (default: ANTHROPIC_MODEL)."))] = None,
    send: Annotated[bool, typer.Option("--send", help=_("Also send one real 1-token message."))] = False,
    run_helpers: Annotated[
        bool,
        typer.Option(
            "--run-helpers",
            help=_("Run Claude Code's apiKeyHelper and awsCredentialExport, and AWS credential_process."),
        ),
    ] = False,
    run_project_helper: Annotated[
        bool,
        typer.Option(
            "--run-project-helper",
            help=_(
                "Also run this project's own apiKeyHelper (.claude/settings.json) when Claude Code does not trust it."
            ),
        ),
    ] = False,
    for_clients: Annotated[
        list[ClientChoice] | None,
        typer.Option(
            "--for",
            help=_("Check these clients (repeat): {clients}. Default: the clients found.").format(
                clients="claude-code, python, typescript, python-bedrock (AnthropicBedrock), python-vertex "
                "(AnthropicVertex), all"
            ),
        ),
    ] = None,
    allow_missing_key: Annotated[
        bool, typer.Option("--allow-missing-key", help=_("A missing key is a skip, not a failure (fork PRs)."))
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=_("Show tracebacks of internal errors."))] = False,
    lang: LangOption = None,
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
            lang=_language(ctx, lang),
        )
    )


@app.command(help=_("Explain a Claude API error: what it means, whether to retry, and the fix."))
def explain(
    ctx: typer.Context,
    arg: Annotated[
        str | None,
        typer.Argument(help=_("A status (529), error type, error code, a file path, or - for standard input.")),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help=_("Print one JSON object."))] = False,
    list_all: Annotated[bool, typer.Option("--list", help=_("Show every status at a glance."))] = False,
    lang: LangOption = None,
) -> None:
    """Explain a Claude API error: what it means, whether to retry, and the fix."""
    from claude_doctor import shell

    raise typer.Exit(shell.explain(arg, json_out=json_out, list_all=list_all, language=_language(ctx, lang)))


@app.command(help=_("Find and summarise every Claude API error in logs."))
def scan(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(help=_("Log files (.gz too), or - for standard input."))],
    json_out: Annotated[bool, typer.Option("--json", help=_("Print one JSON object."))] = False,
    lang: LangOption = None,
) -> None:
    """Find and summarise every Claude API error in logs."""
    from claude_doctor import shell

    raise typer.Exit(shell.scan(files, json_out=json_out, language=_language(ctx, lang)))


MOCK_SCENARIOS = (
    "ok, overloaded, rate_limited, rate_limited_no_retry, spend_limit, server_error, timeout, invalid_key, permission, "
    "not_found, too_large, context_too_long, credit, stream_error, slow, hang, drop, html_gateway"
)


@app.command(
    help=_("Run a loopback fake Claude API that fails on demand.")
    + "\n\n"
    + _("Scenarios: {scenarios}.").format(scenarios=MOCK_SCENARIOS)
)
def mock(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", help=_("Port to listen on (0 picks a free one)."))] = 0,
    host: Annotated[str, typer.Option("--host", help=_("Address to bind."))] = "127.0.0.1",
    scenario: Annotated[
        str, typer.Option("--scenario", help=_("A scenario, or a comma-separated sequence: overloaded,overloaded,ok"))
    ] = "ok",
    latency: Annotated[int, typer.Option("--latency", help=_("Delay in milliseconds before answering."))] = 0,
    retry_after: Annotated[
        int, typer.Option("--retry-after", help=_("Seconds sent in `retry-after` by rate_limited."))
    ] = 2,
    json_out: Annotated[bool, typer.Option("--json", help=_("Print where it listens as one JSON object."))] = False,
    lang: LangOption = None,
) -> None:
    """Run a loopback fake Claude API that fails on demand.

    Scenarios: ok, overloaded, rate_limited, rate_limited_no_retry, spend_limit, server_error, timeout, invalid_key,
    permission, not_found, too_large, context_too_long, credit, stream_error, slow, hang, drop, html_gateway.
    """
    from claude_doctor import shell

    raise typer.Exit(
        shell.mock(
            host=host,
            port=port,
            scenario=scenario,
            latency_ms=latency,
            retry_after=retry_after,
            json_out=json_out,
            language=_language(ctx, lang),
        )
    )


def main() -> None:
    app()


if __name__ == "__main__":
    main()
