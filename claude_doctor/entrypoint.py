"""Process entry point with fast paths for `explain` and `scan`.

Typer builds pydantic validators for every parameter before running a command, which costs more than the whole
decode. `explain` is the command people run in a hurry (and in loops), and `scan` is measured against grep, so their
simple grammars, `explain [--json] [--list] [ARG]` and `scan [--json] FILE...`, are parsed here; everything else,
including `--help` and any mistake, goes to Typer, which owns the messages.

The two must agree: tests/entrypoint/test_fast_path.py runs the same command lines through both and compares what
they print, and holds each flag below to the Typer parameter of the same name in `cli.py`.
"""

from __future__ import annotations

import sys

# The flags each fast path takes → the name of the `cli.py` parameter each sets. Anything else starting with "-"
# (but "-" itself) falls back to Typer.
EXPLAIN_FLAGS = {"--json": "json_out", "--list": "list_all"}
SCAN_FLAGS = {"--json": "json_out"}


def fast_explain_args(argv: list[str]) -> tuple[str | None, bool, bool] | None:
    """(arg, json_out, list_all) when argv is a plain explain call, else None."""
    if not argv or argv[0] != "explain":
        return None
    arg: str | None = None
    flags = {"json_out": False, "list_all": False}
    rest = argv[1:]
    only_positional = False
    for item in rest:
        if not only_positional and item == "--":
            only_positional = True
            continue
        if not only_positional and item in EXPLAIN_FLAGS:
            flags[EXPLAIN_FLAGS[item]] = True
            continue
        if not only_positional and item.startswith("-") and item != "-":
            return None
        if arg is not None:
            return None
        arg = item
    return arg, flags["json_out"], flags["list_all"]


def fast_scan_args(argv: list[str]) -> tuple[list[str], bool] | None:
    """(files, json_out) when argv is a plain scan call with at least one file, else None."""
    if not argv or argv[0] != "scan":
        return None
    files: list[str] = []
    flags = {"json_out": False}
    only_positional = False
    for item in argv[1:]:
        if not only_positional and item == "--":
            only_positional = True
        elif not only_positional and item in SCAN_FLAGS:
            flags[SCAN_FLAGS[item]] = True
        elif not only_positional and item.startswith("-") and item != "-":
            return None
        else:
            files.append(item)
    return (files, flags["json_out"]) if files else None


def _run(argv: list[str]) -> int:
    parsed = fast_explain_args(argv)
    if parsed is not None:
        from claude_doctor import shell

        arg, json_out, list_all = parsed
        return shell.explain(arg, json_out=json_out, list_all=list_all)
    scan = fast_scan_args(argv)
    if scan is not None:
        from claude_doctor import shell

        files, json_out = scan
        return shell.scan(files, json_out=json_out)
    from claude_doctor.cli import app

    app(args=argv)  # standalone mode: Typer prints usage errors and exits itself
    return 0


def main() -> None:
    """Run, turning Ctrl-C and a closed pipe (`| head`) into quiet exits instead of tracebacks."""
    try:
        code = _run(sys.argv[1:])
    except KeyboardInterrupt:
        from claude_doctor.model import ErrorResult
        from claude_doctor.render import emit

        code = emit(ErrorResult(message="interrupted", exit_code=130, lead=""))
    except BrokenPipeError:
        code = 0
        sys.stderr.close()
    sys.exit(code)
