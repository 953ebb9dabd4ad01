"""The shape of one catalog entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """What one status, error type, error code, message or network failure means.

    `fix` steps may hold `{name}` fields that a message matcher fills with numbers from the error text.
    `status` is the HTTP status this entry usually arrives with (None for failures below HTTP).
    """

    key: str  # "status:529", "type:overloaded_error", "code:enforced_spend_limit_reached", "msg:...", "net:..."
    title: str
    meaning: str
    category: str
    retryable: bool
    fix: tuple[str, ...]
    status: int | None = None
    error_type: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def name(self) -> str:
        return self.key.split(":", 1)[1]
