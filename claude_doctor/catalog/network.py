"""Failures below HTTP: one entry for each kind in `model.NETWORK_KINDS`."""

from __future__ import annotations

from claude_doctor.catalog.entry import Entry
from claude_doctor.model import NETWORK_KINDS

_CA_FIX = (
    "Get the corporate proxy's root CA certificate (PEM) from your IT team; do not turn verification off "
    "(verify=False, NODE_TLS_REJECT_UNAUTHORIZED=0): that hands your key to anyone on the path.",
    "Python (SDK, httpx, requests; requests also reads REQUESTS_CA_BUNDLE), with a file that holds the corporate CA "
    "alone or with the public roots: `export SSL_CERT_FILE=/path/to/corp-ca.pem`.",
    "Claude Code and Node: `export NODE_EXTRA_CA_CERTS=/path/to/corp-ca.pem`.",
)
_PROXY_CHECK = "Run `claude-doctor check` to see which proxy each client uses and whether it answers."

NETWORK_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "net:dns_not_found",
        "Host name could not be resolved",
        "DNS gave no address for the API host: no network, a wrong host name in ANTHROPIC_BASE_URL, or a DNS "
        "server that cannot reach the internet.",
        "dns",
        True,
        (
            "Check the host name in ANTHROPIC_BASE_URL for typos.",
            "Check the network connection and DNS (`getent hosts api.anthropic.com`).",
            "Inside containers, check the container's DNS settings (/etc/resolv.conf).",
        ),
    ),
    Entry(
        "net:dns_blocked",
        "API host blocked by DNS or the hosts file",
        "The API host resolves to 0.0.0.0, a loopback or a private address: a hosts-file entry or a DNS filter is "
        "blocking it.",
        "dns",
        False,
        (
            "Look for api.anthropic.com in /etc/hosts (C:\\Windows\\System32\\drivers\\etc\\hosts on Windows).",
            "Ask your network team to allow api.anthropic.com in the DNS filter.",
        ),
    ),
    Entry(
        "net:connection_refused",
        "Connection refused",
        "Nothing accepted the connection at that address and port: a wrong base URL or port, a proxy or gateway "
        "that is not running, or a firewall that rejects the connection.",
        "connect",
        True,
        (
            "Check ANTHROPIC_BASE_URL and the proxy variables (HTTPS_PROXY); is the proxy or gateway running?",
            _PROXY_CHECK,
        ),
    ),
    Entry(
        "net:connection_reset",
        "Connection reset",
        "The connection was cut by the other side or by something in between (a proxy, firewall or VPN).",
        "connect",
        True,
        (
            "Retry; the SDKs retry connection errors automatically.",
            "If it keeps happening, check proxies, VPNs and firewalls that may cut long or idle connections.",
        ),
    ),
    Entry(
        "net:connection_failed",
        "Could not connect (cause not shown)",
        "The client could not reach the API and the message does not say why: the Python and TypeScript SDKs wrap "
        "the real cause (DNS, refused, TLS, proxy) in `APIConnectionError: Connection error.`, and only a full "
        "traceback shows it.",
        "connect",
        True,
        (
            "Look for the cause above it in the traceback (the exception before `During handling of the above "
            "exception`), or log `exc.__cause__`, and run `claude-doctor explain` on that.",
            "Run `claude-doctor check` to test DNS, TCP, TLS and the proxy from this machine.",
            "The SDKs retry it (2 retries by default); if every attempt fails, retrying will not fix it.",
        ),
    ),
    Entry(
        "net:connect_timeout",
        "Connection timed out",
        "No answer to the connection attempt in time: a firewall dropping packets, no route, or a dead proxy.",
        "connect",
        True,
        (
            "Check that outbound HTTPS (port 443) to the API host is allowed from this machine.",
            "If you must use a proxy, set HTTPS_PROXY; " + _PROXY_CHECK[4:],
        ),
    ),
    Entry(
        "net:host_unreachable",
        "Host unreachable",
        "There is no route to the API host from this machine.",
        "connect",
        True,
        ("Check the network connection, VPN and routes.", _PROXY_CHECK),
    ),
    Entry(
        "net:network_unreachable",
        "Network unreachable",
        "This machine has no route to that network (often IPv6 without connectivity, or no network at all).",
        "connect",
        True,
        ("Check the network connection; if IPv6 is broken, prefer IPv4 or fix the IPv6 route.",),
    ),
    Entry(
        "net:read_timeout",
        "Request timed out",
        "The connection was made but no answer came in time: a long generation, or a proxy holding responses.",
        "timeout",
        True,
        (
            "Stream long requests (`stream=True`) so data keeps flowing.",
            "Raise the client timeout (SDK `timeout=`, Claude Code API_TIMEOUT_MS).",
            "Check for a proxy or gateway that buffers or holds responses.",
        ),
    ),
    Entry(
        "net:tls_untrusted",
        "TLS certificate not trusted",
        "The server's certificate chain does not lead to a trusted root. Behind a company network this is almost "
        "always a TLS-inspecting proxy that re-signs traffic with its own CA.",
        "tls",
        False,
        _CA_FIX,
    ),
    Entry(
        "net:tls_self_signed",
        "Self-signed certificate in the chain",
        "The chain ends in a self-signed certificate this client does not trust, typically a corporate proxy's CA.",
        "tls",
        False,
        _CA_FIX,
    ),
    Entry(
        "net:tls_hostname_mismatch",
        "TLS certificate is for another host name",
        "The certificate presented does not cover the host name you connected to: a wrong base URL, or a proxy or "
        "captive portal answering in its place.",
        "tls",
        False,
        (
            "Check the host in ANTHROPIC_BASE_URL.",
            "If a proxy intercepts TLS, its certificate must name the host; ask your IT team.",
        ),
    ),
    Entry(
        "net:tls_expired",
        "TLS certificate expired",
        "The server's certificate (or one in its chain) has expired, or this machine's clock is wrong.",
        "tls",
        False,
        (
            "Check the system clock (`date`); a wrong clock makes valid certificates look expired.",
            "If a proxy inspects TLS, its certificate may have expired: tell your IT team.",
        ),
    ),
    Entry(
        "net:tls_handshake",
        "TLS handshake failed",
        "The TLS connection could not be set up: wrong port or protocol (plain HTTP on an HTTPS port, or the other "
        "way round), or a middlebox breaking the handshake.",
        "tls",
        False,
        (
            "Check the scheme and port in ANTHROPIC_BASE_URL (https:// for the API).",
            "An http:// proxy URL is normal; the proxy tunnels TLS with CONNECT.",
        ),
    ),
    Entry(
        "net:proxy_connect_failed",
        "Proxy not reachable",
        "The configured proxy did not accept the connection.",
        "proxy",
        False,  # the proxy setting names a proxy that is not running or not there: fixing it helps, waiting does not
        ("Check HTTPS_PROXY / https_proxy: host, port, and that the proxy is running.", _PROXY_CHECK),
    ),
    Entry(
        "net:proxy_auth_required",
        "Proxy needs authentication (407)",
        "The proxy asked for credentials and none, or wrong ones, were given.",
        "proxy",
        False,
        (
            "Put the credentials in the proxy URL: HTTPS_PROXY=http://user:password@proxy:port (URL-encode special "
            "characters).",
            "Claude Code uses the same variables; NTLM/Kerberos proxies may need a local helper proxy.",
        ),
    ),
    Entry(
        "net:proxy_tunnel_failed",
        "Proxy refused to tunnel to the API",
        "The proxy answered the CONNECT request with an error: the API host is blocked, or the proxy cannot reach it.",
        "proxy",
        False,
        (
            "Ask your network team to allow api.anthropic.com (and claude.ai, platform.claude.com for Claude Code).",
            _PROXY_CHECK,
        ),
    ),
    Entry(
        "net:proxy_unsupported",
        "Proxy URL not usable",
        "The proxy URL has no scheme or a scheme the client cannot use (SOCKS without the socksio extra for httpx; "
        "Claude Code does not support SOCKS).",
        "proxy",
        False,
        (
            "Write the proxy URL with its scheme: http://proxy.example:3128.",
            "For SOCKS with Python: pip install 'httpx[socks]'; for Claude Code, use an HTTP proxy.",
        ),
    ),
    Entry(
        "net:stream_interrupted",
        "Connection dropped mid-response",
        "The connection closed before the whole response arrived.",
        "stream_interrupted",
        True,
        (
            "Send the request again; the partial output may be incomplete.",
            "If it happens often, check proxies and idle timeouts on the path.",
        ),
    ),
)

assert {e.name for e in NETWORK_ENTRIES} == set(NETWORK_KINDS), "every network kind needs exactly one entry"
