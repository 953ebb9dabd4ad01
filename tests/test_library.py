"""The library face, `claude_doctor/__init__.py`: what it exports, what it accepts, what importing it costs, and the
examples of docs/library.md run against the mock."""

from __future__ import annotations

import collections
import json
import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, ClassVar

import pytest

import claude_doctor
from claude_doctor.decode import explain_text, find_all
from claude_doctor.mock import running

anthropic = pytest.importorskip("anthropic")

ROOT = Path(__file__).resolve().parents[1]
KEY = "sk-ant-api03-" + "k3Y" * 31 + "AA"
MESSAGE = {"model": "claude-haiku-4-5-20251001", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}
OVERLOADED = json.dumps(
    {
        "type": "error",
        "error": {"type": "overloaded_error", "message": "Overloaded"},
        "request_id": "req_011CQwbT8m3Lz7Rk2sVfAbCd",
    }
)


def test_exports() -> None:
    assert set(claude_doctor.__all__) == {"Diagnosis", "__version__", "explain", "explain_all", "lookup"}
    for name in claude_doctor.__all__:
        assert getattr(claude_doctor, name) is not None
    assert set(claude_doctor.__all__) <= set(dir(claude_doctor))
    from claude_doctor.model import Diagnosis

    assert claude_doctor.Diagnosis is Diagnosis
    assert re.fullmatch(r"\d+\.\d+\.\d+", claude_doctor.__version__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        claude_doctor.nope  # type: ignore[attr-defined]  # noqa: B018


def test_explain_text_str_and_bytes() -> None:
    from_str = claude_doctor.explain(f"API Error: 529 {OVERLOADED}")
    assert from_str == explain_text(f"API Error: 529 {OVERLOADED}")
    assert (from_str.status, from_str.category) == (529, "overloaded")
    from_bytes = claude_doctor.explain(b"\xef\xbb\xbfAPI Error: 529 " + OVERLOADED.encode())
    assert from_bytes == from_str
    assert claude_doctor.explain(bytearray(b"API Error: 529 " + OVERLOADED.encode())) == from_str
    assert claude_doctor.explain("nothing to see").category == "unknown"


@pytest.mark.parametrize("value", [529, 3.5, None, ["529"], {"status_code": 529}, object()])
def test_explain_rejects_other_types(value: object) -> None:
    with pytest.raises(TypeError, match=r"takes error text \(str or bytes\) or an exception") as caught:
        claude_doctor.explain(value)
    assert type(value).__name__ in str(caught.value)
    if isinstance(value, int):
        assert "claude_doctor.lookup()" in str(caught.value)
    if isinstance(value, dict | list):
        assert "json.dumps(body)" in str(caught.value)


def test_explain_masks_a_key_a_relay_echoes() -> None:
    class RelayError(Exception):
        status_code = 401
        body: ClassVar[dict[str, object]] = {"error": {"message": f"无效的令牌 {KEY}", "type": "authentication_error"}}

    for value in (RelayError("401"), f'API Error: 401 {{"error":{{"message":"invalid key {KEY}"}}}}'):
        d = claude_doctor.explain(value)
        assert d.category == "invalid_key"
        assert KEY not in json.dumps(d.to_json(), ensure_ascii=False)
        assert KEY not in repr(d)
        assert "sk-ant-api03-k3Yk…" in (d.message or "")


def test_explain_all() -> None:
    text = "\n".join(
        [
            f"2026-01-01 ERROR anthropic.OverloadedError: Error code: 529 - {OVERLOADED}",
            "2026-01-01 INFO all good",
            "2026-01-01 ERROR httpx.ConnectError: [Errno 111] Connection refused",
        ]
    )
    found = claude_doctor.explain_all(text)
    assert [(d.status, d.category) for d in found] == [(529, "overloaded"), (None, "connect")]
    assert found == find_all(text)
    assert claude_doctor.explain_all(text.encode()) == found
    assert claude_doctor.explain_all("") == []
    with pytest.raises(TypeError, match="takes text"):
        claude_doctor.explain_all(529)  # type: ignore[arg-type]


def test_lookup() -> None:
    by_str, by_int = claude_doctor.lookup("529"), claude_doctor.lookup(529)
    assert by_str is not None
    assert by_str == by_int
    assert (by_str.status, by_str.category, by_str.source_shape) == (529, "overloaded", "term")
    spend = claude_doctor.lookup("enforced_spend_limit_reached")
    assert spend is not None
    assert (spend.category, spend.retryable, spend.sdk_retries) == ("billing", False, True)
    refused = claude_doctor.lookup("ECONNREFUSED")
    assert refused is not None
    assert refused.category == "connect"
    assert claude_doctor.lookup("not_a_thing") is None
    with pytest.raises(TypeError, match="takes a str or an int"):
        claude_doctor.lookup(True)  # type: ignore[arg-type]


# -- what importing costs ----------------------------------------------------------------------------------------

HEAVY = ("rich", "typer", "httpx", "httpx2", "dotenv", "anthropic", "requests", "pydantic")


def modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys, json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_import_loads_nothing_heavy_and_not_the_decoder() -> None:
    loaded = modules_after("import claude_doctor")
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    assert not {m for m in loaded if m.startswith("claude_doctor.")}
    assert "typing" not in loaded


def test_explaining_loads_no_http_library_nor_ui() -> None:
    loaded = modules_after(
        "import claude_doctor\n"
        "class E(Exception):\n    status_code = 529\n"
        "claude_doctor.explain(E())\nclaude_doctor.explain('API Error: 529')\n"
        "claude_doctor.explain_all('x')\nclaude_doctor.lookup(529)"
    )
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


# -- the README's "Done means" -----------------------------------------------------------------------------------


def test_print_explain_of_a_real_sdk_exception_in_a_fresh_interpreter() -> None:
    script = textwrap.dedent(
        """
        import os, anthropic
        client = anthropic.Anthropic(base_url=os.environ["MOCK_URL"], api_key=os.environ["MOCK_KEY"], max_retries=0)
        try:
            client.messages.create(model="claude-haiku-4-5-20251001", max_tokens=16,
                                   messages=[{"role": "user", "content": "hi"}])
        except anthropic.APIError as e:
            print(e.request_id)
            import claude_doctor; print(claude_doctor.explain(e))
        """
    )
    with running("rate_limited_no_retry") as mock:
        env = {**os.environ, "MOCK_URL": mock.base_url, "MOCK_KEY": KEY}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
        assert len(mock.requests) == 1
    assert done.returncode == 0, done.stderr
    request_id, printed = done.stdout.strip().split("\n", 1)
    assert request_id.startswith("req_")
    for part in (
        "Diagnosis(status=429,",
        "category='rate_limited'",
        f"request_id='{request_id}'",
        "retryable=True",
        "sdk_retries=False",
        "retry_after_s=30.0",
        "source_shape='exception'",
    ):
        assert part in printed
    assert KEY not in done.stdout


# -- docs/library.md, run --------------------------------------------------------------------------------------


def doc_block(defines: str) -> dict[str, Any]:
    """Execute the Python block of docs/library.md that defines `defines`; return its namespace."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "library.md").read_text(encoding="utf-8"), re.S)
    found = [b for b in blocks if re.search(rf"^(?:class|def) {defines}\b", b, re.M)]
    assert len(found) == 1, f"docs/library.md has no single block defining {defines}"
    namespace: dict[str, Any] = {}
    exec(compile(found[0], f"docs/library.md:{defines}", "exec"), namespace)
    return namespace


def test_doc_except_block_waits_when_it_can_help_and_stops_when_it_cannot() -> None:
    ask = doc_block("ask")["ask"]
    with running("overloaded,ok") as mock:
        client = anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0)
        reply = ask(client, **MESSAGE)
        assert reply.stop_reason == "end_turn"
        assert [r.status for r in mock.requests] == [529, 200]
    with running("spend_limit") as mock:
        client = anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0)
        with pytest.raises(RuntimeError, match=r"spend limit .*\(request-id req_") as caught:
            ask(client, **MESSAGE)
        assert len(mock.requests) == 1  # not retried: waiting cannot help
    assert isinstance(caught.value.__cause__, anthropic.RateLimitError)


def caught_sdk_error(scenario: str) -> BaseException:
    with running(scenario) as mock, anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0) as client:
        try:
            client.messages.create(**MESSAGE)  # type: ignore[arg-type]
        except anthropic.APIError as exc:
            return exc
    pytest.fail("no error")


def test_doc_logging_filter_annotates_records_with_a_claude_error() -> None:
    claude_filter = doc_block("ClaudeErrorFilter")["ClaudeErrorFilter"]()
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    handler.addFilter(claude_filter)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s%(claude)s"))
    logger = logging.getLogger("tests.library.filter")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        exc = caught_sdk_error("spend_limit")
        try:
            raise exc
        except anthropic.APIError:
            logger.exception("summary failed")
        try:
            raise KeyError("unrelated")
        except KeyError:
            logger.exception("lookup failed")
        logger.warning("no exception here")
    finally:
        logger.removeHandler(handler)
    first, second, third = (handler.format(r).splitlines()[0] for r in records)
    assert first.startswith("ERROR tests.library.filter: summary failed [billing, retryable=False, request-id=req_")
    assert records[0].claude_diagnosis.error_code == "enforced_spend_limit_reached"  # type: ignore[attr-defined]
    assert second == "ERROR tests.library.filter: lookup failed"
    assert third == "WARNING tests.library.filter: no exception here"


def test_doc_logging_handler_counts_errors_by_category() -> None:
    counter = doc_block("ClaudeErrorCounter")["ClaudeErrorCounter"]()
    logger = logging.getLogger("tests.library.counter")
    logger.addHandler(counter)
    logger.propagate = False
    try:
        for scenario in ("overloaded", "overloaded", "invalid_key"):
            exc = caught_sdk_error(scenario)
            logger.error("call failed", exc_info=exc)
        logger.error("not an exception")
    finally:
        logger.removeHandler(counter)
    assert counter.counts == collections.Counter({"overloaded": 2, "invalid_key": 1})
