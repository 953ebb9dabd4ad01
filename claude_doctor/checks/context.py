"""What a `check` run knows about where it runs: passed in explicitly so tests can use throw-away homes."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CheckContext:
    env: Mapping[str, str]
    cwd: Path
    home: Path
    offline: bool = False
    timeout: float = 10.0
    model: str | None = None
    send: bool = False
    run_helpers: bool = False
    allow_missing_key: bool = False
    managed_settings: Path | None = None  # tests point this at a temporary file
    started: float = field(default_factory=time.monotonic)

    @classmethod
    def from_process(cls, **options: object) -> CheckContext:
        return cls(env=dict(os.environ), cwd=Path.cwd(), home=Path.home(), **options)  # type: ignore[arg-type]

    @property
    def deadline(self) -> float:
        """time.monotonic() value by which the whole run must be done."""
        return self.started + self.timeout

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())
