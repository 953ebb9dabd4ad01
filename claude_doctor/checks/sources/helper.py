"""Running Claude Code's `apiKeyHelper` on request (`--run-helpers`), the way Claude Code does: `/bin/sh -c`."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_HELPER_OUTPUT = 16_384  # Claude Code's limit on the helper's token


@dataclass(frozen=True)
class HelperRun:
    ok: bool
    value: str | None
    problem: str


def run_helper(command: str, *, cwd: Path, env: dict[str, str], timeout: float) -> HelperRun:
    shell = ["cmd", "/c", command] if os.name == "nt" else ["/bin/sh", "-c", command]
    try:
        proc = subprocess.run(
            shell,
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=max(0.5, timeout),
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return HelperRun(False, None, f"did not finish within {timeout:.1f} s (Claude Code warns after 10 s)")
    except OSError as exc:
        return HelperRun(False, None, f"could not be started: {exc.strerror or exc}")
    if proc.returncode != 0:
        return HelperRun(False, None, f"exited with status {proc.returncode}; Claude Code needs exit status 0")
    out = proc.stdout.decode("utf-8", "replace").strip()
    if not out:
        return HelperRun(False, None, "printed nothing; it must print the key or token on standard output")
    if "\n" in out:
        return HelperRun(False, out, "printed more than one line; it must print a single token")
    if len(out) > MAX_HELPER_OUTPUT:
        return HelperRun(False, out, f"printed {len(out)} characters; the limit is {MAX_HELPER_OUTPUT}")
    if not all(" " < ch < "\x7f" for ch in out):
        return HelperRun(False, out, "printed characters other than printable ASCII")
    return HelperRun(True, out, "")
