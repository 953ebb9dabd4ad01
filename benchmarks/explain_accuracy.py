"""How often does `explain` reach an expert's conclusion on errors people really pasted?

Reads every `<origin>.json` in a corpus directory (default: tests/decode/realworld; any directory of the same format,
such as a held-out set, may be given instead), decodes each sample's text with `decode.explain_text`, and compares four
fields with the expert's label: category, status, request id, retryability. A sample is right only when all four are.
Prints Markdown tables (per origin, per field) that the README can show, then every miss.

    python benchmarks/explain_accuracy.py [DIR ...] [--no-misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claude_doctor.decode import explain_text  # noqa: E402

DEFAULT_DIR = ROOT / "tests" / "decode" / "realworld"
FIELDS = ("category", "status", "request_id", "retryable")


@dataclass(frozen=True)
class Outcome:
    sample_id: str
    origin: str
    wrong: dict[str, tuple[object, object]]  # field → (expected, got)

    @property
    def right(self) -> bool:
        return not self.wrong


def load(directory: Path) -> list[dict[str, object]]:
    samples: list[dict[str, object]] = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list):
            samples.extend(data)
    return samples


def judge(sample: dict[str, object]) -> Outcome:
    expect = sample["expect"]
    assert isinstance(expect, dict)
    got = explain_text(str(sample["text"])).to_json()
    wrong = {f: (expect.get(f), got[f]) for f in FIELDS if expect.get(f) != got[f]}
    return Outcome(str(sample["id"]), str(sample["origin"]), wrong)


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} %" if total else "—"


def table(outcomes: list[Outcome]) -> str:
    by_origin: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_origin[o.origin].append(o)
    head = ["origin", "samples", "all four right", *FIELDS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    groups = [*sorted(by_origin.items()), ("**all**", outcomes)]
    for origin, group in groups:
        n = len(group)
        cells = [origin, str(n), _pct(sum(o.right for o in group), n)]
        cells += [_pct(sum(f not in o.wrong for o in group), n) for f in FIELDS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="corpus directories (default: tests/decode/realworld)")
    parser.add_argument("--no-misses", action="store_true", help="print only the tables")
    args = parser.parse_args(argv)
    for directory in args.dirs or [DEFAULT_DIR]:
        samples = load(directory)
        if not samples:
            print(f"{directory}: no samples found", file=sys.stderr)
            return 2
        outcomes = [judge(s) for s in samples]
        print(f"### {directory.name}: {len(samples)} samples\n")
        print(table(outcomes))
        misses = [o for o in outcomes if not o.right]
        if misses and not args.no_misses:
            print(f"\n{len(misses)} misses:\n")
            for o in misses:
                detail = "; ".join(f"{f} {exp!r} → {got!r}" for f, (exp, got) in o.wrong.items())
                print(f"- `{o.sample_id}`: {detail}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
