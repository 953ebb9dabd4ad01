"""`claude-doctor mock`: start a loopback fake Claude API (`start`), then serve until Ctrl-C or SIGTERM (`serve`).
Both return results for `emit`; each request is handed to a callback as a `MockRequest`."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from types import FrameType

from claude_doctor.hosts import is_loopback
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.mock.scenarios import SCENARIOS, ScenarioError
from claude_doctor.mock.server import MockServer
from claude_doctor.model import CommandResult, ErrorResult, MockRequest, MockStarted


def start(
    *,
    host: str,
    port: int,
    scenario: str,
    latency_ms: int,
    retry_after: int = 2,
    on_request: Callable[[MockRequest], None] | None = None,
) -> tuple[CommandResult, MockServer | None]:
    if latency_ms < 0 or not 0 <= port <= 65535:
        return ErrorResult(message=N_("--latency must be >= 0 and --port between 0 and 65535")), None
    try:
        server = MockServer(
            scenario, host=host, port=port, latency_ms=latency_ms, retry_after=retry_after, log=on_request
        )
    except ScenarioError as exc:
        return ErrorResult(message=exc.args[0]), None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ErrorResult(
            message=Msg("cannot listen on {host}:{port}: {reason}", host=host, port=port, reason=reason)
        ), None
    steps = Msg.joined(
        ", ",
        [Msg("{name} ({summary})", name=s.name, summary=SCENARIOS[s.name].summary) for s in server.sequence.steps],
    )
    notes = [Msg("scenario: {steps}; the last step repeats. Ctrl-C to stop.", steps=steps)]
    if not is_loopback(host):
        notes.append(Msg("warning: listening on {host}, not loopback: other machines can reach this mock", host=host))
    started = MockStarted(
        base_url=server.base_url,
        scenarios=tuple((s.name, SCENARIOS[s.name].summary) for s in server.sequence.steps),
        host=server.host,
        port=server.port,
        notes=tuple(notes),
    )
    return started, server


def serve(server: MockServer) -> CommandResult:
    """Serve until Ctrl-C or SIGTERM; the result says how many requests were answered."""

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
    count = server.answered
    return CommandResult(notes=(plural("stopped after {n} request", "stopped after {n} requests", n=count),))
