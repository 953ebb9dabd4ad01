"""The remote half of `check`: the path to the API (`network.path`) and the minimal requests (`api.requests`) run side
by side, and the report waits for them no longer than the run's deadline (`network.deadline`)."""

from __future__ import annotations

from collections.abc import Callable

from claude_doctor.checks.api.requests import API, call_api
from claude_doctor.checks.network.deadline import Worker, run_workers
from claude_doctor.checks.network.path import NET, walk_path
from claude_doctor.checks.state import LocalState
from claude_doctor.model import CheckResult

WORKERS = (Worker("path", walk_path, NET, "network"), Worker("api", call_api, API, "api"))


def run_remote(state: LocalState, on_wait: Callable[[str], None] | None = None) -> list[CheckResult]:
    url = state.base_url()[0].strip()
    return run_workers(state, url, WORKERS, on_wait)
