"""Our retry policy against the installed official SDK's own functions: they must agree on every input."""

from __future__ import annotations

import email.utils
from collections.abc import Iterator

import anthropic
import anthropic._base_client as sdk_base
import httpx2
import pytest
from anthropic._models import FinalRequestOptions
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.retry import parse_retry_after, retry_delay, retry_schedule, should_retry

NOW = 1_790_000_000.0  # a fixed clock, so both sides see the same "now" for HTTP dates

statuses = st.integers(min_value=100, max_value=599)
header_values = st.one_of(
    st.integers(min_value=-100, max_value=10_000_000).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", " ", "abc", "1e3", "-0", "nan", "inf", "0.001", "60", "61", "3600", "true", "false"]),
    st.integers(min_value=-86_400, max_value=86_400).map(lambda d: email.utils.formatdate(NOW + d, usegmt=True)),
    st.text(max_size=12),
)
should_retry_values = st.sampled_from(["true", "false", "True", "FALSE", "1", "", "yes"])


@st.composite
def header_sets(draw: st.DrawFn) -> dict[str, str]:
    headers: dict[str, str] = {}
    if draw(st.booleans()):
        headers[draw(st.sampled_from(["retry-after", "Retry-After", "RETRY-AFTER"]))] = draw(header_values)
    if draw(st.booleans()):
        headers[draw(st.sampled_from(["retry-after-ms", "Retry-After-Ms"]))] = draw(header_values)
    if draw(st.booleans()):
        headers[draw(st.sampled_from(["x-should-retry", "X-Should-Retry"]))] = draw(should_retry_values)
    return {k: v for k, v in headers.items() if _header_safe(v)}


def _header_safe(value: str) -> bool:
    return all(32 <= ord(c) < 127 for c in value) and value == value.strip()


@pytest.fixture(scope="module")
def client() -> Iterator[anthropic.Anthropic]:
    c = anthropic.Anthropic(api_key="sk-ant-api03-test", base_url="http://127.0.0.1:9")
    yield c
    c.close()


@settings(max_examples=400, deadline=None)
@given(status=statuses, headers=header_sets())
def test_should_retry_agrees_with_sdk(client: anthropic.Anthropic, status: int, headers: dict[str, str]) -> None:
    response = httpx2.Response(status, headers=headers, request=httpx2.Request("POST", "http://127.0.0.1:9/v1/x"))
    assert should_retry(status, headers) == client._should_retry(response)


@settings(max_examples=400, deadline=None)
@given(headers=header_sets())
def test_parse_retry_after_agrees_with_sdk(client: anthropic.Anthropic, headers: dict[str, str]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sdk_base.time, "time", lambda: NOW)
        theirs = client._parse_retry_after_header(httpx2.Headers(headers))
    ours = parse_retry_after(headers, now=NOW)
    if theirs is None or ours is None:
        assert theirs is ours
    elif theirs != theirs:  # NaN
        assert ours != ours
    else:
        assert ours == pytest.approx(theirs)


@settings(max_examples=400, deadline=None)
@given(
    headers=header_sets(),
    retries_taken=st.integers(min_value=0, max_value=12),
    jitter=st.floats(min_value=0.0, max_value=0.999999),
)
def test_retry_delay_agrees_with_sdk(
    client: anthropic.Anthropic,
    headers: dict[str, str],
    retries_taken: int,
    jitter: float,
) -> None:
    max_retries = 20
    options = FinalRequestOptions.construct(method="post", url="/v1/messages", max_retries=max_retries)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sdk_base.time, "time", lambda: NOW)
        mp.setattr(sdk_base, "random", lambda: jitter)
        theirs = client._calculate_retry_timeout(max_retries - retries_taken, options, httpx2.Headers(headers))
    ours = retry_delay(retries_taken, headers, jitter=jitter, now=NOW)
    assert ours == pytest.approx(theirs)


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (529, {}, [(0.375, 0.5), (0.75, 1.0)]),
        (429, {"retry-after": "17"}, [(17.0, 17.0), (17.0, 17.0)]),
        (429, {"retry-after-ms": "250"}, [(0.25, 0.25), (0.25, 0.25)]),
        (429, {"x-should-retry": "false"}, []),
        (400, {}, []),
        (400, {"x-should-retry": "true"}, [(0.375, 0.5), (0.75, 1.0)]),
        (500, {"retry-after": "0"}, [(0.375, 0.5), (0.75, 1.0)]),
    ],
)
def test_retry_schedule(status: int, headers: dict[str, str], expected: list[tuple[float, float]]) -> None:
    assert retry_schedule(status, headers) == expected


def test_backoff_caps_at_eight_seconds() -> None:
    schedule = retry_schedule(503, {}, max_retries=8)
    assert [hi for _lo, hi in schedule] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0, 8.0]
