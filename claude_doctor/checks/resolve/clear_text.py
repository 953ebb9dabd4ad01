"""Whether a credential may travel over a path in clear text. Pure: addresses in, a refusal (or None) out.

A credential travels in clear only when the whole path is on this machine: over `http://` the request, headers and
all, is readable at every hop, so the target and any proxy must both be loopback *addresses* — names are resolved
first (a `*.localhost` name can resolve anywhere), and the connection is then made to the address that was judged.
Over `https://` TLS runs end to end (a proxy only sees `CONNECT host:port`), so any path may carry it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from claude_doctor.i18n import Msg


def loopback_address(address: str) -> bool:
    """127.0.0.0/8, ::1, or an IPv4-mapped loopback; a name is never loopback by its spelling."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0].strip("[]"))
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def clear_text_refusal(
    url: str, target_addresses: list[str], proxy: str | None = None, proxy_addresses: list[str] | None = None
) -> str | None:
    """Why no credential may be sent to `url` over this path, or None when it may. `target_addresses` are what the
    target's name resolved to (unused for https); `proxy_addresses` what the proxy's did."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return None
    host = parts.hostname or ""
    if not target_addresses:
        return Msg("{host} was not resolved, so it cannot be shown to be this machine", host=host)
    outside = [a for a in target_addresses if not loopback_address(a)]
    if outside:
        return Msg(
            "{url} is plain http to {host}, which resolves to {address}, not to this machine: the key would cross "
            "the network in clear text",
            url=url,
            host=host,
            address=outside[0],
        )
    if proxy is not None:
        proxy_host = urlsplit(proxy if "://" in proxy else f"http://{proxy}").hostname or ""
        away = [a for a in (proxy_addresses or []) if not loopback_address(a)]
        if not proxy_addresses or away:
            return Msg(
                "the request to {url} is plain http and would pass through the proxy {proxy} ({address}), which is "
                "not this machine: the proxy would read the key",
                url=url,
                proxy=proxy_host,
                address=away[0] if away else Msg("not resolved"),
            )
    return None
