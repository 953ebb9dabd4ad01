"""What the user asked `check` to do: one typed object from `cli.py` to the checks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CheckOptions:
    offline: bool = False
    strict: bool = False
    timeout: float = 10.0
    model: str | None = None
    send: bool = False
    run_helpers: bool = False
    run_project_helper: bool = False  # run this project's own apiKeyHelper even if Claude Code does not trust it
    clients: tuple[str, ...] = ()  # --for: claude_code, python, typescript; empty: the clients found
    allow_missing_key: bool = False
    debug: bool = False
