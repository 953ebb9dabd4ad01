"""The remote half of `check`: per route (one path to one endpoint host), the path walk (`network.path`) and then the
probes of the clients that use it (`api.requests`), all routes side by side, and the report waits for them no longer
than the run's deadline (`network.deadline`). A client on Bedrock or Vertex AI gets the same path walk to its cloud
endpoint, then the cloud's own probes (`api.clouds`). Clients in use that cannot be probed (Microsoft Foundry, no
credential, a profile that needs a token exchange) say why."""

from __future__ import annotations

from collections.abc import Callable

from claude_doctor.checks.api.answers import API
from claude_doctor.checks.api.clouds import CloudProbe, plan_cloud_probes, run_cloud_probe
from claude_doctor.checks.api.requests import Shared, run_probe
from claude_doctor.checks.network.deadline import Progress, Worker, run_workers
from claude_doctor.checks.network.path import walk_route
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.plan import Probe, Route, cloud_route, plan_routes
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
    for cloud_probe in plan_cloud_probes(state.clients):
        index = len(routes) + 1 + sum(1 for w in workers if w.name.startswith("cloud"))
        cloud_path = cloud_route(index, cloud_probe.cloud.endpoint, cloud_probe.clients)
        sfx = "" if index == 1 else f"#{index}"
        host = cloud_path.host if cloud_path is not None else ""
        workers.append(Worker(f"cloud{index}", _cloud_work(state, cloud_path, cloud_probe, sfx), API, "api", sfx, host))
    unprobed = _unprobed(state, any(route.probes for route in routes))
    return unprobed + run_workers(state.ctx, workers, on_wait)


def _cloud_work(
    state: LocalState, route: Route | None, probe: CloudProbe, sfx: str
) -> Callable[[Progress, Callable[[], float]], None]:
    def work(progress: Progress, remaining: Callable[[], float]) -> None:
        name = f"cloud{route.index}" if route is not None else "cloud"
        if route is not None:
            outcome = walk_route(state.ctx, route, progress, name, remaining)
            if not outcome.usable:
                step = outcome.failed.title if outcome.failed is not None else Msg("the network path")
                progress.add(
                    name,
                    CheckResult(
                        f"cloud.{probe.cloud.provider}.probes{sfx}",
                        "skip",
                        Msg(
                            "{provider} requests for {clients} not sent: the path failed above",
                            provider=probe.cloud.name,
                            clients=probe.names,
                        ),
                        API,
                        Msg("not sent because of: {step}", step=step),
                    ),
                )
                return
        run_cloud_probe(state, probe, progress, name, remaining, sfx)

    return work


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
        if client.clouds and any(c.endpoint for c in client.clouds):
            continue  # probed on its cloud (api.clouds)
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
