"""Outside text made inert: nothing an error message, a response, a header, a file or a paste holds can steer the
terminal or the CI system that reads our output. Pure; `emit` applies `neutralise` to every string of a result after
all decoding is done, so escapes that arrived written as `\\u001b` or `\\x1b` are caught in their final form.

What is removed: terminal escape sequences whole (CSI, such as colours and clear-screen; OSC, such as window titles and
hyperlinks; DCS, SOS, PM, APC; two-byte escapes such as reset), then any control character left (C0 but tab and line
feed, DEL, C1), the default-ignorable code points (bidi overrides and isolates, zero-width characters, soft hyphen,
variation selectors, tags: invisible, and skipped by .NET's culture-aware string search, which a CI runner may use to
find its commands) and lone surrogates (replaced by U+FFFD, so every writer can encode the text). Carriage returns and
Unicode line separators become line feeds, so no line can overwrite another.

What is defused, with a visible backslash so that the text stays readable and JSON stays valid:
- a line whose first non-blank characters are `::` (a GitHub Actions workflow command: `::add-mask::`, `::error::`,
  `::stop-commands::`; the runner trims leading blanks first) becomes `\\::…`;
- `##[` (GitHub's older commands, Azure Pipelines' formatting), `##vso[` (Azure) and `##teamcity[`, which runners find
  anywhere in a line, become `#\\#[`, `#\\#vso[`, `#\\#teamcity[`.
A backslash rather than an invisible mark, because a culture-aware comparison can skip invisible characters.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which includes the bidi controls.
DEFAULT_IGNORABLE: Final = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164"
    "\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)


@cache
def _suspect() -> re.Pattern[str]:
    """Anything `neutralise` would change: compiled on first use, like the patterns below."""
    return re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{DEFAULT_IGNORABLE}]|::|##")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled on first use: most text has nothing to neutralise, and `explain` starts faster without them."""
    return (
        re.compile("[\ud800-\udfff]"),
        re.compile("\r\n?|[\x85\u2028\u2029]"),
        # CSI (colours, cursor moves, clear-screen); OSC (titles, hyperlinks), DCS, SOS, PM, APC up to their
        # terminator; two-byte escapes (ESC c resets, ESC ( 0 switches character set). Bodies stop at any control
        # character, so each scan ends at the next escape: linear in the text.
        re.compile(
            r"(?:\x1b\[|\x9b)[\x30-\x3f]*+[\x20-\x2f]*+[\x40-\x7e]"
            r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*+(?:\x07|\x1b\\|\x9c)"
            r"|\x1b[\x20-\x2f]*+[\x30-\x7e]"
        ),
        re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{DEFAULT_IGNORABLE}]+"),
    )


@cache
def _commands() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """`::` at a line's start, `##[` (and `##vso[`, `##teamcity[`) anywhere, and a rendered line's lead: blanks and
    the renderer's own colour codes (SGR), which some log viewers strip."""
    return (
        re.compile(r"^([^\S\n]*)::", re.MULTILINE),
        re.compile(r"##(?=(?:vso|teamcity)?\[)", re.IGNORECASE),
        re.compile(r"(?:\s|\x1b\[[\x30-\x3f]*+[\x20-\x2f]*+[\x40-\x7e])*+"),
    )


def neutralise(text: str) -> str:
    """`text` with escapes and invisible controls removed and CI commands defused (see the module's docstring).
    Idempotent: neutralising twice changes nothing more."""
    if _suspect().search(text) is None:
        return text
    surrogate, line_break, escape, invisible = _patterns()
    text = surrogate.sub("\ufffd", text)
    text = line_break.sub("\n", text)
    text = escape.sub("", text)
    text = invisible.sub("", text)
    return defuse_commands(text)


def defuse_commands(text: str) -> str:
    """Only the CI half: `::` at a line's start and `##[` anywhere defused, nothing removed."""
    line_command, anywhere_command, _lead = _commands()
    if "::" in text:
        text = line_command.sub(r"\1\\::", text)
    if "##" in text:
        text = anywhere_command.sub(r"#\\#", text)
    return text


def defuse_line(line: str) -> str:
    """One physical line as written to a terminal or log: a `::` after its lead gets a backslash, `##[` anywhere is
    split. For renderings that wrap or fold text, where a line can begin in the middle of a string."""
    _line_command, anywhere_command, lead_pattern = _commands()
    lead = lead_pattern.match(line)
    start = lead.end() if lead else 0
    if line.startswith("::", start):
        line = f"{line[:start]}\\{line[start:]}"
    if "##" in line:
        line = anywhere_command.sub(r"#\\#", line)
    return line
