"""What the mock server saw: one record per request, for its log line, its tests and `--json`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from claude_doctor.model.results import CommandResult


@dataclass(frozen=True)
class MockRequest:
    method: str
    path: str
    step: int
    scenario: str
    status: int | None  # None when no status was sent (hang, drop before headers)
    credential: str | None  # masked
    headers: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "step": self.step,
            "scenario": self.scenario,
            "status": self.status,
            "credential": self.credential,
        }


@dataclass(frozen=True, kw_only=True)
class MockStarted(CommandResult):
    """The mock is listening: where, and what it will answer."""

    kind: ClassVar[str] = "mock_started"
    base_url: str
    scenarios: tuple[tuple[str, str], ...]  # (name, summary) for each step of the sequence; the last repeats
    host: str
    port: int
    tls: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "base_url": self.base_url,
            "host": self.host,
            "port": self.port,
            "tls": self.tls,
            "scenarios": [{"name": name, "summary": summary} for name, summary in self.scenarios],
        }
