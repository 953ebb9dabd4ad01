"""docs/errors.md is what scripts/errors_doc.py prints from the catalog, byte for byte."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

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


def test_errors_doc_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert committed == _script().render(), "docs/errors.md is stale: run python scripts/errors_doc.py --write"


def test_the_script_writes_where_the_test_reads() -> None:
    assert _script().DOC_PATH == ROOT / "docs" / "errors.md"


def test_without_write_it_prints_the_page_and_writes_nothing() -> None:
    before = (ROOT / "docs" / "errors.md").stat().st_mtime_ns
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == _script().render()
    assert (ROOT / "docs" / "errors.md").stat().st_mtime_ns == before
