"""Failures below HTTP, named the way each runtime prints them, mapped to NETWORK_KINDS.

The vocabularies, from each runtime's own error texts: Node (errno codes, `ERR_*` codes, OpenSSL reasons) and undici
(`UND_ERR_*`, `fetch failed`, `terminated`, `other side closed`, the proxy agent's `Proxy response (407) !== 200`);
Bun's fetch (`ConnectionRefused` "Unable to connect. Is the computer able to access the url?", `FailedToOpenSocket`
"Was there a typo in the url or port?", `ConnectionClosed` "The socket connection was closed unexpectedly"); axios
and node-fetch wrappers; Go's net/http and crypto/tls (`dial tcp`, `proxyconnect tcp`, `lookup … no such host` /
`server misbehaving`, `TLS handshake timeout`, `Client.Timeout exceeded`, `: EOF`, `unexpected EOF`, `http2: server
sent GOAWAY`, `stream error: stream ID`, `x509: …`, `tls: first record does not look like a TLS handshake`); Python's
ssl, socket, urllib3/requests, httpx/httpcore and aiohttp exceptions; curl's error table (`curl: (N)`, curl_cffi's
`ErrCode: N`, pycurl's `(N, '…')`, PHP's `cURL error N:`) and its OpenSSL/BoringSSL reasons (`SSL_ERROR_SYSCALL`,
`unexpected eof while reading`); Rust's reqwest/hyper/rustls; Java and .NET socket and TLS exceptions; Windows
`WinError` numbers; Chromium's `net::ERR_*` names, which Electron apps and browsers print.

A TLS connection cut by the other side (an EOF or a reset during or after the handshake: `SSL_ERROR_SYSCALL`,
`EOF occurred in violation of protocol`) is a dropped connection, not a certificate problem: it is a reset.
"""

from __future__ import annotations

import re

# Most specific first: in a traceback the root cause (a TLS verification failure) must beat the generic wrapper
# (`APIConnectionError: Connection error.`), and a wrapper's label (litellm's `InternalServerError`) never counts.
# A kind may appear more than once: its specific forms early, its loose forms late.
_RULES: tuple[tuple[str, str], ...] = (
    (
        "tls_hostname_mismatch",
        r"hostname mismatch|doesn't match|does not match (?:the )?(?:target )?host|altnames|"
        r"ERR_TLS_CERT_ALTNAME_INVALID|certificate is not valid for|not valid for ['\"]?[\w.-]+|IP address mismatch|"
        r"x509: certificate is valid for|no alternative certificate subject name|NotValidForName|"
        r"ERR_CERT_COMMON_NAME_INVALID",
    ),
    (
        "tls_expired",
        r"certificate has expired|CERT_HAS_EXPIRED|certificate expired|invalid peer certificate: Expired|"
        r"ERR_CERT_DATE_INVALID",
    ),
    (
        "tls_self_signed",
        r"self[- ]signed certificate|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|"
        r"Self-signed certificate detected",
    ),
    (
        "tls_untrusted",
        r"CERTIFICATE_VERIFY_FAILED|unable to get local issuer certificate|unable to get issuer certificate|"
        r"UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|unable to verify the first certificate|"
        r"UNABLE_TO_VERIFY_LEAF_SIGNATURE|"
        r"certificate verify failed|SSL certificate verification failed|SSLCertVerificationError|"
        r"unknown (?:certificate authority|ca)\b|signed by unknown authority|PKIX path building failed|"
        r"unable to find valid certification path|UnknownIssuer|SSL certificate problem|"
        r"error setting certificate verify locations|curl: \((?:60|77|83)\)|ERR_CERT_AUTHORITY_INVALID",
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
        r"Proxy connection ended before receiving CONNECT response|Proxy response \(\d{3}\) !== 200|"
        r"CONNECT tunnel failed|Proxy CONNECT aborted|ERR_TUNNEL_CONNECTION_FAILED|"
        r"ProxyError\(['\"]?(?:Unable to connect|Cannot connect)[^\n]{0,40}(?:403|502|503)",
    ),
    (
        "proxy_connect_failed",
        r"Unable to connect to proxy|Cannot connect to proxy|ProxyConnectionError|ProxyError\([^\n]{0,80}refused|"
        r"proxyconnect tcp|Could not resolve proxy|curl: \((?:5|97)\)|proxy handshake|ERR_PROXY_CONNECTION_FAILED|"
        r"Can't complete SOCKS[45] connection|SOCKS[45] (?:proxy )?(?:connect|request) (?:failed|rejected)",
    ),
    (
        "dns_not_found",
        r"ENOTFOUND|EAI_AGAIN|getaddrinfo|Name or service not known|nodename nor servname|"
        r"NameResolutionError|Temporary failure in name resolution|Could not resolve host|No address associated|"
        r"\[Errno -[235]\]|\[Errno 11001\]|\[Errno 11002\]|\[Errno 8\]|Name does not resolve|failed to resolve|"
        r"\bEREFUSED\b|no such host|lookup [\w.-]+(?: on [\d.:\[\]a-f]+)?: server misbehaving|"
        r"UnknownHostException|failed to lookup address|dns error|DNS lookup failed|curl: \(6\)|"
        r"ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED",
    ),
    (
        "connection_refused",
        r"ECONNREFUSED|Connection ?refused|\[Errno 111\]|\[Errno 61\]|actively refused|"
        r"WinError 10061|ConnectionRefused|Is the computer able to access the url|ERR_CONNECTION_REFUSED",
    ),
    (
        "host_unreachable",
        r"EHOSTUNREACH|No route to host|\[Errno 113\]|\[Errno 65\]|Host is unreachable|WinError 10065|"
        r"unreachable host|ERR_ADDRESS_UNREACHABLE",
    ),
    (
        "network_unreachable",
        r"ENETUNREACH|Network is unreachable|\[Errno 101\]|\[Errno 51\]|WinError 10051|ERR_INTERNET_DISCONNECTED",
    ),
    (
        # Timeouts of the whole request, whatever words follow ("litellm.Timeout: Connection timed out after 600 s").
        "read_timeout",
        r"litellm\.Timeout\b|timeout of \d+ ?ms exceeded|network timeout at|operation was aborted due to timeout|"
        r"Headers Timeout Error|Body Timeout Error|PoolTimeout|Read timeout on endpoint URL|"
        r"curl: \(28\) Operation timed out",
    ),
    (
        "connect_timeout",
        r"ConnectTimeout|ETIMEDOUT|connect(?:ion)? timed out|timed out while connecting|"
        r"\[Errno 110\]|\[Errno 60\]|ConnectTimeoutError|UND_ERR_CONNECT_TIMEOUT|"
        r"dial tcp [^\n]{0,80}i/o timeout|WinError 10060|did not properly respond after a period of time|"
        r"TLS handshake timeout|handshake operation timed out|_ssl\.c:\d+: The handshake operation timed out|"
        r"Failed to connect to [^\n]{0,120}(?:Timed out|timed out)|SSL connection timeout|ERR_CONNECTION_TIMED_OUT",
    ),
    (
        # Timeouts whose wording would otherwise read as a reset (axios's ECONNABORTED) or a bare wrapper.
        "read_timeout",
        r"Client\.Timeout exceeded|timeout awaiting response headers|read tcp [^\n]{0,120}i/o timeout",
    ),
    (
        "stream_interrupted",
        r"incomplete chunked read|peer closed connection without sending complete message body|"
        r"IncompleteRead|Server error mid-response|response stopped arriving|Connection lost|"
        r"ERR_STREAM_PREMATURE_CLOSE|premature close|terminated: other side closed|TypeError: terminated\b|"
        r"transfer closed with (?:outstanding read data|\d+ bytes?) remaining|HTTP/2 stream \d+ was not closed "
        r"cleanly|stream error: stream ID \d+|Response payload is not completed|ClientPayloadError|"
        r"InvalidChunkLength|ChunkedEncodingError|unexpected EOF(?! while reading)|error decoding response body|"
        r"curl: \((?:18|92)\)|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_HTTP2_PROTOCOL_ERROR",
    ),
    (
        "connection_reset",
        r"ECONNRESET|Connection reset|Connection was reset|\[Errno 104\]|\[Errno 54\]|socket hang up|"
        r"Server disconnected without sending a response|Connection aborted|RemoteDisconnected|EPIPE|Broken pipe|"
        r"UND_ERR_SOCKET|other side closed|socket connection was closed unexpectedly|ERR_SOCKET_CLOSED|"
        r"socket disconnected before secure TLS connection|Empty reply from server|(?<![a-z])ReadError\b|"
        r"ServerDisconnectedError|forcibly closed by the remote host|WinError 10054|ECONNABORTED|"
        r"SSL_ERROR_SYSCALL|UNEXPECTED_EOF_WHILE_READING|unexpected eof while reading|"
        r"EOF occurred in violation of protocol|SSLEOFError|SSLZeroReturnError|TLS/SSL connection has been closed|"
        r"connection closed before message completed|server sent GOAWAY|ERR_HTTP2_(?:STREAM|SESSION|GOAWAY)|"
        r"NGHTTP2_REFUSED_STREAM|Error in the HTTP2 framing layer|[\"']: EOF\b|curl: \((?:16|52|55|56)\)|"
        r"ERR_CONNECTION_(?:RESET|CLOSED|ABORTED)|ERR_EMPTY_RESPONSE|ERR_NETWORK_CHANGED",
    ),
    (
        "tls_handshake",
        r"WRONG_VERSION_NUMBER|wrong version number|SSLV3_ALERT_HANDSHAKE_FAILURE|handshake failure|"
        r"\bEPROTO\b|TLSV1_ALERT|\[SSL: [A-Z_]+\]|SSLError|ssl\.SSLError|"
        r"first record does not look like a TLS handshake|server gave HTTP response to HTTPS client|"
        r"SSL connection could not be established|SSLHandshakeException|received corrupt message|"
        r"packet length too long|tlsv1 alert|curl: \((?:35|58|59|91|98)\)|ERR_SSL_PROTOCOL_ERROR|"
        r"ERR_SSL_VERSION_OR_CIPHER_MISMATCH",
    ),
    (
        "connection_refused",
        r"FailedToOpenSocket|Was there a typo in the url or port|EADDRNOTAVAIL|WinError 10013|Connect call failed",
    ),
    (
        "read_timeout",
        r"ReadTimeout|Request timed out|APITimeoutError|read timed? ?out|timed out|(?<![a-z])Timeout(?:Error)?\b|"
        r"UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ESOCKETTIMEDOUT|curl: \(28\)|ERR_TIMED_OUT",
    ),
    (
        # Last: a wrapper that names no cause. Anything more specific anywhere in the text wins.
        "connection_failed",
        r"APIConnectionError|Connection error\.|\bfetch failed\b|All connection attempts failed|"
        r"httpx\.ConnectError|Unable to connect to (?:API|Anthropic services)|\bConnection failed\b|"
        r"Server Connection Error|AnthropicIoException|Couldn't connect to server|Cannot connect to host|"
        r"error sending request for url|error trying to connect|An error occurred while sending the request|"
        r"curl: \(7\)|Could not connect to the endpoint URL|EndpointConnectionError",
    ),
)

# curl's error table (libcurl-errors), for the codes that name a failure below HTTP: curl itself (`curl: (N)`),
# curl_cffi (`ErrCode: N`), pycurl (`pycurl.error: (N, '…')`) and PHP (`cURL error N:`). The message beside the code
# is read first; the code decides only when the message names nothing more specific.
CURL_CODES: dict[int, str] = {
    5: "proxy_connect_failed",  # COULDNT_RESOLVE_PROXY
    6: "dns_not_found",  # COULDNT_RESOLVE_HOST
    7: "connection_failed",  # COULDNT_CONNECT
    16: "connection_reset",  # HTTP2: framing layer
    18: "stream_interrupted",  # PARTIAL_FILE
    28: "read_timeout",  # OPERATION_TIMEDOUT
    35: "tls_handshake",  # SSL_CONNECT_ERROR
    51: "tls_hostname_mismatch",  # PEER_FAILED_VERIFICATION (older curl)
    52: "connection_reset",  # GOT_NOTHING
    55: "connection_reset",  # SEND_ERROR
    56: "connection_reset",  # RECV_ERROR
    58: "tls_handshake",  # SSL_CERTPROBLEM (the client's own certificate)
    59: "tls_handshake",  # SSL_CIPHER
    60: "tls_untrusted",  # PEER_FAILED_VERIFICATION
    77: "tls_untrusted",  # SSL_CACERT_BADFILE
    80: "connection_reset",  # SSL_SHUTDOWN_FAILED
    83: "tls_untrusted",  # SSL_ISSUER_ERROR
    90: "tls_untrusted",  # SSL_PINNEDPUBKEYNOTMATCH
    91: "tls_handshake",  # SSL_INVALIDCERTSTATUS
    92: "stream_interrupted",  # HTTP2_STREAM
    95: "connection_reset",  # HTTP3
    97: "proxy_connect_failed",  # PROXY
    98: "tls_handshake",  # SSL_CLIENTCERT
}
_CURL_CODE = re.compile(
    r"curl: \((\d{1,2})\)|errcode: (\d{1,2})\b|curl error (\d{1,2})\b|pycurl\.error: \((\d{1,2}),|"
    r"curle_\w+ \((\d{1,2})\)"
)

CAUSE_NOT_SHOWN = "connection_failed"  # the kind that only names a wrapper: any status found beats it

# Matched against lower-cased text with lower-cased patterns: ten times faster than re.IGNORECASE, which disables
# the literal-prefix scan. The patterns therefore use no upper-case escapes (\B, \D, \S, \W).
_COMPILED = tuple((kind, re.compile(pattern.lower())) for kind, pattern in _RULES)


def find_network_kind(text: str) -> str | None:
    """The most specific network failure named anywhere in the text, or None."""
    low = text.lower()
    found = None
    for kind, regex in _COMPILED:
        if regex.search(low):
            found = kind
            break
    if found in (None, CAUSE_NOT_SHOWN, "read_timeout") and ("curl" in low or "errcode" in low):
        # curl's code says what its generic words ("Couldn't connect to server") do not.
        code = _CURL_CODE.search(low)
        if code is not None:
            number = int(next(group for group in code.groups() if group))
            by_code = CURL_CODES.get(number)
            if by_code is not None and not (found == "read_timeout" and by_code == "read_timeout"):
                return by_code
    return found


def has_network_word(text: str) -> bool:
    return find_network_kind(text) is not None
