"""What a decoder found in a piece of text, before classification."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Facts:
    status: int | None = None  # a status the text shows for the error (or the live response's)
    status_inferred: bool = False  # `status` came from a reason phrase, not a number the text shows
    error_type: str | None = None
    openai_envelope: bool = False  # the type came from an OpenAI-shaped envelope (a relay's or a compat endpoint's)
    error_code: str | None = None
    message: str | None = None
    request_id: str | None = None
    request_id_kind: str | None = None  # anthropic, vertex, aws, relay
    headers: dict[str, str] = field(default_factory=dict)
    network: str | None = None
    not_anthropic: str | None = None  # a proxy or gateway answered in the API's place (its headers tell)
    answered_by: str | None = None  # what wrote an error page shown without headers (its status still counts)
    in_stream: bool = False
    vendor: str | None = None  # the innermost cloud error: "aws:ThrottlingException", "google:RESOURCE_EXHAUSTED"
    via: tuple[str, ...] = ()
    retrying: tuple[int, int] | None = None  # Claude Code's (attempt, total) when its banner says it is retrying
    reset_at: str | None = None
    text: str = ""  # the text the facts came from, for message families that may sit anywhere in it
    shape: str = "unknown"

    @property
    def found_anything(self) -> bool:
        return bool(self.status or self.error_type or self.error_code or self.network or self.message)
