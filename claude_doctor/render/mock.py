"""The mock's lines: where it listens (stdout, so a script can read it), and one log line per request (stderr)."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from claude_doctor.model import MockRequest, MockStarted
from claude_doctor.render.console import for_stream
from claude_doctor.render.neutral import neutralise


def started_lines(result: MockStarted) -> str:
    return f"{result.base_url}\nexport ANTHROPIC_BASE_URL={result.base_url}\n"


def request_line(record: MockRequest) -> str:
    shown = "-" if record.status is None else str(record.status)
    key = record.credential or "(none)"
    # The method and path are the client's: inert before they reach the terminal.
    return neutralise(f"{record.method} {record.path} step {record.step} {record.scenario} -> {shown} key={key}")


def request_logger(stream: IO[str]) -> Callable[[MockRequest], None]:
    """The callback the server calls for each request: one line on `stream`, flushed at once."""

    def log(record: MockRequest) -> None:
        stream.write(for_stream(request_line(record), stream) + "\n")
        stream.flush()

    return log
