"""Running Claude Code's `apiKeyHelper`, the way Claude Code does (`/bin/sh -c`), only with the user's consent and
trust, and always bounded: its whole process group ends at the timeout, and its output is read up to a cap.

Consent and trust (`helpers_to_run`): nothing runs without `--run-helpers`; a helper from the project's own settings
(`.claude/settings.json`, `.claude/settings.local.json`, code from a repository the user may have just cloned) runs
only when Claude Code itself trusts the folder (`hasTrustDialogAccepted` in `~/.claude.json`) or the user names it with
`--run-project-helper`, and never before the helpers of the user's and the organisation's own settings.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import HelperRun, Inventory, Setting
from claude_doctor.i18n import Msg

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext

MAX_HELPER_OUTPUT = 16_384  # Claude Code's limit on the helper's token
READ_CAP = MAX_HELPER_OUTPUT + 2  # enough to tell "over the limit" from "at the limit", never more
HELPER_TIMEOUT = 10.0  # Claude Code warns when a helper takes longer
PROJECT_LEVELS = frozenset({"settings:project", "settings:local"})


def is_project_helper(helper: Setting) -> bool:
    return helper.origin in PROJECT_LEVELS


def helpers_to_run(inv: Inventory, *, run_helpers: bool, project_consent: bool) -> list[tuple[Setting, str]]:
    """(helper, why it may not run — empty when it may) for every helper found, the user's own before the project's."""
    if not inv.helpers:
        return []
    ordered = sorted(inv.helpers, key=is_project_helper)  # stable: managed and user first, then local and project
    out: list[tuple[Setting, str]] = []
    for helper in ordered:
        if not run_helpers:
            out.append((helper, Msg("not run: pass --run-helpers to run it")))
        elif is_project_helper(helper) and inv.trusted is None and not project_consent:
            out.append(
                (
                    helper,
                    Msg(
                        "not run: it comes from this project's own settings, and Claude Code has not been told to "
                        "trust this folder; accept the trust dialog in Claude Code, or pass --run-project-helper"
                    ),
                )
            )
        else:
            out.append((helper, ""))
    return out


def collect_helper_runs(ctx: CheckContext, inv: Inventory) -> dict[str, HelperRun]:
    """Each helper's run (or why it was not run), by the path of the settings file that names it."""
    runs: dict[str, HelperRun] = {}
    for helper, refusal in helpers_to_run(inv, run_helpers=ctx.run_helpers, project_consent=ctx.run_project_helper):
        key = helper.path or helper.where
        if refusal:
            runs[key] = HelperRun(False, None, refusal, ran=False)
            continue
        timeout = min(HELPER_TIMEOUT, max(0.5, ctx.remaining()))
        runs[key] = run_helper(helper.value, cwd=ctx.cwd, env=dict(ctx.env), timeout=timeout)
    return runs


@dataclass(frozen=True)
class ProgramRun:
    """What a program printed on standard output (at most `cap` bytes), or why it gave nothing usable."""

    output: bytes
    problem: str  # empty when it finished in time with exit status 0 and within the cap
    started: bool = True


def run_program(command: str, *, cwd: Path, env: dict[str, str], timeout: float, cap: int) -> ProgramRun:
    """Run one command the way Claude Code does (`/bin/sh -c`): standard output read up to `cap` bytes, standard input
    closed, and its whole process group ended at `timeout` or when it is done."""
    shell = ["cmd", "/c", command] if os.name == "nt" else ["/bin/sh", "-c", command]
    try:
        proc = subprocess.Popen(
            shell,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name != "nt",  # its own process group, so the group can be ended as one
        )
    except OSError as exc:
        return ProgramRun(b"", Msg("could not be started: {why}", why=exc.strerror or str(exc)), started=False)
    out, finished, capped = _read_bounded(proc, timeout, cap)
    _end_group(proc)  # done, timed out or over the cap: a child it left behind goes too
    if not finished:
        return ProgramRun(b"", Msg("did not finish within {seconds} s", seconds=f"{timeout:.1f}"))
    if capped:
        return ProgramRun(b"", Msg("printed more than {limit} bytes; that is the limit", limit=cap - 2))
    if proc.returncode != 0:
        return ProgramRun(out, Msg("exited with status {code}", code=proc.returncode))
    return ProgramRun(out, "")


def run_helper(command: str, *, cwd: Path, env: dict[str, str], timeout: float) -> HelperRun:
    """Run one helper: standard output read up to READ_CAP bytes, and its whole process group ended at `timeout`."""
    run = run_program(command, cwd=cwd, env=env, timeout=timeout, cap=READ_CAP)
    if not run.started:
        return HelperRun(False, None, run.problem)
    if run.problem.startswith("did not finish"):
        return HelperRun(
            False,
            None,
            Msg("did not finish within {seconds} s (Claude Code warns after 10 s)", seconds=f"{timeout:.1f}"),
        )
    if run.problem.startswith("printed more than"):
        return HelperRun(
            False, None, Msg("printed more than {limit} characters; that is the limit", limit=MAX_HELPER_OUTPUT)
        )
    if run.problem:
        code = run.problem.rsplit(" ", 1)[-1]
        return HelperRun(False, None, Msg("exited with status {code}; Claude Code needs exit status 0", code=code))
    text = run.output.decode("utf-8", "replace").strip()
    if not text:
        return HelperRun(False, None, Msg("printed nothing; it must print the key or token on standard output"))
    if "\n" in text:
        return HelperRun(False, text, Msg("printed more than one line; it must print a single token"))
    if len(text) > MAX_HELPER_OUTPUT:
        return HelperRun(
            False, text, Msg("printed {n} characters; the limit is {limit}", n=len(text), limit=MAX_HELPER_OUTPUT)
        )
    if not all(" " < ch < "\x7f" for ch in text):
        return HelperRun(False, text, Msg("printed characters other than printable ASCII"))
    return HelperRun(True, text, "")


def _read_bounded(proc: subprocess.Popen[bytes], timeout: float, cap: int = READ_CAP) -> tuple[bytes, bool, bool]:
    """(output, the shell finished in time, the output went over `cap`)."""
    assert proc.stdout is not None
    if os.name == "nt":  # no select() on pipes there: read it whole, still bounded in time
        try:
            out, _err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            return b"", False, False
        return out[:cap], True, len(out) > cap
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        open_pipe = True
        while open_pipe:
            left = deadline - time.monotonic()
            if left <= 0:
                return b"".join(chunks), False, False
            if not selector.select(timeout=left):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                open_pipe = False
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > cap:
                return b"".join(chunks)[:cap], True, True
    try:
        proc.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        return b"".join(chunks), False, False
    return b"".join(chunks), True, False


def _end_group(proc: subprocess.Popen[bytes]) -> None:
    """End the helper's whole process group (the shell and whatever it started), then reap the shell."""
    if os.name != "nt":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=2)
    if proc.stdout is not None:
        proc.stdout.close()
