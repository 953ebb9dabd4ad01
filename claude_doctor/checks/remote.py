"""The remote half of `check`: per route (one path to one endpoint host), the path walk (`network.path`) and then the
probes of the clients that use it (`api.requests`), all routes side by side, and the report waits for them no longer
than the run's deadline (`network.deadline`). Clients in use that cannot be probed (a cloud provider, no credential,
a profile that needs a token exchange) say why."""

from __future__ import annotations

from collections.abc import Callable

from claude_doctor.checks.api.answers import API
from claude_doctor.checks.api.requests import Shared, run_probe
from claude_doctor.checks.network.deadline import Progress, Worker, run_workers
from claude_doctor.checks.network.path import walk_route
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.plan import Probe, Route, plan_routes
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult

_PROVIDERS = {"bedrock": "Amazon Bedrock", "vertex": "Google Vertex AI", "foundry": "Microsoft Foundry"}


def run_remote(state: LocalState, on_wait: Callable[[str], None] | None = None) -> list[CheckResult]:
    routes = plan_routes(state.clients)
    shared = Shared()
    workers = []
    number = 0
    for route in routes:
        numbered: list[tuple[Probe, str]] = []
        for probe in route.probes:
            number += 1
            numbered.append((probe, "" if number == 1 else f"#{number}"))
        workers.append(
            Worker(
                f"route{route.index}", _route_work(state, route, numbered, shared), "Network", "network", route.suffix()
            )
        )
    unprobed = _unprobed(state, any(route.probes for route in routes))
    return unprobed + run_workers(state.ctx, workers, on_wait)


def _route_work(
    state: LocalState, route: Route, probes: list[tuple[Probe, str]], shared: Shared
) -> Callable[[Progress, Callable[[], float]], None]:
    def work(progress: Progress, remaining: Callable[[], float]) -> None:
        name = f"route{route.index}"
        outcome = walk_route(state.ctx, route, progress, name, remaining)
        for probe, psfx in probes:
            run_probe(state.ctx, route, outcome, probe, psfx, progress, name, remaining, shared)

    return work


def _unprobed(state: LocalState, any_probe: bool) -> list[CheckResult]:
    """One line per client in use whose credential is not sent, saying why; the first is `api.models` when nothing
    at all is probed, so a run without any API request still says so where the API line would be."""
    out: list[CheckResult] = []
    for client in state.in_use():
        reason = _why_not_probed(client)
        if reason is None:
            continue
        check_id = "api.models" if not any_probe and not out else f"api.client.{client.client}"
        out.append(CheckResult(check_id, "skip", reason, API, data={"client": client.name}))
    return out


def _why_not_probed(client: ClientSetup) -> str | None:
    if client.provider != "anthropic":
        return Msg(
            "{client} uses {provider} ({source}): its endpoint and credential are the cloud's, not checked here",
            client=client.name,
            provider=_PROVIDERS.get(client.provider, client.provider),
            source=client.provider_source,
        )
    if client.wire is not None:
        return None
    chosen = client.choice.chosen
    if chosen is None:
        return Msg("{client}: API requests not sent: no credential to test", client=client.name)
    if chosen.mechanism in {"profile", "active_profile", "federation"}:
        return Msg(
            "{client}: API requests not sent: {source} needs a token exchange, which this version does not perform",
            client=client.name,
            source=chosen.label,
        )
    if chosen.mechanism == "helper":
        return Msg(
            "{client}: API requests not sent: the apiKeyHelper was not run ({why})",
            client=client.name,
            why=chosen.note or Msg("pass --run-helpers"),
        )
    return Msg("{client}: API requests not sent: {source} has no value", client=client.name, source=chosen.label)
