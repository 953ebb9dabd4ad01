"""Which endpoint a client would call, and what can be wrong with it. Pure: values in, findings out.

Today the Python SDK's resolution (`sdk_base_url`) and the lint of any base URL (`lint_base_url`); whose host a name
is lives in `claude_doctor.hosts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from claude_doctor.checks.inventory import Inventory
from claude_doctor.checks.resolve.credential import Choice
from claude_doctor.checks.resolve.lint import Lint
from claude_doctor.hosts import HostKind, host_kind
from claude_doctor.i18n import N_, Msg

DEFAULT_BASE_URL = "https://api.anthropic.com"


@dataclass(frozen=True)
class Endpoint:
    url: str
    host: str
    kind: HostKind
    lints: tuple[Lint, ...]


_CLOUD_FIX = {
    "bedrock": N_("for Bedrock use CLAUDE_CODE_USE_BEDROCK=1 (Claude Code) or the AnthropicBedrock client (SDK)"),
    "vertex": N_("for Vertex AI use CLAUDE_CODE_USE_VERTEX=1 (Claude Code) or the AnthropicVertex client (SDK)"),
    "foundry": N_("for Microsoft Foundry use CLAUDE_CODE_USE_FOUNDRY=1 (Claude Code) or the Foundry client (SDK)"),
}


def lint_base_url(raw: str) -> Endpoint:
    lints: list[Lint] = []
    url = raw
    if raw != raw.strip():
        lints.append(Lint("fail", N_("has leading or trailing whitespace"), N_("remove it: clients do not strip it")))
        url = raw.strip()
    if not url:
        return Endpoint(raw, "", "invalid", (Lint("fail", N_("is set but empty"), "unset ANTHROPIC_BASE_URL"),))
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port  # raises ValueError on a bad port
    except ValueError as exc:
        return Endpoint(
            raw,
            "",
            "invalid",
            (*lints, Lint("fail", Msg("cannot be parsed: {exc}", exc=exc), N_("write https://HOST"))),
        )
    if parts.scheme not in {"http", "https"} or not host:
        fix = Msg("write it with a scheme: https://{url}", url=url) if "://" not in url else N_("use an https:// URL")
        return Endpoint(raw, host, "invalid", (*lints, Lint("fail", N_("is not an http(s) URL with a host"), fix)))
    kind = host_kind(host)
    if parts.scheme == "http" and kind != "loopback":
        lints.append(
            Lint(
                "fail",
                Msg("uses http:// to {host}: the key travels in clear text", host=host),
                Msg(
                    "use https://{host}{value}{path}",
                    host=host,
                    value="" if port is None else f":{port}",
                    path=parts.path,
                ),
            )
        )
    path = parts.path.rstrip("/")
    if path.endswith("/v1"):
        lints.append(
            Lint(
                "fail",
                N_("ends in /v1: clients append /v1/messages, so requests go to /v1/v1/messages and get 404"),
                Msg(
                    "drop the /v1: {scheme}://{netloc}{path}", scheme=parts.scheme, netloc=parts.netloc, path=path[:-3]
                ),
            )
        )
    if parts.query or parts.fragment:
        lints.append(Lint("warn", N_("has a query string or fragment, which clients may drop or mangle")))
    if parts.username or parts.password:
        lints.append(Lint("warn", N_("carries a user name or password in the URL; it will show up in logs")))
    if kind in _CLOUD_FIX:
        lints.append(
            Lint(
                "warn",
                Msg("points at a cloud provider ({host}); it does not accept Anthropic keys", host=host),
                _CLOUD_FIX[kind],
            )
        )
    elif kind == "relay":
        lints.append(
            Lint(
                "warn",
                Msg("is not Anthropic's host: your key is handed to {host}", host=host),
                N_("make sure you trust this gateway; unset ANTHROPIC_BASE_URL to talk to the API directly"),
            )
        )
    return Endpoint(url, host, kind, tuple(lints))


def sdk_base_url(inv: Inventory, sdk: Choice) -> tuple[str, str]:
    """(url, where it came from) as the Python SDK resolves it: ANTHROPIC_BASE_URL, the profile's, the default."""
    setting = inv.process_env("ANTHROPIC_BASE_URL")
    if setting is not None and setting.value:
        return setting.value, N_("ANTHROPIC_BASE_URL (environment)")
    profile = inv.sdk_profile
    from_profile = sdk.chosen is not None and sdk.chosen.mechanism in {"profile", "active_profile"}
    if profile is not None and profile.base_url and from_profile:
        return profile.base_url, Msg("SDK profile '{name}'", name=profile.name)
    return DEFAULT_BASE_URL, N_("default")
