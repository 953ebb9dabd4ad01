"""The network path, one step at a time: DNS, TCP, an HTTP CONNECT through a proxy, TLS. Each step is timed, bounded
by its own timeout, and ends in a `Step` that names a NETWORK_KINDS failure when it fails."""

from __future__ import annotations

import base64
import contextlib
import errno
import ipaddress
import os
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from claude_doctor.i18n import N_, Msg

if TYPE_CHECKING:
    from claude_doctor.checks.resolve.trust import TrustStore


@dataclass(frozen=True)
class Step:
    ok: bool
    ms: float
    detail: str
    kind: str | None = None  # a NETWORK_KINDS key when not ok
    data: dict[str, Any] = field(default_factory=dict)


def _elapsed(started: float) -> float:
    return (time.perf_counter() - started) * 1000


Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve(host: str, port: int, timeout: float, resolver: Resolver | None = None) -> tuple[Step, list[str]]:
    """The name's addresses, asked in a daemon thread so that a resolver that never answers cannot outlive the
    deadline. `resolver` replaces the system's (tests use it for names that resolve elsewhere, or never)."""
    started = time.perf_counter()
    box: dict[str, Any] = {}
    ask = resolver or system_resolver

    def work() -> None:
        try:
            box["addresses"] = [str(a) for a in ask(host, port)]
        except OSError as exc:
            box["error"] = exc

    thread = threading.Thread(target=work, name="claude-doctor-dns", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        return Step(
            False,
            _elapsed(started),
            Msg("no answer from the resolver within {timeout:.1f} s", timeout=timeout),
            "dns_not_found",
        ), []
    if "error" in box:
        exc = box["error"]
        return Step(
            False, _elapsed(started), Msg("{host} does not resolve: {exc}", host=host, exc=exc), "dns_not_found"
        ), []
    addresses = list(dict.fromkeys(box["addresses"]))
    if not addresses:
        return Step(False, _elapsed(started), Msg("{host} has no address", host=host), "dns_not_found"), []
    v4 = [a for a in addresses if ":" not in a]
    v6 = [a for a in addresses if ":" in a]
    detail = f"{host} → " + ", ".join(addresses[:4]) + (" …" if len(addresses) > 4 else "")
    return Step(True, _elapsed(started), detail, data={"a": v4, "aaaa": v6}), addresses


def blocked_addresses(addresses: list[str]) -> list[str]:
    """Addresses a public API host should never resolve to: 0.0.0.0, loopback, private, link-local."""
    out = []
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            continue
        if ip.is_unspecified or ip.is_loopback or ip.is_private or ip.is_link_local:
            out.append(address)
    return out


def _connect_kind(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError) or exc.errno == errno.ECONNREFUSED:
        return "connection_refused"
    if isinstance(exc, TimeoutError | socket.timeout) or exc.errno == errno.ETIMEDOUT:
        return "connect_timeout"
    if exc.errno == errno.EHOSTUNREACH:
        return "host_unreachable"
    if exc.errno == errno.ENETUNREACH:
        return "network_unreachable"
    if isinstance(exc, ConnectionResetError):
        return "connection_reset"
    return "connection_refused"


def connect(
    host: str, port: int, timeout: float, addresses: list[str] | None = None
) -> tuple[Step, socket.socket | None]:
    """TCP to `host`, or to the first of `addresses` (resolved already) that answers: what was judged is used."""
    started = time.perf_counter()
    try:
        if addresses:
            sock = _connect_any(addresses, port, max(0.05, timeout))
        else:
            sock = socket.create_connection((host, port), timeout=max(0.05, timeout))
    except OSError as exc:
        kind = _connect_kind(exc)
        words = {"connect_timeout": Msg("no answer within {timeout:.1f} s (packets dropped?)", timeout=timeout)}.get(
            kind, str(exc)
        )
        return Step(
            False, _elapsed(started), Msg("TCP {host}:{port}: {error}", host=host, port=port, error=words), kind
        ), None
    peer = sock.getpeername()[0]
    connected = Msg("TCP {host}:{port} connected ({peer})", host=host, port=port, peer=peer)
    return Step(True, _elapsed(started), connected, data={"peer": peer}), sock


def _connect_any(addresses: list[str], port: int, timeout: float) -> socket.socket:
    deadline = time.monotonic() + timeout
    error: OSError = OSError(N_("no address"))
    for address in addresses:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        try:
            return socket.create_connection((address, port), timeout=left)
        except OSError as exc:
            error = exc
    raise error


def proxy_connect(proxy_url: str, host: str, port: int, timeout: float) -> tuple[Step, socket.socket | None]:
    """TCP to the proxy, then `CONNECT host:port`; the proxy's answer in plain words."""
    parts = urlsplit(proxy_url)
    proxy_host = parts.hostname or ""
    proxy_port = parts.port or (443 if parts.scheme == "https" else 80)
    started = time.perf_counter()
    step, sock = connect(proxy_host, proxy_port, timeout)
    if sock is None:
        return Step(
            False,
            step.ms,
            Msg("proxy {host}:{port} unreachable: {error}", host=proxy_host, port=proxy_port, error=step.detail),
            "proxy_connect_failed",
        ), None
    request = f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    if parts.username:
        pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
        request += f"Proxy-Authorization: Basic {base64.b64encode(pair).decode()}\r\n"
    request += "\r\n"
    try:
        sock.settimeout(max(0.05, timeout - step.ms / 1000))
        sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 16384:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
    except OSError as exc:
        sock.close()
        kind = "proxy_tunnel_failed" if not isinstance(exc, TimeoutError | socket.timeout) else "read_timeout"
        return Step(
            False,
            _elapsed(started),
            Msg(
                "proxy {proxy_host}:{proxy_port} did not answer CONNECT: {exc}",
                proxy_host=proxy_host,
                proxy_port=proxy_port,
                exc=exc,
            ),
            kind,
        ), None
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1", "replace")
    try:
        status = int(status_line.split()[1])
    except (IndexError, ValueError):
        sock.close()
        return Step(
            False,
            _elapsed(started),
            Msg("proxy answered CONNECT with {status_line!r}", status_line=status_line),
            "proxy_tunnel_failed",
        ), None
    data = {"proxy_status": status}
    if status == 200:
        return Step(
            True,
            _elapsed(started),
            Msg(
                "proxy {proxy_host}:{proxy_port} opened a tunnel to {host}:{port}",
                proxy_host=proxy_host,
                proxy_port=proxy_port,
                host=host,
                port=port,
            ),
            data=data,
        ), sock
    sock.close()
    words = {
        407: ("proxy_auth_required", N_("the proxy wants authentication (407): put user:password in the proxy URL")),
        403: (
            "proxy_tunnel_failed",
            Msg("the proxy refuses to tunnel to {host} (403): ask for it to be allowed", host=host),
        ),
        502: ("proxy_tunnel_failed", Msg("the proxy could not reach {host} (502)", host=host)),
        503: ("proxy_tunnel_failed", Msg("the proxy could not reach {host} (503)", host=host)),
    }
    kind, text = words.get(
        status, ("proxy_tunnel_failed", Msg("the proxy answered CONNECT with {status_line}", status_line=status_line))
    )
    return Step(False, _elapsed(started), text, kind, data), None


def tls_context(cafile: str | None) -> ssl.SSLContext:
    if cafile is None:
        import certifi

        cafile = certifi.where()
    return ssl.create_default_context(cafile=cafile)


# OpenSSL's compiled-in paths can be unusable; httpcore2 and truststore fall back to these on Linux.
_SYSTEM_CA_FILES = (
    "/etc/ssl/cert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/ca-bundle.pem",
)


def trust_context(store: TrustStore) -> ssl.SSLContext:
    """An SSL context that accepts what one client's trust store accepts. Raises OSError or ssl.SSLError for a CA
    file that cannot be loaded, as the client itself would fail.

    The operating system's store is read the way httpcore2 reads it on Linux (OpenSSL's compiled-in paths, never
    SSL_CERT_FILE from this process) and from the system store on Windows. On macOS the keychain is only reachable
    through `truststore`: it is used when installed and no extra file is named; otherwise certifi's bundle stands in.
    """
    import sys

    if store.system and sys.platform == "darwin" and not store.cafiles and not store.capath:  # pragma: no cover
        try:
            import truststore  # type: ignore[import-not-found,unused-ignore]

            return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # type: ignore[no-any-return,unused-ignore]
        except ImportError:
            pass
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    for cafile in store.cafiles:
        context.load_verify_locations(cafile=cafile)
    if store.capath:
        context.load_verify_locations(capath=store.capath)
    if store.certifi or (store.system and sys.platform == "darwin"):
        import certifi

        context.load_verify_locations(cafile=certifi.where())
    if store.system and sys.platform == "win32":  # pragma: no cover
        context.load_default_certs()
    elif store.system:
        paths = ssl.get_default_verify_paths()
        system_file: str | None = paths.openssl_cafile if os.path.isfile(paths.openssl_cafile or "") else None
        system_dir: str | None = paths.openssl_capath if os.path.isdir(paths.openssl_capath or "") else None
        if not system_file and not system_dir:
            system_file = next((f for f in _SYSTEM_CA_FILES if os.path.isfile(f)), None)
        if system_file or system_dir:
            context.load_verify_locations(system_file, system_dir)
    return context


def _verify_kind(exc: ssl.SSLCertVerificationError) -> str:
    message = (exc.verify_message or str(exc)).lower()
    if "hostname mismatch" in message or "ip address mismatch" in message:
        return "tls_hostname_mismatch"
    if "expired" in message:
        return "tls_expired"
    if "self-signed" in message or "self signed" in message:
        return "tls_self_signed"
    return "tls_untrusted"


def _describe_cert(der: bytes | None) -> dict[str, str]:
    """Subject, issuer and expiry of a certificate, read with the stdlib's own decoder (no extra dependency)."""
    if not der:
        return {}
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as handle:
            handle.write(ssl.DER_cert_to_PEM_cert(der))
        decoded = ssl._ssl._test_decode_cert(handle.name)  # type: ignore[attr-defined]
    except Exception:
        return {}
    finally:
        with contextlib.suppress(Exception):
            Path(handle.name).unlink()

    def name(field_value: Any) -> str:
        parts = dict(pair[0] for pair in field_value)
        return parts.get("commonName") or parts.get("organizationName") or str(parts)

    issuer = dict(pair[0] for pair in decoded.get("issuer", ()))
    return {
        "subject": name(decoded.get("subject", ())),
        "issuer": name(decoded.get("issuer", ())),
        "issuer_org": issuer.get("organizationName", ""),
        "not_after": str(decoded.get("notAfter", "")),
    }


def tls_handshake(
    sock: socket.socket, host: str, cafile: str | None, timeout: float, context: ssl.SSLContext | None = None
) -> Step:
    """Handshake over an open socket (direct or tunnelled), verified against `context` (else the CA file, else
    certifi); the socket is closed afterwards."""
    started = time.perf_counter()
    context = context or tls_context(cafile)
    sock.settimeout(max(0.05, timeout))
    try:
        with context.wrap_socket(sock, server_hostname=host) as tls:
            cert = _describe_cert(tls.getpeercert(binary_form=True))
            version = tls.version() or "TLS"
        subject, issuer = cert.get("subject", "?"), cert.get("issuer", "?")
        if cert.get("not_after"):
            detail = Msg(
                "{version}, certificate for {subject} from {issuer}, valid until {until}",
                version=version,
                subject=subject,
                issuer=issuer,
                until=cert["not_after"],
            )
        else:
            detail = Msg(
                "{version}, certificate for {subject} from {issuer}", version=version, subject=subject, issuer=issuer
            )
        return Step(True, _elapsed(started), detail, data={"version": version, **cert})
    except ssl.SSLCertVerificationError as exc:
        return Step(
            False,
            _elapsed(started),
            Msg("certificate not accepted: {value}", value=exc.verify_message or exc),
            _verify_kind(exc),
            {"verify_message": exc.verify_message or str(exc)},
        )
    except TimeoutError:
        return Step(
            False, _elapsed(started), Msg("no TLS answer within {timeout:.1f} s", timeout=timeout), "read_timeout"
        )
    except ssl.SSLError as exc:
        return Step(False, _elapsed(started), Msg("TLS handshake failed: {exc}", exc=exc), "tls_handshake")
    except OSError as exc:
        return Step(
            False,
            _elapsed(started),
            Msg("connection lost during the TLS handshake: {exc}", exc=exc),
            "connection_reset",
        )


def peek_certificate(host: str, port: int, timeout: float, via: tuple[str, int] | None = None) -> dict[str, str]:
    """The certificate the server (or whatever sits in between) presents, without verifying it."""
    try:
        sock = socket.create_connection(via or (host, port), timeout=max(0.05, timeout))
        if via is not None:
            sock.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            sock.recv(4096)
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        with context.wrap_socket(sock, server_hostname=host) as tls:
            return _describe_cert(tls.getpeercert(binary_form=True))
    except (OSError, ssl.SSLError):
        return {}
