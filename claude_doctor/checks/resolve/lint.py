"""A lint: one finding about a value (a key, a URL, a proxy variable), and the worst of several. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Lint:
    severity: Literal["warn", "fail"]
    message: str
    fix: str = ""


def worst(lints: list[Lint]) -> Literal["ok", "warn", "fail"]:
    if any(lint.severity == "fail" for lint in lints):
        return "fail"
    return "warn" if lints else "ok"
