"""The Network section of `check`: the path a client's request takes to its endpoint, one step at a time (the proxy
and its CONNECT tunnel, or DNS and TCP; then TLS, once per trust store of the clients on the route), each step bounded
by its own timeout and the run's deadline. The walk ends at the first step that fails, and says what it cost: the
API requests of that route are then skipped with that step as their reason.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from claude_doctor.catalog import diagnose
from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.network import probe
from claude_doctor.checks.network.deadline import Progress
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.fixes import host_fixes
from claude_doctor.checks.resolve.plan import Route
from claude_doctor.checks.resolve.proxy import masked_proxy
from claude_doctor.checks.resolve.trust import TrustStore
from claude_doctor.hosts import host_kind
from claude_doctor.i18n import N_, Msg
from claude_doctor.model import CheckResult, Diagnosis

NET = "Network"
STEP_TIMEOUT = 5.0
MARGIN = 0.3  # a step ends this long before the run's deadline, so that its own failure is what gets reported


def step_timeout(remaining: Callable[[], float], longest: float = STEP_TIMEOUT) -> float:
    return max(0.05, min(longest, remaining() - MARGIN))


@dataclass
class RouteOutcome:
    """What the walk established, for the API requests that follow it on the same route."""

    usable: bool = False  # every step up to TLS passed for at least one trust store
    address: str | None = None  # the address the TCP connection was made to (direct routes)
    addresses: list[str] = field(default_factory=list)  # everything the name resolved to (direct routes)
    tls: CheckResult | None = None  # the TLS line, when a trust store refused the certificate
    failed: CheckResult | None = None  # the step that stopped the walk
    diagnosis: Diagnosis | None = None
    rejected: set[tuple[object, ...]] = field(default_factory=set)  # keys of trust stores that refused the certificate


def _diag(d: Diagnosis | None) -> dict[str, Any]:
    return {"diagnosis": d.to_json()} if d is not None else {}


def _net_diagnosis(kind: str | None, detail: str) -> Diagnosis | None:
    return diagnose(network=kind, message=detail, source_shape="check") if kind else None


def _fail_step(
    check_id: str,
    title: str,
    step: probe.Step,
    host: str,
    extra_fix: tuple[str, ...] = (),
    data: dict[str, Any] | None = None,
) -> tuple[CheckResult, Diagnosis | None]:
    d = _net_diagnosis(step.kind, step.detail)
    general = host_fixes(d.fix if d else (), host)
    if extra_fix:  # a fix naming the real place of the setting replaces the catalog's general one about it
        general = tuple(f for f in general if "ANTHROPIC_BASE_URL for typos" not in f)
    fix = extra_fix + general
    result = CheckResult(
        check_id, "fail", title, NET, step.detail, fix, {**step.data, **(data or {}), **_diag(d)}, step.ms
    )
    return result, d


def walk_route(
    ctx: CheckContext, route: Route, progress: Progress, worker: str, remaining: Callable[[], float]
) -> RouteOutcome:
    sfx = route.suffix()
    host, port = route.host, route.port
    who = {"clients": [c.name for c in route.clients]}
    outcome = RouteOutcome()

    def fail(result: CheckResult, d: Diagnosis | None) -> RouteOutcome:
        progress.add(worker, result)
        outcome.failed, outcome.diagnosis = result, d
        return outcome

    sock: socket.socket | None
    if route.proxy is not None:
        shown = masked_proxy(route.proxy)
        progress.now(worker, Msg("CONNECT {host}:{port} through the proxy", host=host, port=port))
        step, sock = probe.proxy_connect(route.proxy, host, port, step_timeout(remaining))
        if sock is None:
            return fail(
                *_fail_step(
                    f"network.proxy_tunnel{sfx}", Msg("Proxy: {detail}", detail=step.detail), step, host, data=who
                )
            )
        progress.add(
            worker,
            CheckResult(
                f"network.proxy_tunnel{sfx}",
                "ok",
                Msg(
                    "Proxy tunnel to {host}:{port} ({proxy}, {source})",
                    host=host,
                    port=port,
                    proxy=shown,
                    source=route.proxy_source,
                ),
                NET,
                step.detail,
                data={**step.data, **who},
                duration_ms=step.ms,
            ),
        )
    else:
        progress.now(worker, Msg("resolving {host}", host=host), kind="dns_not_found")
        step, addresses = probe.resolve(host, port, step_timeout(remaining), ctx.resolver)
        if not step.ok:
            title = Msg("DNS: {host} does not resolve", host=host)
            if step.detail.startswith(N_("no answer")):
                title = Msg("DNS: no answer for {host} from the resolver", host=host)
            fixes = (
                (Msg("check the host name in {source} for typos", source=route.clients[0].endpoint_source),)
                if host_kind(host) != "anthropic"
                else ()
            )
            return fail(*_fail_step(f"network.dns{sfx}", title, step, host, fixes, who))
        blocked = probe.blocked_addresses(addresses) if host_kind(host) == "anthropic" else []
        if blocked:
            kind_step = probe.Step(
                False,
                step.ms,
                Msg("{host} resolves to {addresses}", host=host, addresses=", ".join(blocked)),
                "dns_blocked",
                step.data,
            )
            return fail(
                *_fail_step(
                    f"network.dns{sfx}",
                    Msg("DNS: {host} resolves to a blocked address ({address})", host=host, address=blocked[0]),
                    kind_step,
                    host,
                    (
                        Msg(
                            "look for {host} in /etc/hosts (C:\\Windows\\System32\\drivers\\etc\\hosts) and remove it",
                            host=host,
                        ),
                        Msg("or ask whoever runs this network's DNS filter to allow {host}", host=host),
                    ),
                    who,
                )
            )
        progress.add(
            worker,
            CheckResult(
                f"network.dns{sfx}",
                "ok",
                Msg("DNS: {detail}", detail=step.detail),
                NET,
                data={**step.data, **who},
                duration_ms=step.ms,
            ),
        )
        progress.now(worker, Msg("connecting to {host}:{port}", host=host, port=port), kind="connect_timeout")
        step, sock = probe.connect(host, port, step_timeout(remaining), addresses)
        if sock is None:
            return fail(
                *_fail_step(
                    f"network.tcp{sfx}",
                    Msg("TCP: cannot connect to {host}:{port}", host=host, port=port),
                    step,
                    host,
                    data=who,
                )
            )
        outcome.address = str(step.data.get("peer") or addresses[0])
        outcome.addresses = addresses
        progress.add(
            worker,
            CheckResult(
                f"network.tcp{sfx}",
                "ok",
                Msg("TCP: connected to {host}:{port} at {address}", host=host, port=port, address=outcome.address),
                NET,
                data={**step.data, **who},
                duration_ms=step.ms,
            ),
        )
    if route.scheme != "https":
        sock.close()
        outcome.usable = True
        return outcome
    return _tls(route, sock, outcome, progress, worker, remaining, who)


def _tls(
    route: Route,
    sock: socket.socket,
    outcome: RouteOutcome,
    progress: Progress,
    worker: str,
    remaining: Callable[[], float],
    who: dict[str, Any],
) -> RouteOutcome:
    """One handshake per distinct trust store: the first over the socket already open, the others over new ones."""
    host, port, sfx = route.host, route.port, route.suffix()
    verdicts: list[tuple[TrustStore, list[ClientSetup], probe.Step]] = []
    for index, (store, users) in enumerate(route.stores):
        progress.now(worker, Msg("TLS handshake with {host}", host=host))
        if index > 0:
            step, sock_or_none = _reconnect(route, outcome.address, remaining)
            if sock_or_none is None:
                verdicts.append((store, users, step))
                continue
            sock = sock_or_none
        try:
            context = probe.trust_context(store)
        except (OSError, ValueError) as exc:
            sock.close()
            step = probe.Step(False, 0.0, Msg("the CA file cannot be loaded: {why}", why=str(exc)), "tls_untrusted")
            verdicts.append((store, users, step))
            continue
        verdicts.append((store, users, probe.tls_handshake(sock, host, None, step_timeout(remaining), context)))
    accepted = [(s, u, st) for s, u, st in verdicts if st.ok]
    rejected = [(s, u, st) for s, u, st in verdicts if not st.ok]
    outcome.rejected = {s.key for s, _u, _st in rejected}
    lines = [
        Msg(
            "{clients}: {verdict} ({store})",
            clients=_names(u),
            verdict=Msg("accepts it") if st.ok else st.detail,
            store=s.label,
        )
        for s, u, st in verdicts
    ]
    data = {**who, "stores": [{"store": s.label, "clients": [c.name for c in u], "ok": st.ok} for s, u, st in verdicts]}
    if not rejected:
        step = verdicts[0][2]
        outcome.usable = True
        progress.add(
            worker,
            CheckResult(
                f"network.tls{sfx}",
                "ok",
                Msg("TLS: {detail}", detail=step.detail),
                NET,
                Msg.joined("\n", lines),
                data={**step.data, **data},
                duration_ms=step.ms,
            ),
        )
        return outcome
    outcome.usable = bool(accepted)
    first = rejected[0][2]
    cert = probe.peek_certificate(host, port, min(2.0, remaining()), _proxy_address(route.proxy))
    issuer = cert.get("issuer_org") or cert.get("issuer") or Msg("an unknown issuer")
    if cert:
        lines.append(
            Msg(
                "the certificate presented is for {subject}, issued by {issuer}",
                subject=cert.get("subject", "?"),
                issuer=issuer,
            )
        )
    fix: list[str] = []
    if first.kind in {"tls_untrusted", "tls_self_signed"}:
        lines.append(
            Msg(
                "likely cause: something between you and {host} re-signs TLS (a corporate proxy or antivirus doing TLS "
                "inspection, issuer: {issuer})",
                host=host,
                issuer=issuer,
            )
        )
        fix.append(Msg("get the inspecting proxy's root certificate (PEM) from your IT team"))
        for _store, users, _step in rejected:
            for client in users:
                fix.append(_trust_fix(client))
    elif first.kind == "tls_hostname_mismatch":
        fix.append(
            Msg(
                "the server's certificate does not name {host}: check {source} and any proxy in between",
                host=host,
                source=route.clients[0].endpoint_source,
            )
        )
    elif first.kind == "tls_expired":
        fix.append(Msg("the certificate has expired: check this machine's clock, then whoever runs that server"))
    d = _net_diagnosis(first.kind, first.detail)
    title = Msg("TLS: certificate of {host} not trusted ({kind})", host=host, kind=first.kind)
    if accepted:
        title = Msg(
            "TLS: {rejecting} would fail, {accepting} would not: certificate of {host} not trusted ({kind})",
            rejecting=_names([c for _s, u, _st in rejected for c in u]),
            accepting=_names([c for _s, u, _st in accepted for c in u]),
            host=host,
            kind=first.kind,
        )
    result = CheckResult(
        f"network.tls{sfx}",
        "fail",
        title,
        NET,
        Msg.joined("\n", lines),
        tuple(dict.fromkeys(fix)) + host_fixes(d.fix if d else (), host),
        {**first.data, **data, "presented": cert, **_diag(d)},
        first.ms,
    )
    progress.add(worker, result)
    outcome.tls = result
    if not accepted:
        outcome.failed, outcome.diagnosis = result, d
    return outcome


def _names(clients: list[ClientSetup]) -> str:
    return ", ".join(dict.fromkeys(c.name for c in clients))


def _trust_fix(client: ClientSetup) -> str:
    if client.client == "python":
        return Msg(
            "{client}: export SSL_CERT_FILE=/path/to/corporate-root.pem (the SDK reads it; not REQUESTS_CA_BUNDLE)",
            client=client.name,
        )
    if client.client == "claude_code":
        return Msg(
            "{client}: export NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem (or put it in the env block of "
            "~/.claude/settings.json)",
            client=client.name,
        )
    return Msg(
        "{client}: export NODE_EXTRA_CA_CERTS=/path/to/corporate-root.pem before starting node", client=client.name
    )


def _proxy_address(proxy: str | None) -> tuple[str, int] | None:
    if proxy is None:
        return None
    parts = urlsplit(proxy)
    return parts.hostname or "", parts.port or 80


def _reconnect(
    route: Route, address: str | None, remaining: Callable[[], float]
) -> tuple[probe.Step, socket.socket | None]:
    timeout = step_timeout(remaining)
    if route.proxy is not None:
        return probe.proxy_connect(route.proxy, route.host, route.port, timeout)
    return probe.connect(route.host, route.port, timeout, [address] if address else None)
