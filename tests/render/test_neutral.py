"""Outside text made inert: escapes and invisible controls removed, CI commands defused, the rest left readable."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.render.neutral import DEFAULT_IGNORABLE, defuse_line, neutralise
from claude_doctor.render.streams import SafeStream

_IGNORABLE = re.compile(f"[{DEFAULT_IGNORABLE}]")


def inert(text: str) -> bool:
    """No control character but tab and line feed, nothing invisible, no CI command on any line."""
    if any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n" for c in text):
        return False
    if _IGNORABLE.search(text):
        return False
    if re.search(r"##(?:vso|teamcity)?\[", text, re.IGNORECASE):
        return False
    return not any(line.lstrip().startswith("::") for line in text.split("\n"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text: nothing to do", "plain text: nothing to do"),
        ("std::string and [::1]:8080", "std::string and [::1]:8080"),  # `::` inside a line is no command
        ("title\x1b]0;pwned\x07 after", "title after"),  # OSC window title, BEL-terminated
        ("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 hyperlink, ST-terminated
        ("a\x1b[2J\x1b[Hb", "ab"),  # clear screen, cursor home
        ("red \x1b[1;31mtext\x1b[0m", "red text"),
        ("reset\x1bc!", "reset!"),  # ESC c: full reset
        ("c1 \x9b2J csi \x9d0;t\x9c osc", "c1  csi  osc"),  # 8-bit CSI and OSC, as a latin-1 header decodes
        ("unterminated \x1b]0;title", "unterminated 0;title"),  # no terminator: the introducer goes, the text stays
        ("bidi \u202eevil\u202c \u2066iso\u2069", "bidi evil iso"),
        ("soft\u00adhyphen zero\u200bwidth tag\U000e0041", "softhyphen zerowidth tag"),
        ("bell\x07 backspace\x08 del\x7f nul\x00", "bell backspace del nul"),
        ("tab\tstays\nnewline stays", "tab\tstays\nnewline stays"),
        ("over\rwrite", "over\nwrite"),  # a carriage return cannot overwrite the line
        ("crlf\r\nline", "crlf\nline"),
        ("lone \ud800 surrogate \udcff", "lone \ufffd surrogate \ufffd"),
        ("::add-mask::secret", "\\::add-mask::secret"),
        ("first\n::error::owned", "first\n\\::error::owned"),
        ("first\n   \t::stop-commands::tok", "first\n   \t\\::stop-commands::tok"),
        ("first\r::set-output name=x::y", "first\n\\::set-output name=x::y"),
        ("first\u2028::warning::x", "first\n\\::warning::x"),
        ("first\n\u200b::error::hidden", "first\n\\::error::hidden"),  # an invisible lead does not hide it
        ("first\n\u00a0\u3000::notice::wide blanks", "first\n\u00a0\u3000\\::notice::wide blanks"),
        ("mid ##vso[task.setvariable variable=x]y", "mid #\\#vso[task.setvariable variable=x]y"),
        ("mid ##[error]boom ##VSO[x]", "mid #\\#[error]boom #\\#VSO[x]"),
        ("###[group]", "##\\#[group]"),
        ("#\u00ad#[error]hidden", "#\\#[error]hidden"),  # a soft hyphen that .NET would skip
        ("##teamcity[message text='x']", "#\\#teamcity[message text='x']"),
        ("## heading and #tag", "## heading and #tag"),
        ("中文错误信息：请求过多", "中文错误信息：请求过多"),
    ],
)
def test_neutralise(text: str, expected: str) -> None:
    assert neutralise(text) == expected
    assert inert(neutralise(text))
    assert neutralise(expected) == expected  # idempotent


@given(st.text(alphabet=st.characters(codec=None), max_size=200))
@settings(max_examples=400, deadline=None)
def test_any_text_comes_out_inert(text: str) -> None:
    once = neutralise(text)
    assert inert(once)
    assert neutralise(once) == once


_PIECES = ["::", "##", "[", "vso", "\n", "\r", " ", "\x1b", "]", "\x07", "\\", "\u200b", "\u00ad", "a", "\x9b"]


@given(st.lists(st.sampled_from([*_PIECES, "\ud800"]), max_size=40).map("".join))
@settings(max_examples=600, deadline=None)
def test_adversarial_pieces_come_out_inert(text: str) -> None:
    assert inert(neutralise(text))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("      ::error::wrapped onto a line of its own", "      \\::error::wrapped onto a line of its own"),
        ("\x1b[2m  ::error::after a colour code", "\x1b[2m  \\::error::after a colour code"),
        ("folded ##[error] mid-line", "folded #\\#[error] mid-line"),
        ("message      std::vector", "message      std::vector"),
    ],
)
def test_defuse_line(line: str, expected: str) -> None:
    assert defuse_line(line) == expected


def test_safe_stream_defuses_lines_across_writes() -> None:
    buffer = io.StringIO()
    stream = SafeStream(buffer, defuse_lines=True)
    stream.write("ok line\n   :")
    stream.write(":error::split across two writes\n##")
    stream.write("[group]\n")
    stream.flush()
    assert buffer.getvalue() == "ok line\n   \\::error::split across two writes\n#\\#[group]\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252", "utf-8"])
def test_safe_stream_never_raises_on_encoding(encoding: str) -> None:
    raw = io.BytesIO()
    wrapper = io.TextIOWrapper(raw, encoding=encoding, errors="strict")
    stream = SafeStream(wrapper)
    stream.write("中文 ✓ \ud800 é\n")
    stream.flush()
    written = raw.getvalue().decode(encoding)
    assert "\\u4e2d" in written or "中" in written
    assert written.endswith("\n")
