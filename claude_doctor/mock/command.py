"""`claude-doctor mock`: print where it listens, log each request on one line, stop cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from claude_doctor.lint.endpoint import is_loopback
from claude_doctor.mock.scenarios import SCENARIOS, ScenarioError
from claude_doctor.mock.server import MockServer


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run_mock_command(*, host: str, port: int, scenario: str, latency_ms: int, retry_after: int = 2) -> int:
    if latency_ms < 0 or not 0 <= port <= 65535:
        _stderr("error: --latency must be >= 0 and --port between 0 and 65535")
        return 2
    try:
        server = MockServer(scenario, host=host, port=port, latency_ms=latency_ms, retry_after=retry_after, log=_stderr)
    except ScenarioError as exc:
        _stderr(f"error: {exc}")
        return 2
    except OSError as exc:
        _stderr(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}")
        return 2
    print(server.base_url, flush=True)
    print(f"export ANTHROPIC_BASE_URL={server.base_url}", flush=True)
    steps = ", ".join(f"{s.name} ({SCENARIOS[s.name].summary})" for s in server.sequence.steps)
    _stderr(f"scenario: {steps}; the last step repeats. Ctrl-C to stop.")
    if not is_loopback(host):
        _stderr(f"warning: listening on {host}, not loopback: other machines can reach this mock")

    def stop(_signum: int, _frame: FrameType | None) -> None:
        threading.Thread(target=server.stop, daemon=True).start()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.stopping.set()
        _stderr(f"stopped after {len(server.requests)} request(s)")
    return 0
