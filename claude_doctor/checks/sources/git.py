"""Git, asked about secrets: where the repository is, whether git would commit a file, and which tracked files hold a
key.

Git is asked through its own command line (`git check-ignore`, `git ls-files`), bounded by timeouts; without git or
outside a repository the answers say "unknown" (or None) and the hygiene checks skip.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from claude_doctor.secrets import find_secrets, mask

ANTHROPIC_KINDS = frozenset({"api_key", "admin_key", "oauth_access", "oauth_refresh"})
MAX_SCAN_FILES = 5000
MAX_SCAN_FILE_BYTES = 1024 * 1024
MAX_SCAN_SECONDS = 3.0


@dataclass(frozen=True)
class Leak:
    path: str
    line: int
    masked: str


def repo_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` with a `.git` in it (no git needed)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _git(args: list[str], cwd: Path, timeout: float) -> subprocess.CompletedProcess[bytes] | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        return subprocess.run(
            [git, "-C", str(cwd), *args],
            capture_output=True,
            timeout=max(0.2, timeout),
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def git_status_of(path: Path, timeout: float) -> str:
    """tracked, ignored, unignored, or unknown (no git, not a repository, git failed)."""
    folder = path.parent
    tracked = _git(["ls-files", "--error-unmatch", "--", path.name], folder, timeout)
    if tracked is None:
        return "unknown"
    if tracked.returncode == 0:
        return "tracked"
    if b"not a git repository" in tracked.stderr.lower():
        return "unknown"
    ignored = _git(["check-ignore", "-q", "--", path.name], folder, timeout)
    if ignored is None or ignored.returncode not in (0, 1):
        return "unknown"
    return "ignored" if ignored.returncode == 0 else "unignored"


def plausible_key(text: str) -> bool:
    """A real-looking key, not `sk-ant-api03-xxxxxxxx…` or a run of one letter in a test or a doc."""
    body = text.split("-", 3)[-1]
    return len(set(body)) >= 10 and "xxxx" not in body.lower()


def committed_keys(root: Path, timeout: float) -> list[Leak] | None:
    """Keys in files git tracks in this repository; None when git cannot tell. Bounded in files, bytes and time."""
    listing = _git(["ls-files", "-z"], root, timeout)
    if listing is None or listing.returncode != 0:
        return None
    started = time.monotonic()
    leaks: list[Leak] = []
    names = [n for n in listing.stdout.decode("utf-8", "replace").split("\0") if n][:MAX_SCAN_FILES]
    for name in names:
        if time.monotonic() - started > min(timeout, MAX_SCAN_SECONDS):
            break
        path = root / name
        try:
            if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_SCAN_FILE_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if b"sk-ant-" not in data or b"\x00" in data[:1024]:
            continue
        text = data.decode("utf-8", "replace")
        for shape, offset, value in find_secrets(text):
            if shape.kind in ANTHROPIC_KINDS and plausible_key(value):
                leaks.append(Leak(name, text.count("\n", 0, offset) + 1, mask(value)))
    return leaks
