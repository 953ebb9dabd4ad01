"""The fixed vocabularies: root-cause categories and the failures below HTTP."""

from __future__ import annotations

from typing import Final, Literal, get_args

# Root causes in the user's terms (DESIGN.md, "Categories"). One of these is in every Diagnosis.
Category = Literal[
    "overloaded",
    "rate_limited",
    "billing",
    "server_error",
    "timeout",
    "invalid_key",
    "wrong_credential",
    "oauth_token",
    "permission",
    "not_found",
    "context_too_long",
    "invalid_request",
    "request_too_large",
    "dns",
    "connect",
    "tls",
    "proxy",
    "stream_interrupted",
    "unknown",
]
CATEGORIES: Final[tuple[Category, ...]] = get_args(Category)

# The fixed vocabulary for failures below HTTP. `decode` finds them in pasted text, the network checks produce
# them from live exceptions, and `catalog.diagnose(network=...)` turns each into a Diagnosis. Kind → category.
NETWORK_KINDS: Final[dict[str, Category]] = {
    "dns_not_found": "dns",  # ENOTFOUND, getaddrinfo failed, NameResolutionError, EAI_AGAIN
    "dns_blocked": "dns",  # the API host resolves to 0.0.0.0, loopback or a private address (hosts file, DNS filter)
    "connection_refused": "connect",  # ECONNREFUSED, [Errno 111]
    "connection_reset": "connect",  # ECONNRESET, [Errno 104], RemoteProtocolError before a response
    "connect_timeout": "connect",  # ETIMEDOUT while connecting, httpx.ConnectTimeout
    "host_unreachable": "connect",  # EHOSTUNREACH, [Errno 113]
    "network_unreachable": "connect",  # ENETUNREACH, [Errno 101]
    "connection_failed": "connect",  # the SDK's bare "APIConnectionError: Connection error.", the cause not shown
    "read_timeout": "timeout",  # no answer in time after connecting: "Request timed out", ReadTimeout
    "tls_untrusted": "tls",  # CERTIFICATE_VERIFY_FAILED, unable to get local issuer certificate
    "tls_self_signed": "tls",  # self-signed certificate (in certificate chain)
    "tls_hostname_mismatch": "tls",  # hostname mismatch, altnames, ERR_TLS_CERT_ALTNAME_INVALID
    "tls_expired": "tls",  # certificate has expired, CERT_HAS_EXPIRED
    "tls_handshake": "tls",  # any other TLS failure: wrong version number, handshake failure
    "proxy_connect_failed": "proxy",  # the proxy itself cannot be reached
    "proxy_auth_required": "proxy",  # 407 Proxy Authentication Required
    "proxy_tunnel_failed": "proxy",  # CONNECT refused or failed: ERR_PROXY_TUNNEL, 403/502 from the proxy
    "proxy_unsupported": "proxy",  # socks:// without support, unsupported proxy scheme, a proxy URL without scheme
    "stream_interrupted": "stream_interrupted",  # connection dropped mid-body, incomplete chunked read
}
