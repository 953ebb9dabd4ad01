"""How much slower is `claude-doctor explain 529` than importing its UI stack?

Runs both commands alternately in fresh interpreters and reports the ratio of medians, so the machine's speed cancels
out. Target: ratio <= 1.25 (explain may cost a quarter more than `import typer, rich`).

    python benchmarks/explain_startup.py [--runs 15] [--max-ratio 1.25]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from bytecode import ensure_bytecode

BASELINE = [sys.executable, "-c", "import typer, rich.console, rich.table"]
COMMANDS = {
    "explain 529": [sys.executable, "-m", "claude_doctor", "explain", "529"],
    "explain --json 529": [sys.executable, "-m", "claude_doctor", "explain", "--json", "529"],
    "--help": [sys.executable, "-m", "claude_doctor", "--help"],
}
# Measured and shown, not held to the target: Chinese loads the gettext catalog, which English never does.
REPORTED = {
    "explain 529 --lang zh-CN": [sys.executable, "-m", "claude_doctor", "explain", "529", "--lang", "zh-CN"],
}


def _once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--max-ratio", type=float, default=1.25)
    args = parser.parse_args()
    _once(BASELINE)  # warm the file cache and .pyc files
    measured = {**COMMANDS, **REPORTED}
    for argv in measured.values():
        _once(argv)
    base: list[float] = []
    timings: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(args.runs):
        base.append(_once(BASELINE))
        for name, argv in measured.items():
            timings[name].append(_once(argv))
    base_median = statistics.median(base)
    print(f"baseline (import typer, rich): {base_median * 1000:.0f} ms median of {args.runs}")
    worst = 0.0
    for name, values in timings.items():
        ratio = statistics.median(values) / base_median
        if name in COMMANDS:
            worst = max(worst, ratio)
        aside = "" if name in COMMANDS else "  (reported, not judged)"
        print(f"{name:<26} {statistics.median(values) * 1000:6.0f} ms  ratio {ratio:.2f}{aside}")
    verdict = "ok" if worst <= args.max_ratio else "TOO SLOW"
    print(f"worst ratio {worst:.2f} (target <= {args.max_ratio}): {verdict}")
    return 0 if worst <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
