"""The socket probes' pure parts."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("addresses", "blocked"),
    [
        (["160.79.104.10", "2607:6bc0::10"], []),
        (["0.0.0.0"], ["0.0.0.0"]),
        (["127.0.0.1", "::1"], ["127.0.0.1", "::1"]),
        (["10.1.2.3", "192.168.1.1", "172.16.0.1"], ["10.1.2.3", "192.168.1.1", "172.16.0.1"]),
        (["169.254.1.1"], ["169.254.1.1"]),
    ],
)
def test_blocked_addresses(addresses: list[str], blocked: list[str]) -> None:
    from claude_doctor.checks.network.probe import blocked_addresses

    assert blocked_addresses(addresses) == blocked
