"""The mock, judged by real clients: the official Python SDK raises what it raises against the real API, and
`explain` classifies each scenario's raw response."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from claude_doctor.decode import explain_text
from claude_doctor.mock import SCENARIO_NAMES, running
from claude_doctor.render.mock import request_line

anthropic = pytest.importorskip("anthropic")

KEY = "sk-ant-api03-" + "k3Y" * 31 + "AA"
MESSAGE = {"model": "claude-haiku-4-5-20251001", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}

# scenario → (SDK exception class name, HTTP status, explain category)
ERRORS = {
    "overloaded": ("OverloadedError", 529, "overloaded"),
    "rate_limited": ("RateLimitError", 429, "rate_limited"),
    "rate_limited_no_retry": ("RateLimitError", 429, "rate_limited"),
    "spend_limit": ("EnforcedSpendLimitReachedError", 429, "billing"),
    "server_error": ("InternalServerError", 500, "server_error"),
    "timeout": ("GatewayTimeoutError", 504, "timeout"),
    "invalid_key": ("AuthenticationError", 401, "invalid_key"),
    "permission": ("PermissionDeniedError", 403, "permission"),
    "not_found": ("NotFoundError", 404, "not_found"),
    "too_large": ("ContentTooLargeError", 413, "request_too_large"),
    "context_too_long": ("BadRequestError", 400, "context_too_long"),
    "credit": ("BadRequestError", 400, "billing"),
    "html_gateway": ("InternalServerError", 502, "proxy"),  # not Anthropic answering: a gateway in the path
}


def drain(c: anthropic.Anthropic) -> None:
    with c.messages.stream(**MESSAGE) as stream:  # type: ignore[arg-type]
        for _event in stream:
            pass


_CLIENTS: list[Any] = []  # anthropic.Anthropic, imported only when installed


@pytest.fixture(autouse=True)
def _close_clients() -> Iterator[None]:
    """Every client closed when its test ends: an SDK client left to the garbage collector may have its sockets
    finalised before it closes them, a ResourceWarning at some later, unrelated moment."""
    yield
    while _CLIENTS:
        _CLIENTS.pop().close()


def client(base_url: str, **options: object) -> anthropic.Anthropic:
    made = anthropic.Anthropic(base_url=base_url, api_key=KEY, **options)  # type: ignore[arg-type]
    _CLIENTS.append(made)
    return made


def test_every_scenario_is_covered_here() -> None:
    covered = set(ERRORS) | {"ok", "stream_error", "slow", "hang", "drop"}
    assert covered == set(SCENARIO_NAMES)


@pytest.mark.parametrize("scenario", sorted(ERRORS))
def test_sdk_raises_the_right_error(scenario: str) -> None:
    class_name, status, _category = ERRORS[scenario]
    with running(scenario) as mock, pytest.raises(anthropic.APIStatusError) as caught:
        client(mock.base_url, max_retries=0).messages.create(**MESSAGE)
    exc = caught.value
    assert type(exc).__name__ == class_name
    assert exc.status_code == status
    if scenario in {"too_large", "html_gateway"}:
        assert exc.request_id is None  # the edge and gateways send no request-id
    else:
        assert exc.request_id is not None
        assert exc.request_id.startswith("req_")


@pytest.mark.parametrize("scenario", sorted(ERRORS))
def test_explain_classifies_the_raw_response(scenario: str) -> None:
    _class_name, status, category = ERRORS[scenario]
    with running(scenario) as mock:
        response = httpx.post(
            f"{mock.base_url}/v1/messages", json=MESSAGE, headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"}
        )
    raw = f"HTTP/1.1 {response.status_code} X\n" + "".join(f"{k}: {v}\n" for k, v in response.headers.items())
    diagnosis = explain_text(raw + "\n" + response.text)
    assert diagnosis.status == status
    assert diagnosis.category == category


def test_ok_answers_messages_models_and_count_tokens() -> None:
    with running("ok") as mock:
        c = client(mock.base_url, max_retries=0)
        reply = c.messages.create(**MESSAGE)
        assert reply.content[0].text  # type: ignore[union-attr]
        assert reply.stop_reason == "end_turn"
        models = c.models.list()
        assert [m.id for m in models.data][:1] == ["claude-opus-4-5-20251101"]
        assert c.models.retrieve("claude-haiku-4-5-20251001").display_name == "Claude Haiku 4.5"
        with pytest.raises(anthropic.NotFoundError):
            c.models.retrieve("claude-nope")
        counted = c.messages.count_tokens(model=MESSAGE["model"], messages=MESSAGE["messages"])  # type: ignore[arg-type]
        assert counted.input_tokens > 0
        raw = c.messages.with_raw_response.create(**MESSAGE)
        assert raw.headers["anthropic-ratelimit-requests-limit"] == "50"
        assert raw.headers["request-id"].startswith("req_")


def test_streaming_event_sequence() -> None:
    with running("ok") as mock, client(mock.base_url, max_retries=0).messages.stream(**MESSAGE) as stream:  # type: ignore[arg-type]
        types = [event.type for event in stream]
        final = stream.get_final_message()
    assert types[0] == "message_start"
    assert types[-1] == "message_stop"
    assert "content_block_delta" in types
    assert final.content[0].text == "Hello from the claude-doctor mock."  # type: ignore[union-attr]


def test_stream_error_after_200_is_a_plain_status_error_with_status_200() -> None:
    with running("stream_error") as mock, pytest.raises(anthropic.APIStatusError) as caught:
        drain(client(mock.base_url, max_retries=2))
    assert len(mock.requests) == 1  # never retried
    assert caught.value.status_code == 200
    assert type(caught.value).__name__ == "APIStatusError"


def test_sequence_succeeds_after_two_overloads_with_default_retries() -> None:
    with running("overloaded,overloaded,ok") as mock:
        reply = client(mock.base_url, max_retries=2).messages.create(**MESSAGE)
        assert [r.status for r in mock.requests] == [529, 529, 200]
    assert reply.stop_reason == "end_turn"


def test_retry_after_is_honoured() -> None:
    with running("rate_limited,ok", retry_after=1) as mock:
        started = time.monotonic()
        client(mock.base_url, max_retries=1).messages.create(**MESSAGE)
        elapsed = time.monotonic() - started
        assert [r.status for r in mock.requests] == [429, 200]
    assert elapsed >= 0.95


def test_spend_limit_is_retried_by_the_sdk_in_vain() -> None:
    with running("spend_limit") as mock:
        with pytest.raises(anthropic.RateLimitError):
            client(mock.base_url, max_retries=1).messages.create(**MESSAGE)
        assert [r.status for r in mock.requests] == [429, 429]


def test_x_should_retry_false_stops_the_sdk_despite_retry_after() -> None:
    with running("rate_limited_no_retry") as mock:
        started = time.monotonic()
        with pytest.raises(anthropic.RateLimitError) as caught:
            client(mock.base_url, max_retries=2).messages.create(**MESSAGE)
        assert [r.status for r in mock.requests] == [429]
    assert time.monotonic() - started < 5  # retry-after: 30 was not waited for
    assert caught.value.response.headers["retry-after"] == "30"
    assert caught.value.response.headers["x-should-retry"] == "false"


def test_no_credential_gets_401() -> None:
    with running("ok") as mock:
        response = httpx.get(f"{mock.base_url}/v1/models")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "x-api-key header is required"


def test_bearer_is_accepted_and_logged_masked() -> None:
    lines: list[str] = []
    with running("ok", log=lambda record: lines.append(request_line(record))) as mock:
        response = httpx.get(f"{mock.base_url}/v1/models", headers={"authorization": f"Bearer {KEY}"})
    assert response.status_code == 200
    assert len(lines) == 1
    assert "GET /v1/models step 1 ok -> 200" in lines[0]
    assert KEY not in lines[0]
    assert "sk-ant-api03-k3Yk" in lines[0]


def test_missing_version_header_is_rejected_like_the_api() -> None:
    with running("ok") as mock:
        response = httpx.post(f"{mock.base_url}/v1/messages", json=MESSAGE, headers={"x-api-key": KEY})
    assert response.status_code == 400
    assert explain_text(response.text).category == "invalid_request"


def test_slow_waits_for_latency() -> None:
    with running("slow", latency_ms=300) as mock:
        started = time.monotonic()
        client(mock.base_url, max_retries=0).messages.create(**MESSAGE)
    assert time.monotonic() - started >= 0.3


def test_hang_times_out_in_the_sdk() -> None:
    with running("hang") as mock, pytest.raises(anthropic.APITimeoutError):
        client(mock.base_url, max_retries=0, timeout=0.5).messages.create(**MESSAGE)


def test_drop_before_the_body_ends_is_a_connection_error() -> None:
    with running("drop") as mock, pytest.raises(anthropic.APIConnectionError):
        client(mock.base_url, max_retries=0).messages.create(**MESSAGE)


def test_drop_mid_stream_escapes_the_sdk_unwrapped() -> None:
    """Observed with anthropic 2.13: a stream cut mid-body raises httpx2's RemoteProtocolError while iterating,
    not an anthropic.APIConnectionError, and is not retried. `explain` names it either way."""
    with running("drop") as mock, pytest.raises(Exception) as caught:  # noqa: PT011 — httpx2's class, not the SDK's
        drain(client(mock.base_url, max_retries=2))
    assert len(mock.requests) == 1
    assert not isinstance(caught.value, anthropic.APIError)
    text = f"{type(caught.value).__module__}.{type(caught.value).__name__}: {caught.value}"
    assert explain_text(text).category == "stream_interrupted"
