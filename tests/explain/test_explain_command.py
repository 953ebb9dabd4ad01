"""`claude-doctor explain` end to end through the real entry point: input forms, JSON keys, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from claude_doctor.commands import explain as explain_command
from claude_doctor.commands.explain import MAX_INPUT_BYTES
from claude_doctor.entrypoint import fast_explain_args
from claude_doctor.model import ErrorResult, ExplainResult

JSON_KEYS = {
    "status",
    "error_type",
    "error_code",
    "message",
    "request_id",
    "category",
    "retryable",
    "sdk_retries",
    "retry_after_s",
    "title",
    "fix",
    "source_shape",
}
ENVELOPE_529 = (
    '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CX9bKp3hWq2Zr7"}'
)


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=60,
        cwd=cwd,
        check=False,
    )


def as_json(proc: subprocess.CompletedProcess[bytes]) -> dict[str, object]:
    doc = json.loads(proc.stdout)
    assert isinstance(doc, dict)
    return doc


@pytest.mark.parametrize(
    ("arg", "status", "error_type", "category"),
    [
        ("529", 529, "overloaded_error", "overloaded"),
        ("overloaded_error", 529, "overloaded_error", "overloaded"),
        ("rate_limit_error", 429, "rate_limit_error", "rate_limited"),
        ("401", 401, "authentication_error", "invalid_key"),
        ("413", 413, "request_too_large", "request_too_large"),
        ("enforced_spend_limit_reached", 429, "rate_limit_error", "billing"),
    ],
)
def test_terms(arg: str, status: int, error_type: str, category: str) -> None:
    proc = run("explain", "--json", arg)
    assert proc.returncode == 0, proc.stderr
    doc = as_json(proc)
    assert set(doc) >= JSON_KEYS
    assert doc["status"] == status
    assert doc["error_type"] == error_type
    assert doc["category"] == category
    assert isinstance(doc["fix"], list)
    assert doc["fix"]


def test_stdin_envelope_json_and_table() -> None:
    proc = run("explain", "--json", "-", stdin=ENVELOPE_529.encode())
    doc = as_json(proc)
    assert proc.returncode == 0
    assert doc["request_id"] == "req_011CX9bKp3hWq2Zr7"
    assert doc["retryable"] is True
    table = run("explain", "-", stdin=ENVELOPE_529.encode())
    assert table.returncode == 0
    out = table.stdout.decode()
    assert "req_011CX9bKp3hWq2Zr7" in out
    assert "overloaded_error" in out


def test_file_argument(tmp_path: Path) -> None:
    log = tmp_path / "err.log"
    log.write_text(
        "2026-11-25 03:00:01 ERROR anthropic.RateLimitError: Error code: 429 - "
        + ENVELOPE_529.replace("overloaded_error", "rate_limit_error")
    )
    proc = run("explain", "--json", str(log))
    assert proc.returncode == 0, proc.stderr
    assert as_json(proc)["status"] == 429


def test_pasted_text_argument() -> None:
    proc = run("explain", "--json", "API Error: 529 " + ENVELOPE_529)
    assert proc.returncode == 0
    doc = as_json(proc)
    assert doc["status"] == 529
    assert doc["source_shape"] in {"api_error_line", "json", "claude_code"}


def test_unrecognised_exits_1() -> None:
    proc = run("explain", "--json", "the weather is lovely today")
    assert proc.returncode == 1
    assert as_json(proc)["category"] == "unknown"


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("explain",), b"", "Usage"),
        (("explain", "-"), b"", "empty"),
        (("explain", "-"), b"   \n", "empty"),
        (("explain", "missing/file.log"), b"", "no such file"),
        (("explain", "--bogus"), b"", "No such option"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], stdin: bytes, needle: str) -> None:
    proc = run(*args, stdin=stdin)
    assert proc.returncode == 2
    assert needle in proc.stderr.decode() + proc.stdout.decode()
    assert b"Traceback" not in proc.stderr


def test_directory_and_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for target, needle in ((tmp_path, "directory"), (binary, "binary"), (empty, "empty")):
        proc = run("explain", str(target))
        assert proc.returncode == 2, target
        assert needle in proc.stderr.decode()
        assert b"Traceback" not in proc.stderr


def test_list_shows_every_status() -> None:
    proc = run("explain", "--list", "--json")
    assert proc.returncode == 0
    document = json.loads(proc.stdout)
    assert document["schema"] == 1
    rows = document["statuses"]
    statuses = {row["status"] for row in rows}
    assert statuses >= {400, 401, 402, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504, 529}
    table = run("explain", "--list").stdout.decode()
    assert "529" in table
    assert "402" in table


def test_key_in_pasted_text_is_masked() -> None:
    key = "sk-ant-api03-" + "A" * 80 + "-" + "B" * 6 + "AA"
    text = '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key ' + key + '"}}'
    proc = run("explain", "--json", "-", stdin=text.encode())
    assert key not in proc.stdout.decode()
    assert as_json(proc)["status"] in {401, None}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["explain", "529"], ("529", False, False, None)),
        (["explain", "--json", "-"], ("-", True, False, None)),
        (["explain", "--list"], (None, False, True, None)),
        (["explain", "--", "--json"], ("--json", False, False, None)),
        (["explain", "--lang", "zh-CN", "529"], ("529", False, False, "zh-CN")),
        (["explain", "529", "--lang=en"], ("529", False, False, "en")),
        (["explain", "--lang", "fr", "529"], None),
        (["explain", "--", "--lang", "zh-CN"], None),
        (["explain", "--help"], None),
        (["explain", "a", "b"], None),
        (["check"], None),
        ([], None),
    ],
)
def test_fast_path_grammar(argv: list[str], expected: tuple[str | None, bool, bool, str | None] | None) -> None:
    assert fast_explain_args(argv) == expected


_IMPORT_PROBE = """
import sys
from claude_doctor import entrypoint
try:
    entrypoint._run(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in ("httpx", "dotenv", "anthropic", "h11", "ssl") if m in sys.modules)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [("explain", "529"), ("explain", "--json", "529"), ("--help",), ("explain", "--help")])
def test_explain_and_help_stay_light(args: tuple[str, ...]) -> None:
    proc = subprocess.run([sys.executable, "-c", _IMPORT_PROBE, *args], capture_output=True, timeout=60, check=False)
    line = [ln for ln in proc.stderr.decode().splitlines() if ln.startswith("HEAVY=")]
    assert line, proc.stderr
    heavy = line[0].removeprefix("HEAVY=").split(",")
    assert "httpx" not in heavy
    assert "dotenv" not in heavy
    assert "anthropic" not in heavy


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("claude-doctor ")


def test_a_success_status_is_not_an_error() -> None:
    proc = run("explain", "200")
    assert proc.returncode == 0
    assert "200 is not an error" in proc.stdout.decode()
    doc = as_json(run("explain", "--json", "200"))
    assert doc["status"] == 200
    assert doc["did_you_mean"] == []


@pytest.mark.parametrize(
    ("term", "suggestion"),
    [("overload_error", "overloaded_error"), ("592", "529"), ("rate_limit", "rate_limit_error")],
)
def test_near_misses_get_a_suggestion(term: str, suggestion: str) -> None:
    doc = as_json(run("explain", "--json", term))
    assert doc["did_you_mean"][0] == suggestion
    assert f"`{suggestion}`" in doc["fix"][0]
    table = run("explain", term).stdout.decode()
    assert "Did you mean" in table


def test_unknown_says_the_tool_cannot_tell() -> None:
    proc = run("explain", "--json", "the weather is lovely today")
    doc = as_json(proc)
    assert (doc["retryable"], doc["sdk_retries"]) == (None, None)
    table = run("explain", "the weather is lovely today").stdout.decode()
    assert "retryable    unknown" in table or "unknown (can the same request" in table


def test_a_paste_with_several_errors_lists_each() -> None:
    # From a public Claude Code thread: timeouts, then Cloudflare's 502 on the latest attempt (tests/decode/realworld).
    paste = (
        "  ⎿  API Error (Request timed out.) · Retrying in 37 seconds… (attempt 7/10)\n"
        "  ⎿  API Error (Request timed out.) · Retrying in 34 seconds… (attempt 8/10)\n"
        "  ⎿  API Error (502 <html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
        "<center><h1>502 Bad Gateway</h1></center>\n<hr><center>cloudflare</center>\n</body>\n</html>\n"
        ") · Retrying in 38 seconds… (attempt 9/10)\n"
    )
    doc = as_json(run("explain", "--json", "-", stdin=paste.encode()))
    keys = list(doc)
    assert keys.index("errors") > keys.index("notes")  # the list comes after the primary diagnosis's fields
    assert (doc["status"], doc["category"]) == (502, "server_error")
    assert [e["category"] for e in doc["errors"]] == ["timeout"]
    assert "Also in this paste" in run("explain", "-", stdin=paste.encode()).stdout.decode()


# -- bounded input: a cap on bytes, said when reached; a bounded wait for a pipe's writer ------------------------------


def test_input_past_the_limit_is_cut_and_said_so(tmp_path: Path) -> None:
    big = ("API Error: 529 " + ENVELOPE_529 + "\n").encode() + b"INFO filler line\n" * 400_000  # about 6.8 MB
    proc = run("explain", "--json", "-", stdin=big)
    assert proc.returncode == 0, proc.stderr
    read = as_json(proc)["input"]
    assert read == {
        "source": "standard input",
        "bytes_read": MAX_INPUT_BYTES,
        "truncated": True,
        "limit_bytes": MAX_INPUT_BYTES,
    }
    assert "read only the first 5 MiB of standard input" in proc.stderr.decode()
    log = tmp_path / "big.log"
    log.write_bytes(big)
    proc = run("explain", str(log))
    assert proc.returncode == 0
    assert f"read only the first 5 MiB of {log}" in proc.stderr.decode()


def test_input_within_the_limit_says_how_much_was_read() -> None:
    proc = run("explain", "--json", "-", stdin=ENVELOPE_529.encode())
    assert as_json(proc)["input"] == {
        "source": "standard input",
        "bytes_read": len(ENVELOPE_529),
        "truncated": False,
        "limit_bytes": MAX_INPUT_BYTES,
    }
    assert b"note:" not in proc.stderr
    assert as_json(run("explain", "--json", "529"))["input"] is None


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_stream_ends_at_the_limit() -> None:
    for args in (("explain", "-"), ("explain", "/dev/zero")):
        with open("/dev/zero", "rb") as zero:
            proc = subprocess.run(
                [sys.executable, "-m", "claude_doctor", *args], stdin=zero, capture_output=True, timeout=60, check=False
            )
        assert proc.returncode == 2, args
        assert b"binary" in proc.stderr
        assert b"Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_with_no_writer_ends_at_a_bounded_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = explain_command.run(str(fifo), wait=0.3)
    assert time.monotonic() - started < 5
    assert isinstance(result, ErrorResult)
    assert result.exit_code == 2
    assert "nothing arrived on" in result.message
    assert "named pipe" in result.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_read_once_its_writer_comes(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.2)
        with fifo.open("wb") as handle:
            handle.write(("API Error: 529 " + ENVELOPE_529).encode())

    writer = threading.Thread(target=write)
    writer.start()
    result = explain_command.run(str(fifo), wait=10)
    writer.join()
    assert isinstance(result, ExplainResult)
    assert result.diagnosis.status == 529
    assert result.input is not None
    assert result.input.truncated is False
