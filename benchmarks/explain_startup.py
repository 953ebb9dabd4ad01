"""How much slower is `claude-doctor explain 529` than importing its UI stack?

Runs both commands alternately in fresh interpreters and reports the ratio of medians, so the machine's speed cancels
out. Target: ratio <= 1.25 (explain may cost a quarter more than `import typer, rich`).

    python benchmarks/explain_startup.py [--runs 15] [--max-ratio 1.25]
"""

from __future__ import annotations

import argparse
import sys

from bytecode import ensure_bytecode
from startup import compare

COMMANDS = {
    "explain 529": [sys.executable, "-m", "claude_doctor", "explain", "529"],
    "explain --json 529": [sys.executable, "-m", "claude_doctor", "explain", "--json", "529"],
    "--help": [sys.executable, "-m", "claude_doctor", "--help"],
}
# Measured and shown, not held to the target: Chinese loads the gettext catalog, which English never does.
REPORTED = {
    "explain 529 --lang zh-CN": [sys.executable, "-m", "claude_doctor", "explain", "529", "--lang", "zh-CN"],
}


def main() -> int:
    ensure_bytecode()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--max-ratio", type=float, default=1.25)
    args = parser.parse_args()
    return compare(COMMANDS, runs=args.runs, max_ratio=args.max_ratio, reported=REPORTED)


if __name__ == "__main__":
    sys.exit(main())
