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
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import ensure_bytecode

BASELINE = [sys.executable, "-c", "import typer, rich.console, rich.table"]
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


def _once(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


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
        _once(BASELINE)  # warm the file cache and .pyc files
        for argv in COMMANDS.values():
            _once(argv, env, cwd)
        base: list[float] = []
        timings: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(args.runs):
            base.append(_once(BASELINE))
            for name, argv in COMMANDS.items():
                timings[name].append(_once(argv, env, cwd))
    base_median = statistics.median(base)
    print(f"baseline (import typer, rich): {base_median * 1000:.0f} ms median of {args.runs}")
    worst = 0.0
    for name, values in timings.items():
        ratio = statistics.median(values) / base_median
        worst = max(worst, ratio)
        print(f"{name:<24} {statistics.median(values) * 1000:6.0f} ms  ratio {ratio:.2f}")
    verdict = "ok" if worst <= args.max_ratio else "TOO SLOW"
    print(f"worst ratio {worst:.2f} (target <= {args.max_ratio}): {verdict}")
    return 0 if worst <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
