"""The language of the output: English or Simplified Chinese from `--lang` or the locale, for people only. JSON is
machine data and stays byte for byte the same in every language; standard error, Markdown and GitHub annotations
follow the language asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.render.runner import LOG, environment, in_pipe

ENGLISH = {"LANG": "en_US.UTF-8"}
CHINESE = {"LANG": "zh_CN.UTF-8"}
PASTE = b'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}'
# (argv, standard input): every command's JSON form.
JSON_COMMANDS = {
    "explain status": (["explain", "--json", "529"], b""),
    "explain paste": (["explain", "--json", "-"], PASTE),
    "explain unknown": (["explain", "--json", "the weather is lovely"], b""),
    "explain list": (["explain", "--list", "--json"], b""),
    "scan": (["scan", "--json", "app.log"], b""),
    "check offline": (["check", "--offline", "--json"], b""),
}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("languages")
    (root / "home").mkdir()
    (root / "work").mkdir()
    (root / "work" / "app.log").write_text(LOG)
    return root


def _steady(text: str) -> str:
    """A check's per-step timings differ between two runs; nothing else may."""
    document = json.loads(text)
    for check in document.get("checks", []) if isinstance(document, dict) else []:
        check.pop("duration_ms", None)
    return json.dumps(document, ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("name", list(JSON_COMMANDS))
def test_json_is_the_same_in_every_language(name: str, workdir: Path) -> None:
    args, stdin = JSON_COMMANDS[name]
    env = environment(workdir / "home", **ENGLISH)
    english = in_pipe(args, env, workdir / "work", stdin)
    chinese = in_pipe(args, {**env, **CHINESE}, workdir / "work", stdin)
    asked = in_pipe(["--lang", "zh-CN", *args], env, workdir / "work", stdin)
    assert english.out.strip()
    if name == "check offline":
        assert _steady(chinese.out) == _steady(english.out) == _steady(asked.out)
    else:
        assert chinese.out == english.out == asked.out  # byte for byte
    assert (chinese.code, asked.code) == (english.code, english.code)


@pytest.mark.parametrize(
    ("args", "english", "chinese"),
    [
        (["scan", "--json", "gone.log"], "no such file", "文件不存在"),
        (["explain", "--json", "gone/error.txt"], "no such file", "文件不存在"),
        (["explain"], "Usage: claude-doctor explain ARG", "用法：claude-doctor explain ARG"),
    ],
)
def test_standard_error_follows_the_language(args: list[str], english: str, chinese: str, workdir: Path) -> None:
    """What goes to standard error is for people even when standard output is JSON."""
    env = environment(workdir / "home", **ENGLISH)
    said = in_pipe(args, env, workdir / "work")
    assert english in said.err
    for run in (
        in_pipe(args, {**env, **CHINESE}, workdir / "work"),
        in_pipe(["--lang", "zh-CN", *args], env, workdir / "work"),
    ):
        assert chinese in run.err, run.err
        assert run.code == said.code


@pytest.mark.parametrize(
    ("fmt", "english", "chinese"),
    [
        ("table", "No Claude settings in the environment", "环境中没有 Claude 相关设置"),
        ("markdown", "| | Section | Check | Detail |", "| | 分组 | 检查项 | 详情 |"),
        (
            "github",
            "::error title=claude-doctor%3A Python SDK%3A no credential found::",
            "::error title=claude-doctor%3A Python SDK：没有找到凭据::",
        ),
    ],
)
def test_reports_for_people_follow_the_language(fmt: str, english: str, chinese: str, workdir: Path) -> None:
    args = ["check", "--offline", "--format", fmt]
    env = environment(workdir / "home", **ENGLISH)
    assert english in in_pipe(args, env, workdir / "work").out
    assert chinese in in_pipe(args, {**env, **CHINESE}, workdir / "work").out
    assert chinese in in_pipe(["--lang", "zh-CN", *args], env, workdir / "work").out
    assert english in in_pipe(["--lang", "en", *args], {**env, **CHINESE}, workdir / "work").out


@pytest.mark.parametrize(
    ("env", "chinese"),
    [
        ({"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, True),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LC_MESSAGES": "zh_CN.UTF-8"}, True),
        ({"LANG": "zh_CN.GB18030"}, True),
        ({"LANG": "zh_TW.UTF-8"}, False),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, False),
        ({"LANG": "fr_FR.UTF-8"}, False),
    ],
)
def test_the_locale_chooses(env: dict[str, str], chinese: bool, workdir: Path) -> None:
    run = in_pipe(["explain", "529"], environment(workdir / "home", **env), workdir / "work")
    assert ("状态码" in run.out) == chinese, run.out
    assert run.code == 0


def test_help_is_translated(workdir: Path) -> None:
    env = environment(workdir / "home", **ENGLISH)
    english = in_pipe(["check", "--help"], env, workdir / "work")
    assert "Only local checks: send nothing." in english.out
    for run in (
        in_pipe(["check", "--help"], {**env, **CHINESE}, workdir / "work"),
        in_pipe(["--lang", "zh-CN", "check", "--help"], env, workdir / "work"),
        in_pipe(["check", "--lang=zh-CN", "--help"], env, workdir / "work"),
    ):
        assert "只做本地检查：不发送任何请求。" in run.out, run.out
        assert run.code == 0
