"""`Diagnosis`: what one Claude API error means and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from claude_doctor.model.results import CommandResult
from claude_doctor.model.vocabulary import Category

StatusSource = Literal["shown", "inferred"]


@dataclass(frozen=True)
class Diagnosis:
    """What one Claude API error means and what to do about it.

    `retryable`: the same request, unchanged, can succeed after waiting. `sdk_retries`: the official SDKs retry it on
    their own. Either is None when the tool cannot tell: unknown stays unknown.
    """

    status: int | None
    error_type: str | None
    error_code: str | None
    message: str | None
    request_id: str | None
    category: Category
    retryable: bool | None
    sdk_retries: bool | None
    retry_after_s: float | None
    title: str
    fix: tuple[str, ...]
    source_shape: str
    meaning: str = ""
    # Caveats worth showing: docs vs observed behaviour, a wasted SDK retry, what answered instead of the API.
    notes: tuple[str, ...] = ()
    # Response headers that fed the diagnosis (lower-cased names), for renderers that show rate limits.
    headers: tuple[tuple[str, str], ...] = ()
    # Whether `status` was printed in the input or follows from an error type, exception name or Google status.
    status_source: StatusSource | None = None
    # anthropic, vertex, aws, relay: whom to quote the request id to.
    request_id_kind: str | None = None
    # What the error passed through on its way to the user, outermost first: claude_code, litellm, relay, bedrock…
    via: tuple[str, ...] = ()
    # The official Python SDK's waits before each retry it would make, as (shortest, longest) seconds.
    sdk_schedule: tuple[tuple[float, float], ...] = ()
    # When a usage limit lifts, as an ISO 8601 instant in UTC, when the text says so (renderers show it in local time).
    reset_at: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `explain --json` and of every check's `data.diagnosis`."""
        return {
            "status": self.status,
            "status_source": self.status_source,
            "error_type": self.error_type,
            "error_code": self.error_code,
            "message": self.message,
            "request_id": self.request_id,
            "request_id_kind": self.request_id_kind,
            "category": self.category,
            "retryable": self.retryable,
            "sdk_retries": self.sdk_retries,
            "retry_after_s": self.retry_after_s,
            "sdk_schedule": [list(pair) for pair in self.sdk_schedule],
            "via": list(self.via),
            "reset_at": self.reset_at,
            "title": self.title,
            "fix": list(self.fix),
            "source_shape": self.source_shape,
            "meaning": self.meaning,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class InputRead:
    """What `explain` read from a file or standard input: how much, and whether the input went on past the limit
    (then the rest was not read, and the diagnosis is of the first `bytes_read` bytes only)."""

    source: str  # "standard input" or the file's path
    bytes_read: int
    truncated: bool
    limit_bytes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "bytes_read": self.bytes_read,
            "truncated": self.truncated,
            "limit_bytes": self.limit_bytes,
        }


@dataclass(frozen=True, kw_only=True)
class ExplainResult(CommandResult):
    """`diagnosis` is the most recent (or most telling) error; `errors` the other distinct errors in the same paste,
    most recent first; `suggestions` the known terms close to an argument that is not one; `input` what was read, for
    a file or standard input (None for a term or text given as an argument)."""

    kind: ClassVar[str] = "explain"
    diagnosis: Diagnosis
    errors: tuple[Diagnosis, ...] = ()
    suggestions: tuple[str, ...] = ()
    input: InputRead | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": 1,
            **self.diagnosis.to_json(),
            "errors": [d.to_json() for d in self.errors],
            "did_you_mean": list(self.suggestions),
            "input": None if self.input is None else self.input.to_json(),
        }


@dataclass(frozen=True, kw_only=True)
class OverviewResult(CommandResult):
    """`explain --list`: every status at a glance."""

    kind: ClassVar[str] = "overview"
    rows: tuple[Diagnosis, ...]

    def to_json(self) -> dict[str, Any]:
        return {"schema": 1, "statuses": [d.to_json() for d in self.rows]}
