"""The message layer: English where a message is made, the user's language where it is shown."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from claude_doctor.i18n import Msg, language_from_env, translate


def test_a_message_is_its_english_text() -> None:
    m = Msg("API endpoint {url} ({source})", url="https://relay.example", source="settings")
    assert m == "API endpoint https://relay.example (settings)"
    assert json.dumps({"title": m}) == '{"title": "API endpoint https://relay.example (settings)"}'
    assert m.template == "API endpoint {url} ({source})"


@pytest.mark.parametrize(("n", "text"), [(0, "0 problems"), (1, "1 problem"), (2, "2 problems")])
def test_plural_picks_the_english_form(n: int, text: str) -> None:
    assert Msg.plural("{n} problem", "{n} problems", n=n) == text


def test_join_keeps_each_part() -> None:
    joined = Msg.joined("\n", [Msg("one {x}", x="{braces}"), "two"])
    assert joined == "one {braces}\ntwo"
    assert joined.parts is not None
    assert len(joined.parts) == 2


def test_survives_pickling_as_used_by_scan_workers() -> None:
    m = Msg.plural("{n} error in {file}", "{n} errors in {file}", n=3, file="a.log")
    back = pickle.loads(pickle.dumps(m))
    assert back == m
    assert (back.template, back.plural_of, back.params) == (m.template, m.plural_of, m.params)


@dataclasses.dataclass(frozen=True)
class Line:
    title: str
    data: dict[str, str]


def test_english_is_left_as_is_and_unknown_text_falls_back_to_english() -> None:
    line = Line(Msg("Proxy for {host}", host="h"), {"k": "v"})
    assert translate(line, "en") is line
    assert translate(line, "zh_CN").title == "Proxy for h"  # no catalog entry: English, never an error


@pytest.mark.parametrize(
    ("env", "option", "language"),
    [
        ({}, None, "en"),
        ({"LANG": "zh_CN.UTF-8"}, None, "zh_CN"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, None, "zh_CN"),
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, None, "zh_CN"),
        ({"LANGUAGE": "fr:en", "LANG": "zh_CN.UTF-8"}, None, "en"),
        ({"LC_ALL": "C"}, None, "en"),
        ({"LANG": "zh_TW.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8"}, "zh-CN", "zh_CN"),
        ({"LANG": "zh_CN.UTF-8"}, "en", "en"),
    ],
)
def test_language(env: dict[str, str], option: str | None, language: str) -> None:
    assert language_from_env(env, option) == language


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Msg("the environment"), "ANTHROPIC_API_KEY（来自环境变量）：sk-…"),  # a Chinese value: no space
        ("~/.claude/settings.json", "ANTHROPIC_API_KEY（来自 ~/.claude/settings.json）：sk-…"),  # Latin: the space
    ],
)
def test_chinese_spacing_follows_the_value(place: str, expected: str) -> None:
    text = Msg("{name} from {place}: {value}", name="ANTHROPIC_API_KEY", place=place, value="sk-…")
    assert translate(text, "zh_CN") == expected


def test_no_space_after_full_width_punctuation_between_sentences() -> None:
    joined = Msg.joined(" ", [Msg("the environment"), Msg("the environment")])
    assert translate(joined, "zh_CN") == "环境变量环境变量"
    assert translate(Msg.joined(" ", ["1 个问题。", "1 个警告。"]), "zh_CN") == "1 个问题。1 个警告。"
