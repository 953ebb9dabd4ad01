"""What each command returns: frozen data, the exit code and the lines meant for standard error. Commands never
print; `render.emit` turns any of these into table, JSON, Markdown or GitHub output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar


@dataclass(frozen=True, kw_only=True)
class CommandResult:
    """`notes` go to standard error, already worded. `secrets` are values found on this machine that `emit` masks
    wherever they appear, in every format; they are never rendered themselves."""

    kind: ClassVar[str] = "none"  # what `emit` renders: explain, overview, check, scan, mock_started, error
    exit_code: int = 0
    notes: tuple[str, ...] = ()
    secrets: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any] | None:
        """The JSON document of this result, or None when it has none."""
        return None


@dataclass(frozen=True, kw_only=True)
class ErrorResult(CommandResult):
    """The user asked for something that cannot be done as asked: said plainly on standard error, exit 2."""

    kind: ClassVar[str] = "error"
    message: str
    exit_code: int = 2
    lead: str = "error: "  # printed before the message; empty for a usage line
