"""Hostile outside text through every format of every command: error messages (written raw, as JSON `\\u001b` escapes
and as Python `\\x1b` escapes), a server's body, headers and redirect, the environment, Claude Code's files, file
names. Whatever goes in, the output holds no escape or control byte, no line a CI runner would act on, and (in the
step summary) no active Markdown link, image or HTML; and the text itself is still there to read."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from claude_doctor.commands import explain as explain_command
from claude_doctor.commands import scan as scan_command
from claude_doctor.commands.check import build_report
from claude_doctor.model import CommandResult
from claude_doctor.render import FORMATS, Format, emit
from claude_doctor.render.neutral import DEFAULT_IGNORABLE
from tests.checks.conftest import KEY, Machine
from tests.conftest import CLOSED_STATUS_URL

# (name, text). Each case's marker word follows its text, so a test can tell the text reached the output.
HOSTILE: list[tuple[str, str]] = [
    ("osc_title", "\x1b]0;PWNED title\x07"),
    ("osc8_hyperlink", "\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\"),
    ("clear_screen", "\x1b[2J\x1b[3J\x1b[H\x1bc"),
    ("c1_controls", "\x9b2J \x9d0;title\x9c \x85next"),
    ("bidi", "\u202eevil\u202c \u2066isolate\u2069"),
    ("add_mask", "\n::add-mask::hunter2"),
    ("error_indented", "\n    ::error::owned"),
    ("stop_commands", "\r\n::stop-commands::pwn\n::set-output name=x::y"),
    ("line_separator", "\u2028::warning::ls"),
    ("invisible_lead", "\n\u200b\u00ad::notice::zw"),
    ("azure", "x ##vso[task.setvariable variable=X]1 ##[error]e ##[group]g"),
    ("markdown_link", "[click me](https://evil.example/) ![img](https://evil.example/x.png) <https://evil.example>"),
    ("html", "<img src=x onerror=alert(1)><a href='https://evil.example'>a</a><script>x</script>"),
    ("table_pipe", "| injected | cell |\n|---|---|"),
    ("rich_markup", "[bold red]markup[/] [link=https://evil.example]l[/link]"),
    ("surrogate", "\ud800 \udcff"),
]
CASES = [pytest.param(f"{text} MARK{i:02d}", f"MARK{i:02d}", id=name) for i, (name, text) in enumerate(HOSTILE)]
ALL_AT_ONCE = " ".join(f"{text} MARK{i:02d}" for i, (_name, text) in enumerate(HOSTILE))

_IGNORABLE = re.compile(f"[{DEFAULT_IGNORABLE}]")
_ANNOTATION = re.compile(r"::(?:error|warning) title=claude-doctor%3A [^\n]*")


def assert_inert(text: str, *, annotations: bool = False) -> None:
    """No ESC, C0 (but tab and line feed) or C1 byte, nothing invisible, no CI command on any line; with
    `annotations`, only our own `::error`/`::warning` lines may start with `::`."""
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n"]
    assert not bad, f"control characters in the output: {bad!r}"
    assert not _IGNORABLE.search(text.replace("\u26a0\ufe0f", "")), "an invisible character in the output"  # our ⚠️
    assert not re.search(r"##(?:vso|teamcity)?\[", text, re.IGNORECASE), "a ##[ command in the output"
    for line in text.split("\n"):
        if line.lstrip().startswith("::"):
            assert annotations, f"a workflow command in the output: {line!r}"
            assert _ANNOTATION.fullmatch(line), f"a workflow command in the output: {line!r}"


def assert_markdown_inert(text: str) -> None:
    """Parsed as GitHub renders it: no link, image or HTML but our own line breaks."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    found = []
    for token in tokens:
        for t in [token, *(token.children or [])]:
            if t.type in ("link_open", "image", "html_block") or (t.type == "html_inline" and t.content != "<br>"):
                found.append((t.type, t.content))
    assert not found, f"active Markdown in the summary: {found}"


def rendered(result: CommandResult, fmt: Format, env: dict[str, str] | None = None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    emit(result, fmt, out=out, err=err, env=env or {})
    return out.getvalue(), err.getvalue()


def check_every_format(result: CommandResult, marker: str | None, formats: tuple[Format, ...] = FORMATS) -> str:
    """Render in every format; return all the output for further assertions."""
    everything = []
    for fmt in formats:
        out, err = rendered(result, fmt)
        assert_inert(out, annotations=fmt == "github")
        assert_inert(err)
        if fmt == "json" and out:
            json.loads(out)
        if fmt == "markdown":
            assert_markdown_inert(out)
        everything.append(out + err)
    joined = "\n".join(everything)
    if marker is not None:
        assert marker in joined, "the hostile text never reached the output: this test would prove nothing"
    return joined


# -- explain ----------------------------------------------------------------------------------------------------------


def _envelope(message: str) -> bytes:
    """A JSON error envelope, every non-ASCII character written as a `\\u` escape (lone surrogates too)."""
    doc = {"type": "error", "error": {"type": "overloaded_error", "message": message}, "request_id": "req_011CAbc123"}
    return ("API Error: 529 " + json.dumps(doc, ensure_ascii=True)).encode()


def _python_repr(message: str) -> bytes:
    """The SDK's exception line: a Python dict repr, controls written as `\\x1b`, `\\n`, `\\u202e` escapes."""
    escaped = message.encode("unicode_escape").decode("ascii").replace("'", "\\'")
    return (
        "anthropic.RateLimitError: Error code: 429 - {'type': 'error', 'error': {'type': 'rate_limit_error', "
        f"'message': '{escaped}'}}, 'request_id': 'req_011CAbc123'}}"
    ).encode()


def _raw(message: str) -> bytes:
    return ("Error: 529 overloaded_error: " + message).encode("utf-8", "surrogatepass")


FORMATS_EXPLAIN: tuple[Format, ...] = ("table", "json")


@pytest.mark.parametrize(("text", "marker"), CASES)
@pytest.mark.parametrize("shape", [_envelope, _python_repr, _raw], ids=["json_escapes", "python_escapes", "raw"])
def test_explain_pasted(text: str, marker: str, shape: object) -> None:
    data = shape(text)  # type: ignore[operator]
    result = explain_command.run("-", stdin=io.BytesIO(data))
    check_every_format(result, marker if shape is not _raw else None, FORMATS_EXPLAIN)


@pytest.mark.parametrize(("text", "marker"), CASES)
def test_explain_file_named_with_hostile_text(text: str, marker: str, tmp_path: Path) -> None:
    """An error message that quotes the name (`… is empty: nothing to explain.`) on standard error."""
    path = tmp_path / (_file_name(text) + ".log")
    path.write_bytes(b"")
    result = explain_command.run(str(path))
    check_every_format(result, marker, FORMATS_EXPLAIN)


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (" ".join(["::error::wrapped"] * 40), "error::wrapped"),  # wrapping at a space puts `::` at a line's start
        ("".join(f"{'x' * n}::error::folded " for n in range(1, 90)), "error::folded"),  # so can folding a long word
        (" ".join(["##", "[error]"] * 30), "[error]"),
    ],
    ids=["wrapped", "folded", "split"],
)
@pytest.mark.parametrize("width", [40, 61, 80, 100])
def test_table_lines_made_by_wrapping_are_defused(
    message: str, shown: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = explain_command.run("-", stdin=io.BytesIO(_envelope(message)))
    out, _err = rendered(result, "table")
    assert_inert(out)
    assert shown in out


# -- scan -------------------------------------------------------------------------------------------------------------


def _file_name(text: str) -> str:
    """As much of `text` as a Linux file name can hold: no slash or NUL; a lone surrogate as surrogateescape's."""
    return text.replace("/", "_").replace("\x00", "").replace("\ud800", "\udcff")


@pytest.mark.parametrize(("text", "marker"), CASES)
def test_scan_hostile_file_names_and_lines(text: str, marker: str, tmp_path: Path) -> None:
    log = tmp_path / (_file_name(text) + ".log")
    lines = [_envelope(text), _python_repr(text), _raw(text)]
    log.write_bytes(b"\n".join(b"2025-06-01T10:00:00Z ERROR " + line for line in lines) + b"\n")
    binary = tmp_path / (_file_name(text) + ".bin")
    binary.write_bytes(b"\x00\x01\x02" * 100)
    result = scan_command.run([str(log), str(binary), str(tmp_path / ("gone " + _file_name(text)))])
    check_every_format(result, marker, ("table", "json"))
    assert result.summary.errors == 3


# -- check ------------------------------------------------------------------------------------------------------------


class _Hostile(BaseHTTPRequestHandler):
    """Answers every request with an error whose message, request id and headers carry hostile text; or, with
    `redirect`, a 302 to a hostile Location (a header holds only latin-1: C1 controls, not the rest)."""

    message = ""
    redirect = False

    def do_GET(self) -> None:
        if self.redirect:
            self.send_response(302)
            self.send_header("location", "https://evil.example/\x9b2J\x9d0;t\x9c[x](https://evil.example)<img src=x>")
            self.send_header("content-length", "0")
            self.end_headers()
            return
        body = json.dumps(
            {"type": "error", "error": {"type": "authentication_error", "message": self.message}, "request_id": "r"}
        ).encode()
        self.send_response(401, "Unauthorized \x9b2J")
        self.send_header("content-type", "application/json")
        self.send_header("request-id", "req_011C\x9b2J\x9d0;title\x9c")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def hostile_server(message: str = "", *, redirect: bool = False) -> Iterator[str]:
    handler = type("H", (_Hostile,), {"message": message, "redirect": redirect})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _hostile_machine(tmp_path: Path, text: str, base_url: str) -> Machine:
    m = Machine(tmp_path)
    m.home.mkdir(parents=True)
    m.cwd.mkdir(parents=True)
    m.env.update(ANTHROPIC_API_KEY=KEY, ANTHROPIC_BASE_URL=base_url, ANTHROPIC_MODEL=text.replace("\x00", ""))
    m.write(m.home / ".claude" / "settings.json", {"model": text, "apiKeyHelper": text, "env": {"HOSTILE": text}})
    dotenv = "ANTHROPIC_MODEL=" + text.replace("\n", " ") + "\nnot a valid line " + text + "\n"
    m.write(m.cwd / ".env", dotenv.encode("utf-8", "surrogatepass"))  # a surrogate: bytes that are not UTF-8
    return m


def _check_every_format(tmp_path: Path, text: str, marker: str, base_url: str) -> None:
    m = _hostile_machine(tmp_path, text, base_url)
    result = build_report(m.ctx(offline=False, timeout=5))
    check_every_format(result, marker)
    summary = tmp_path / "summary.md"
    out, err = rendered(result, "table", {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert_inert(out, annotations=True)
    assert_inert(err)
    written = summary.read_text(encoding="utf-8")
    assert_inert(written)
    assert_markdown_inert(written)


@pytest.mark.parametrize(("text", "marker"), CASES)
def test_check_hostile_server_environment_and_files(text: str, marker: str, tmp_path: Path) -> None:
    with hostile_server(text) as url:
        _check_every_format(tmp_path, text, marker, url)


def test_check_hostile_redirect(tmp_path: Path) -> None:
    with hostile_server(redirect=True) as url:
        m = _hostile_machine(tmp_path, "plain", url)
        result = build_report(m.ctx(offline=False, timeout=5))
    joined = check_every_format(result, "evil.example")
    assert "redirected (302)" in joined


# -- end to end: the real streams of the real process ------------------------------------------------------------------


def _run(
    args: list[str], stdin: bytes = b"", cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "GITHUB_"))}
    full.update(env or {}, CLAUDE_DOCTOR_STATUS_URL=CLOSED_STATUS_URL)  # never the real status page
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args], input=stdin, capture_output=True, cwd=cwd, env=full, timeout=60
    )


def _assert_inert_bytes(data: bytes, *, annotations: bool = False) -> None:
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]", data), "a control byte in the output"
    assert_inert(data.decode("utf-8"), annotations=annotations)


@pytest.mark.parametrize("flags", [[], ["--json"]], ids=["table", "json"])
def test_explain_and_scan_processes(flags: list[str], tmp_path: Path) -> None:
    explained = _run(["explain", *flags, "-"], stdin=_envelope(ALL_AT_ONCE))
    _assert_inert_bytes(explained.stdout)
    _assert_inert_bytes(explained.stderr)
    log = tmp_path / (_file_name(ALL_AT_ONCE)[:200] + ".log")
    log.write_bytes(_envelope(ALL_AT_ONCE) + b"\n" + _python_repr(ALL_AT_ONCE) + b"\n")
    scanned = _run(["scan", *flags, str(log)])
    _assert_inert_bytes(scanned.stdout)
    _assert_inert_bytes(scanned.stderr)
    assert b"MARK00" in explained.stdout
    assert b"MARK15" in explained.stdout
    assert scanned.returncode == 1, scanned.stderr
    assert b"MARK00" in scanned.stdout


def test_check_process_under_github_actions(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    with hostile_server(ALL_AT_ONCE) as url:
        m = _hostile_machine(tmp_path, ALL_AT_ONCE.replace("\ud800", "x"), url)
        env = dict(m.env, HOME=str(m.home), GITHUB_ACTIONS="true", CI="true", GITHUB_STEP_SUMMARY=str(summary))
        missing = []
        for fmt in ("table", "json", "markdown", "github"):
            proc = _run(["check", "--format", fmt, "--timeout", "5"], cwd=m.cwd, env=env)
            assert proc.returncode == 1, proc.stderr
            _assert_inert_bytes(proc.stdout, annotations=fmt in ("table", "github"))
            _assert_inert_bytes(proc.stderr)
            if b"MARK00" not in proc.stdout:
                missing.append(fmt)
    written = summary.read_text(encoding="utf-8")
    assert_inert(written)
    assert_markdown_inert(written)
    assert "MARK00" in written
    assert not missing, missing
