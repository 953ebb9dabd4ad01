"""Which trust store each client verifies the API's certificate against. Pure: an environment mapping in, a
`TrustStore` out; `checks.network.probe` turns it into an SSL context.

- Python SDK 1.x and 2.x (transport `httpx2`, `httpcore2/_ssl.py`): `SSL_CERT_FILE`, else `SSL_CERT_DIR`, else the
  operating system's store (OpenSSL's own paths on Linux, `truststore` on macOS and Windows). Older SDKs (0.x, on
  `httpx` 0.28): `SSL_CERT_FILE`, else `SSL_CERT_DIR`, else certifi's bundle. Read from the installed wheels.
- TypeScript SDK (Node's fetch): Node's bundled Mozilla list (the same list certifi ships) plus `NODE_EXTRA_CA_CERTS`;
  the OS store too with `NODE_USE_SYSTEM_CA=1` or `--use-system-ca` in `NODE_OPTIONS`. `SSL_CERT_FILE` is not read.
- Claude Code: `CLAUDE_CODE_CERT_STORE` (default `bundled,system`) plus `NODE_EXTRA_CA_CERTS` (network-config.md).

`REQUESTS_CA_BUNDLE` is read by `requests`, not by the SDKs; `python_ca_file` keeps answering for programs built on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from claude_doctor.i18n import Msg

CA_VARS = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")


@dataclass(frozen=True)
class TrustStore:
    """The certificates one client accepts. Two clients with equal stores get one TLS verdict between them."""

    label: str  # for people: "SSL_CERT_FILE=/etc/corp.pem", "the operating system's store"
    cafiles: tuple[str, ...] = ()
    capath: str | None = None
    certifi: bool = False  # certifi's bundle, which is also Node's bundled list
    system: bool = False  # the operating system's store

    @property
    def key(self) -> tuple[object, ...]:
        return (self.cafiles, self.capath, self.certifi, self.system)


def python_ca_file(env: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(CA file, the variable that named it); (None, None) means the default store."""
    for name in CA_VARS:
        if env.get(name):
            return env[name], name
    return None, None


def python_trust(env: Mapping[str, str], *, httpx2: bool) -> TrustStore:
    """The Python SDK's store: `httpx2` (SDK 1.0 and later) trusts the OS store by default, `httpx` certifi."""
    if env.get("SSL_CERT_FILE"):
        return TrustStore(Msg("SSL_CERT_FILE={path}", path=env["SSL_CERT_FILE"]), cafiles=(env["SSL_CERT_FILE"],))
    if env.get("SSL_CERT_DIR"):
        return TrustStore(Msg("SSL_CERT_DIR={path}", path=env["SSL_CERT_DIR"]), capath=env["SSL_CERT_DIR"])
    if httpx2:
        return TrustStore(Msg("the operating system's store"), system=True)
    return TrustStore(Msg("certifi's bundle"), certifi=True)


def node_trust(env: Mapping[str, str]) -> TrustStore:
    """A Node program's store (the TypeScript SDK): the bundled list, NODE_EXTRA_CA_CERTS, the OS store if asked."""
    system = env.get("NODE_USE_SYSTEM_CA", "").strip() == "1" or "--use-system-ca" in env.get("NODE_OPTIONS", "")
    return _node_store(env, bundled=True, system=system)


def claude_code_trust(env: Mapping[str, str]) -> TrustStore:
    stores = {part.strip().lower() for part in (env.get("CLAUDE_CODE_CERT_STORE") or "bundled,system").split(",")}
    return _node_store(env, bundled="bundled" in stores, system="system" in stores)


def _node_store(env: Mapping[str, str], *, bundled: bool, system: bool) -> TrustStore:
    extra = env.get("NODE_EXTRA_CA_CERTS", "").strip()
    parts = []
    if bundled:
        parts.append(Msg("Node's bundled CAs"))
    if system:
        parts.append(Msg("the operating system's store"))
    if extra:
        parts.append(Msg("NODE_EXTRA_CA_CERTS={path}", path=extra))
    return TrustStore(Msg.joined(" + ", parts), cafiles=(extra,) if extra else (), certifi=bundled, system=system)
