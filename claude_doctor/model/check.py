"""`check`'s results: one `CheckResult` per line of the report, the `Report` that holds them and its verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Final, Literal

from claude_doctor.model.results import CommandResult

CheckStatus = Literal["ok", "warn", "fail", "skip"]
Verdict = Literal["ok", "warn", "fail"]

# Report sections, in display order.
SECTIONS: Final[tuple[str, ...]] = ("Clients", "Credentials", "Configuration", "Network", "API")


@dataclass(frozen=True)
class CheckResult:
    """One line of the `check` report. `data` must be JSON-serialisable; secrets in it are masked by `emit`."""

    id: str
    status: CheckStatus
    title: str
    section: str = "Configuration"
    detail: str = ""
    fix: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    duration_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
            "fix": list(self.fix),
            "data": self.data,
            "duration_ms": None if self.duration_ms is None else round(self.duration_ms, 1),
        }


@dataclass(frozen=True)
class Report:
    """Everything `check` found, in run order."""

    checks: tuple[CheckResult, ...]
    strict: bool = False
    not_checked: tuple[str, ...] = ()  # what this run did not look at, in words (with --offline: the network, the API)

    @property
    def verdict(self) -> Verdict:
        statuses = {c.status for c in self.checks}
        if "fail" in statuses or (self.strict and "warn" in statuses):
            return "fail"
        if "warn" in statuses:
            return "warn"
        return "ok"

    @property
    def exit_code(self) -> int:
        return 1 if self.verdict == "fail" else 0

    def count(self, status: CheckStatus) -> int:
        return sum(1 for c in self.checks if c.status == status)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "verdict": self.verdict,
            "counts": {s: self.count(s) for s in ("ok", "warn", "fail", "skip")},
            "not_checked": list(self.not_checked),
            "checks": [c.to_json() for c in self.checks],
        }


@dataclass(frozen=True, kw_only=True)
class CheckRun(CommandResult):
    kind: ClassVar[str] = "check"
    report: Report

    def to_json(self) -> dict[str, Any]:
        return self.report.to_json()
