"""One place that decides how human output looks on the stream it goes to: its width, whether it gets colour, and
which of the tool's own characters it can show.

`terminal(stream)` makes that decision once per command; a `Canvas` draws for it. Every human renderer goes through
them, so `check`, `explain`, `scan` and `mock` agree:

- width: `COLUMNS`, else the terminal's own width, else the width of the terminal the person runs us from (a pipe into
  `less`), else `DEFAULT_WIDTH` (files, CI logs); never less than `MIN_WIDTH`.
- colour: off under `NO_COLOR` (https://no-color.org), on under `FORCE_COLOR` (https://force-color.org), off in CI,
  under `TERM=dumb` and into anything that is not a terminal; otherwise on, in the 16 standard colours every
  terminal shows.
- characters: the tool's own non-ASCII characters (status glyphs, dashes, arrows, ellipses, curly quotes, box
  drawing, the timeline's blocks) get ASCII stand-ins when the stream's encoding cannot carry them, or when the
  locale says the terminal is plain ASCII (`LC_ALL=POSIX`: Python then writes UTF-8 anyway). Stand-ins go in before
  layout, so lines still fit.
- no line ends in spaces.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import os
import re
import sys
from collections.abc import Mapping
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

from claude_doctor.texts import map_texts

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")
DEFAULT_WIDTH: Final = 100
MIN_WIDTH: Final = 40

_CI_MARKERS = ("GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")

# The tool's own characters and what stands in for each on a stream that cannot show it. One column each where the
# character is one column, so a stand-in put in after layout cannot push a line past the width.
STANDINS: Final[dict[str, str]] = {
    "✓": "+",
    "✔": "+",
    "✗": "x",
    "✘": "x",
    "–": "-",
    "—": "-",
    "‐": "-",
    "−": "-",
    "…": "...",
    "→": "->",
    "←": "<-",
    "⇒": "=>",
    "·": "-",
    "•": "*",
    "×": "x",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "≤": "<=",
    "≥": ">=",
    "≈": "~",
    "§": "S",
    "\u00a0": " ",
    "\u202f": " ",
    "\ufe0f": "",
    "✅": "+",
    "❌": "x",
    "⚠": "!",
    "➖": "-",
    # the timeline's bars, lowest to highest
    "▁": ".",
    "▂": ":",
    "▃": "-",
    "▄": "=",
    "▅": "+",
    "▆": "*",
    "▇": "#",
    "█": "@",
}
GLYPHS: Final[dict[str, str]] = {"ok": "✓", "warn": "!", "fail": "✗", "skip": "–", "ellipsis": "…", "arrow": "→"}


def is_ci(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if env.get("CI", "").lower() in ("true", "1", "yes"):
        return True
    return any(env.get(name) for name in _CI_MARKERS)


def color_wanted(env: Mapping[str, str] | None = None) -> bool | None:
    """False when colour must be off, True when forced on, None to let the terminal decide."""
    env = os.environ if env is None else env
    if env.get("NO_COLOR", ""):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    if is_ci(env):
        return False
    return None


def _normal(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "ascii"


def locale_encoding(env: Mapping[str, str]) -> str | None:
    """The character set the locale promises the terminal shows (LC_ALL, LC_CTYPE, LANG, the first one set), or None
    when no locale is set. C and POSIX mean ASCII, even where Python's UTF-8 mode writes UTF-8 to them."""
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        if value in ("C", "POSIX"):
            return "ascii"
        charset = value.partition(".")[2].partition("@")[0]
        return _normal(charset) if charset else None
    return None


def _columns(stream: Any) -> int | None:
    try:
        if not stream.isatty():
            return None
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return None
    return columns if columns > 0 else None


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclasses.dataclass(frozen=True)
class Terminal:
    """What the reader's side can take: `encodings` are every character set the text must fit (the stream's, and the
    locale's when it is stricter)."""

    width: int = DEFAULT_WIDTH
    color: bool = False
    encodings: tuple[str, ...] = ("utf-8",)
    tty: bool = False

    def shows(self, text: str) -> bool:
        return all(_encodes(text, encoding) for encoding in self.encodings)

    @property
    def unicode(self) -> bool:
        return self.shows("".join(STANDINS))

    def glyph(self, name: str) -> str:
        return fit(GLYPHS[name], self)


@cache
def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def terminal(
    stream: IO[str] | None = None, env: Mapping[str, str] | None = None, *, width: int | None = None
) -> Terminal:
    """The decision for one stream (standard output when None)."""
    stream = sys.stdout if stream is None else stream
    env = os.environ if env is None else env
    tty = _isatty(stream)
    encodings = [_normal(getattr(stream, "encoding", None) or "utf-8")]
    if not env.get("PYTHONIOENCODING"):
        from_locale = locale_encoding(env)
        if from_locale is not None and from_locale not in encodings:
            encodings.append(from_locale)
    wanted = color_wanted(env)
    if wanted is None:
        wanted = tty and env.get("TERM", "").lower() != "dumb"
    if width is None:
        columns = env.get("COLUMNS", "").strip()
        if columns.isdigit() and int(columns) > 0:
            width = int(columns)
        else:
            width = _columns(stream) or (None if tty else _columns(sys.stderr)) or DEFAULT_WIDTH
    return Terminal(max(MIN_WIDTH, width), wanted, tuple(encodings), tty)


def _box_standin(ch: str) -> str:
    import unicodedata

    name = unicodedata.name(ch, "")
    if "HORIZONTAL" in name and "VERTICAL" not in name:
        return "-"
    if "VERTICAL" in name and "HORIZONTAL" not in name:
        return "|"
    return "+"


_BOXES = "".join(chr(code) for code in range(0x2500, 0x2580))


@cache
def _table(encodings: tuple[str, ...]) -> dict[int, str]:
    term = Terminal(encodings=encodings)
    if term.shows("".join(STANDINS) + _BOXES):
        return {}
    table = {ord(ch): standin for ch, standin in STANDINS.items() if not term.shows(ch)}
    for code in range(0x2500, 0x2580):  # box drawing, as rich draws tables
        if not term.shows(chr(code)):
            table[code] = _box_standin(chr(code))
    return table


def fit(text: str, term: Terminal) -> str:
    """`text` with stand-ins for the tool's own characters the terminal cannot show."""
    table = _table(term.encodings)
    return text.translate(table) if table else text


def fit_all(value: T, term: Terminal) -> T:
    """A copy of a result (any dataclass, tuple or list of them) with `fit` applied to every text in it, before
    layout. Dictionaries are machine data and are not shown. Runs after translation: it turns messages into plain
    strings."""
    if not _table(term.encodings):
        return value

    return map_texts(value, lambda text: fit(text, term))


_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", re.MULTILINE)
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _keep_codes(match: re.Match[str]) -> str:
    return "".join(_SGR.findall(match.group(0)))


def finish(text: str, term: Terminal) -> str:
    """The last pass over drawn text: no trailing spaces (colour codes kept), stand-ins for anything left (rich's box
    drawing), and whatever the stream still cannot encode replaced rather than raised."""
    text = _TRAILING.sub(_keep_codes, fit(text, term))
    for encoding in term.encodings:
        if not _encodes(text, encoding):
            text = "".join(_ascii_like(ch, encoding) for ch in text)
    return text


def _ascii_like(ch: str, encoding: str) -> str:
    import unicodedata

    if _encodes(ch, encoding):
        return ch
    plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
    return plain or "?"


def for_stream(text: str, stream: IO[str] | None = None, env: Mapping[str, str] | None = None) -> str:
    """A plain line (a note, an error, a log line) ready for `stream`: stand-ins, nothing it cannot encode."""
    term = terminal(stream, env, width=DEFAULT_WIDTH)
    return finish(text, term)


# Chinese is written without spaces, and rich breaks lines only at white space: a Chinese sentence is one long "word"
# that rich folds wherever the edge falls, cutting a URL or an English word glued to it ("充值：https://…"). Each CJK
# character is made a word of its own, keeping the punctuation that may not start a line with the character before it
# and the punctuation that may not end one with the character after it. Text without CJK wraps exactly as before.
_CJK: Final = "\u2e80-\u2fff\u3000-\u303f\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_CLOSING: Final = "，。、；：？！）》」』】〉％"
_OPENING: Final = "（《「『【〈"
_FIRST_CJK: Final = "\u2e80"  # below it no character is CJK, nor any of the punctuation above
_PLAIN_WORD: Final = re.compile(r"\s*\S+\s*")  # what the CJK pattern matches in a text without CJK


@cache
def _cjk_word() -> re.Pattern[str]:
    """Compiled on first need only: its wide character classes take milliseconds to compile, and most text has none."""
    return re.compile(rf"\s*[{_OPENING}]*(?:[{_CJK}]|[^\s{_CJK}]+)[{_CLOSING}]*\s*")


class _WordPattern:
    """The word pattern rich wraps with (`match` is all rich calls): the CJK one for a text holding a character from
    U+2E80 up, else the plain one, which matches exactly as the CJK one would there."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._pattern: re.Pattern[str] = _PLAIN_WORD

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if text is not self._text:  # rich matches word after word in one text: decide once per text
            self._text = text
            self._pattern = _cjk_word() if text and max(text) >= _FIRST_CJK else _PLAIN_WORD
        return self._pattern.match(text, pos)


@cache
def _break_between_cjk() -> None:
    """rich's word pattern (a private name, checked: a rich without it wraps Chinese as one word, never crashes)."""
    try:
        import rich._wrap
    except ImportError:
        return
    if isinstance(getattr(rich._wrap, "re_word", None), re.Pattern):
        rich._wrap.re_word = _WordPattern()  # type: ignore[assignment]


class Canvas:
    """A rich console that draws into memory for one `Terminal`; `text()` is what to write out."""

    def __init__(self, term: Terminal) -> None:
        from rich.console import Console

        _break_between_cjk()
        self.term = term
        self._buffer = io.StringIO()
        self.console: Console = Console(
            file=self._buffer,
            width=term.width,
            force_terminal=term.color,
            no_color=not term.color,
            color_system="standard" if term.color else None,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
            legacy_windows=False,
        )

    @property
    def width(self) -> int:
        return self.term.width

    def glyph(self, name: str) -> str:
        return self.term.glyph(name)

    def fit(self, text: str) -> str:
        return fit(text, self.term)

    def print(self, *renderables: Any, **options: Any) -> None:
        self.console.print(*renderables, **options)

    def text(self) -> str:
        return finish(self._buffer.getvalue(), self.term)
