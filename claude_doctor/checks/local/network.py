"""The part of the Network section that needs no network: which proxy and which trust store each client in use would
take, and what is wrong with the proxy variables (SOCKS, no scheme, disagreeing spellings, a NO_PROXY bypass). Runs
in `check --offline` too."""

from __future__ import annotations

from urllib.parse import urlsplit

from claude_doctor.checks.resolve.lint import Lint, worst
from claude_doctor.checks.resolve.proxy import lint_proxies, masked_proxy
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import Msg
from claude_doctor.model import CheckResult

SECTION = "Network"


def check_proxy(state: LocalState) -> list[CheckResult]:
    clients = [c for c in state.in_use() if c.provider == "anthropic"]
    if not clients:
        return []
    lints: list[Lint] = []
    seen: set[str] = set()
    lines = []
    for client in clients:
        url = client.endpoint.strip()
        lines.append(
            Msg(
                "{client}: {proxy} ({source})",
                client=client.name,
                proxy=masked_proxy(client.proxy.url) if client.proxy.url else Msg("direct"),
                source=client.proxy.source,
            )
        )
        for lint in lint_proxies(url, client.env):
            if lint.message not in seen:
                seen.add(lint.message)
                lints.append(lint)
        for note in client.notes:
            if "proxy" in note.lower() and note not in seen:
                seen.add(note)
                lints.append(Lint("warn", note))
    proxied = any(c.proxy.url for c in clients)
    if not proxied and not lints and not any(c.proxy.bypassed_by for c in clients):
        return []
    first = clients[0]
    host = urlsplit(first.endpoint.strip()).hostname or first.endpoint
    title = Msg("Proxy for {host}: {proxy}", host=host, proxy=masked_proxy(first.proxy.url))
    return [
        CheckResult(
            "network.proxy",
            worst(lints),
            title,
            SECTION,
            Msg.joined("\n", [*lines, *(Msg.joined(": ", [lint.severity, lint.message]) for lint in lints)]),
            tuple(lint.fix for lint in lints if lint.fix),
            {c.client: masked_proxy(c.proxy.url) for c in clients},
        )
    ]
