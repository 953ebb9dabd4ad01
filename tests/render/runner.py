"""Running `python -m claude_doctor` the way people see it: attached to a real pseudo-terminal of a given size, or
through a pipe; and reading its lines back without colour codes."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from claude_doctor.render.console import _CI_MARKERS

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
COLOUR = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-7]|9[0-7])m")  # a foreground colour
# Real shapes (the same as benchmarks/make_log.py plants): SDK exceptions, Claude Code lines, envelopes, network errors.
LOG = """\
2026-11-25T03:02:10Z INFO  worker.jobs job 81723 finished in 41ms (queue=default, attempts=1)
2026-11-25T03:10:02Z ERROR API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},\
"request_id":"req_011CSAzPyuFNyJ7x1H1R3s5u"}
2026-11-25T03:12:40Z ERROR API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},\
"request_id":"req_011Cm6ihBWRGQ68JH22RVVaV"}
2026-11-25T03:24:59Z ERROR API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},\
"request_id":"req_011Ck4pCqDMPV1hBKh5syoXk"}
2026-11-25T03:31:00Z ERROR anthropic.BadRequestError: Error code: 400 - {'type': 'error', 'error': {'type': \
'invalid_request_error', 'message': 'Your credit balance is too low to access the Anthropic API. Please go to Plans \
& Billing to upgrade or purchase credits.'}, 'request_id': 'req_011CpbnhQ1P5hXSWkj9BYSKZ'}
2026-11-25T04:05:11Z ERROR httpx.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable \
to get local issuer certificate (_ssl.c:1006)
2026-11-25T04:15:00Z ERROR anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': \
'rate_limit_error', 'message': 'Number of request tokens has exceeded your per-minute rate limit'}, 'request_id': \
'req_011CoQComHw2CyaxnZmGw3Kb'}
Error: connect ECONNREFUSED 127.0.0.1:8443
"""
_DROP = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "CI", "PYTHONIOENCODING", "LC_ALL", "LC_CTYPE")
_DROP += ("LANGUAGE", "LC_MESSAGES")  # the language: English unless a test asks for another


@dataclass(frozen=True)
class Run:
    out: str  # standard output (with standard error, on a terminal)
    err: str
    code: int

    @property
    def plain(self) -> str:
        return ANSI.sub("", self.out)

    @property
    def lines(self) -> list[str]:
        return self.plain.splitlines()


def environment(home: Path, **extra: str) -> dict[str, str]:
    """The process environment without anything that decides colour, width or encoding, plus `extra`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in _DROP and k not in _CI_MARKERS and not k.startswith(("ANTHROPIC_", "CLAUDE_", "GITHUB_"))
    }
    env.update(HOME=str(home), LANG="C.UTF-8", TERM="xterm-256color")
    env.update(extra)
    return env


def in_pipe(args: list[str], env: dict[str, str], cwd: Path, stdin: bytes = b"") -> Run:
    proc = subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return Run(proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"), proc.returncode)


def raw_pipe(args: list[str], env: dict[str, str], cwd: Path) -> tuple[bytes, bytes, int]:
    proc = subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return proc.stdout, proc.stderr, proc.returncode


def in_terminal(
    args: list[str], columns: int, env: dict[str, str], cwd: Path, *, stderr_too: bool = False
) -> tuple[Run, bytes]:
    """`args` with standard output (and standard error, with `stderr_too`) on a pseudo-terminal `columns` wide. Also
    returns the raw bytes the terminal received."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "claude_doctor", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave if stderr_too else subprocess.PIPE,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:  # EIO: the child closed its end
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    err = proc.stderr.read() if proc.stderr is not None else b""
    if proc.stderr is not None:
        proc.stderr.close()
    code = proc.wait(timeout=30)
    data = b"".join(chunks)
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    return Run(text, err.decode("utf-8", "replace"), code), data
