"""The shape of one catalog entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """What one status, error type, error code, message family, cloud error or network failure means.

    `fix` steps may hold `{name}` fields that a message matcher fills with values from the error text; each step is
    one whole sentence or more, so that it translates as a unit.
    `status` is the HTTP status this entry arrives with: the decoder reports it (as inferred) when the text shows none.
    None means the entry does not fix one (failures below HTTP, client-side errors, messages seen with many statuses).
    `retryable` is None when the tool cannot tell whether the same request can succeed after waiting.
    """

    key: str  # "status:529", "type:overloaded_error", "code:…", "msg:…", "aws:ThrottlingException", "google:…", "net:…"
    title: str
    meaning: str
    category: str
    retryable: bool | None
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
