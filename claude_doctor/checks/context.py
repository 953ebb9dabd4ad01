"""What a `check` run knows about where it runs: passed in explicitly so tests can use throw-away homes."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claude_doctor.checks.options import CheckOptions
from claude_doctor.checks.sources.environment import this_process


@dataclass(frozen=True)
class CheckContext:
    env: Mapping[str, str]
    cwd: Path
    home: Path
    options: CheckOptions = field(default_factory=CheckOptions)
    managed_settings: Path | None = None  # tests point this at a temporary file
    started: float = field(default_factory=time.monotonic)
    # Name → addresses, in place of the system resolver: tests use it for names that resolve elsewhere or never.
    resolver: Callable[[str, int], list[str]] | None = None

    @classmethod
    def from_process(cls, options: CheckOptions) -> CheckContext:
        env, cwd, home = this_process()
        return cls(env=env, cwd=cwd, home=home, options=options)

    @property
    def offline(self) -> bool:
        return self.options.offline

    @property
    def timeout(self) -> float:
        return self.options.timeout

    @property
    def model(self) -> str | None:
        return self.options.model

    @property
    def send(self) -> bool:
        return self.options.send

    @property
    def run_helpers(self) -> bool:
        return self.options.run_helpers

    @property
    def run_project_helper(self) -> bool:
        return self.options.run_project_helper

    @property
    def allow_missing_key(self) -> bool:
        return self.options.allow_missing_key

    @property
    def deadline(self) -> float:
        """time.monotonic() value by which the whole run must be done."""
        return self.started + self.timeout

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def pretty(self, path: Path | str) -> str:
        """`~/.claude/settings.json` rather than the full home path."""
        text = str(path)
        home = str(self.home)
        return "~" + text[len(home) :] if text == home or text.startswith(home + "/") else text
