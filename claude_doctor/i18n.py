"""The message layer: every sentence a person reads goes through it, so it can be shown in their language.

A message is built in English, where it is made, as a `Msg`: a `str` whose value is the English text, which also
keeps its template and its values. Everything that treats it as a string (JSON, tests, logs) sees English; `render`
translates it for people with `translate` just before showing it, so JSON stays the same in every language.

    Msg("API endpoint {url} ({source})", url=url, source=source)
    plural("{n} problem", "{n} problems", n=count)
    Msg.joined("\n", lines)

Templates are gettext message ids, extracted by Babel (`scripts/i18n.py`: keywords `Msg`, `plural:1,2`, `N_` and
`_`); constant texts that are data (catalog titles, fixes) are marked with `N_` and translated by exact lookup. Values
that are themselves messages are translated too; other values (hosts, numbers, variable names) are inserted as they
are. A plural is made with the module-level `plural` (Babel's extractor does not see `Msg.plural`, a dotted name, as a
keyword). The renderers' own words are translated where they are drawn, with `tr`, into the language `emit` chose
for the stream (`speaking`). Pure: no I/O until a language's catalog is first needed; English never loads gettext.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, Final, TypeVar

from claude_doctor.texts import map_texts

DOMAIN: Final = "claude_doctor"
ENGLISH: Final = "en"
LANGUAGES: Final[tuple[str, ...]] = ("en", "zh_CN")
T = TypeVar("T")


def N_(message: str) -> str:
    """Marks a constant text for extraction; translated where it is shown. It is a `Msg` without values, so that
    translation knows it from outside text (a host name, a pasted message), which is never looked up."""
    return Msg(message)


class Msg(str):
    """English text that remembers how it was made, for translation at render time."""

    template: str
    params: dict[str, Any]
    plural_of: tuple[str, str, int] | None
    parts: tuple[str, ...] | None
    swaps: tuple[tuple[str, str], ...] = ()  # (old, new): applied after translation, in every language

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        text = template.format(**params) if params else template
        made = super().__new__(cls, text)
        made.template, made.params, made.plural_of, made.parts = template, params, None, None
        return made

    def replaced(self, old: str, new: str) -> Msg:
        """This message with `old` written as `new` in every language: a literal the catalog's text names (the API's
        host) that this run knows better. The template stays the catalog's, so the message is still found there."""
        made = self.rewritten(str(self).replace(old, new))
        made.swaps = (*self.swaps, (old, new))
        return made

    def rewritten(self, text: str) -> Msg:
        """The same message (template, values, swaps) whose English reads `text`: for English-only changes."""
        made = str.__new__(Msg, text)
        made.__dict__.update(self.__dict__)
        return made

    @classmethod
    def plural(cls, singular: str, plural: str, /, *, n: int, **params: Any) -> Msg:
        """`n` chooses the form: English has two, Chinese one; the catalog's Plural-Forms decides. Write `plural(...)`
        (the module-level alias) in the package: it is the spelling Babel extracts."""
        made = cls(singular if n == 1 else plural, n=n, **params)
        made.plural_of = (singular, plural, n)
        return made

    @classmethod
    def joined(cls, separator: str, parts: Iterable[str]) -> Msg:
        """Lines or phrases joined, each translated on its own; a separator given as `N_(", ")` is translated too
        (Chinese lists take "，")."""
        kept = tuple(parts)
        made = str.__new__(cls, separator.join(kept))
        made.template, made.params, made.plural_of, made.parts = separator, {}, None, kept
        return made

    def __reduce__(self) -> tuple[Callable[..., Msg], tuple[Any, ...], dict[str, Any]]:
        # Scan workers send results between processes: keep what translation needs.
        return _rebuild, (str(self),), dict(self.__dict__)


def _rebuild(text: str) -> Msg:
    return str.__new__(Msg, text)  # pickle then restores the attributes


def as_message(text: str) -> Msg:
    """A constant text whose message id is extracted from data rather than from a literal call (the catalog's
    entries, walked by scripts/i18n.py): marked as a message where it leaves the data, so the data itself stays plain
    strings (cheap to import) and translation still finds it."""
    return text if isinstance(text, Msg) else Msg(text)


def lowered(text: str) -> Msg:
    """`text` in lower case for an English sentence that quotes it (a title in a note), translated as `text`."""
    message = as_message(text)
    return message.rewritten(message.lower())


def plural(singular: str, plural_form: str, /, *, n: int, **params: Any) -> Msg:
    """`Msg.plural` under a name Babel extracts as a plural keyword (`plural:1,2`)."""
    return Msg.plural(singular, plural_form, n=n, **params)


# What each way of naming a language on the command line or in a locale means here.
_CODES: Final[dict[str, str]] = {
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh_hans": "zh_CN",
    "zh_sg": "zh_CN",
    "zh_hans_cn": "zh_CN",
    "en": ENGLISH,
}


def language_code(raw: str) -> str | None:
    """`zh-CN`, `zh_CN.UTF-8`, `en_GB@euro`… as one of LANGUAGES, or None for a language this tool does not speak."""
    code = raw.split(".")[0].split("@")[0].replace("-", "_").lower()
    return _CODES.get(code) or (ENGLISH if code.startswith("en_") else None)


def language_from_env(env: Mapping[str, str], option: str | None = None) -> str:
    """`--lang` first, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG as gettext reads them (the first one set; LANGUAGE
    may list several, the first this tool speaks wins): zh_CN or en. A locale of C or POSIX means English."""
    if option:
        return language_code(option) or ENGLISH
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        if name != "LANGUAGE" and value.split(".")[0] in ("C", "POSIX"):
            return ENGLISH
        for raw in value.split(":") if name == "LANGUAGE" else [value]:
            known = language_code(raw)
            if known:
                return known
        return ENGLISH  # the languages asked for are none this tool speaks: gettext then shows the English text
    return ENGLISH


@cache
def _catalog(language: str) -> Any:
    import gettext
    from pathlib import Path

    return gettext.translation(DOMAIN, Path(__file__).parent / "locale", languages=[language], fallback=True)


def _translate_text(text: str, language: str) -> str:
    """A `Msg` in `language`; any other string is outside text or a machine word (a status id, a category) and is
    kept as it is."""
    if not isinstance(text, Msg):
        return text
    translated = _translated(text, language)
    for old, new in text.swaps:
        translated = translated.replace(old, new)
    if language == "zh_CN" and " " in translated:
        translated = _CJK_GAP.sub("", translated)
    return translated


# Chinese puts no space between Chinese characters, nor after or before full-width punctuation; templates keep one
# around a placeholder for Latin values (`使用 {name} 时`), which is wrong when the value is Chinese itself.
_CJK_CHARS = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_FULL_WIDTH_PUNCTUATION = "\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_CJK_GAP: Final = re.compile(
    rf"(?<=[{_CJK_CHARS}]) +(?=[{_CJK_CHARS}])|(?<=[{_FULL_WIDTH_PUNCTUATION}]) +| +(?=[{_FULL_WIDTH_PUNCTUATION}])"
)


def _translated(text: Msg, language: str) -> str:
    catalog = _catalog(language)
    if text.parts is not None:
        separator = text.template
        if isinstance(separator, Msg):  # N_(", "): a list's punctuation is the language's
            separator = str(catalog.gettext(separator.template))
        return separator.join(_translate_text(part, language) for part in text.parts)
    if text.plural_of is not None:
        singular, plural, n = text.plural_of
        template = str(catalog.ngettext(singular, plural, n))
    else:
        template = str(catalog.gettext(text.template))
        if not text.params:
            return template  # a constant text: its braces are its own (a JSON sample), never placeholders
    values = {k: _translate_text(v, language) if isinstance(v, Msg) else v for k, v in text.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
        return str(text)


_SPEAKING: ContextVar[str] = ContextVar("claude_doctor_language", default=ENGLISH)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Within this block `tr` translates into `language`: set by `render.emit` around drawing one result."""
    token = _SPEAKING.set(language)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def current_language() -> str:
    return _SPEAKING.get()


def tr(text: str) -> str:
    """`text` (a `Msg` or an `N_` constant) in the language being spoken: the renderers' own words."""
    language = _SPEAKING.get()
    return text if language == ENGLISH or not text else _translate_text(text, language)


def translate(value: T, language: str) -> T:
    """`value` (a string, a result, any dataclass or container of them) with every message in `language`; other
    strings (ids, statuses, outside text) are left as they are, and so are dictionaries (a check's `data` is machine
    data)."""
    if language == ENGLISH:
        return value

    return map_texts(value, lambda text: _translate_text(text, language))
