"""Which proxy a request to the API goes through, the way httpx (Python programs, the SDK) and Claude Code decide.
Pure: an environment mapping in, answers out.

httpx (via urllib's getproxies): `<scheme>_proxy` variables in any case, the lower-case spelling winning (an empty
lower-case value removes the entry); `https_proxy` for https URLs, else `all_proxy`; NO_PROXY entries bypass by host
suffix, `*` bypasses all. Claude Code: the first set of https_proxy, HTTPS_PROXY, http_proxy, HTTP_PROXY; NO_PROXY;
no SOCKS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from claude_doctor.checks.resolve.lint import Lint
from claude_doctor.i18n import N_, Msg
from claude_doctor.secrets import mask

CLAUDE_CODE_ORDER = ("https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY")


@dataclass(frozen=True)
class ProxyChoice:
    url: str | None  # None: direct
    source: str  # the variable it came from, or why there is none
    bypassed_by: str | None = None  # the NO_PROXY entry that sends this host direct


def _urllib_proxies(env: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """scheme → (value, variable name), replicating urllib.request.getproxies_environment."""
    found: dict[str, tuple[str, str]] = {}
    for name, value in env.items():
        if value and name.lower().endswith("_proxy"):
            found[name.lower()[:-6]] = (value, name)
    if "REQUEST_METHOD" in env:
        found.pop("http", None)
    for name, value in env.items():
        if name.endswith("_proxy"):
            if value:
                found[name[:-6]] = (value, name)
            else:
                found.pop(name[:-6], None)
    return found


def bypass_entry(host: str, no_proxy: str) -> str | None:
    """The NO_PROXY entry that covers `host`, httpx's way (also close to curl's and Node's)."""
    host = host.lower().strip("[]")
    for raw in no_proxy.replace(" ", ",").split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return entry
        bare = entry.split("://", 1)[-1].split(":", 1)[0].strip("[]") if "://" in entry else entry.strip("[]")
        try:
            if "/" in bare and ipaddress.ip_address(host) in ipaddress.ip_network(bare, strict=False):
                return entry
        except ValueError:
            pass
        if (
            host == bare.lstrip(".")
            or host.endswith(bare if bare.startswith(".") else "." + bare)
            or (not bare.startswith(".") and host.endswith(bare))
        ):
            return entry
    return None


def httpx_proxy(url: str, env: Mapping[str, str]) -> ProxyChoice:
    parts = urlsplit(url)
    found = _urllib_proxies(env)
    no_proxy = found.get("no", ("", ""))[0]
    entry = bypass_entry(parts.hostname or "", no_proxy) if no_proxy else None
    if entry is not None:
        return ProxyChoice(None, "NO_PROXY", entry)
    for scheme in (parts.scheme, "all"):
        if scheme in found:
            value, name = found[scheme]
            return ProxyChoice(value if "://" in value else f"http://{value}", name)
    return ProxyChoice(None, N_("no proxy variable set"))


def claude_code_proxy(url: str, env: Mapping[str, str]) -> ProxyChoice:
    host = urlsplit(url).hostname or ""
    no_proxy = env.get("NO_PROXY") or env.get("no_proxy") or ""
    entry = bypass_entry(host, no_proxy) if no_proxy else None
    if entry is not None:
        return ProxyChoice(None, "NO_PROXY", entry)
    for name in CLAUDE_CODE_ORDER:
        if env.get(name):
            return ProxyChoice(env[name], name)
    return ProxyChoice(None, N_("no proxy variable set"))


def masked_proxy(url: str | None) -> str:
    """The proxy URL with any password masked."""
    if not url:
        return "direct"
    try:
        parts = urlsplit(url if "://" in url else f"http://{url}")
    except ValueError:
        return url
    if parts.password:
        netloc = f"{parts.username}:{mask(parts.password)}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return parts._replace(netloc=netloc).geturl()
    return url


def lint_proxies(api_url: str, env: Mapping[str, str]) -> list[Lint]:
    lints: list[Lint] = []
    for lower in ("https_proxy", "http_proxy", "all_proxy", "no_proxy"):
        upper = lower.upper()
        if env.get(lower) and env.get(upper) and env[lower] != env[upper]:
            lints.append(
                Lint(
                    "warn",
                    Msg(
                        "{lower} and {upper} disagree ({masked_proxy} vs {masked_proxy2}); tools pick different ones",
                        lower=lower,
                        upper=upper,
                        masked_proxy=masked_proxy(env[lower]),
                        masked_proxy2=masked_proxy(env[upper]),
                    ),
                    N_("set both to the same value, or unset one of them"),
                )
            )
    for name in sorted({n for n in env if n.lower() in {"https_proxy", "http_proxy", "all_proxy"} and env[n]}):
        value = env[name]
        if "://" not in value:
            lints.append(
                Lint(
                    "warn",
                    Msg(
                        "{name} has no scheme ({masked_proxy}); Claude Code refuses to start with it",
                        name=name,
                        masked_proxy=masked_proxy(value),
                    ),
                    Msg("write it as http://{value}", value=value),
                )
            )
            continue
        scheme = value.split("://", 1)[0].lower()
        if scheme.startswith("socks"):
            lints.append(
                Lint(
                    "fail" if name.lower() != "all_proxy" else "warn",
                    Msg(
                        "{name} is a SOCKS proxy: Claude Code does not support SOCKS, and "
                        "httpx needs the `httpx[socks]` extra",
                        name=name,
                    ),
                    N_("use an HTTP proxy, or install httpx[socks] for Python programs"),
                )
            )
        if urlsplit(value).password:
            lints.append(
                Lint(
                    "warn",
                    Msg(
                        "{name} carries a password ({masked_proxy}); it shows up in process listings",
                        name=name,
                        masked_proxy=masked_proxy(value),
                    ),
                )
            )
    host = urlsplit(api_url).hostname or ""
    no_proxy = env.get("NO_PROXY") or env.get("no_proxy") or ""
    entry = bypass_entry(host, no_proxy) if no_proxy else None
    proxied = any(env.get(n) for n in (*CLAUDE_CODE_ORDER, "ALL_PROXY", "all_proxy"))
    if entry is not None and proxied:
        lints.append(
            Lint(
                "warn",
                Msg(
                    "NO_PROXY entry {entry!r} sends {host} around the proxy: requests go direct", entry=entry, host=host
                ),
                N_("fine if this network allows direct access; otherwise remove the entry"),
            )
        )
    return lints
