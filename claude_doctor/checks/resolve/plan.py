"""What the remote half of `check` will do: the network routes to walk and the probes to send, from the clients in
use. Pure: ClientSetups in, Routes out.

A route is one path to one endpoint host (scheme, host, port, proxy): walked once, its TLS verified once per distinct
trust store among the clients that use it. A probe is one distinct (endpoint, credential, proxy): sent once, with the
headers of the first client that uses it; every client is listed with the probe that speaks for it. A credential is
only ever part of its own client's probe, so it only goes to the endpoint that client would call.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from claude_doctor.checks.resolve.clients import ClientSetup, Wire
from claude_doctor.checks.resolve.trust import TrustStore


@dataclass(frozen=True)
class Probe:
    endpoint: str
    wire: Wire
    clients: tuple[ClientSetup, ...]  # the first one's headers are sent
    proxy: str | None

    @property
    def lead(self) -> ClientSetup:
        return self.clients[0]

    @property
    def names(self) -> str:
        return ", ".join(c.name for c in self.clients)

    @property
    def max_retries(self) -> int:
        """As many retries as the most patient client of the probe makes; the run's deadline bounds them all."""
        return max(c.max_retries for c in self.clients)


@dataclass(frozen=True)
class Route:
    index: int  # 1 for the first route: ids of later routes carry `#<index>`
    url: str  # the endpoint of the first client on it, for display and for the path walk
    scheme: str
    host: str
    port: int
    proxy: str | None
    proxy_source: str
    clients: tuple[ClientSetup, ...]
    probes: tuple[Probe, ...]

    @property
    def stores(self) -> list[tuple[TrustStore, list[ClientSetup]]]:
        """Each distinct trust store of the route's clients, with the clients that use it, first seen first."""
        out: list[tuple[TrustStore, list[ClientSetup]]] = []
        for client in self.clients:
            for store, users in out:
                if store.key == client.trust.key:
                    users.append(client)
                    break
            else:
                out.append((client.trust, [client]))
        return out

    def suffix(self) -> str:
        return "" if self.index == 1 else f"#{self.index}"


def _usable_proxy(url: str | None) -> str | None:
    """A proxy httpx and the CONNECT probe can use: http(s); SOCKS and scheme-less values are the lints' business."""
    if url is None or not url.lower().startswith(("http://", "https://")):
        return None
    return url


def plan_routes(clients: tuple[ClientSetup, ...]) -> tuple[Route, ...]:
    """The routes and probes for the clients in use that talk to Anthropic's API (or a relay in front of it)."""
    routes: dict[tuple[str, str, int, str | None], list[ClientSetup]] = {}
    for client in clients:
        if not client.in_use or client.provider != "anthropic":
            continue
        parts = urlsplit(client.endpoint.strip())
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            continue
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        key = (parts.scheme, parts.hostname, port, _usable_proxy(client.proxy.url))
        routes.setdefault(key, []).append(client)
    out: list[Route] = []
    for index, ((scheme, host, port, proxy), members) in enumerate(routes.items(), start=1):
        probes: dict[tuple[str, tuple[str, ...]], list[ClientSetup]] = {}
        wires: dict[tuple[str, tuple[str, ...]], Wire] = {}
        for client in members:
            if client.wire is None:
                continue
            secrets = tuple(sorted(v.removeprefix("Bearer ") for n, v in client.wire.headers if n != "anthropic-beta"))
            probe_key = (client.endpoint.strip().rstrip("/"), secrets)
            probes.setdefault(probe_key, []).append(client)
            wires.setdefault(probe_key, client.wire)
        first = members[0]
        out.append(
            Route(
                index,
                first.endpoint.strip(),
                scheme,
                host,
                port,
                proxy,
                first.proxy.source,
                tuple(members),
                tuple(Probe(pk[0], wires[pk], tuple(users), proxy) for pk, users in probes.items()),
            )
        )
    return tuple(out)


def cloud_route(index: int, url: str, clients: tuple[ClientSetup, ...]) -> Route | None:
    """The route to a cloud endpoint (a Bedrock or Vertex AI host, or a stand-in for one), walked like the API's."""
    parts = urlsplit(url.strip())
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    lead = clients[0]
    proxy = _usable_proxy(lead.proxy.url)
    return Route(index, url.strip(), parts.scheme, parts.hostname, port, proxy, lead.proxy.source, clients, ())
