"""docs/errors.md and docs/zh-CN/errors.md are what scripts/errors_doc.py prints from the catalog, byte for byte."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "errors_doc.py"


def _script() -> ModuleType:
    """The script as a module, loaded by path: scripts/ is not a package."""
    spec = importlib.util.spec_from_file_location("errors_doc", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGES = {"en": ROOT / "docs" / "errors.md", "zh_CN": ROOT / "docs" / "zh-CN" / "errors.md"}


@pytest.mark.parametrize("language", list(PAGES))
def test_errors_doc_is_up_to_date(language: str) -> None:
    committed = PAGES[language].read_text(encoding="utf-8")
    assert committed == _script().render(language), (
        f"{PAGES[language]} is stale: run python scripts/errors_doc.py --write"
    )


def test_the_script_writes_where_the_test_reads() -> None:
    assert PAGES["en"] == _script().DOC_PATH
    assert _script().DOC_PATHS == PAGES


def test_the_chinese_page_is_the_english_one_translated() -> None:
    """Same entries in the same order, each heading's id kept; the words are Chinese."""
    english, chinese = (PAGES[language].read_text(encoding="utf-8") for language in ("en", "zh_CN"))
    ids = [re.findall(r"^### .* — `([^`]+)`$", page, re.MULTILINE) for page in (english, chinese)]
    assert ids[0] == ids[1]
    assert len(ids[0]) > 250
    assert "**解决办法。**" in chinese
    assert "API 过载 — `529`" in chinese
    assert "**Resolution.**" not in chinese


def test_with_lang_it_prints_the_chinese_page() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--lang", "zh-CN"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == _script().render("zh_CN")


def test_without_write_it_prints_the_page_and_writes_nothing() -> None:
    before = (ROOT / "docs" / "errors.md").stat().st_mtime_ns
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == _script().render()
    assert (ROOT / "docs" / "errors.md").stat().st_mtime_ns == before
