"""The real-world corpus by sample id, for tests that pin one family to the pastes it was built from."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

REALWORLD = Path(__file__).parent / "realworld"


@cache
def _corpus() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in REALWORLD.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8")):
            out[item["id"]] = item["text"]
    return out


def sample(sample_id: str) -> str:
    return _corpus()[sample_id]
