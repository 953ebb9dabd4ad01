"""Start-up is measured as users see it: with the package's bytecode cached, as `pip install` leaves it.

Without this, an environment that sets PYTHONDONTWRITEBYTECODE (some sandboxes and CI images do) would compile every
module of the package on every run while the baseline's libraries (typer, rich) load from their caches, and the
ratio would measure the compiler rather than the tool.
"""

from __future__ import annotations

import compileall
from pathlib import Path


def ensure_bytecode() -> None:
    import claude_doctor

    compileall.compile_dir(str(Path(claude_doctor.__file__).parent), quiet=1)
