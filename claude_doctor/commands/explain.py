"""`claude-doctor explain ARG`: find the input (a term, a file, standard input or the text itself) and decode it.
Exit 0 recognised, 1 not, 2 usage."""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from claude_doctor.catalog import is_known_status, lookup_term, status_overview, suggest_terms
from claude_doctor.model import CommandResult, Diagnosis, ErrorResult, ExplainResult, InputRead, OverviewResult

MAX_INPUT_BYTES = 5 * 1024 * 1024  # read from a file or standard input; the rest is left unread, and said so
_TERM = re.compile(r"^[A-Za-z0-9_\-]{2,80}$")


def usage() -> str:
    """What `explain` with nothing to explain says. The message layer is loaded only when there is something to say:
    `explain 529` does not pay for it."""
    from claude_doctor.i18n import N_

    return N_(
        "Usage: claude-doctor explain ARG — a status (529), an error type (overloaded_error), an error code, "
        "a file, or - to read the error from standard input."
    )


class _Unusable(Exception):
    """Bad input from the user: said plainly, exit 2. `args[0]` is the message (a `Msg`)."""


def _standard_input() -> str:
    from claude_doctor.i18n import N_

    return N_("standard input")


def _decode_bytes(data: bytes, where: str) -> str:
    if b"\x00" in data[:8192] and not data.lstrip().startswith((b"{", b"[")):
        from claude_doctor.i18n import Msg

        raise _Unusable(Msg("{source} looks like a binary file, not text: nothing to explain.", source=where))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.decode("utf-8", errors="replace")


def _read_file(path: Path, wait: float | None) -> tuple[str, InputRead]:
    from claude_doctor.inputs import InputError, open_input, read_capped

    try:
        with open_input(path, wait) as handle:
            data, truncated = read_capped(handle, MAX_INPUT_BYTES)
    except InputError as exc:
        from claude_doctor.i18n import Msg

        if path.is_dir():
            raise _Unusable(
                Msg("{path} is a directory; give a file, or - to read standard input.", path=str(path))
            ) from None
        raise _Unusable(exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)) from None
    except OSError as exc:
        from claude_doctor.i18n import Msg

        raise _Unusable(Msg("cannot read {path}: {reason}", path=str(path), reason=exc.strerror or str(exc))) from None
    read = InputRead(str(path), len(data), truncated, MAX_INPUT_BYTES)
    return _decode_bytes(data, str(path)), read


def _read_stdin(stdin: BinaryIO | None) -> tuple[str, InputRead]:
    from claude_doctor.inputs import read_capped

    stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data, truncated = read_capped(stream, MAX_INPUT_BYTES)
    else:  # a text-only stdin (a test runner's): the cap in characters is near enough
        text = sys.stdin.read(MAX_INPUT_BYTES + 1)
        data, truncated = text[:MAX_INPUT_BYTES].encode("utf-8", "replace"), len(text) > MAX_INPUT_BYTES
    where = _standard_input()
    return _decode_bytes(data, where), InputRead(where, len(data), truncated, MAX_INPUT_BYTES)


def _decode(text: str) -> list[Diagnosis]:
    """Every distinct error in the text, the primary first. Imported here: `explain 529` never loads the decoder."""
    from claude_doctor.decode import explain_all

    return explain_all(text)


def resolve_all(arg: str, stdin: BinaryIO | None = None, wait: float | None = None) -> list[Diagnosis]:
    """Term, file, stdin or the text itself, in that order: the primary diagnosis, then the other errors found."""
    return _resolve(arg, stdin, wait)[0]


def _resolve(arg: str, stdin: BinaryIO | None, wait: float | None) -> tuple[list[Diagnosis], InputRead | None]:
    """`resolve_all`, and what was read when the input was a file or standard input."""
    if arg == "-":
        text, read = _read_stdin(stdin)
        if not text.strip():
            from claude_doctor.i18n import N_

            raise _Unusable(N_("standard input was empty: paste the error, then press Ctrl-D."))
        return _decode(text), read
    stripped = arg.strip()
    if _TERM.match(stripped):
        found = lookup_term(stripped)
        if found is not None:
            return [found], None
    path = Path(arg)
    try:
        is_file = path.exists()
    except (OSError, ValueError):
        is_file = False
    if is_file:
        text, read = _read_file(path, wait)
        if not text.strip():
            from claude_doctor.i18n import Msg

            raise _Unusable(Msg("{path} is empty: nothing to explain.", path=str(path)))
        return _decode(text), read
    looks_like_a_path = "/" in stripped or "\\" in stripped or re.search(r"\.[A-Za-z0-9]{1,5}$", stripped)
    if " " not in stripped and looks_like_a_path and not any(c in stripped for c in "{}\"'"):
        from claude_doctor.i18n import Msg

        raise _Unusable(
            Msg("no such file: {path}. Give a file, a status (529), an error type, or - for stdin.", path=stripped)
        )
    return _decode(_argument_text(arg)), None


def _argument_text(arg: str) -> str:
    """Text given as an argument, read as a file is: bytes of the command line that are not UTF-8 (which Python hands
    over as lone surrogates) become U+FFFD."""
    try:
        return arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for
        return arg.encode("utf-8", "replace").decode("utf-8")


def resolve(arg: str, stdin: BinaryIO | None = None) -> Diagnosis:
    """The primary diagnosis of `resolve_all`."""
    return resolve_all(arg, stdin)[0]


def _exit_code(d: Diagnosis) -> int:
    """0 when something was recognised (or a status that is not an error was named), 1 when nothing was."""
    if d.source_shape == "term" and d.status is not None and d.status < 400:
        return 0
    return 0 if d.title != "Not recognised" else 1


def cut_note(read: InputRead) -> str:
    """Said on standard error when the input went on past the limit."""
    from claude_doctor.i18n import Msg
    from claude_doctor.inputs import size_text

    return Msg(
        "note: read only the first {size} of {source} (the limit); the rest was not read and is not in this "
        "diagnosis. To find every error in a big log, use `claude-doctor scan`.",
        size=size_text(read.bytes_read),
        source=read.source,
    )


def run(
    arg: str | None, *, list_all: bool = False, stdin: BinaryIO | None = None, wait: float | None = None
) -> CommandResult:
    """`wait`: seconds a named pipe or device is given for its first byte (inputs.WAIT_S when None)."""
    if list_all:
        return OverviewResult(rows=tuple(status_overview()))
    if arg is None:
        return ErrorResult(message=usage(), lead="")
    try:
        found, read = _resolve(arg, stdin, wait)
    except _Unusable as exc:
        return ErrorResult(message=exc.args[0])
    diagnosis, others = found[0], tuple(found[1:])
    term = arg.strip()
    suggestions: tuple[str, ...] = ()
    unknown_status = (
        term.isdigit() and diagnosis.source_shape == "term" and int(term) >= 400 and not is_known_status(int(term))
    )
    if (diagnosis.title == "Not recognised" or unknown_status) and arg != "-" and _TERM.match(term):
        suggestions = tuple(suggest_terms(term))
    shown = _with_summary(diagnosis, others, suggestions)
    notes = (cut_note(read),) if read is not None and read.truncated else ()
    return ExplainResult(
        diagnosis=shown,
        errors=others,
        suggestions=suggestions,
        input=read,
        exit_code=_exit_code(diagnosis),
        notes=notes,
    )


def _with_summary(diagnosis: Diagnosis, others: tuple[Diagnosis, ...], suggestions: tuple[str, ...]) -> Diagnosis:
    """The other errors of the paste as brief notes, and a suggestion as the first step, so that every renderer
    shows them; the JSON document also lists them in full (`errors`, `did_you_mean`)."""
    from claude_doctor.i18n import Msg

    notes = list(diagnosis.notes)
    for other in others:
        if other.status is not None:
            notes.append(
                Msg(
                    "Also in this paste (earlier): {title} (HTTP {status}, {category}).",
                    title=other.title,
                    status=other.status,
                    category=other.category,
                )
            )
        else:
            notes.append(
                Msg("Also in this paste (earlier): {title} ({category}).", title=other.title, category=other.category)
            )
    fix = diagnosis.fix
    if len(suggestions) == 1:
        fix = (Msg("Did you mean `{term}`?", term=suggestions[0]), *fix)
    elif suggestions:
        fix = (Msg("Did you mean one of these: {terms}?", terms=", ".join(f"`{s}`" for s in suggestions)), *fix)
    if not others and not suggestions:
        return diagnosis
    return replace(diagnosis, notes=tuple(notes), fix=fix)
