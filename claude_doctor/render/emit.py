"""The one way out: any command's result, in the format asked for, to the streams given.

Human formats are translated here first, into the language asked for (`--lang`, else the locale), while the result's
texts are still messages: translation fills in values, so it must come before masking, never undo it. JSON is never
translated: it is the same in every language. A stream that cannot show Chinese (an ASCII-only CI log) gets English, not
question marks. Outside text is then neutralised and secrets are masked here and only here, on the result itself before
any renderer sees it, so every format (table, JSON, Markdown, GitHub annotations and the step summary) gets the same
inert, masked values. Neutralising comes first, so that a key split by an escape sequence or a zero-width character is
whole again when it is masked. Every stream is written through `SafeStream`: no encoding error escapes, and a terminal
line that wrapping made start with outside text cannot become a CI command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal, TypeVar, cast

from claude_doctor.model.results import CommandResult, ErrorResult
from claude_doctor.render.neutral import neutralise
from claude_doctor.render.streams import SafeStream
from claude_doctor.secrets import redact_all
from claude_doctor.texts import map_texts

if TYPE_CHECKING:
    from claude_doctor.model import CheckRun

Format = Literal["table", "json", "markdown", "github"]
FORMATS: tuple[Format, ...] = ("table", "json", "markdown", "github")
T = TypeVar("T")
R = TypeVar("R", bound=CommandResult)


def neutralised(value: T) -> T:
    """A copy of `value` (a result, a dataclass, any JSON-like data) with every string neutralised (`render.neutral`):
    no escape, control or CI command left. A string with nothing to neutralise is kept as it is (a message stays a
    message); a result's `secrets` are left as they are (they are what to look for, never shown)."""

    return map_texts(value, neutralise, dicts=True)


def emit(
    result: CommandResult,
    fmt: Format = "table",
    *,
    out: IO[str] | None = None,
    err: IO[str] | None = None,
    output: Path | None = None,
    verbose: bool = False,
    env: Mapping[str, str] | None = None,
    language: str | None = None,
) -> int:
    """Write `result` and return its exit code. `output` sends the document to a file instead of `out`. `language`
    is `--lang` as typed (None: the locale's)."""
    raw_out = sys.stdout if out is None else out
    raw_err = sys.stderr if err is None else err
    out = cast(IO[str], SafeStream(raw_out))
    err = cast(IO[str], SafeStream(raw_err, defuse_lines=True))
    env = os.environ if env is None else env
    from claude_doctor.i18n import ENGLISH, language_from_env, speaking, translate

    asked = language_from_env(env, language)
    to_out = asked if fmt != "json" and (output is not None or speaks(raw_out, asked, env)) else ENGLISH
    to_err = asked if speaks(raw_err, asked, env) else ENGLISH
    clean = _prepared(translate(result, to_out), result.secrets)
    said = clean if to_err == to_out else _prepared(translate(result, to_err), result.secrets)
    from claude_doctor.render.console import for_stream

    for note in said.notes:
        err.write(for_stream(note, err, env) + "\n")
    if isinstance(said, ErrorResult):
        err.write(for_stream(f"{said.lead}{said.message}", err, env) + "\n")
        err.flush()
        return said.exit_code
    err.flush()
    with speaking(to_out):
        if output is not None:
            import io

            buffer = io.StringIO()  # a file: UTF-8 and no colour, whatever the terminal and locale
            _render(clean, fmt, buffer, verbose=verbose, width=100, env={})
            try:
                output.write_text(buffer.getvalue(), encoding="utf-8", errors="replace")
            except OSError as exc:
                with speaking(to_err):
                    err.write(_cannot_write(output, exc) + "\n")
                err.flush()
                return 2
        else:
            _render(clean, fmt, raw_out, verbose=verbose, width=None, env=env)
        if clean.kind == "check" and env.get("GITHUB_ACTIONS") == "true":
            _github_actions(clean, fmt, output, env, out, err)  # type: ignore[arg-type]
    err.flush()
    out.flush()
    return clean.exit_code


def speaks(stream: IO[str], language: str, env: Mapping[str, str]) -> bool:
    """Whether `stream` can show text in `language`: English always; Chinese only where its encoding (and the
    locale's) carries Chinese characters."""
    if language == "en":
        return True
    from claude_doctor.render.console import terminal

    return terminal(stream, env, width=100).shows("中文：，")


def _prepared(result: R, secrets: tuple[str, ...]) -> R:
    """`result` neutralised, then masked (a key split by an escape sequence is whole again when it is masked)."""
    known = secrets + tuple(neutralise(s) for s in secrets)
    return redact_all(neutralised(result), known)


def _cannot_write(output: Path, exc: OSError) -> str:
    from claude_doctor.i18n import Msg, tr

    return tr(Msg("error: cannot write {path}: {reason}", path=str(output), reason=exc.strerror or str(exc)))


def _render(
    result: Any,
    fmt: Format,
    raw: IO[str],
    *,
    verbose: bool,
    width: int | None,
    env: Mapping[str, str] | None = None,
) -> None:
    """`result` is the `CommandResult` subclass its `kind` names; dispatching on the name keeps `explain` from loading
    every other command's model. Human output decides its width, colour and characters in `render.console`. Terminal
    renderings wrap and fold text, so their lines are defused as written; JSON, Markdown and GitHub output never start
    a line with outside text (and GitHub's own lines are the workflow commands it means to write)."""
    terminal_lines = fmt == "table" and result.kind != "mock_started"
    stream = cast(IO[str], SafeStream(raw, defuse_lines=terminal_lines))
    _render_to(result, fmt, stream, verbose=verbose, width=width, env=env)
    stream.flush()


def _render_to(
    result: Any,
    fmt: Format,
    stream: IO[str],
    *,
    verbose: bool,
    width: int | None,
    env: Mapping[str, str] | None,
) -> None:
    from claude_doctor.render.console import for_stream, terminal

    if fmt == "json":
        from claude_doctor.render.jsondoc import dumps

        document = result.to_json()
        if document is not None:
            ascii_only = not terminal(stream, env, width=width).shows("…✓→")
            indent = 2 if result.kind == "check" else None
            stream.write(dumps(document, indent=indent, ensure_ascii=ascii_only) + "\n")
        return
    if result.kind == "check" and fmt in ("markdown", "github"):
        from claude_doctor.i18n import tr
        from claude_doctor.render.ci import github_annotations, markdown_report
        from claude_doctor.render.report import verdict_line

        report = result.report
        text = (
            markdown_report(report)
            if fmt == "markdown"
            else github_annotations(report) + tr(verdict_line(report)) + "\n"
        )
        stream.write(for_stream(text, stream, env))
        return
    from claude_doctor.render.human import write_human

    write_human(result, stream, verbose=verbose, width=width, env=env)


def _github_actions(
    result: CheckRun, fmt: Format, output: Path | None, env: Mapping[str, str], out: IO[str], err: IO[str]
) -> None:
    """Under GitHub Actions: annotations next to the table, and the Markdown report in the job summary."""
    from claude_doctor.render.ci import github_annotations, markdown_report

    if fmt == "table" and output is None:
        out.write(github_annotations(result.report))
    summary = env.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8", errors="replace") as handle:
                handle.write(markdown_report(result.report) + "\n")
        except OSError as exc:
            from claude_doctor.i18n import Msg, tr

            reason = exc.strerror or str(exc)
            err.write(tr(Msg("warning: cannot write the step summary {path}: {reason}", path=summary, reason=reason)))
            err.write("\n")
