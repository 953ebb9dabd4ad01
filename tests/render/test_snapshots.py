"""The human report, word for word, for a handful of setups: a change in what people read shows up as a diff here.

Each case runs `python -m claude_doctor` through a pipe at 80 columns, in English and in Simplified Chinese, and
compares with tests/render/snapshots/; ports, request ids, times, temporary paths and the resolver's own words are
normalised first. After a deliberate change, rewrite the snapshots with `UPDATE_SNAPSHOTS=1 python -m pytest
tests/render/test_snapshots.py` and read the diff.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from claude_doctor.mock import running
from tests.checks.conftest import KEY
from tests.render.runner import LOG, environment, in_pipe

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS", "") not in ("", "0")


@dataclass(frozen=True)
class Case:
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    mock: str | None = None  # the mock's scenario; ANTHROPIC_BASE_URL points at it
    code: int = 0


CASES: dict[str, Case] = {
    "check-healthy": Case(("check",), (("ANTHROPIC_API_KEY", KEY),), mock="ok"),
    "check-invalid-key": Case(("check",), (("ANTHROPIC_API_KEY", KEY),), mock="invalid_key", code=1),
    # A host name the resolver refuses without asking any server (a label may not start with "-").
    "check-dns-failure": Case(
        ("check",), (("ANTHROPIC_API_KEY", KEY), ("ANTHROPIC_BASE_URL", "https://-nohost.test")), code=1
    ),
    "check-offline-empty": Case(("check", "--offline"), code=1),
    "explain-529": Case(("explain", "529")),
    "scan-small-log": Case(("scan", "app.log"), code=1),
}
# The same setups in Simplified Chinese (the locale asks for it), each beside its English snapshot as NAME.zh_CN.txt.
CASES |= {
    f"{name}.zh_CN": Case(case.args, (*case.env, ("LANG", "zh_CN.UTF-8")), case.mock, case.code)
    for name, case in list(CASES.items())
}
_NORMAL = (
    (re.compile(r"(127\.0\.0\.1|localhost):\d+"), r"\1:PORT"),
    (re.compile(r"req_[A-Za-z0-9]{12,}"), "req_ID"),
    (re.compile(r"\b\d+ ms\b"), "N ms"),
    (re.compile(r"\[Errno -?\d+\].*"), "[Errno N] (the resolver's words)"),
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("snapshots")
    (root / "home").mkdir()
    (root / "work").mkdir()
    (root / "work" / "app.log").write_text(LOG)
    return root


def normalise(text: str, root: Path) -> str:
    text = text.replace(str(root), "<TMP>")
    for pattern, replacement in _NORMAL:
        text = pattern.sub(replacement, text)
    return text


def run_case(case: Case, root: Path) -> str:
    env = environment(root / "home", COLUMNS="80", **dict(case.env))
    if case.mock is None:
        run = in_pipe(list(case.args), env, root / "work")
    else:
        with running(case.mock) as mock:
            run = in_pipe(list(case.args), {**env, "ANTHROPIC_BASE_URL": mock.base_url}, root / "work")
    assert run.code == case.code, run.out + run.err
    return normalise(run.out, root)


@pytest.mark.parametrize("name", list(CASES))
def test_snapshot(name: str, workdir: Path) -> None:
    text = run_case(CASES[name], workdir)
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no snapshot {path.name}: run with UPDATE_SNAPSHOTS=1 to write it, then read it"
    assert text == path.read_text(encoding="utf-8")


def test_snapshots_have_no_leftovers() -> None:
    """Every stored snapshot belongs to a case, so a renamed case cannot leave a stale file behind."""
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.txt")) == sorted(CASES)
