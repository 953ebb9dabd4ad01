"""The result model every renderer consumes: `Diagnosis` for errors, `CheckResult` and `Report` for `check`.

Plain frozen dataclasses and string constants only, so that importing this module costs nothing and every layer
(catalog, decode, checks, renderers) can share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final, Literal

# Root causes in the user's terms (DESIGN.md, "Categories"). One of these is in every Diagnosis.
CATEGORIES: Final[tuple[str, ...]] = (
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
)

# The fixed vocabulary for failures below HTTP. `decode` finds them in pasted text, the network checks produce
# them from live exceptions, and `catalog.diagnose(network=...)` turns each into a Diagnosis. Kind → category.
NETWORK_KINDS: Final[dict[str, str]] = {
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

CheckStatus = Literal["ok", "warn", "fail", "skip"]
Verdict = Literal["ok", "warn", "fail"]

# Report sections, in display order.
SECTIONS: Final[tuple[str, ...]] = ("Credentials", "Configuration", "Network", "API")


@dataclass(frozen=True)
class Diagnosis:
    """What one Claude API error means and what to do about it.

    `retryable`: the same request, unchanged, can succeed after waiting. `sdk_retries`: the official SDKs retry it
    on their own (None when the SDK never sees it as a retryable response, e.g. a decoding failure we cannot tell).
    """

    status: int | None
    error_type: str | None
    error_code: str | None
    message: str | None
    request_id: str | None
    category: str
    retryable: bool
    sdk_retries: bool | None
    retry_after_s: float | None
    title: str
    fix: tuple[str, ...]
    source_shape: str
    meaning: str = ""
    # Caveats worth showing: docs vs observed behaviour, a wasted SDK retry, what answered instead of the API.
    notes: tuple[str, ...] = ()
    # Response headers that fed the diagnosis (lower-cased names), for renderers that show rate limits.
    headers: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `explain --json` and of every check's `data.diagnosis`."""
        return {
            "status": self.status,
            "error_type": self.error_type,
            "error_code": self.error_code,
            "message": self.message,
            "request_id": self.request_id,
            "category": self.category,
            "retryable": self.retryable,
            "sdk_retries": self.sdk_retries,
            "retry_after_s": self.retry_after_s,
            "title": self.title,
            "fix": list(self.fix),
            "source_shape": self.source_shape,
            "meaning": self.meaning,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class CheckResult:
    """One line of the `check` report. `data` must be JSON-serialisable and must never hold an unmasked secret."""

    id: str
    status: CheckStatus
    title: str
    section: str = "Configuration"
    detail: str = ""
    fix: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    duration_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "section": self.section,
            "status": self.status,
            "title": self.title,
            "detail": self.detail,
            "fix": list(self.fix),
            "data": self.data,
            "duration_ms": None if self.duration_ms is None else round(self.duration_ms, 1),
        }


@dataclass(frozen=True)
class Credential:
    """A credential as a client would send it. `value` is the raw secret: mask it before it reaches any output."""

    value: str
    source: str  # where it came from, in words: "ANTHROPIC_API_KEY (environment)", "~/.claude.json primaryApiKey"
    header: Literal["x-api-key", "authorization"]
    kind: str = "unknown"  # api_key, admin_key, oauth_access, oauth_refresh, other_vendor, unknown


@dataclass(frozen=True)
class Setup:
    """What the local checks learned and the network checks use: where to send what."""

    base_url: str = "https://api.anthropic.com"
    base_url_source: str = "default"
    credential: Credential | None = None
    model: str | None = None
    model_source: str | None = None
    custom_headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Report:
    """Everything `check` found, in run order."""

    checks: tuple[CheckResult, ...]
    strict: bool = False

    @property
    def verdict(self) -> Verdict:
        statuses = {c.status for c in self.checks}
        if "fail" in statuses or (self.strict and "warn" in statuses):
            return "fail"
        if "warn" in statuses:
            return "warn"
        return "ok"

    @property
    def exit_code(self) -> int:
        return 1 if self.verdict == "fail" else 0

    def count(self, status: CheckStatus) -> int:
        return sum(1 for c in self.checks if c.status == status)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": 1,
            "verdict": self.verdict,
            "counts": {s: self.count(s) for s in ("ok", "warn", "fail", "skip")},
            "checks": [c.to_json() for c in self.checks],
        }
