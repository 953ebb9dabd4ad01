"""The httpx client for the API requests: never following redirects, never sending the key anywhere but the
configured API host, every failure decoded into the same Diagnosis `explain` gives."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from claude_doctor.decode import explain_exception, explain_text
from claude_doctor.decode.exception import exception_text as exception_text  # the one cause-chain reader
from claude_doctor.model import Diagnosis

API_VERSION = "2023-06-01"
OAUTH_BETA = "oauth-2025-04-20"


@dataclass(frozen=True)
class Answer:
    status: int | None
    ms: float
    request_id: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    diagnosis: Diagnosis | None = None  # set when the request failed, at any layer
    redirect: str | None = None  # the Location of a 3xx, not followed

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


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


class ApiClient:
    """One httpx client for all the requests of a run: same proxy, same trust store, same deadline."""

    def __init__(
        self,
        base_url: str,
        headers: dict[str, str],
        *,
        proxy: str | None,
        cafile: str | None,
    ) -> None:
        import httpx

        from claude_doctor.checks.network.probe import tls_context

        self.base = base_url.rstrip("/")
        self.client = httpx.Client(
            headers={"anthropic-version": API_VERSION, "user-agent": "claude-doctor", **headers},
            proxy=proxy,
            verify=tls_context(cafile),
            trust_env=False,
            follow_redirects=False,
        )

    def close(self) -> None:
        self.client.close()

    def call(self, method: str, path: str, timeout: float, json: Any = None) -> Answer:
        import httpx

        started = time.perf_counter()
        try:
            response = self.client.request(method, self.base + path, json=json, timeout=max(0.05, timeout))
        except httpx.HTTPError as exc:
            return Answer(None, (time.perf_counter() - started) * 1000, diagnosis=explain_exception(exc))
        ms = (time.perf_counter() - started) * 1000
        headers = {k.lower(): v for k, v in response.headers.items()}
        request_id = headers.get("request-id")
        if 300 <= response.status_code < 400:
            return Answer(response.status_code, ms, request_id, headers, redirect=headers.get("location", "?"))
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text[:2000]
        if response.is_success and request_id is not None:
            return Answer(response.status_code, ms, request_id, headers, body)
        text = raw_response_text(response.status_code, headers, response.text[:20000])
        return Answer(response.status_code, ms, request_id, headers, body, explain_text(text))
