"""What a decoder found in a piece of text, before classification."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Facts:
    status: int | None = None
    error_type: str | None = None
    error_code: str | None = None
    message: str | None = None
    request_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    network: str | None = None
    not_anthropic: str | None = None
    in_stream: bool = False
    shape: str = "unknown"

    @property
    def found_anything(self) -> bool:
        return bool(self.status or self.error_type or self.error_code or self.network or self.message)
