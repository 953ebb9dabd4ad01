"""Live exceptions read into a Diagnosis: real SDK and httpx exceptions raised against loopback servers (the mock
over HTTP and HTTPS, a closed port, a listener that never answers), and duck-typed objects.

The rule under test: a live exception gives the diagnosis its pasted traceback gives, plus what only it knows (the
response headers, the status of an error raised inside a stream, the classes of its causes).
"""

from __future__ import annotations

import json
import socket
import ssl
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import trustme
from hypothesis import given, settings
from hypothesis import strategies as st

import claude_doctor
from claude_doctor.decode import explain_exception, explain_text
from claude_doctor.decode.exception import (
    MAX_LINKS,
    causes,
    exception_facts,
    exception_text,
    is_error_like,
    read_exception,
)
from claude_doctor.mock import running
from claude_doctor.model import CATEGORIES, Diagnosis

anthropic = pytest.importorskip("anthropic")

KEY = "sk-ant-api03-" + "k3Y" * 31 + "AA"
MESSAGE = {"model": "claude-haiku-4-5-20251001", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}


def sdk_error(scenario: str, *, stream: bool = False, **mock_options: Any) -> Any:
    """The exception the official SDK raises for one mock scenario, with retries off."""
    with (
        running(scenario, **mock_options) as mock,
        anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0, timeout=2.0) as client,
    ):
        try:
            if stream:
                with client.messages.stream(**MESSAGE) as events:  # type: ignore[arg-type]
                    for _event in events:
                        pass
            else:
                client.messages.create(**MESSAGE)  # type: ignore[arg-type]
        except Exception as exc:
            return exc
    pytest.fail(f"the SDK raised nothing for {scenario}")


def traceback_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))


def network_title(kind: str) -> str:
    found = claude_doctor.lookup(kind)
    assert found is not None
    return found.title


# scenario → (SDK class, status, category, retryable, sdk_retries)
STATUS_ERRORS: dict[str, tuple[str, int, str, bool, bool]] = {
    "overloaded": ("OverloadedError", 529, "overloaded", True, True),
    "rate_limited": ("RateLimitError", 429, "rate_limited", True, True),
    "rate_limited_no_retry": ("RateLimitError", 429, "rate_limited", True, False),
    "spend_limit": ("EnforcedSpendLimitReachedError", 429, "billing", False, True),
    "invalid_key": ("AuthenticationError", 401, "invalid_key", False, False),
    "permission": ("PermissionDeniedError", 403, "permission", False, False),
    "not_found": ("NotFoundError", 404, "not_found", False, False),
    "context_too_long": ("BadRequestError", 400, "context_too_long", False, False),
    "credit": ("BadRequestError", 400, "billing", False, False),
    "server_error": ("InternalServerError", 500, "server_error", True, True),
    "timeout": ("GatewayTimeoutError", 504, "timeout", True, True),
    "html_gateway": ("InternalServerError", 502, "proxy", True, True),
    "too_large": ("ContentTooLargeError", 413, "request_too_large", False, False),
}


@pytest.mark.parametrize("scenario", sorted(STATUS_ERRORS))
def test_sdk_status_error(scenario: str) -> None:
    class_name, status, category, retryable, sdk_retries = STATUS_ERRORS[scenario]
    exc = sdk_error(scenario)
    assert type(exc).__name__ == class_name
    d = claude_doctor.explain(exc)
    assert isinstance(d, Diagnosis)
    assert (d.status, d.category, d.retryable, d.sdk_retries) == (status, category, retryable, sdk_retries)
    assert d.source_shape == "exception"
    sent = exc.response.headers.get("request-id")
    assert d.request_id == sent  # None for the edge's 413 and the gateway's page, which send none
    if sent is not None:
        assert sent.startswith("req_")
        assert exc.body["request_id"] == sent
    assert d.error_type == (exc.body["error"]["type"] if isinstance(exc.body, dict) else None)
    assert d.error_code == exc.error_code


@pytest.mark.parametrize("scenario", sorted(STATUS_ERRORS))
def test_live_exception_agrees_with_its_pasted_traceback(scenario: str) -> None:
    exc = sdk_error(scenario)
    live, pasted = claude_doctor.explain(exc), explain_text(traceback_of(exc))
    same = ("status", "category", "error_type", "error_code", "request_id", "retryable", "title")
    if scenario == "html_gateway":
        # Only the live one has the headers, which show that no Anthropic request id came: a gateway answered. The
        # traceback shows only the page, which is diagnosed by its status (the real-world corpus's convention for a
        # pasted error page) and says what wrote it.
        assert (live.category, pasted.category) == ("proxy", "server_error")
        assert any("What answered: an HTML page" in note for note in pasted.notes)
        same = ("status", "error_type", "error_code", "request_id", "retryable")
    assert {f: getattr(live, f) for f in same} == {f: getattr(pasted, f) for f in same}
    # What only the live one knows: the headers. They change the SDK's verdict only when x-should-retry says so.
    assert pasted.headers == ()
    assert dict(live.headers)["content-type"] == "application/json" or scenario == "html_gateway"
    if scenario != "rate_limited_no_retry":
        assert live.sdk_retries == pasted.sdk_retries


def test_the_headers_str_exc_loses() -> None:
    """The issue's case: a 429 with `x-should-retry: false` and `retry-after: 30`."""
    exc = sdk_error("rate_limited_no_retry")
    assert exc.response.headers["x-should-retry"] == "false"
    from_text = explain_text(str(exc))
    assert (from_text.sdk_retries, from_text.retry_after_s) == (True, None)  # what pasting str(exc) gives
    d = claude_doctor.explain(exc)
    assert d.sdk_retries is False
    assert d.retry_after_s == 30.0
    assert d.retryable is True  # waiting helps; the SDK just will not do it for you
    assert d.sdk_schedule == ()
    assert d.request_id == exc.request_id


def test_retry_after_and_schedule_from_the_headers() -> None:
    exc = sdk_error("rate_limited", retry_after=7)
    d = claude_doctor.explain(exc)
    assert d.retry_after_s == 7.0
    assert d.sdk_retries is True
    assert d.sdk_schedule == ((7.0, 7.0), (7.0, 7.0))  # the SDK waits what the server asks, twice by default
    assert dict(d.headers)["anthropic-ratelimit-requests-remaining"] == "0"


def test_retry_after_ms_wins_over_retry_after() -> None:
    d = claude_doctor.explain(
        Response(429, {"Retry-After": "30", "retry-after-ms": "1500", "request-id": "req_011CAbCdEfGhJkLmNoPqRsTu"})
    )
    assert d.retry_after_s == 1.5
    assert d.request_id == "req_011CAbCdEfGhJkLmNoPqRsTu"


def test_stream_error_is_known_to_come_after_200() -> None:
    exc = sdk_error("stream_error", stream=True)
    assert exc.status_code == 200
    d = claude_doctor.explain(exc)
    # The HTTP answer was 200; the status is the one the error type stands for, and says so.
    assert (d.status, d.status_source, d.category, d.error_type) == (529, "inferred", "overloaded", "overloaded_error")
    assert d.sdk_retries is False  # raised while iterating a 200: never retried
    assert d.retryable is True
    assert d.request_id == exc.response.headers["request-id"]
    assert any("inside a stream after HTTP 200" in note for note in d.notes)
    # The pasted traceback cannot know it was a stream, nor the request id.
    pasted = explain_text(traceback_of(exc))
    assert (pasted.category, pasted.request_id) == ("overloaded", None)


def test_hang_is_a_read_timeout() -> None:
    with running("hang") as mock:
        client = anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0, timeout=0.3)
        with pytest.raises(anthropic.APITimeoutError) as caught:
            client.messages.create(**MESSAGE)  # type: ignore[arg-type]
    d = claude_doctor.explain(caught.value)
    assert (d.status, d.category, d.sdk_retries) == (None, "timeout", True)
    assert d.title == network_title("read_timeout")
    assert d.source_shape == "exception"


def test_drop_is_a_stream_interrupted_under_the_connection_error() -> None:
    exc = sdk_error("drop")
    assert type(exc).__name__ == "APIConnectionError"
    assert str(exc) == "Connection error."  # all str(exc) says: the cause is in the chain
    assert explain_text(str(exc)).category == "connect"
    d = claude_doctor.explain(exc)
    assert d.category == "stream_interrupted"
    assert d.title == network_title("stream_interrupted")


def test_drop_mid_stream_escapes_unwrapped_and_is_still_named() -> None:
    exc = sdk_error("drop", stream=True)
    assert not isinstance(exc, anthropic.APIError)
    assert claude_doctor.explain(exc).category == "stream_interrupted"


def test_connection_error_caused_by_an_untrusted_certificate() -> None:
    ca = trustme.CA(organization_name="Example Corp Inspection CA")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with running("ok", ssl_context=context) as mock:
        client = anthropic.Anthropic(base_url=mock.base_url, api_key=KEY, max_retries=0, timeout=5.0)
        with pytest.raises(anthropic.APIConnectionError) as caught:
            client.messages.create(**MESSAGE)  # type: ignore[arg-type]
    exc = caught.value
    assert str(exc) == "Connection error."
    assert exc.__cause__ is not None
    d = claude_doctor.explain(exc)
    assert d.category == "tls"
    assert d.sdk_retries is True
    assert d.title in {network_title("tls_untrusted"), network_title("tls_self_signed")}
    assert "CERTIFICATE_VERIFY_FAILED" in exception_text(exc)


# -- httpx, against loopback -------------------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def silent_listener() -> Iterator[int]:
    """Completes the TCP handshake (the kernel's backlog) and never says a word."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield int(sock.getsockname()[1])
    finally:
        sock.close()


def test_httpx_refused_port() -> None:
    with pytest.raises(httpx.ConnectError) as caught:
        httpx.get(f"http://127.0.0.1:{closed_port()}/v1/models", timeout=2.0)
    d = claude_doctor.explain(caught.value)
    assert (d.status, d.category) == (None, "connect")
    assert d.title == network_title("connection_refused")
    assert d.sdk_retries is True


def test_httpx_read_timeout_from_a_listener_that_never_answers() -> None:
    with silent_listener() as port, pytest.raises(httpx.ReadTimeout) as caught:
        httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=httpx.Timeout(2.0, read=0.3))
    d = claude_doctor.explain(caught.value)
    assert (d.status, d.category) == (None, "timeout")
    assert d.title == network_title("read_timeout")


def test_httpx_status_error_with_its_response() -> None:
    with running("rate_limited_no_retry") as mock:
        response = httpx.post(
            f"{mock.base_url}/v1/messages", json=MESSAGE, headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"}
        )
    with pytest.raises(httpx.HTTPStatusError) as caught:
        response.raise_for_status()
    d = claude_doctor.explain(caught.value)
    assert (d.status, d.category, d.error_type) == (429, "rate_limited", "rate_limit_error")
    assert (d.retry_after_s, d.sdk_retries) == (30.0, False)
    assert d.request_id == response.headers["request-id"] == response.json()["request_id"]
    # The response alone carries the same facts.
    assert claude_doctor.explain(response).to_json() == d.to_json()


def test_httpx_unread_streamed_body_is_left_unread() -> None:
    """Reading the body of a streamed response would be I/O: the decoder uses the status and headers only."""
    with running("overloaded") as mock, httpx.Client() as client:
        request = client.build_request(
            "POST",
            f"{mock.base_url}/v1/messages",
            json=MESSAGE,
            headers={"x-api-key": KEY, "anthropic-version": "2023-06-01"},
        )
        response = client.send(request, stream=True)
        try:
            d = claude_doctor.explain(httpx.HTTPStatusError("overloaded", request=request, response=response))
            assert not response.is_stream_consumed
        finally:
            response.close()
    assert (d.status, d.category, d.sdk_retries) == (529, "overloaded", True)
    assert d.request_id == response.headers["request-id"]
    assert d.error_type is None  # the body was never read


def test_the_check_commands_api_client_uses_the_same_reader() -> None:
    import ssl

    from claude_doctor.checks.api.client import ApiClient
    from claude_doctor.checks.resolve.clients import Wire

    wire = Wire("2023-06-01", (("x-api-key", KEY),))
    client = ApiClient(f"http://127.0.0.1:{closed_port()}", wire, proxy=None, context=ssl.create_default_context())
    try:
        answer = client.call("GET", "/v1/models", timeout=2.0)
    finally:
        client.close()
    assert answer.status is None
    assert answer.diagnosis is not None
    assert answer.diagnosis.title == network_title("connection_refused")
    assert answer.diagnosis.source_shape == "exception"


# -- duck typing -------------------------------------------------------------------------------------------------


class Response:
    """A response-like object: what requests, aiohttp or a relay's client leave behind."""

    def __init__(self, status_code: int, headers: dict[str, str], content: bytes = b"") -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content


class BodyOnly:
    def __init__(self, status_code: int | None, body: object) -> None:
        self.status_code = status_code
        self.body = body


OVERLOADED = {
    "type": "error",
    "error": {"type": "overloaded_error", "message": "Overloaded"},
    "request_id": "req_011CQwbT8m3Lz7Rk2sVfAbCd",
}


def test_object_with_only_status_code_and_body() -> None:
    d = claude_doctor.explain(BodyOnly(529, OVERLOADED))
    assert (d.status, d.category, d.error_type) == (529, "overloaded", "overloaded_error")
    assert d.request_id == "req_011CQwbT8m3Lz7Rk2sVfAbCd"
    assert d.source_shape == "exception"
    # The same as the SDK's own text for it.
    pasted = explain_text(f"Error code: 529 - {OVERLOADED}")
    assert (pasted.category, pasted.request_id, pasted.sdk_retries) == (d.category, d.request_id, d.sdk_retries)


def test_status_without_headers_does_not_claim_a_gateway() -> None:
    """No headers known is not "no request-id header": a bare 502 is a server error, not a proxy's page."""
    assert claude_doctor.explain(BodyOnly(502, None)).category == "server_error"
    assert claude_doctor.explain(Response(502, {"server": "nginx"})).category == "proxy"


def test_body_as_bytes_and_as_raw_text() -> None:
    as_bytes = claude_doctor.explain(BodyOnly(429, json.dumps(OVERLOADED).encode()))
    as_text = claude_doctor.explain(BodyOnly(429, json.dumps(OVERLOADED)))
    assert as_bytes.to_json() == as_text.to_json()
    assert as_text.error_type == "overloaded_error"


def test_body_only_without_status() -> None:
    d = claude_doctor.explain(BodyOnly(None, OVERLOADED))
    assert (d.status, d.status_source, d.category) == (529, "inferred", "overloaded")


def test_a_wrapped_sdk_error_is_found_down_the_chain() -> None:
    inner = sdk_error("spend_limit")
    try:
        raise RuntimeError("nightly job failed") from inner
    except RuntimeError as outer:
        d = claude_doctor.explain(outer)
    assert (d.status, d.category, d.error_code) == (429, "billing", "enforced_spend_limit_reached")
    assert d.request_id == inner.request_id


def test_implicit_context_is_followed() -> None:
    try:
        try:
            raise ConnectionRefusedError(111, "Connection refused")
        except OSError:
            raise RuntimeError("could not reach Claude")  # noqa: B904 — the implicit context is the point
    except RuntimeError as outer:
        d = claude_doctor.explain(outer)
    assert d.title == network_title("connection_refused")


def test_exception_group_members_are_read() -> None:
    group = ExceptionGroup("task group", [ValueError("unrelated"), BodyOnlyError(529, OVERLOADED)])
    assert claude_doctor.explain(group).category == "overloaded"


class BodyOnlyError(Exception):
    def __init__(self, status_code: int, body: object) -> None:
        super().__init__(f"HTTP {status_code}")
        self.status_code = status_code
        self.body = body


class ConnectTimeout(Exception):
    """Named like httpx's: the class name alone tells the kind."""


class CorporateTimeout(ConnectTimeout):
    pass


def test_class_names_along_the_mro_name_the_failure() -> None:
    # An empty message names nothing: the class (through a subclass) does.
    try:
        try:
            raise CorporateTimeout()
        except CorporateTimeout as inner:
            raise ConnectionError() from inner
    except ConnectionError as outer:
        # The text has only "Timeout" inside a class name to go on: at most a timeout, never another kind.
        pasted = explain_text(exception_text(outer))
        assert pasted.category in ("timeout", "unknown")
        d = claude_doctor.explain(outer)
    assert d.title == network_title("connect_timeout")


def test_errno_names_the_failure_whatever_the_language_of_the_message() -> None:
    import errno

    class SocketFailure(OSError):
        def __str__(self) -> str:  # a library that prints only the OS's localised text
            return str(self.strerror)

    exc = SocketFailure(errno.ECONNREFUSED, "由于目标计算机积极拒绝，无法连接。")
    assert explain_text(exception_text(exc)).category == "unknown"
    assert claude_doctor.explain(exc).title == network_title("connection_refused")


def test_cycles_and_long_chains_are_bounded() -> None:
    a, b = RuntimeError("a"), RuntimeError("b")
    a.__cause__, b.__cause__ = b, a
    assert [str(link) for link in causes(a)] == ["a", "b"]
    assert claude_doctor.explain(a).category == "unknown"

    head = current = ValueError("0")
    for i in range(1, 10_000):
        following = ValueError(str(i))
        current.__cause__ = following
        current = following
    current.__cause__ = BodyOnlyError(529, OVERLOADED)  # too deep to be seen
    assert len(causes(head)) == MAX_LINKS
    assert claude_doctor.explain(head).category == "unknown"


class Hostile(Exception):
    @property
    def status_code(self) -> int:
        raise RuntimeError("property blew up")

    @property
    def response(self) -> object:
        raise RuntimeError("property blew up")

    def __str__(self) -> str:
        raise RuntimeError("str blew up")


def test_attributes_that_raise_are_skipped() -> None:
    d = explain_exception(Hostile())
    assert d.category == "unknown"
    assert d.source_shape == "exception"
    assert "<unprintable>" in read_exception(Hostile()).chain


def test_the_request_and_its_credential_are_never_read() -> None:
    """`exc.request` carries the API key; nothing of it may reach the diagnosis."""
    exc = sdk_error("invalid_key")
    assert KEY not in json.dumps(claude_doctor.explain(exc).to_json())
    assert KEY not in repr(read_exception(exc))


def test_is_error_like() -> None:
    assert is_error_like(ValueError("x"))
    assert is_error_like(BodyOnly(500, None))
    assert is_error_like(Response(200, {}))
    assert not is_error_like(object())
    assert not is_error_like(529)


def test_facts_shape_is_exception_for_text_and_status_paths() -> None:
    assert exception_facts(ValueError("Connection refused")).shape == "exception"
    assert exception_facts(BodyOnly(529, OVERLOADED)).shape == "exception"


# -- unbounded input ---------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    status=st.one_of(st.none(), st.integers(-10, 1000), st.booleans(), st.text(max_size=5)),
    body=st.one_of(json_values, st.binary(max_size=200)),
    headers=st.dictionaries(st.text(max_size=20), st.text(max_size=40), max_size=6),
    message=st.text(max_size=200),
)
def test_any_attributes_decode_without_raising(
    status: object, body: object, headers: dict[str, str], message: str
) -> None:
    class Anything(Exception):
        pass

    exc = Anything(message)
    exc.status_code = status  # type: ignore[attr-defined]
    exc.body = body  # type: ignore[attr-defined]
    exc.response = Response(599, headers)  # type: ignore[attr-defined]
    facts = exception_facts(exc)  # the inner pipeline: explain_exception's safety net would hide a crash
    from claude_doctor.decode.classify import to_diagnosis

    d = to_diagnosis(facts)
    assert d.category in CATEGORIES
    assert d.status is None or 100 <= d.status <= 599
    json.dumps(d.to_json())
