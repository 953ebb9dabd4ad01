"""What the user asked `check` to do: one typed object from `cli.py` to the checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckOptions:
    offline: bool = False
    strict: bool = False
    timeout: float = 10.0
    model: str | None = None
    send: bool = False
    run_helpers: bool = False
    allow_missing_key: bool = False
    debug: bool = False
