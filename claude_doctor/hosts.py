"""Whose host a name is: Anthropic's, this machine's (loopback), a cloud provider's, or a relay's. Pure: names only,
nothing is resolved.

Shared by the checks (where a key may go, which lints apply) and the mock (whether other machines can reach it).
"""

from __future__ import annotations

import ipaddress
from typing import Literal

HostKind = Literal["anthropic", "loopback", "bedrock", "vertex", "foundry", "relay", "invalid"]


def is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_kind(host: str) -> HostKind:
    host = host.lower().rstrip(".")
    if host == "anthropic.com" or host.endswith(".anthropic.com"):
        return "anthropic"
    if is_loopback(host):
        return "loopback"
    if host.endswith(".amazonaws.com") and "bedrock" in host:
        return "bedrock"
    if host.endswith(("aiplatform.googleapis.com", ".googleapis.com")):
        return "vertex"
    if host.endswith((".services.ai.azure.com", ".azure.com", ".azure-api.net")):
        return "foundry"
    return "relay"
