"""A loopback fake Claude API that fails on demand: `claude-doctor mock`, and `running()` for tests."""

from __future__ import annotations

from claude_doctor.mock.scenarios import SCENARIO_NAMES, parse_sequence
from claude_doctor.mock.server import MockServer, running

__all__ = ["SCENARIO_NAMES", "MockServer", "parse_sequence", "running"]
