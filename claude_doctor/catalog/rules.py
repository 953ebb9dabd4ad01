"""The shape of a message rule and the text form rules are matched against.

A rule names one family of messages (Bedrock's throttling wording, new-api's 无可用渠道, Claude Code's usage-limit
banner…), never one sample's wording. Each is a few lower-case substrings (any one selects the rule, a cheap test)
and, optionally, one regex on the same folded text whose named groups fill the fix.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from claude_doctor.catalog.entry import Entry
from claude_doctor.i18n import Msg

Values = dict[str, str]

# Rules look at most this much of a paste: errors sit near its start and its end.
_HEAD = 12_000
_TAIL = 8_000
_WS = re.compile(r"\s+")
_FOLD = (
    ('\\"', '"'),
    ("\\'", "'"),
    ("\\n", " "),
    ("\\t", " "),
    ("\\u00b7", "·"),
    ("\\u003e", ">"),
    ("\\u003c", "<"),
    ("\\xe2\\x80\\x99", "'"),
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("⎿", " "),
    ("│", " "),
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def fold(text: str) -> str:
    """The text as rules see it: lower case, one level of string escaping undone, curly quotes straightened, terminal
    gutters dropped and every run of white space (hard wraps included) made one space."""
    if len(text) > _HEAD + _TAIL:
        text = text[:_HEAD] + "\n" + text[-_TAIL:]
    for old, new in _FOLD:
        if old in text:
            text = text.replace(old, new)
    if not text.isascii():  # a lone surrogate (from a `\\ud800` escape) is no text a matcher can take
        text = _SURROGATE.sub("\ufffd", text)
    return _WS.sub(" ", text).lower()


@dataclass(frozen=True)
class MessageRule:
    """One family of messages and what it means.

    `scope` "text": the family is distinctive enough to count anywhere in the paste; "message": only in the error's
    own message (loose wording such as "rate limit", which a wrapper's prose may also use).
    `before_network`: the family refines a failure below HTTP (a refused loopback port is a local proxy or relay that
    is down), so it is tried before the generic network kinds.
    `pattern` is matched against the folded text; with `require_pattern` the needle alone does not select the rule.
    `accept` may veto a pattern match (for example a host in a region that does exist).
    """

    needles: tuple[str, ...]
    entry: Entry
    pattern: str | None = None
    values: Callable[[re.Match[str]], Values] | None = None
    fix_with_values: tuple[str, ...] = ()
    scope: str = "text"
    require_pattern: bool = False
    before_network: bool = False
    accept: Callable[[re.Match[str]], bool] | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        return None if self.pattern is None else _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class Found:
    rule: MessageRule
    fix: tuple[str, ...]
    values: Values

    @property
    def entry(self) -> Entry:
        return self.rule.entry


def try_rule(rule: MessageRule, folded: str) -> Found | None:
    """The rule's verdict on one folded text: None, or the entry with its fix (filled when the pattern matched)."""
    if not any(needle in folded for needle in rule.needles):
        return None
    regex = rule.regex
    if regex is None:
        return Found(rule, rule.entry.fix, {})
    found = regex.search(folded)
    if found is not None and (rule.accept is None or rule.accept(found)):
        values = rule.values(found) if rule.values is not None else {}
        if values and rule.fix_with_values:
            # Each filled step stays a whole sentence with named values, so that it translates as a unit; the
            # templates are data, extracted by scripts/i18n.py's walk over the rules.
            return Found(rule, tuple(Msg(step, **values) for step in rule.fix_with_values), values)
        return Found(rule, rule.entry.fix, values)
    if rule.require_pattern:
        return None
    return Found(rule, rule.entry.fix, {})


def number(value: int) -> str:
    return f"{value:,}"
