"""The httpx client for the API requests: one per probe (an endpoint, a credential, a proxy), carrying the headers of
the client being checked, verifying TLS against that client's trust store, never following a redirect, reading at most
MAX_BODY bytes of any answer, retrying as that client would within the run's deadline, and decoding every failure into
the same Diagnosis `explain` gives.

On a direct path the connection goes to the address the path walk resolved and judged (the `Host` header and TLS name
stay the endpoint's), so what was checked is what is used, and a credential in clear only ever reaches a loopback
address.
"""

from __future__ import annotations

import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claude_doctor.checks.resolve.clients import Wire
from claude_doctor.decode import explain_exception, explain_text
from claude_doctor.decode.exception import exception_text as exception_text  # the one cause-chain reader
from claude_doctor.i18n import Msg
from claude_doctor.model import Diagnosis
from claude_doctor.retry import retry_delay, should_retry

API_VERSION = "2023-06-01"
OAUTH_BETA = "oauth-2025-04-20"
MAX_BODY = 1024 * 1024  # no answer of the API to these requests comes near; a bigger one is cut, and said to be
MIN_ATTEMPT_SECONDS = 0.5  # a retry that would leave less than this for its own answer is not made
ANSWER_MARGIN = 0.3  # a request gives up this long before the run's deadline, so its own timeout is reported
USER_AGENT = "claude-doctor"


@dataclass(frozen=True)
class Attempt:
    status: int | None  # None: no answer (a connection error or timeout)
    retry_after_s: float | None  # what the server asked for
    waited_s: float  # how long this run waited before the next attempt (0 for the last)


@dataclass(frozen=True)
class Answer:
    status: int | None
    ms: float
    request_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    diagnosis: Diagnosis | None = None  # set when the request failed, at any layer
    redirect: str | None = None  # the Location of a 3xx, not followed
    truncated: bool = False  # the body was longer than MAX_BODY and was cut
    attempts: tuple[Attempt, ...] = ()
    not_waited_s: float | None = None  # the client would have waited this long and tried again; the deadline forbade

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def text(self) -> str:
        return self.body if isinstance(self.body, str) else ""


def credential_headers(value: str, header: str) -> dict[str, str]:
    if header == "x-api-key":
        return {"x-api-key": value}
    headers = {"authorization": f"Bearer {value}"}
    if value.startswith("sk-ant-oat"):
        headers["anthropic-beta"] = OAUTH_BETA  # what Claude Code sends with a subscription token (undocumented)
    return headers


def raw_response_text(status: int, headers: dict[str, str], body: str) -> str:
    head = "".join(f"{name}: {value}\n" for name, value in headers.items())
    return f"HTTP/1.1 {status}\n{head}\n{body}"


def _with_address(url: str, address: str) -> str:
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class ApiClient:
    """One httpx client for one probe: same proxy, same trust store, same headers for every request."""

    def __init__(
        self,
        base_url: str,
        wire: Wire,
        *,
        proxy: str | None,
        context: ssl.SSLContext,
        connect_to: str | None = None,
    ) -> None:
        import httpx

        parts = urlsplit(base_url.strip())
        self.base = base_url.strip().rstrip("/")
        self.host = parts.hostname or ""
        self.scheme = parts.scheme
        self.connect_to = connect_to
        self.wire = wire
        headers = {"anthropic-version": wire.api_version, "user-agent": USER_AGENT, **dict(wire.headers)}
        if connect_to is not None:
            headers["host"] = parts.netloc.rsplit("@", 1)[-1]
        self.client = httpx.Client(
            headers=headers, proxy=proxy, verify=context, trust_env=False, follow_redirects=False
        )

    def close(self) -> None:
        self.client.close()

    def call(
        self, method: str, path: str, timeout: float, json: Any = None, headers: dict[str, str] | None = None
    ) -> Answer:
        """One request; `headers` replace the client's own for this request (the other header style of a relay)."""
        import httpx

        url = self.base + path
        extensions: dict[str, Any] = {}
        if self.connect_to is not None:
            url = _with_address(url, self.connect_to)
            if self.scheme == "https":
                extensions["sni_hostname"] = self.host
        request_headers = dict(headers) if headers is not None else None
        started = time.perf_counter()
        deadline = time.monotonic() + max(0.05, timeout)
        try:
            request = self.client.build_request(
                method, url, json=json, timeout=max(0.05, timeout), extensions=extensions, headers=request_headers
            )
            if request_headers is not None:
                for name in ("x-api-key", "authorization", "anthropic-beta"):
                    if name not in request_headers and name in request.headers:
                        del request.headers[name]
            response = self.client.send(request, stream=True)
            try:
                data, truncated = _read_capped(response, deadline)
            finally:
                response.close()
        except httpx.HTTPError as exc:
            return Answer(None, (time.perf_counter() - started) * 1000, diagnosis=explain_exception(exc))
        ms = (time.perf_counter() - started) * 1000
        response_headers = {k.lower(): v for k, v in response.headers.items()}
        request_id = response_headers.get("request-id")
        if 300 <= response.status_code < 400:
            location = response_headers.get("location", "?")
            return Answer(response.status_code, ms, request_id, response_headers, redirect=location)
        text = data.decode(response.encoding or "utf-8", "replace")
        body: Any
        try:
            import json as json_module

            body = json_module.loads(text) if not truncated else text
        except ValueError:
            body = text
        if response.is_success:  # whether a request-id should be there is the caller's judgement (relays have none)
            return Answer(response.status_code, ms, request_id, response_headers, body, truncated=truncated)
        diagnosis = explain_text(raw_response_text(response.status_code, response_headers, text[:20000]))
        return Answer(response.status_code, ms, request_id, response_headers, body, diagnosis, truncated=truncated)

    def call_retrying(
        self,
        method: str,
        path: str,
        remaining: Callable[[], float],
        *,
        max_retries: int,
        json: Any = None,
        on_retry: Callable[[str], None] | None = None,
    ) -> Answer:
        """The request as the client would make it: a retryable answer (the SDKs' rule: `x-should-retry`, 408, 409,
        429, >= 500, no answer) is tried again up to `max_retries` times after the client's wait (`retry-after`
        honoured), as long as the run's deadline leaves room for the wait and one more answer."""
        attempts: list[Attempt] = []
        retries = 0
        while True:
            answer = self.call(method, path, remaining() - ANSWER_MARGIN, json)
            retryable = (answer.status is None and answer.diagnosis is not None and answer.redirect is None) or (
                answer.status is not None and answer.status >= 400 and should_retry(answer.status, answer.headers)
            )
            server_wait = _server_wait(answer)
            if not retryable or retries >= max_retries:
                attempts.append(Attempt(answer.status, server_wait, 0.0))
                return replace(answer, attempts=tuple(attempts))
            delay = retry_delay(retries, answer.headers, jitter=random.random())
            if delay + MIN_ATTEMPT_SECONDS > remaining():
                attempts.append(Attempt(answer.status, server_wait, 0.0))
                return replace(answer, attempts=tuple(attempts), not_waited_s=round(delay, 3))
            attempts.append(Attempt(answer.status, server_wait, round(delay, 3)))
            if on_retry is not None:
                on_retry(
                    Msg("{method} {path}: waiting {delay:.1f} s to try again", method=method, path=path, delay=delay)
                )
            time.sleep(delay)
            retries += 1


def _server_wait(answer: Answer) -> float | None:
    from claude_doctor.retry import parse_retry_after

    value = parse_retry_after(answer.headers) if answer.headers else None
    return round(value, 3) if value is not None and value > 0 else None


def _read_capped(response: Any, deadline: float) -> tuple[bytes, bool]:
    """The body up to MAX_BODY bytes, and whether there was more; an endless body ends at the deadline too."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY:
            return b"".join(chunks)[:MAX_BODY], True
        if time.monotonic() > deadline:
            return b"".join(chunks), True
    return b"".join(chunks), False
