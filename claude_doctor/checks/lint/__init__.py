"""Pure lints of credentials and endpoints: values in, findings out, no I/O."""

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
