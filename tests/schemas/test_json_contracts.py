"""Every `--json` document, printed by a real run of the command, validates against the schema shipped in the package,
and the schemas are strict enough that a renamed, dropped or extra key fails.

Explain and scan run through `python -m claude_doctor` (the fast path, as users run them); `check` against the
loopback fake API; `mock` as a process whose first line is read before it is stopped with Ctrl-C.
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from claude_doctor.mock import SCENARIO_NAMES, running
from claude_doctor.model import CATEGORIES, Diagnosis, ExplainResult
from tests.checks.conftest import KEY, Machine

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "decode" / "corpus"
REALWORLD = ROOT / "tests" / "decode" / "realworld"
NAMES = ("check-report", "explain", "explain-list", "scan", "mock")
NOISE = "2026-11-25T10:00:00Z INFO worker.jobs job 81723 finished in 41ms (queue=default, attempts=1)\n"


def schema(name: str) -> dict[str, Any]:
    text = resources.files("claude_doctor").joinpath(f"schemas/{name}.schema.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


def errors(name: str, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(document)]


def cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        env=env,
        check=False,
    )


def printed(proc: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    """The one document on stdout: nothing before or after it."""
    document: dict[str, Any] = json.loads(proc.stdout.decode("utf-8"))
    assert proc.stdout.decode().count("\n") == proc.stdout.decode().strip().count("\n") + 1  # one trailing newline
    return document


def corpus(name: str) -> bytes:
    return (CORPUS / f"{name}.txt").read_bytes()


# --- the schemas themselves -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_and_versioned(name: str) -> None:
    document = schema(name)
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$id"].endswith(f"/{name}.schema.json")
    assert document["properties"]["schema"] == {"const": 1}
    assert "schema" in document["required"]
    # Strict at the top: an unknown key fails (explain's top level is a diagnosis, closed by unevaluatedProperties).
    assert document.get("additionalProperties") is False or document.get("unevaluatedProperties") is False


def test_shared_definitions_are_identical() -> None:
    """The diagnosis in check's data, explain and explain --list is one object; each file carries it whole."""
    explain = schema("explain")["$defs"]
    for name in ("check-report", "explain-list"):
        assert schema(name)["$defs"]["diagnosis"] == explain["diagnosis"], name
    for name in ("check-report", "explain-list", "scan"):
        assert schema(name)["$defs"]["category"] == explain["category"], name


def test_category_enum_is_the_model_vocabulary() -> None:
    assert schema("explain")["$defs"]["category"]["enum"] == list(CATEGORIES)


def test_mock_scenario_names_are_every_scenario() -> None:
    items = schema("mock")["properties"]["scenarios"]["items"]
    assert items["properties"]["name"]["enum"] == list(SCENARIO_NAMES)


def test_diagnosis_schema_names_every_key_the_model_writes() -> None:
    """Required keys are exactly what `Diagnosis.to_json` writes: adding a field means adding it to the schema."""
    keys = set(Diagnosis(None, None, None, None, None, "unknown", None, None, None, "t", (), "unknown").to_json())
    definition = schema("explain")["$defs"]["diagnosis"]
    assert set(definition["required"]) == keys
    assert set(definition["properties"]) == keys


def test_every_unknown_the_model_allows_is_allowed() -> None:
    """Unknown stays unknown: each field the model types `X | None` may be null in the document."""
    unknown = Diagnosis(
        status=None,
        error_type=None,
        error_code=None,
        message=None,
        request_id=None,
        category="unknown",
        retryable=None,
        sdk_retries=None,
        retry_after_s=None,
        title="Not recognised",
        fix=(),
        source_shape="unknown",
        status_source=None,
        request_id_kind=None,
    )
    assert errors("explain", ExplainResult(diagnosis=unknown).to_json()) == []
    known = Diagnosis(
        status=429,
        error_type="rate_limit_error",
        error_code=None,
        message="Number of request tokens has exceeded your per-minute rate limit",
        request_id="req_011CQwbT8m3Lz7Rk2sVfAbCd",
        category="rate_limited",
        retryable=True,
        sdk_retries=True,
        retry_after_s=17.0,
        title="Rate limited",
        fix=("Wait.",),
        source_shape="json",
        status_source="shown",
        request_id_kind="anthropic",
        via=("claude_code", "relay"),
        sdk_schedule=((17.0, 17.0), (17.0, 17.0)),
    )
    assert errors("explain", ExplainResult(diagnosis=known).to_json()) == []


# --- explain ----------------------------------------------------------------------------------------------------

EXPLAIN_CASES = [
    # (case, argv after `explain --json`, standard input, exit code)
    ("status term", ("529",), b"", 0),
    ("error type term", ("overloaded_error",), b"", 0),
    ("error code term", ("enforced_spend_limit_reached",), b"", 0),
    ("network term", ("ECONNREFUSED",), b"", 0),
    ("pasted JSON envelope on stdin", ("-",), corpus("json_overloaded_compact"), 0),
    ("JSON envelope as the argument", (corpus("json_spend_limit_details").decode(),), b"", 0),
    ("Python traceback of a refused connection", ("-",), corpus("py_traceback_refused"), 0),
    ("TLS failure in Claude Code", ("-",), corpus("cc_local_issuer"), 0),
    ("curl -i with retry-after", ("-",), corpus("curl_429_headers"), 0),
    ("SSE error event", ("-",), corpus("sse_overloaded"), 0),
    ("unrecognised text", ("the weather is lovely today",), b"", 1),
    ("unrecognised paste", ("-",), corpus("nothing_here"), 1),
]


@pytest.mark.parametrize(("argv", "stdin", "code"), [c[1:] for c in EXPLAIN_CASES], ids=[c[0] for c in EXPLAIN_CASES])
def test_explain_documents_validate(argv: tuple[str, ...], stdin: bytes, code: int) -> None:
    proc = cli("explain", "--json", *argv, stdin=stdin)
    assert proc.returncode == code, proc.stderr
    document = printed(proc)
    assert errors("explain", document) == []
    assert document["schema"] == 1


def test_explain_file_argument_validates(tmp_path: Path) -> None:
    paste = tmp_path / "error.txt"
    paste.write_bytes(corpus("py_traceback_status_error"))
    proc = cli("explain", "--json", str(paste))
    assert proc.returncode == 0, proc.stderr
    assert errors("explain", printed(proc)) == []


def test_explain_list_validates() -> None:
    proc = cli("explain", "--list", "--json")
    assert proc.returncode == 0, proc.stderr
    document = printed(proc)
    assert errors("explain-list", document) == []
    assert len(document["statuses"]) >= 15


def _samples() -> list[tuple[str, str]]:
    found = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    for path in sorted(REALWORLD.glob("*.json")):
        found += [(str(s["id"]), str(s["text"])) for s in json.loads(path.read_text(encoding="utf-8"))]
    return found


def test_every_sample_we_hold_decodes_to_a_valid_document() -> None:
    """In process, every pasted error in the corpus and the real-world set: the shapes a few runs cannot reach."""
    from claude_doctor.commands.explain import run

    check = validator("explain")
    samples = _samples()
    assert len(samples) > 400
    bad = {}
    for name, text in samples:
        document = run(text).to_json()
        problems = [e.message for e in check.iter_errors(document)]
        if problems:
            bad[name] = problems
    assert bad == {}


# --- scan -------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Noise with corpus errors planted: statuses, network failures without one, timestamps and request ids."""
    names = ["py_rate_limit_repr", "json_overloaded_compact", "py_traceback_refused", "cc_api_error_529"]
    names += ["curl_429_headers", "node_econnreset", "json_credit_balance", "sse_overloaded"]
    lines = []
    for i, name in enumerate(names * 3):
        lines.append(NOISE * (5 + i))
        lines.append(f"2026-11-25T10:{i:02d}:00Z ERROR " + corpus(name).decode().rstrip("\n") + "\n")
    path = tmp_path_factory.mktemp("scan") / "app.log"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_scan_file_validates(mixed_log: Path) -> None:
    proc = cli("scan", "--json", str(mixed_log))
    assert proc.returncode == 1, proc.stderr
    document = printed(proc)
    assert errors("scan", document) == []
    assert document["errors"] >= 20
    assert "none" in document["by_status"]  # network failures have no status
    assert any(g["first_seen"] for g in document["groups"])


def test_scan_stdin_and_a_missing_file_validate(mixed_log: Path, tmp_path: Path) -> None:
    proc = cli("scan", "--json", "-", str(tmp_path / "gone.log"), stdin=mixed_log.read_bytes())
    assert proc.returncode == 1
    document = printed(proc)
    assert errors("scan", document) == []
    assert document["files"] == ["-"]
    assert document["problems"]


@pytest.mark.parametrize(("content", "code"), [(NOISE * 50, 0), (None, 2)], ids=["clean log", "nothing readable"])
def test_scan_without_errors_validates(tmp_path: Path, content: str | None, code: int) -> None:
    log = tmp_path / "quiet.log"
    if content is not None:
        log.write_text(content)
    proc = cli("scan", "--json", str(log))
    assert proc.returncode == code
    document = printed(proc)
    assert errors("scan", document) == []
    assert document["groups"] == []


# --- check ------------------------------------------------------------------------------------------------------


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    m = Machine(tmp_path)
    m.home.mkdir(parents=True)
    m.cwd.mkdir(parents=True)
    return m


def _check(machine: Machine, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_"))}
    env.update(machine.env, HOME=str(machine.home), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", "check", "--json", *args],
        cwd=machine.cwd,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("scenario", "code"), [("ok", 0), ("invalid_key", 1), ("overloaded", 0)]
)  # a 529 that retrying does not cure is a warning, not a failure
def test_check_documents_validate(machine: Machine, scenario: str, code: int) -> None:
    machine.env["ANTHROPIC_API_KEY"] = KEY
    with running(scenario) as mock:
        machine.env["ANTHROPIC_BASE_URL"] = mock.base_url
        proc = _check(machine, "--timeout", "8")
    assert proc.returncode == code, proc.stderr
    document = printed(proc)
    assert errors("check-report", document) == []
    assert any("diagnosis" in c["data"] for c in document["checks"]) == (scenario != "ok")


def test_offline_check_without_a_key_validates(machine: Machine) -> None:
    proc = _check(machine, "--offline")
    assert proc.returncode == 1
    assert errors("check-report", printed(proc)) == []


# --- mock -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", ["ok", "overloaded,rate_limited,ok"])
def test_mock_document_validates(scenario: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "claude_doctor", "mock", "--json", "--scenario", scenario],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        document = json.loads(first)
        # Once it answers, it is serving: Ctrl-C now is a clean stop, not an interrupted start.
        assert httpx.get(f"{document['base_url']}/v1/models", timeout=10).status_code == 401
    finally:
        proc.send_signal(signal.SIGINT)
        rest, _err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert rest == b""  # one document, then nothing on stdout
    assert errors("mock", document) == []
    assert [s["name"] for s in document["scenarios"]] == scenario.split(",")
    assert document["base_url"] == f"http://127.0.0.1:{document['port']}"


# --- strictness: a renamed, dropped or extra key fails ----------------------------------------------------------


def _documents() -> dict[str, dict[str, Any]]:
    from claude_doctor.commands.explain import run as explain
    from claude_doctor.model import MockStarted, ScanResult, ScanSummary
    from claude_doctor.model.scan import ScanGroup

    group = ScanGroup("overloaded", 529, "overloaded_error", None, "API overloaded", True, True, ("Retry.",), 3)
    return {
        "explain": explain("529").to_json(),
        "explain-list": explain(None, list_all=True).to_json(),
        "scan": ScanResult(summary=ScanSummary(("a.log",), 10, 100, (group,), "3 errors.")).to_json(),
        "mock": MockStarted(
            base_url="http://127.0.0.1:8080", scenarios=(("ok", "a normal answer"),), host="127.0.0.1", port=8080
        ).to_json(),
    }


def _renamed(document: dict[str, Any], key: str) -> dict[str, Any]:
    changed = {(k + "s" if k == key else k): v for k, v in document.items()}
    return changed


@pytest.mark.parametrize("name", ["explain", "explain-list", "scan", "mock"])
def test_a_renamed_dropped_or_extra_top_level_key_fails(name: str) -> None:
    document = _documents()[name]
    assert errors(name, document) == []
    for key in document:
        assert errors(name, _renamed(document, key)), f"{name}: renaming {key} passed"
        assert errors(name, {k: v for k, v in document.items() if k != key}), f"{name}: dropping {key} passed"
    assert errors(name, {**document, "extra": 1})
    assert errors(name, {**document, "schema": 2})


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("explain-list", ("statuses", 0)),
        ("scan", ("groups", 0)),
        ("mock", ("scenarios", 0)),
    ],
)
def test_a_renamed_nested_key_fails(name: str, path: tuple[str | int, ...]) -> None:
    document = _documents()[name]
    for key in list(_at(document, path)):
        changed = copy.deepcopy(document)
        inner = _at(changed, path)
        inner[key + "s"] = inner.pop(key)
        assert errors(name, changed), f"{name}: renaming {key} inside {path} passed"


def test_a_renamed_key_in_a_checks_diagnosis_fails() -> None:
    diagnosis = _documents()["explain"]
    for key in ("schema", "errors", "did_you_mean", "input"):  # explain's own keys around the diagnosis
        del diagnosis[key]
    check = {
        "id": "api.models",
        "section": "API",
        "status": "fail",
        "title": "t",
        "detail": "",
        "fix": [],
        "data": {"diagnosis": diagnosis},
        "duration_ms": 1.0,
    }
    report = {"schema": 1, "verdict": "fail", "counts": {"ok": 0, "warn": 0, "fail": 1, "skip": 0}, "checks": [check]}
    assert errors("check-report", report) == []
    check["data"]["diagnosis"] = _renamed(diagnosis, "retryable")
    assert errors("check-report", report)


@pytest.mark.parametrize(
    ("field", "value"),
    [("retryable", "yes"), ("status", "529"), ("category", "capacity"), ("fix", "retry"), ("sdk_schedule", [[1.0]])],
)
def test_a_retyped_diagnosis_field_fails(field: str, value: Any) -> None:
    document = _documents()["explain"]
    assert errors("explain", {**document, field: value})


def _at(document: Any, path: tuple[str | int, ...]) -> Any:
    for step in path:
        document = document[step]
    return document
