"""One voice: one entry per error, whatever term the user typed. `explain 529`, `explain overloaded_error` and a pasted
"Overloaded" give one title, one meaning and one fix list, in English and in Chinese; no fix list runs past three
steps; no development note (what the docs say against what was observed, release numbers) reaches a user sentence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from claude_doctor.catalog import UNKNOWN, all_entries, lookup_term
from claude_doctor.catalog.advice import MAX_FIXES
from claude_doctor.catalog.messages import MESSAGE_RULES
from claude_doctor.catalog.statuses import STATUS_ENTRIES, TYPE_ENTRIES
from claude_doctor.decode import explain_text
from claude_doctor.i18n import translate
from claude_doctor.model import Diagnosis

TYPES = {entry.name for entry in TYPE_ENTRIES}
PAIRS = [(e.status, e.error_type) for e in STATUS_ENTRIES if e.error_type in TYPES]
# The API's own message for each pair, as it is observed (/work/shared/reference/api-facts.md §1.4 and the errors
# page's example body, https://docs.claude.com/en/api/errors).
WELL_KNOWN = {
    401: "invalid x-api-key",
    404: "The requested resource could not be found.",
    413: "Request exceeds the maximum size",
    429: "Number of request tokens has exceeded your per-minute rate limit",
    500: "Internal server error",
    529: "Overloaded",
}
LANGUAGES = ("en", "zh_CN")


def _voice(d: Diagnosis | None, language: str) -> tuple[str, str, tuple[str, ...]]:
    assert d is not None
    return translate((d.title, d.meaning, d.fix), language)


def test_every_status_with_a_type_is_paired() -> None:
    assert len(PAIRS) >= 10
    assert (529, "overloaded_error") in PAIRS
    assert {status for status, _ in PAIRS} >= set(WELL_KNOWN)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("status", "error_type"), PAIRS)
def test_a_status_and_its_type_speak_with_one_voice(status: int, error_type: str, language: str) -> None:
    by_status = lookup_term(str(status))
    by_type = lookup_term(error_type)
    assert _voice(by_status, language) == _voice(by_type, language)
    assert by_status is not None
    assert by_type is not None
    assert by_status.notes == by_type.notes


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("status", "message"), sorted(WELL_KNOWN.items()))
def test_the_well_known_message_says_the_same(status: int, message: str, language: str) -> None:
    error_type = dict(PAIRS)[status]
    body = json.dumps({"type": "error", "error": {"type": error_type, "message": message}})
    pasted = explain_text(f"HTTP/1.1 {status}\n\n{body}")
    assert pasted.status == status
    assert _voice(pasted, language) == _voice(lookup_term(str(status)), language)
    typed_message = explain_text(message)
    if typed_message.title != UNKNOWN.title:  # a message alone names the same error, or none
        assert _voice(typed_message, language) == _voice(lookup_term(str(status)), language)


def test_the_voice_check_can_fail() -> None:
    assert _voice(lookup_term("529"), "en") != _voice(lookup_term("429"), "en")


def _texts() -> list[tuple[str, str]]:
    out = []
    for entry in (*all_entries(), UNKNOWN):
        out += [(entry.key, t) for t in (entry.title, entry.meaning, *entry.fix, *entry.notes)]
    out += [(rule.entry.key, t) for rule in MESSAGE_RULES for t in rule.fix_with_values]
    return out


def test_no_entry_has_more_than_three_fixes() -> None:
    long = [e.key for e in all_entries() if len(e.fix) > MAX_FIXES]
    long += [r.entry.key for r in MESSAGE_RULES if len(r.fix_with_values) > MAX_FIXES]
    assert long == []


def test_no_diagnosis_of_the_corpus_has_more_than_three_fixes() -> None:
    """The fix is adapted to the client and to whom the request id goes: still three steps at most."""
    corpus = Path(__file__).parents[1] / "decode" / "realworld"
    samples = [s for path in sorted(corpus.glob("*.json")) for s in json.loads(path.read_text(encoding="utf-8"))]
    long = [str(s["id"]) for s in samples if len(explain_text(str(s["text"])).fix) > MAX_FIXES]
    assert long == []


# What a developer writes for the next developer: the docs against observation, "both are handled", copies of a page,
# exact release numbers (x.y.z) of a client.
_DEVELOPMENT_NOTE = re.compile(
    r"\bobserved\b|both are handled|the docs (?:say|list|define)|copy of the errors page|older copies|"
    r"ErrorType union|(?<![\w.])\d+\.\d+\.\d+(?![\w.])",
    re.IGNORECASE,
)


def test_no_development_notes_in_user_text() -> None:
    notes = [f"{key}: {text}" for key, text in _texts() if _DEVELOPMENT_NOTE.search(text)]
    assert notes == []


def test_the_development_note_check_can_fail() -> None:
    assert _DEVELOPMENT_NOTE.search("Observed as HTTP 400 invalid_request_error: both are handled.")
    assert _DEVELOPMENT_NOTE.search("Claude Code 2.1.328 and later retry it.")
    assert not _DEVELOPMENT_NOTE.search("Open https://platform.claude.com/settings/keys (models 4.5 and later).")
