"""`.env` files: BOM, CRLF, `export`, quotes, lines that cannot be parsed (and never show a key)."""

from __future__ import annotations

from tests.checks.conftest import KEY, Machine


def test_dotenv_forms(machine: Machine) -> None:
    machine.write(
        machine.cwd / ".env",
        b"\xef\xbb\xbfexport ANTHROPIC_MODEL='claude-q'\r\nANTHROPIC_BASE_URL=\"http://localhost:9\"\r\nnot a line\r\n",
    )
    results = machine.results()
    titles = [r.title for r in results]
    assert any("byte-order mark" in t for t in titles)
    assert any("line 3 cannot be parsed" in t for t in titles)
    from claude_doctor.checks.state import LocalState

    inv = LocalState.gather(machine.ctx()).inv
    assert {s.name: s.value for s in inv.dotenv} == {
        "ANTHROPIC_MODEL": "claude-q",
        "ANTHROPIC_BASE_URL": "http://localhost:9",
    }


def test_unparseable_dotenv_line_never_shows_a_key(machine: Machine) -> None:
    machine.write(machine.cwd / ".env", f"ANTHROPIC_API_KEY {KEY}\n")
    bad = [r for r in machine.results() if r.id.startswith("config.dotenv_line")]
    assert bad
    assert KEY not in bad[0].detail
    assert KEY[:17] in bad[0].detail  # the masked form: prefix and first four
