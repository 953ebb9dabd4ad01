"""How much slower is `claude-doctor check --offline` than importing its UI stack?

Runs `check --offline` (table and JSON) and the baseline `import typer, rich` alternately in fresh interpreters and
reports the ratio of medians, so the machine's speed cancels out. Each run gets a throw-away home and working
directory with a key in the environment, so it does the real local work (key, environment, configuration files)
without reading the developer's own files. Target: ratio <= 1.5.

    python benchmarks/check_startup.py [--runs 15] [--max-ratio 1.5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bytecode import ensure_bytecode
from startup import compare

COMMANDS = {
    "check --offline": [sys.executable, "-m", "claude_doctor", "check", "--offline"],
    "check --offline --json": [sys.executable, "-m", "claude_doctor", "check", "--offline", "--json"],
}
KEY = "sk-ant-api03-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z" * 3 + "AbCdEfGhIjKl" + "AA"


def _environment(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC_", "CLAUDE_", "AWS_", "GITHUB_"))}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "CI"):
        env.pop(name, None)
    home = root / "home"
    (home / ".claude").mkdir(parents=True, exist_ok=True)
    (home / ".claude" / "settings.json").write_text('{"model": "claude-haiku-4-5", "env": {"DISABLE_TELEMETRY": "1"}}')
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), ANTHROPIC_API_KEY=KEY, NO_COLOR="1")
    return env


def main() -> int:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--max-ratio", type=float, default=1.5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="claude-doctor-bench-") as folder:
        root = Path(folder)
        env = _environment(root)
        cwd = root / "project"
        cwd.mkdir()
        return compare(COMMANDS, runs=args.runs, max_ratio=args.max_ratio, env=env, cwd=cwd)


if __name__ == "__main__":
    sys.exit(main())
