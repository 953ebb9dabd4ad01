"""Start-up timing shared by the start-up benchmarks: commands against `import typer, rich` in fresh interpreters.

Runs alternate (baseline, then each command) so that a machine that speeds up or slows down during the run affects
both sides alike; the ratio of medians is what a script compares with its target.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

BASELINE = [sys.executable, "-c", "import typer, rich.console, rich.table"]


def once(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def compare(
    commands: dict[str, list[str]],
    *,
    runs: int,
    max_ratio: float,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    reported: dict[str, list[str]] | None = None,
) -> int:
    """Print each command's median and its ratio to the baseline's; 0 when the worst ratio of `commands` meets the
    target. `reported` commands are measured and shown, not judged."""
    measured = {**commands, **(reported or {})}
    once(BASELINE)  # warm the file cache and .pyc files
    for argv in measured.values():
        once(argv, env, cwd)
    base: list[float] = []
    timings: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(runs):
        base.append(once(BASELINE))
        for name, argv in measured.items():
            timings[name].append(once(argv, env, cwd))
    base_median = statistics.median(base)
    print(f"baseline (import typer, rich): {base_median * 1000:.0f} ms median of {runs}")
    width = max(len(name) for name in measured) + 2
    worst = 0.0
    for name, values in timings.items():
        ratio = statistics.median(values) / base_median
        if name in commands:
            worst = max(worst, ratio)
        aside = "" if name in commands else "  (reported, not judged)"
        print(f"{name:<{width}} {statistics.median(values) * 1000:6.0f} ms  ratio {ratio:.2f}{aside}")
    verdict = "ok" if worst <= max_ratio else "TOO SLOW"
    print(f"worst ratio {worst:.2f} (target <= {max_ratio}): {verdict}")
    return 0 if worst <= max_ratio else 1
