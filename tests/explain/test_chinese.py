"""`explain` in Chinese, end to end: a status, a pasted relay error, a Bedrock error and `--list` come out with Chinese
titles, meanings and fixes and no English sentence left (product names, `code` spans, URLs, ids and the server's own
message quoted as it came may stay), while `--json` stays byte for byte the English document."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.render.runner import environment, in_pipe

REALWORLD = Path(__file__).parents[1] / "decode" / "realworld"


def _sample(origin: str, sample_id: str) -> bytes:
    samples = json.loads((REALWORLD / f"{origin}.json").read_text(encoding="utf-8"))
    return str(next(s for s in samples if s["id"] == sample_id)["text"]).encode("utf-8")


# (argv, standard input, a Chinese title the output must show)
CASES = {
    "status": (["explain", "529"], b"", "API 过载"),
    "relay paste": (["explain", "-"], _sample("relay", "relay-newapi-saturated-cline"), "中转服务的上游已饱和"),
    "bedrock paste": (
        ["explain", "-"],
        _sample("bedrock", "bedrock-roo-throttling-metadata"),
        "已达到 Bedrock 每分钟 token 数配额",
    ),
    "list": (["explain", "--list"], b"", "API 过载"),
}
# What may stay in English inside Chinese output: code spans, URLs, quoted text, ids and numbers with units.
_ALLOWED = re.compile(r"`[^`]*`|https?://\S+|\"[^\"]*\"|“[^”]*”|'[^']*'|\b[\w-]*\d[\w.-]*\b")
# An English sentence: four or more English words in a row (product names are shorter: "Amazon Bedrock → Model access").
_ENGLISH_RUN = re.compile(r"\b[A-Za-z][a-z]+(?:[ ,]+[A-Za-z][a-z]+){3,}\b")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def english_sentences(output: str) -> list[str]:
    """Runs of English words left in the output, apart from the lines that quote what the server said."""
    left = []
    for line in output.splitlines():
        if line.startswith(("消息", "message")):  # the server's own message, quoted as it came
            continue
        left += _ENGLISH_RUN.findall(_ALLOWED.sub(" ", line))
    return left


def test_the_english_detector_can_fail() -> None:
    assert english_sentences("解决办法：\n  1. Retry with exponential backoff.") == ["Retry with exponential backoff"]
    assert english_sentences("在 AWS 控制台中打开 Amazon Bedrock → Model access") == []


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("chinese")
    (root / "home").mkdir()
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_explain_speaks_chinese_throughout(name: str, workdir: Path) -> None:
    args, stdin, title = CASES[name]
    env = environment(workdir / "home", COLUMNS="100")
    run = in_pipe(["--lang", "zh-CN", *args], env, workdir, stdin)
    assert run.code == 0, run.err
    assert title in run.out
    assert len(_CJK.findall(run.out)) > 40
    assert english_sentences(run.out) == [], run.out
    if name != "list":
        assert "解决办法" in run.out


@pytest.mark.parametrize("name", list(CASES))
def test_json_stays_the_english_document(name: str, workdir: Path) -> None:
    args, stdin, _title = CASES[name]
    env = environment(workdir / "home")
    english = in_pipe([*args, "--json"], env, workdir, stdin)
    chinese = in_pipe(["--lang", "zh-CN", *args, "--json"], env, workdir, stdin)
    by_locale = in_pipe([*args, "--json"], {**env, "LANG": "zh_CN.UTF-8"}, workdir, stdin)
    assert english.out == chinese.out == by_locale.out
    assert not _CJK.search(json.dumps(json.loads(english.out)["title" if name != "list" else "statuses"]))
