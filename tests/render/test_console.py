"""Output as people see it, for every command: under a real pseudo-terminal 60, 80 and 120 columns wide (colour on,
nothing wider than the terminal, no word broken), through a pipe (no colour), with an ASCII-only encoding (no crash,
no byte above 127, ASCII stand-ins), and never a trailing space. Plus the decisions of `render.console` on their own."""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from claude_doctor.mock import running
from claude_doctor.render.console import DEFAULT_WIDTH, MIN_WIDTH, STANDINS, Terminal, finish, fit, terminal
from tests.checks.conftest import KEY
from tests.render.runner import ANSI, COLOUR, LOG, Run, environment, in_pipe, in_terminal, raw_pipe

COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "check-offline": ["check", "--offline"],
    "explain": ["explain", "529"],
    "list": ["explain", "--list"],
    "scan": ["scan", "app.log"],
}
EXIT = {"check": 1, "check-offline": 1, "explain": 0, "list": 0, "scan": 1}
WIDTHS = (60, 80, 120)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_'-]*")


@dataclass
class Place:
    home: Path
    cwd: Path
    base_url: str
    wide: dict[str, Run]

    def env(self, name: str, **extra: str) -> dict[str, str]:
        if name == "check":
            extra = {"ANTHROPIC_API_KEY": KEY, "ANTHROPIC_BASE_URL": self.base_url, **extra}
        return environment(self.home, **extra)


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Place]:
    root = tmp_path_factory.mktemp("terminal")
    (root / "home").mkdir()
    (root / "work").mkdir()
    (root / "work" / "app.log").write_text(LOG)
    with running("invalid_key") as mock:
        yield Place(root / "home", root / "work", mock.base_url, {})


def terminal_run(place: Place, name: str, columns: int, **extra: str) -> Run:
    run, _raw = in_terminal(COMMANDS[name], columns, place.env(name, **extra), place.cwd)
    assert "Traceback" not in run.out + run.err, run.out + run.err
    assert run.code == EXIT[name], run.out + run.err
    return run


def wide(place: Place, name: str) -> Run:
    """The same command in a terminal wide enough that nothing wraps: the words as they should read."""
    if name not in place.wide:
        place.wide[name] = terminal_run(place, name, 400)
    return place.wide[name]


def no_trailing_space(text: str) -> None:
    bad = [line for line in ANSI.sub("", text).splitlines() if line != line.rstrip()]
    assert not bad, bad


def broken_words(narrow: list[str], words: set[str], columns: int) -> list[str]:
    """Words split across two lines: the end of one line's word and the start of the next line's make a word of the
    wide output that neither part is. (Unbreakable tokens longer than a line may be folded; they are not words.)"""
    found = []
    for upper, lower in itertools.pairwise(narrow):
        for a in _TOKEN.findall(upper):
            for b in _TOKEN.findall(lower):
                joined = a + b
                if joined in words and not (a in words and b in words) and len(joined) < columns // 2:
                    found.append(f"{a}|{b}")
    return found


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_fits_the_terminal_in_colour(place: Place, name: str, columns: int) -> None:
    run = terminal_run(place, name, columns)
    assert COLOUR.search(run.out), run.out  # colour on a colour terminal
    too_wide = [line for line in run.lines if cell_len(line) > columns]
    assert not too_wide, too_wide
    no_trailing_space(run.out)
    words = set(_TOKEN.findall(wide(place, name).plain))
    assert not broken_words(run.lines, words, columns), run.plain


def test_check_in_colour_has_red_crosses_and_green_ticks(place: Place) -> None:
    out = terminal_run(place, "check", 80).out
    assert re.search(r"\x1b\[(?:1;)?31m✗", out)
    assert re.search(r"\x1b\[32m✓", out)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_through_a_pipe_no_colour(place: Place, name: str) -> None:
    run = in_pipe(COMMANDS[name], place.env(name), place.cwd)
    assert run.code == EXIT[name]
    assert "\x1b[" not in run.out + run.err
    assert all(cell_len(line) <= DEFAULT_WIDTH for line in run.lines)
    no_trailing_space(run.out)


@pytest.mark.parametrize(
    ("name", "extra"),
    [("explain", {"NO_COLOR": "1"}), ("check-offline", {"TERM": "dumb"}), ("scan", {"NO_COLOR": "1"})],
)
def test_no_colour_when_asked_or_dumb(place: Place, name: str, extra: dict[str, str]) -> None:
    run = terminal_run(place, name, 80, **extra)
    assert "\x1b[" not in run.out


def test_force_colour_through_a_pipe_and_columns(place: Place) -> None:
    run = in_pipe(COMMANDS["check"], place.env("check", FORCE_COLOR="1", COLUMNS="60"), place.cwd)
    assert COLOUR.search(run.out)
    assert max(cell_len(line) for line in run.lines) <= 60


CJK = re.compile(r"[\u4e00-\u9fff]")
CHINESE = {"LANG": "zh_CN.UTF-8"}


def wide_chinese(place: Place, name: str) -> Run:
    key = f"{name} in Chinese"
    if key not in place.wide:
        place.wide[key] = terminal_run(place, name, 400, **CHINESE)
    return place.wide[key]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("name", list(COMMANDS))
def test_chinese_fits_the_terminal(place: Place, name: str, columns: int) -> None:
    """Chinese characters are two cells wide: a line measured in characters would pass the edge. Every line fits in
    cells, ends without spaces, and breaks no English word (Chinese text may break between any two characters)."""
    run = terminal_run(place, name, columns, **CHINESE)
    assert CJK.search(run.plain), run.plain
    assert COLOUR.search(run.out)
    too_wide = [line for line in run.lines if cell_len(line) > columns]
    assert not too_wide, too_wide
    no_trailing_space(run.out)
    words = set(_TOKEN.findall(wide_chinese(place, name).plain))
    assert not broken_words(run.lines, words, columns), run.plain


ASCII_ONLY = [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "POSIX"}]
# Stand-ins that must show in each command's ASCII output.
STAND_INS = {
    "check": ["  x GET /v1/models", "->", "  + "],
    "check-offline": ["  x Python SDK", "$ export ANTHROPIC_API_KEY=sk-ant-api03-...", "  - "],
    "explain": ["! API overloaded", "0.375-0.5 s"],
    "list": ["-------"],
    "scan": ["------", "first at app.log"],
}


@pytest.mark.parametrize("extra", ASCII_ONLY, ids=["PYTHONIOENCODING=ascii", "LC_ALL=POSIX"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_ascii_only_streams(place: Place, name: str, extra: dict[str, str]) -> None:
    out, err, code = raw_pipe(COMMANDS[name], place.env(name, **extra), place.cwd)
    assert code == EXIT[name], err
    assert b"Traceback" not in err
    assert max(out + err, default=0) < 128, [line for line in (out + err).splitlines() if max(line) >= 128]
    text = out.decode("ascii")
    for standin in STAND_INS[name]:
        assert standin in text
    no_trailing_space(text)


@pytest.mark.parametrize("how", ["locale", "--lang"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_chinese_asked_for_on_an_ascii_stream_is_english(place: Place, name: str, how: str) -> None:
    """A stream that cannot carry Chinese (an ASCII-only CI log) gets the English report, whole and readable, rather
    than question marks or a crash: the choice documented in README.zh-CN.md."""
    args = COMMANDS[name] if how == "locale" else ["--lang", "zh-CN", *COMMANDS[name]]
    out, err, code = raw_pipe(args, place.env(name, PYTHONIOENCODING="ascii", **CHINESE), place.cwd)
    assert code == EXIT[name], err
    assert b"Traceback" not in err
    assert max(out + err, default=0) < 128
    assert b"?" * 3 not in out
    for standin in STAND_INS[name]:
        assert standin in out.decode("ascii")


@pytest.mark.parametrize("extra", ASCII_ONLY, ids=["PYTHONIOENCODING=ascii", "LC_ALL=POSIX"])
def test_ascii_terminal_with_the_spinner(place: Place, extra: dict[str, str]) -> None:
    """Standard error on the terminal too, so `check` shows its status line while it waits."""
    run, raw = in_terminal(COMMANDS["check"], 80, place.env("check", **extra), place.cwd, stderr_too=True)
    assert run.code == 1
    assert "Traceback" not in run.out
    assert max(raw) < 128


@pytest.mark.parametrize("extra", ASCII_ONLY, ids=["PYTHONIOENCODING=ascii", "LC_ALL=POSIX"])
def test_json_stays_the_same_document_on_ascii_streams(place: Place, extra: dict[str, str]) -> None:
    args = ["explain", "--json", "-"]
    paste = 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Überlastet … —"}}'
    utf8 = in_pipe(args, place.env("explain"), place.cwd, stdin=paste.encode())
    plain = in_pipe(args, place.env("explain", **extra), place.cwd, stdin=paste.encode())
    assert json.loads(plain.out) == json.loads(utf8.out)


def test_usage_error_on_an_ascii_stream(place: Place) -> None:
    out, err, code = raw_pipe(["explain"], place.env("explain", PYTHONIOENCODING="ascii"), place.cwd)
    assert code == 2
    assert b"Usage: claude-doctor explain ARG - a status" in err
    assert max(out + err) < 128


class FakeStream(io.StringIO):
    def __init__(self, encoding: str = "utf-8", tty: bool = False) -> None:
        super().__init__()
        self._encoding, self._tty = encoding, tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return self._tty


@pytest.mark.parametrize(
    ("env", "tty", "colour"),
    [
        ({}, True, True),
        ({}, False, False),  # a pipe or a file
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # present but empty: no-color.org says ignore it
        ({"TERM": "dumb"}, True, False),
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, True, True),  # "0" does not force; the terminal decides
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),
        ({"CI": "true"}, True, False),
        ({"CI": "true", "FORCE_COLOR": "1"}, False, True),
    ],
)
def test_colour_decision(env: dict[str, str], tty: bool, colour: bool) -> None:
    assert terminal(FakeStream(tty=tty), env).color is colour


@pytest.mark.parametrize(
    ("encoding", "env", "unicode"),
    [
        ("utf-8", {"LANG": "C.UTF-8"}, True),
        ("utf-8", {}, True),
        ("ascii", {"LANG": "C.UTF-8"}, False),
        ("utf-8", {"LC_ALL": "POSIX"}, False),  # Python writes UTF-8 there, the terminal shows ASCII
        ("utf-8", {"LC_ALL": "C", "LANG": "en_US.UTF-8"}, False),  # LC_ALL wins
        ("utf-8", {"LC_CTYPE": "en_US.ISO-8859-1"}, False),
        ("utf-8", {"LC_ALL": "POSIX", "PYTHONIOENCODING": "utf-8"}, True),  # asked for explicitly
        ("cp1252", {}, False),  # a Windows code page has – and … but no ✓ or →
    ],
)
def test_character_decision(encoding: str, env: dict[str, str], unicode: bool) -> None:
    term = terminal(FakeStream(encoding), env)
    assert term.unicode is unicode
    assert (term.glyph("ok") == "✓") is unicode


def test_cp1252_keeps_what_it_can_show() -> None:
    term = terminal(FakeStream("cp1252"), {})
    assert fit("a – b … ✓ →", term) == "a – b … + ->"


@pytest.mark.parametrize(
    ("env", "width"),
    [
        ({"COLUMNS": "72"}, 72),
        ({}, DEFAULT_WIDTH),
        ({"COLUMNS": "10"}, MIN_WIDTH),
        ({"COLUMNS": "wide"}, DEFAULT_WIDTH),
    ],
)
def test_width_decision(env: dict[str, str], width: int) -> None:
    assert terminal(FakeStream(), env).width == width


def test_every_standin_is_ascii() -> None:
    assert all(standin.isascii() for standin in STANDINS.values())
    term = Terminal(encodings=("ascii",))
    assert fit("".join(STANDINS), term).isascii()
    assert finish("┏━┓│└", term) == "+-+|+"  # rich's box drawing, drawn after layout


def test_finish_strips_trailing_space_and_keeps_colour_codes() -> None:
    term = Terminal()
    assert finish("a  \x1b[0m  \nb\t\n\x1b[31mc\x1b[0m   ", term) == "a\x1b[0m\nb\n\x1b[31mc\x1b[0m"


@pytest.mark.parametrize(
    "text",
    [
        "run claude-doctor check --offline, then   fix the key",
        "  leading and trailing  ",
        "✓ ok – done… → next",
        "密钥无效（401）：请检查 ANTHROPIC_API_KEY。",
        "mixed 中文 and English，《书名》",
        "",
    ],
)
def test_the_word_pattern_splits_as_the_cjk_pattern(text: str) -> None:
    """rich wraps with the plain pattern unless the text holds CJK (it is compiled only then): both split alike."""
    from claude_doctor.render.console import _cjk_word, _WordPattern

    def words(pattern: Any) -> list[str]:
        out, position = [], 0
        while (found := pattern.match(text, position)) is not None and found.end() > position:
            out.append(found.group())
            position = found.end()
        return out

    assert words(_WordPattern()) == words(_cjk_word())
    if text.strip():
        assert words(_cjk_word())
