"""Every sample under corpus/ decodes to the fields written beside it in expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claude_doctor.decode import explain_text

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, dict[str, object]] = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
_DIRECT = (
    "status",
    "status_source",
    "error_type",
    "error_code",
    "category",
    "request_id",
    "source_shape",
    "retryable",
    "sdk_retries",
    "retry_after_s",
)


def test_corpus_is_large_and_complete() -> None:
    files = {p.stem for p in CORPUS.glob("*.txt")}
    assert len(files) >= 60
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample(name: str) -> None:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    expected = EXPECTED[name]
    d = explain_text(text)
    got = d.to_json()
    for key in _DIRECT:
        if key in expected:
            assert got[key] == expected[key], f"{name}: {key}"
    if "fix_contains" in expected:
        assert str(expected["fix_contains"]) in " ".join(d.fix), name
    if "title_contains" in expected:
        assert str(expected["title_contains"]) in d.title, name
