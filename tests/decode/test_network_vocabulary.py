"""Failures below HTTP in each runtime's own words: the texts are the runtimes' message strings (the file each comes
from is named beside it), so a rule covers the runtime's family, not one pasted sample."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from claude_doctor.decode.network import CURL_CODES, find_network_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Bun, src/bun.js/webcore/fetch (the messages of ConnectionRefused, FailedToOpenSocket, ConnectionClosed)
        ("ConnectionRefused: Unable to connect. Is the computer able to access the url?", "connection_refused"),
        ("FailedToOpenSocket: Was there a typo in the url or port?", "connection_refused"),
        (
            "The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second "
            "argument to fetch()",
            "connection_reset",
        ),
        # undici, lib/core/errors.js
        ("ConnectTimeoutError: Connect Timeout Error", "connect_timeout"),
        ("HeadersTimeoutError: Headers Timeout Error", "read_timeout"),
        ("BodyTimeoutError: Body Timeout Error", "read_timeout"),
        ("SocketError: other side closed", "connection_reset"),
        # undici, lib/dispatcher/proxy-agent.js
        ("Proxy response (407) !== 200 when HTTP Tunneling", "proxy_auth_required"),
        ("Proxy response (403) !== 200 when HTTP Tunneling", "proxy_tunnel_failed"),
        # Go, net/http and crypto/tls
        ('Post "https://api.anthropic.com/v1/messages": net/http: TLS handshake timeout', "connect_timeout"),
        ('Post "https://api.anthropic.com/v1/messages": EOF', "connection_reset"),
        ('Post "https://api.anthropic.com/v1/messages": unexpected EOF', "stream_interrupted"),
        ("http: server gave HTTP response to HTTPS client", "tls_handshake"),
        ("tls: first record does not look like a TLS handshake", "tls_handshake"),
        ("net/http: request canceled (Client.Timeout exceeded while awaiting headers)", "read_timeout"),
        ("http2: server sent GOAWAY and closed the connection", "connection_reset"),
        # Python, Modules/_ssl.c and urllib3
        ("[SSL: UNEXPECTED_EOF_WHILE_READING] EOF occurred in violation of protocol (_ssl.c:1006)", "connection_reset"),
        ("ssl.SSLZeroReturnError: TLS/SSL connection has been closed (EOF) (_ssl.c:1131)", "connection_reset"),
        ("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)", "tls_handshake"),
        # aiohttp, client_exceptions.py and http_exceptions.py
        ("aiohttp.client_exceptions.ClientPayloadError: Response payload is not completed", "stream_interrupted"),
        ("aiohttp.client_exceptions.ServerDisconnectedError: Server disconnected", "connection_reset"),
        # hyper and reqwest
        (
            "error sending request for url (https://api.anthropic.com/v1/messages): connection closed before message "
            "completed",
            "connection_reset",
        ),
        # OpenSSL and BoringSSL, as curl prints them
        (
            "curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.anthropic.com:443",
            "connection_reset",
        ),
        ("curl: (92) HTTP/2 stream 1 was not closed cleanly: INTERNAL_ERROR (err 2)", "stream_interrupted"),
        # Chromium's net error names (Electron apps)
        ("net::ERR_CONNECTION_REFUSED", "connection_refused"),
        ("net::ERR_NAME_NOT_RESOLVED", "dns_not_found"),
        ("net::ERR_CERT_AUTHORITY_INVALID", "tls_untrusted"),
        ("net::ERR_PROXY_CONNECTION_FAILED", "proxy_connect_failed"),
    ],
)
def test_runtime_vocabulary(text: str, kind: str) -> None:
    assert find_network_kind(text) == kind


@pytest.mark.parametrize(("code", "kind"), sorted(CURL_CODES.items()))
def test_curl_codes_decide_when_the_words_do_not(code: int, kind: str) -> None:
    """curl's error table (libcurl-errors): the code alone, in each form curl and its bindings print it."""
    for text in (
        f"curl: ({code}) something",
        f"Failed to perform, ErrCode: {code}, Reason: 'x'",
        f"cURL error {code}: x",
    ):
        assert find_network_kind(text) == kind, text


def test_a_tls_connection_cut_is_a_reset_not_a_certificate_problem() -> None:
    d = explain_text("curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to api.anthropic.com:443")
    assert (d.category, d.status, d.retryable) == ("connect", None, True)
    d = explain_text(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate"
    )
    assert (d.category, d.retryable) == ("tls", False)
