"""Failures below HTTP, named the way Python, Node, curl and Claude Code print them, mapped to NETWORK_KINDS."""

from __future__ import annotations

import re

# Most specific first: in a traceback the root cause (a TLS verification failure) must beat the generic wrapper
# (`APIConnectionError: Connection error.`), and a wrapper's label (litellm's `InternalServerError`) never counts.
_RULES: tuple[tuple[str, str], ...] = (
    (
        "tls_hostname_mismatch",
        r"hostname mismatch|doesn't match|does not match (?:the )?(?:target )?host|altnames|"
        r"ERR_TLS_CERT_ALTNAME_INVALID|certificate is not valid for|not valid for ['\"]?[\w.-]+|IP address mismatch|"
        r"x509: certificate is valid for",
    ),
    ("tls_expired", r"certificate has expired|CERT_HAS_EXPIRED|certificate expired"),
    (
        "tls_self_signed",
        r"self[- ]signed certificate|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|"
        r"Self-signed certificate detected",
    ),
    (
        "tls_untrusted",
        r"CERTIFICATE_VERIFY_FAILED|unable to get local issuer certificate|"
        r"UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|unable to verify the first certificate|"
        r"UNABLE_TO_VERIFY_LEAF_SIGNATURE|"
        r"certificate verify failed|SSL certificate verification failed|SSLCertVerificationError|"
        r"unknown (?:certificate authority|ca)\b|signed by unknown authority|PKIX path building failed|"
        r"unable to find valid certification path",
    ),
    (
        "proxy_auth_required",
        r"407 Proxy Authentication Required|Proxy Authentication Required|\b407\b[^\n]{0,40}proxy|"
        r"proxy[^\n]{0,40}\b407\b",
    ),
    (
        "proxy_unsupported",
        r"Unsupported proxy|unsupported proxy protocol|socksio|Unknown scheme for proxy URL|"
        r"Proxy (?:URL )?(?:had|has) no scheme|Invalid proxy URL",
    ),
    (
        "proxy_tunnel_failed",
        r"ERR_PROXY_TUNNEL|Tunnel connection failed|tunneling socket could not be established|"
        r"Proxy connection ended before receiving CONNECT response|"
        r"CONNECT tunnel failed|ProxyError\(['\"]?(?:Unable to connect|Cannot connect)[^\n]{0,40}(?:403|502|503)",
    ),
    (
        "proxy_connect_failed",
        r"Unable to connect to proxy|Cannot connect to proxy|ProxyConnectionError|ProxyError\([^\n]{0,80}refused|"
        r"proxyconnect tcp",
    ),
    (
        "dns_not_found",
        r"ENOTFOUND|EAI_AGAIN|getaddrinfo|Name or service not known|nodename nor servname|"
        r"NameResolutionError|Temporary failure in name resolution|Could not resolve host|No address associated|"
        r"\[Errno -[235]\]|\[Errno 11001\]|\[Errno 11002\]|\[Errno 8\]|Name does not resolve|failed to resolve|"
        r"\bEREFUSED\b|no such host",
    ),
    (
        "connection_refused",
        r"ECONNREFUSED|Connection ?refused|\[Errno 111\]|\[Errno 61\]|actively refused|"
        r"WinError 10061",
    ),
    ("host_unreachable", r"EHOSTUNREACH|No route to host|\[Errno 113\]|\[Errno 65\]|Host is unreachable"),
    ("network_unreachable", r"ENETUNREACH|Network is unreachable|\[Errno 101\]|\[Errno 51\]"),
    (
        "connect_timeout",
        r"ConnectTimeout|ETIMEDOUT|connect(?:ion)? timed out|timed out while connecting|"
        r"\[Errno 110\]|\[Errno 60\]|ConnectTimeoutError|UND_ERR_CONNECT_TIMEOUT|"
        r"dial tcp [^\n]{0,80}i/o timeout|WinError 10060|did not properly respond after a period of time",
    ),
    (
        "stream_interrupted",
        r"incomplete chunked read|peer closed connection without sending complete message body|"
        r"IncompleteRead|Server error mid-response|response stopped arriving|Connection lost|"
        r"ERR_STREAM_PREMATURE_CLOSE|premature close|terminated: other side closed|TypeError: terminated\b",
    ),
    (
        "connection_reset",
        r"ECONNRESET|Connection reset|\[Errno 104\]|\[Errno 54\]|socket hang up|"
        r"Server disconnected without sending a response|Connection aborted|RemoteDisconnected|EPIPE|Broken pipe|"
        r"UND_ERR_SOCKET|other side closed|socket connection was closed unexpectedly|ERR_SOCKET_CLOSED|"
        r"socket disconnected before secure TLS connection|Empty reply from server|(?<![a-z])ReadError\b|"
        r"ServerDisconnectedError|forcibly closed by the remote host|WinError 10054",
    ),
    (
        "tls_handshake",
        r"WRONG_VERSION_NUMBER|wrong version number|SSLV3_ALERT_HANDSHAKE_FAILURE|handshake failure|"
        r"\bEPROTO\b|TLSV1_ALERT|\[SSL: [A-Z_]+\]|SSLError|ssl\.SSLError|UNEXPECTED_EOF_WHILE_READING|"
        r"SSL_ERROR_SYSCALL",
    ),
    (
        "read_timeout",
        r"ReadTimeout|Request timed out|APITimeoutError|read timed? ?out|timed out|(?<![a-z])Timeout(?:Error)?\b|"
        r"UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ESOCKETTIMEDOUT",
    ),
    (
        # Last: a wrapper that names no cause. Anything more specific anywhere in the text wins.
        "connection_failed",
        r"APIConnectionError|Connection error\.|\bfetch failed\b|All connection attempts failed|"
        r"httpx\.ConnectError|Unable to connect to (?:API|Anthropic services)|\bConnection failed\b|"
        r"Server Connection Error|AnthropicIoException",
    ),
)

CAUSE_NOT_SHOWN = "connection_failed"  # the kind that only names a wrapper: any status found beats it

# Matched against lower-cased text with lower-cased patterns: ten times faster than re.IGNORECASE, which disables
# the literal-prefix scan. The patterns therefore use no upper-case escapes (\B, \D, \S, \W).
_COMPILED = tuple((kind, re.compile(pattern.lower())) for kind, pattern in _RULES)


def find_network_kind(text: str) -> str | None:
    """The most specific network failure named anywhere in the text, or None."""
    low = text.lower()
    for kind, regex in _COMPILED:
        if regex.search(low):
            return kind
    return None


def has_network_word(text: str) -> bool:
    return find_network_kind(text) is not None
