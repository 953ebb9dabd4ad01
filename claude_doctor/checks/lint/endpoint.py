"""What can be wrong with `ANTHROPIC_BASE_URL`, and whose host it is."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from claude_doctor.checks.lint import Lint

HostKind = Literal["anthropic", "loopback", "bedrock", "vertex", "foundry", "relay", "invalid"]
DEFAULT_BASE_URL = "https://api.anthropic.com"


@dataclass(frozen=True)
class Endpoint:
    url: str
    host: str
    kind: HostKind
    lints: tuple[Lint, ...]


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


_CLOUD_FIX = {
    "bedrock": "for Bedrock use CLAUDE_CODE_USE_BEDROCK=1 (Claude Code) or the AnthropicBedrock client (SDK)",
    "vertex": "for Vertex AI use CLAUDE_CODE_USE_VERTEX=1 (Claude Code) or the AnthropicVertex client (SDK)",
    "foundry": "for Microsoft Foundry use CLAUDE_CODE_USE_FOUNDRY=1 (Claude Code) or the Foundry client (SDK)",
}


def lint_base_url(raw: str) -> Endpoint:
    lints: list[Lint] = []
    url = raw
    if raw != raw.strip():
        lints.append(Lint("fail", "has leading or trailing whitespace", "remove it: clients do not strip it"))
        url = raw.strip()
    if not url:
        return Endpoint(raw, "", "invalid", (Lint("fail", "is set but empty", "unset ANTHROPIC_BASE_URL"),))
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        return Endpoint(raw, "", "invalid", (*lints, Lint("fail", f"cannot be parsed: {exc}", "write https://HOST")))
    if parts.scheme not in {"http", "https"} or not host:
        fix = f"write it with a scheme: https://{url}" if "://" not in url else "use an https:// URL"
        return Endpoint(raw, host, "invalid", (*lints, Lint("fail", "is not an http(s) URL with a host", fix)))
    kind = host_kind(host)
    if parts.scheme == "http" and kind != "loopback":
        lints.append(
            Lint(
                "fail",
                f"uses http:// to {host}: the key travels in clear text",
                f"use https://{host}{'' if port is None else f':{port}'}{parts.path}",
            )
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        lints.append(
            Lint(
                "fail",
                "ends in /v1: clients append /v1/messages, so requests go to /v1/v1/messages and get 404",
                f"drop the /v1: {parts.scheme}://{parts.netloc}{path[:-3]}",
            )
        )
    if parts.query or parts.fragment:
        lints.append(Lint("warn", "has a query string or fragment, which clients may drop or mangle"))
    if parts.username or parts.password:
        lints.append(Lint("warn", "carries a user name or password in the URL; it will show up in logs"))
    if kind in _CLOUD_FIX:
        lints.append(
            Lint("warn", f"points at a cloud provider ({host}); it does not accept Anthropic keys", _CLOUD_FIX[kind])
        )
    elif kind == "relay":
        lints.append(
            Lint(
                "warn",
                f"is not Anthropic's host: your key is handed to {host}",
                "make sure you trust this gateway; unset ANTHROPIC_BASE_URL to talk to the API directly",
            )
        )
    return Endpoint(url, host, kind, tuple(lints))
