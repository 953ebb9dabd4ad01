"""The gettext catalogs (scripts/i18n.py): every message the package can say has a translation, each translation keeps
its placeholders, the compiled `.mo` is the `.po`'s, and Babel sees every message the code makes."""

from __future__ import annotations

import ast
import importlib.util
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message

from claude_doctor.i18n import N_, Msg, plural, translate

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "i18n.py"
PACKAGE = ROOT / "claude_doctor"
LANGUAGE = "zh_CN"
# The calls whose first argument (two for `plural`) is a message id, as scripts/i18n.py extracts them.
MESSAGE_CALLS = {"Msg": 1, "N_": 1, "plural": 2, "_": 1}
# Where a message call takes a variable on purpose: the definitions of the layer itself.
# The message rules fill templates that are data (extracted by the script's walk over the catalog, see
# test_every_catalog_text_is_extracted).
DEFINITIONS = {("i18n.py", "Msg"), ("cli.py", "N_"), ("catalog/rules.py", "Msg")}


@cache
def _script() -> ModuleType:
    """The script as a module, loaded by path: scripts/ is not a package."""
    spec = importlib.util.spec_from_file_location("i18n_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def _template() -> Catalog:
    catalog: Catalog = _script().extract()
    return catalog


@cache
def _po() -> Catalog:
    catalog: Catalog = _script().read(_script().po_path(LANGUAGE), LANGUAGE)
    return catalog


def _messages(catalog: Catalog) -> Iterator[Message]:
    return (m for m in catalog if m.id)


def _key(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def test_the_script_writes_where_gettext_reads() -> None:
    assert _script().po_path(LANGUAGE) == PACKAGE / "locale" / LANGUAGE / "LC_MESSAGES" / "claude_doctor.po"
    assert _script().DOMAIN == "claude_doctor"


def test_the_mo_is_compiled_from_the_po() -> None:
    """A `.po` edited without `python scripts/i18n.py compile` would ship the old translations."""
    committed = _script().mo_path(LANGUAGE).read_bytes()
    assert committed == _script().mo_bytes(_po()), "the .mo is stale: run python scripts/i18n.py compile"


def test_the_po_holds_exactly_the_messages_of_the_source() -> None:
    """Merging the source's messages into the `.po` changes nothing: no message missing, none left over."""
    merged = _script().po_bytes(_script().updated(_template(), LANGUAGE))
    committed = _script().po_path(LANGUAGE).read_bytes()
    if merged != committed:
        have = {_key(m) for m in _messages(_po())}
        want = {_key(m) for m in _messages(_template())}
        pytest.fail(
            "the .po is not up to date with the source: run python scripts/i18n.py\n"
            f"missing: {sorted(want - have)[:10]}\nleft over: {sorted(have - want)[:10]}"
        )


def _untranslated(template: Catalog, po: Catalog) -> list[str]:
    missing = []
    for message in _messages(template):
        found = po.get(message.id)
        strings = () if found is None else (found.string if isinstance(found.string, tuple) else (found.string,))
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(_key(message))
    return missing


def test_every_message_is_translated() -> None:
    missing = _untranslated(_template(), _po())
    assert not missing, f"{len(missing)} messages without a translation, e.g. {missing[:15]}"


def _catalog_texts() -> Iterator[str]:
    """Every human text of the catalog's data, read here independently of the script's walk."""
    from claude_doctor.catalog import UNKNOWN, all_entries
    from claude_doctor.catalog.messages import MESSAGE_RULES

    for entry in (*all_entries(), UNKNOWN):
        yield from (entry.title, entry.meaning, *entry.fix, *entry.notes)
    for rule in MESSAGE_RULES:
        yield from rule.fix_with_values


def _constant(text: str) -> bool:
    """A text kept as data (a plain string, or `N_`), not a message already made from a template with values."""
    return not (isinstance(text, Msg) and (text.params or text.parts is not None))


def test_every_catalog_text_is_extracted() -> None:
    """The catalog's data is plain strings (cheap to import): the script's walk puts each one in the template, so
    that the completeness test above covers every title, meaning, fix, note and filled-in template."""
    ids = {_key(m) for m in _messages(_template())}
    texts = [str(t) for t in _catalog_texts() if _constant(t)]
    assert len(texts) > 1000
    assert [t for t in texts if t not in ids] == []


def test_a_catalog_text_without_translation_fails_the_completeness_test() -> None:
    """Blanking the translation of one entry's title (and one rule's template) makes the check above fail."""
    import copy

    from claude_doctor.catalog import lookup_term
    from claude_doctor.catalog.messages import MESSAGE_RULES

    title = lookup_term("529")
    assert title is not None
    template = next(t for rule in MESSAGE_RULES for t in rule.fix_with_values)
    po = copy.deepcopy(_po())
    for text in (str(title.title), template):
        message = po.get(text)
        assert message is not None, text
        message.string = ""
    assert _untranslated(_template(), po) == sorted([str(title.title), template])


def test_every_catalog_text_reads_in_chinese() -> None:
    """What the user sees: every entry's title, meaning and fix, marked as a message where a diagnosis is made,
    comes out of the compiled catalog with Chinese in it."""
    from claude_doctor.i18n import as_message

    english = [str(t) for t in _catalog_texts() if _constant(t) and translate(as_message(t), LANGUAGE) == str(t)]
    assert english == []


def _fields(text: str) -> frozenset[tuple[str, str | None, str | None]]:
    """The replacement fields of a template (name, conversion, format spec); a translation may use one twice or
    move it, never drop one or add one."""
    return frozenset(
        (name, conversion, spec)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def test_every_translation_keeps_its_placeholders() -> None:
    broken = []
    for message in _messages(_po()):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {_fields(i) for i in ids}
        for translated in filter(None, strings):
            try:
                got = _fields(translated)
            except ValueError as exc:  # an unbalanced brace
                broken.append(f"{_key(message)!r}: {exc}")
                continue
            if got not in wanted:
                broken.append(f"{_key(message)!r} → {translated!r}")
    assert not broken, "\n".join(broken[:20])


def test_chinese_has_one_plural_form() -> None:
    po = _po()
    assert po.plural_forms == "nplurals=1; plural=0;"
    plurals = [m for m in _messages(po) if isinstance(m.id, tuple)]
    assert plurals
    assert all(isinstance(m.string, tuple) and len(m.string) == 1 for m in plurals)


def test_plurals_are_extracted_with_both_forms() -> None:
    """`plural(...)` is a Babel keyword; `Msg.plural(...)` (a dotted name) would be missed, so the package never
    calls it."""
    ids = {m.id for m in _messages(_template())}
    assert ("{n} problem", "{n} problems") in ids
    assert ("{n} warning:", "{n} warnings:") in ids
    dotted = [f"{path}:{node.lineno}" for path, node in _calls() if _dotted_plural(node) and path != "i18n.py"]
    assert not dotted, f"use i18n.plural(...), which Babel extracts: {dotted}"


def _dotted_plural(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr == "plural" and isinstance(func.value, ast.Name)


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        relative = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                yield relative, node


def _name(node: ast.Call) -> str:
    return node.func.id if isinstance(node.func, ast.Name) else ""


def test_every_message_call_names_its_text() -> None:
    """Babel extracts a message only from a literal: `Msg(template)` with a variable (or an f-string, or a
    conditional) would be shown in English forever."""
    hidden = []
    for path, node in _calls():
        name = _name(node)
        if name not in MESSAGE_CALLS or (path, name) in DEFINITIONS:
            continue
        ids = node.args[: MESSAGE_CALLS[name]]
        if len(ids) < MESSAGE_CALLS[name] or not all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in ids
        ):
            hidden.append(f"{path}:{node.lineno}: {ast.unparse(node)[:100]}")
    assert not hidden, "\n".join(hidden)


def test_the_check_can_fail() -> None:
    """The literal check above sees a variable template."""
    node = ast.parse("Msg(template, x=1)").body[0]
    assert isinstance(node, ast.Expr)
    assert isinstance(node.value, ast.Call)
    assert not isinstance(node.value.args[0], ast.Constant)


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        (plural("{n} problem", "{n} problems", n=3), "3 个问题"),
        (N_("Fix:"), "解决办法："),
        (Msg("{path} is empty: nothing to explain.", path="a.log"), "a.log 是空的：没有可解释的内容。"),
    ],
)
def test_the_compiled_catalog_is_what_gettext_reads(message: Any, chinese: str) -> None:
    assert translate(message, LANGUAGE) == chinese
    assert translate(message, "en") == str(message)
