"""The message layer: every sentence a person reads goes through it, so it can be shown in their language.

A message is built in English, where it is made, as a `Msg`: a `str` whose value is the English text, which also
keeps its template and its values. Everything that treats it as a string (JSON, tests, logs) sees English; `render`
translates it for people with `translate` just before showing it, so JSON stays the same in every language.

    Msg("API endpoint {url} ({source})", url=url, source=source)
    Msg.plural("{n} problem", "{n} problems", n=count)
    Msg.joined("\n", lines)

Templates are gettext message ids (`pybabel extract -k Msg -k Msg.plural:1,2 -k N_`); constant texts that are data
(catalog titles, fixes) are marked with `N_` for extraction and translated by exact lookup. Values that are
themselves messages are translated too; other values (hosts, numbers, variable names) are inserted as they are.
Pure: no I/O until a language's catalog is first needed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any, Final, TypeVar

DOMAIN: Final = "claude_doctor"
ENGLISH: Final = "en"
LANGUAGES: Final[tuple[str, ...]] = ("en", "zh_CN")
T = TypeVar("T")


def N_(message: str) -> str:
    """Marks a constant text for extraction; translated where it is shown."""
    return message


class Msg(str):
    """English text that remembers how it was made, for translation at render time."""

    template: str
    params: dict[str, Any]
    plural_of: tuple[str, str, int] | None
    parts: tuple[str, ...] | None

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        text = template.format(**params) if params else template
        made = super().__new__(cls, text)
        made.template, made.params, made.plural_of, made.parts = template, params, None, None
        return made

    @classmethod
    def plural(cls, singular: str, plural: str, /, *, n: int, **params: Any) -> Msg:
        """`n` chooses the form: English has two, Chinese one; the catalog's Plural-Forms decides."""
        made = cls(singular if n == 1 else plural, n=n, **params)
        made.plural_of = (singular, plural, n)
        return made

    @classmethod
    def joined(cls, separator: str, parts: Iterable[str]) -> Msg:
        """Lines or phrases joined, each translated on its own."""
        kept = tuple(parts)
        made = str.__new__(cls, separator.join(kept))
        made.template, made.params, made.plural_of, made.parts = separator, {}, None, kept
        return made

    def __reduce__(self) -> tuple[Callable[..., Msg], tuple[Any, ...], dict[str, Any]]:
        # Scan workers send results between processes: keep what translation needs.
        return _rebuild, (str(self),), dict(self.__dict__)


def _rebuild(text: str) -> Msg:
    return str.__new__(Msg, text)  # pickle then restores the attributes


def language_from_env(env: Mapping[str, str], option: str | None = None) -> str:
    """`--lang` first, then LANGUAGE, LC_ALL, LC_MESSAGES, LANG as gettext reads them: zh_CN or en."""
    candidates = [option] if option else []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            candidates += value.split(":") if name == "LANGUAGE" else [value]
            break
    for raw in candidates:
        code = raw.split(".")[0].split("@")[0].replace("-", "_").lower()
        if code in ("zh", "zh_cn", "zh_hans", "zh_sg", "zh_hans_cn"):
            return "zh_CN"
        if code and code not in ("c", "posix"):
            return ENGLISH  # the first language asked for that this tool knows is English, or none it knows
    return ENGLISH


@cache
def _catalog(language: str) -> Any:
    import gettext
    from pathlib import Path

    return gettext.translation(DOMAIN, Path(__file__).parent / "locale", languages=[language], fallback=True)


def _translate_text(text: str, language: str) -> str:
    catalog = _catalog(language)
    if not isinstance(text, Msg):
        return str(catalog.gettext(text)) if text else text
    if text.parts is not None:
        return text.template.join(_translate_text(part, language) for part in text.parts)
    if text.plural_of is not None:
        singular, plural, n = text.plural_of
        template = str(catalog.ngettext(singular, plural, n))
    else:
        template = str(catalog.gettext(text.template))
    values = {k: _translate_text(v, language) if isinstance(v, str) else v for k, v in text.params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
        return str(text)


def translate(value: T, language: str) -> T:
    """`value` (a string, a result, any dataclass or container of them) with every text in `language`. Dictionaries
    are machine data (a check's `data`) and are left as they are."""
    if language == ENGLISH:
        return value

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return _translate_text(item, language)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {f.name: walk(getattr(item, f.name)) for f in dataclasses.fields(item) if f.init}
            changes.pop("secrets", None)
            return dataclasses.replace(item, **changes)
        if isinstance(item, tuple):
            return tuple(walk(v) for v in item)
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item

    translated: T = walk(value)
    return translated
