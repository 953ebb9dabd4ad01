"""Requests to a cloud provider for the cloud probes: one request at a time, over the client's own proxy and trust
store, bounded by the run's deadline, never following a redirect, reading at most MAX_BODY bytes, and every failure
decoded by the same decoder `explain` uses (AWS exception names and request ids, Google statuses).

Signing is a well-kept library's job: botocore's SigV4 signer (`pip install 'claude-doctor[aws]'`) and google-auth's
credentials (`'[gcp]'`), imported only here and only when a probe needs them. A credential goes only to the address its
client would call, over HTTPS, or in clear only when the target and any proxy are loopback addresses
(`resolve.clear_text`), and then the connection is made to the address that was judged.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claude_doctor.checks.api.client import MAX_BODY, USER_AGENT, raw_response_text
from claude_doctor.checks.context import CheckContext
from claude_doctor.checks.network import probe as net
from claude_doctor.checks.resolve.clear_text import clear_text_refusal
from claude_doctor.checks.resolve.clients import ClientSetup
from claude_doctor.checks.resolve.cloud import AwsCredential
from claude_doctor.checks.resolve.proxy import claude_code_proxy, httpx_proxy
from claude_doctor.decode import explain_exception, explain_text
from claude_doctor.i18n import N_, Msg
from claude_doctor.model import Diagnosis

ANSWER_MARGIN = 0.3


class MissingExtra(Exception):
    """A probe needs an optional library that is not installed; the message names the extra that adds it."""


class Refused(Exception):
    """A request this tool will not send (the credential would travel in clear); the message says why."""


@dataclass(frozen=True)
class CloudAnswer:
    status: int | None
    ms: float
    headers: dict[str, str] = field(default_factory=dict)
    text: str = ""
    diagnosis: Diagnosis | None = None
    redirect: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def json(self) -> Any:
        import json

        try:
            return json.loads(self.text)
        except ValueError:
            return None

    @property
    def request_id(self) -> str | None:
        return self.diagnosis.request_id if self.diagnosis is not None else None


def proxy_for(client: ClientSetup, url: str) -> str | None:
    """The proxy this client would use for `url` (Claude Code's order, or the SDK's httpx one); http(s) only."""
    choice = claude_code_proxy(url, client.env) if client.client == "claude_code" else httpx_proxy(url, client.env)
    value = choice.url
    return value if value is not None and value.lower().startswith(("http://", "https://")) else None


def _judged(ctx: CheckContext, url: str, proxy: str | None, remaining: Callable[[], float]) -> tuple[str, str | None]:
    """(address to connect to, proxy) for a plain-http URL that may carry a credential; raises Refused otherwise."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 80
    _step, addresses = net.resolve(host, port, max(0.05, min(3.0, remaining())), ctx.resolver)
    proxy_addresses: list[str] | None = None
    if proxy is not None:
        proxy_parts = urlsplit(proxy)
        _step, proxy_addresses = net.resolve(
            proxy_parts.hostname or "", proxy_parts.port or 80, max(0.05, min(3.0, remaining())), ctx.resolver
        )
    refusal = clear_text_refusal(url, addresses, proxy, proxy_addresses)
    if refusal is not None:
        raise Refused(refusal)
    return addresses[0], proxy


def send(
    ctx: CheckContext,
    client: ClientSetup,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes | None,
    remaining: Callable[[], float],
) -> CloudAnswer:
    """One request as `client` would send it. Raises Refused when the credential may not travel that way."""
    import httpx

    proxy = proxy_for(client, url)
    target = url
    extra: dict[str, str] = {}
    if urlsplit(url).scheme != "https":
        address, proxy = _judged(ctx, url, proxy, remaining)
        parts = urlsplit(url)
        shown = f"[{address}]" if ":" in address else address
        target = urlunsplit(parts._replace(netloc=shown + (f":{parts.port}" if parts.port else "")))
        extra["host"] = parts.netloc.rsplit("@", 1)[-1]
    timeout = max(0.05, remaining() - ANSWER_MARGIN)
    started = time.perf_counter()
    try:
        context = net.trust_context(client.trust)
        with httpx.Client(proxy=proxy, verify=context, trust_env=False, follow_redirects=False) as http:
            request = http.build_request(
                method, target, content=body, headers={"user-agent": USER_AGENT, **headers, **extra}, timeout=timeout
            )
            response = http.send(request, stream=True)
            try:
                data = _read(response, time.monotonic() + timeout)
            finally:
                response.close()
    except httpx.HTTPError as exc:
        return CloudAnswer(None, (time.perf_counter() - started) * 1000, diagnosis=explain_exception(exc))
    except (OSError, ValueError) as exc:  # a CA file that cannot be loaded, a proxy URL httpx rejects
        return CloudAnswer(None, (time.perf_counter() - started) * 1000, diagnosis=explain_exception(exc))
    ms = (time.perf_counter() - started) * 1000
    response_headers = {k.lower(): v for k, v in response.headers.items()}
    text = data.decode(response.encoding or "utf-8", "replace")
    if 300 <= response.status_code < 400:
        return CloudAnswer(response.status_code, ms, response_headers, redirect=response_headers.get("location", "?"))
    if response.is_success:
        return CloudAnswer(response.status_code, ms, response_headers, text)
    diagnosis = explain_text(raw_response_text(response.status_code, response_headers, text[:20000]))
    return CloudAnswer(response.status_code, ms, response_headers, text, diagnosis)


def _read(response: Any, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY or time.monotonic() > deadline:
            break
    return b"".join(chunks)[:MAX_BODY]


# -- signing --------------------------------------------------------------------------------------------------------


def sigv4_headers(
    method: str, url: str, headers: Mapping[str, str], body: bytes, credential: AwsCredential, region: str, service: str
) -> dict[str, str]:
    """The headers of the request signed with AWS Signature Version 4 by botocore, as the SDKs sign it."""
    try:
        from botocore.auth import SigV4Auth  # type: ignore[import-untyped]
        from botocore.awsrequest import AWSRequest  # type: ignore[import-untyped]
        from botocore.credentials import Credentials  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingExtra(
            Msg("signing AWS requests needs botocore: pip install 'claude-doctor[aws]' to add the probes")
        ) from exc
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    signer = SigV4Auth(
        Credentials(credential.access_key or "", credential.secret_key or "", credential.session_token), service, region
    )
    signer.add_auth(request)
    return {k: v for k, v in request.headers.items() if v is not None}


class GoogleTransport:
    """google-auth's transport interface, over httpx with the client's proxy and trust store and the run's deadline,
    so that minting a Google token follows the same rules as every other request of the run."""

    def __init__(self, ctx: CheckContext, client: ClientSetup, remaining: Callable[[], float]) -> None:
        self.ctx, self.client, self.remaining = ctx, client, remaining
        self.answers: list[CloudAnswer] = []

    def __call__(
        self,
        url: str,
        method: str = "GET",
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        timeout: Any = None,
        **_kwargs: Any,
    ) -> Any:
        from google.auth import exceptions

        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            answer = send(self.ctx, self.client, method, url, dict(headers or {}), data, self.remaining)
        except Refused as exc:
            raise exceptions.TransportError(str(exc)) from exc  # type: ignore[no-untyped-call]
        self.answers.append(answer)
        if answer.status is None:
            raise exceptions.TransportError(answer.diagnosis.message if answer.diagnosis else N_("no answer"))  # type: ignore[no-untyped-call]
        return _GoogleResponse(answer)


class _GoogleResponse:
    def __init__(self, answer: CloudAnswer) -> None:
        self.status = answer.status
        self.headers = answer.headers
        self.data = answer.text.encode("utf-8")


TOKEN_URL_VARIABLE = "CLAUDE_DOCTOR_GOOGLE_TOKEN_URL"  # a stand-in for Google's token endpoint (tests)


def google_url(env: Mapping[str, str], variable: str, default: str) -> str:
    """Google's address, or the stand-in `variable` names when it is Google's own host or this machine: a Google
    secret is never sent anywhere else, whatever the variable says."""
    from claude_doctor.checks.resolve.google import token_uri_refusal

    value = (env.get(variable) or "").strip()
    return value if value and token_uri_refusal(value) is None else default


GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"


def google_credentials(kind: str, info: dict[str, Any], env: Mapping[str, str]) -> Any:
    """google-auth credentials for a service-account or authorized-user file, with the scope the SDK asks for. A
    service account's token endpoint is its file's `token_uri` (checked by `resolve.google`); a user's refresh token
    goes to Google's endpoint, as google-auth sends it whatever the file says, or to CLAUDE_DOCTOR_GOOGLE_TOKEN_URL."""
    try:
        from google.oauth2 import credentials as user_credentials
        from google.oauth2 import service_account
    except ImportError as exc:
        raise MissingExtra(
            Msg("logging in to Google needs google-auth: pip install 'claude-doctor[gcp]' to add the probes")
        ) from exc
    scopes = ["https://www.googleapis.com/auth/cloud-platform"]
    if kind == "service_account":
        return service_account.Credentials.from_service_account_info(info, scopes=scopes)  # type: ignore[no-untyped-call]
    if kind == "authorized_user":
        return user_credentials.Credentials(  # type: ignore[no-untyped-call]
            None,
            refresh_token=info.get("refresh_token"),
            client_id=info.get("client_id"),
            client_secret=info.get("client_secret"),
            token_uri=google_url(env, TOKEN_URL_VARIABLE, GOOGLE_TOKEN_URL),
            scopes=scopes,
            quota_project_id=info.get("quota_project_id"),
        )
    raise MissingExtra(Msg("{kind} credentials are not probed by this version", kind=kind))
