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
    """A real-looking key, not `sk-ant-api03-xxxxxxxx…`, a run of one letter or a short sample in a test or a doc:
    real keys and tokens carry 40 or more characters after their prefix (gitleaks' rules)."""
    body = text.split("-", 3)[-1]
    return len(body) >= 40 and len(set(body)) >= 10 and "xxxx" not in body.lower() and "0123456789" not in body


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


@dataclass(frozen=True)
class HistoryLeak:
    commit: str  # abbreviated hash of the commit that added the key
    date: str  # its author date, YYYY-MM-DD
    path: str
    masked: str
    value: str  # the key itself, to tell keys apart and to match them with the files of today: never shown


@dataclass(frozen=True)
class HistorySearch:
    leaks: list[HistoryLeak]
    commits: int  # commits whose changes were read
    complete: bool  # False: stopped at the time or size limit


MAX_HISTORY_SECONDS = 4.0
MAX_HISTORY_BYTES = 32 * 1024 * 1024


def keys_in_history(root: Path, timeout: float) -> HistorySearch | None:
    """Keys that commits of any branch ever added (`git log --all -p -G sk-ant-`), the oldest commit per key, read
    for at most `timeout` seconds and MAX_HISTORY_BYTES; None when git cannot tell."""
    git = shutil.which("git")
    if git is None:
        return None
    args = [git, "-C", str(root), "log", "--all", "-p", "--no-color", "--no-ext-diff", "--no-textconv", "-U0"]
    args += ["--format=commit %h %as", "-G", "sk-ant-"]
    try:
        proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True
        )
    except OSError:
        return None
    lines, complete = _read_lines(proc, min(timeout, MAX_HISTORY_SECONDS))
    if complete and proc.returncode not in (0, None):
        return None
    found: dict[str, HistoryLeak] = {}
    commit = date = path = ""
    commits = 0
    for line in lines:
        if line.startswith("commit "):
            parts = line.split()
            commit, date = (parts[1], parts[2]) if len(parts) >= 3 else (parts[-1], "")
            commits += 1
        elif line.startswith("+++ "):
            path = line[4:].removeprefix("b/")
        elif line.startswith("+") and "sk-ant-" in line:
            for shape, _offset, value in find_secrets(line[1:]):
                if shape.kind in ANTHROPIC_KINDS and plausible_key(value):
                    found[value] = HistoryLeak(commit, date, path, mask(value), value)  # newest first: the last wins
    return HistorySearch(list(found.values()), commits, complete)


def _read_lines(proc: subprocess.Popen[bytes], timeout: float) -> tuple[list[str], bool]:
    """Standard output, line by line, until it ends, the deadline or the size cap; the process group ends then."""
    import contextlib
    import os
    import selectors
    import signal

    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    data = bytearray()
    complete = False
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline and len(data) <= MAX_HISTORY_BYTES:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                continue
            chunk = os.read(proc.stdout.fileno(), 1 << 16)
            if not chunk:
                complete = True
                break
            data += chunk
    if not complete:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=2)
    proc.stdout.close()
    text = bytes(data).decode("utf-8", "replace")
    lines = text.split("\n")
    if not complete and lines:
        lines.pop()  # a line cut in the middle
    return lines, complete
