"""Process entry point with fast paths for `explain`, `scan` and `check`.

Typer builds pydantic validators for every parameter before running a command, which costs more than the whole decode.
`explain` is the command people run in a hurry (and in loops), `scan` is measured against grep, and `check` runs as a CI
preflight step on every build, so their plain grammars, `explain [--json] [--list] [ARG]`, `scan [--json] FILE...` and
`check [OPTION...]` with the options `cli.check` declares, each with `--lang en|zh-CN` before the command (the root
option) or among its options, are parsed here; everything else, including `--help`, an unknown option, a value Typer
might read differently and any mistake, goes to Typer, which owns the messages.

The two must agree: tests/entrypoint/test_fast_path.py runs the same command lines through both and compares what they
print, and holds each flag and option below to the Typer parameter of the same name in `cli.py`.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs explain's start-up a few milliseconds
if TYPE_CHECKING:
    from typing import Any

# The flags each fast path takes → the name of the `cli.py` parameter each sets. Anything else starting with "-"
# (but "-" itself) falls back to Typer.
EXPLAIN_FLAGS = {"--json": "json_out", "--list": "list_all"}
SCAN_FLAGS = {"--json": "json_out"}
CHECK_FLAGS = {
    "--offline": "offline",
    "--json": "json_out",
    "--strict": "strict",
    "-v": "verbose",
    "--verbose": "verbose",
    "--send": "send",
    "--run-helpers": "run_helpers",
    "--run-project-helper": "run_project_helper",
    "--allow-missing-key": "allow_missing_key",
    "--debug": "debug",
}
LANG_OPTION = "--lang"  # every command's, and the root's: `cli.LangOption`
LANG_CHOICES = ("en", "zh-CN")  # cli.Language
# Options that take a value → the `cli.py` parameter; `--for` may be repeated.
CHECK_VALUES = {
    "--lang": "lang",
    "--format": "output_format",
    "--output": "output",
    "--timeout": "timeout",
    "--model": "model",
    "--for": "for_clients",
}
FORMAT_CHOICES = ("table", "json", "markdown", "github")  # cli.OutputFormat
CLIENT_CHOICES = ("claude-code", "python", "typescript", "python-bedrock", "python-vertex", "all")  # cli.ClientChoice
CHECK_DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(CHECK_FLAGS.values(), False),
    "output_format": None,
    "output": None,
    "timeout": 10.0,
    "model": None,
    "for_clients": (),
    "lang": None,
}
# A number as Typer certainly reads it; anything else (inf, 1_000, other scripts' digits) is left to Typer.
NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"


def root_language(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """(the root `--lang` value or None, the command line after it), or None when the root option is not one Typer
    certainly reads the same way."""
    if argv and argv[0].startswith(LANG_OPTION + "="):
        value, rest = argv[0].partition("=")[2], argv[1:]
    elif argv and argv[0] == LANG_OPTION:
        if len(argv) < 2:
            return None
        value, rest = argv[1], argv[2:]
    else:
        return None, argv
    return (value, rest) if value in LANG_CHOICES else None


def _lang_value(rest: list[str], i: int) -> tuple[str, int] | None:
    """The value of a command's `--lang` at rest[i] and the index after it, when it is one of LANG_CHOICES."""
    item = rest[i]
    if item.startswith(LANG_OPTION + "="):
        value = item.partition("=")[2]
    elif i + 1 < len(rest):
        value, i = rest[i + 1], i + 1
    else:
        return None
    return (value, i + 1) if value in LANG_CHOICES else None


def _is_lang(item: str) -> bool:
    return item == LANG_OPTION or item.startswith(LANG_OPTION + "=")


def fast_explain_args(argv: list[str]) -> tuple[str | None, bool, bool, str | None] | None:
    """(arg, json_out, list_all, lang) when argv is a plain explain call, else None."""
    if not argv or argv[0] != "explain":
        return None
    arg: str | None = None
    flags = {"json_out": False, "list_all": False}
    lang: str | None = None
    rest = argv[1:]
    only_positional = False
    i = 0
    while i < len(rest):
        item = rest[i]
        i += 1
        if not only_positional and item == "--":
            only_positional = True
            continue
        if not only_positional and item in EXPLAIN_FLAGS:
            flags[EXPLAIN_FLAGS[item]] = True
            continue
        if not only_positional and _is_lang(item):
            found = _lang_value(rest, i - 1)
            if found is None:
                return None
            lang, i = found
            continue
        if not only_positional and item.startswith("-") and item != "-":
            return None
        if arg is not None:
            return None
        arg = item
    return arg, flags["json_out"], flags["list_all"], lang


def fast_scan_args(argv: list[str]) -> tuple[list[str], bool, str | None] | None:
    """(files, json_out, lang) when argv is a plain scan call with at least one file, else None."""
    if not argv or argv[0] != "scan":
        return None
    files: list[str] = []
    flags = {"json_out": False}
    lang: str | None = None
    only_positional = False
    rest = argv[1:]
    i = 0
    while i < len(rest):
        item = rest[i]
        i += 1
        if not only_positional and item == "--":
            only_positional = True
        elif not only_positional and item in SCAN_FLAGS:
            flags[SCAN_FLAGS[item]] = True
        elif not only_positional and _is_lang(item):
            found = _lang_value(rest, i - 1)
            if found is None:
                return None
            lang, i = found
        elif not only_positional and item.startswith("-") and item != "-":
            return None
        else:
            files.append(item)
    return (files, flags["json_out"], lang) if files else None


def fast_check_args(argv: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `shell.run_check` when argv is a plain check call (every option known, every value
    one Typer reads the same way), else None."""
    if not argv or argv[0] != "check":
        return None
    found = dict(CHECK_DEFAULTS)
    clients: list[str] = []
    rest = argv[1:]
    i = 0
    while i < len(rest):
        item = rest[i]
        name, has_value, value = item.partition("=")
        if item in CHECK_FLAGS:
            found[CHECK_FLAGS[item]] = True
        elif name in CHECK_VALUES and name.startswith("--"):
            if not has_value:
                if i + 1 >= len(rest) or rest[i + 1].startswith("-"):
                    return None  # Typer would take the next option as the value: its call
                i += 1
                value = rest[i]
            if name == "--for":
                if value not in CLIENT_CHOICES:
                    return None
                clients.append(value)
            elif not _check_value(found, CHECK_VALUES[name], value):
                return None
        else:
            return None
        i += 1
    found["for_clients"] = tuple(clients)
    return found


def _check_value(found: dict[str, Any], param: str, value: str) -> bool:
    if param == "output_format":
        if value not in FORMAT_CHOICES:
            return False
        found[param] = value
    elif param == "output":
        if not value:
            return False
        from pathlib import Path

        found[param] = Path(value)
    elif param == "lang":
        if value not in LANG_CHOICES:
            return False
        found[param] = value
    elif param == "timeout":
        import re

        if not re.fullmatch(NUMBER, value):
            return False
        found[param] = float(value)
    else:
        found[param] = value
    return True


def _run(argv: list[str]) -> int:
    root = root_language(argv)
    if root is not None:
        root_lang, command = root
        parsed = fast_explain_args(command)
        if parsed is not None:
            from claude_doctor import shell

            arg, json_out, list_all, lang = parsed
            return shell.explain(arg, json_out=json_out, list_all=list_all, language=lang or root_lang)
        scan = fast_scan_args(command)
        if scan is not None:
            from claude_doctor import shell

            files, json_out, lang = scan
            return shell.scan(files, json_out=json_out, language=lang or root_lang)
        check = fast_check_args(command)
        if check is not None:
            from claude_doctor import shell

            return shell.run_check(**{**check, "lang": check["lang"] or root_lang})
    from claude_doctor.cli import app

    app(args=argv)  # standalone mode: Typer prints usage errors and exits itself
    return 0


def main() -> None:
    """Run, turning Ctrl-C and a closed pipe (`| head`) into quiet exits instead of tracebacks."""
    try:
        code = _run(sys.argv[1:])
    except KeyboardInterrupt:
        from claude_doctor.i18n import N_
        from claude_doctor.model import ErrorResult
        from claude_doctor.render import emit

        code = emit(ErrorResult(message=N_("interrupted"), exit_code=130, lead=""))
    except BrokenPipeError:
        code = 0
        sys.stderr.close()
    sys.exit(code)
