"""A live exception, read into the same facts the text path finds, so `explain(exc)` and `explain(traceback)` agree.

What the exception adds over its pasted traceback is what `str(exc)` drops: the response's headers (`retry-after`,
`retry-after-ms`, `x-should-retry`, `request-id`), the status of an error raised inside a stream, and the classes of
the causes. Nothing here imports `anthropic`, `httpx` or `requests`: the official SDKs' errors, httpx's, requests',
litellm's and any object with `status_code`, `response` or `body` are read by their attributes, and network failures
by the class names along each cause's MRO. Pure: attributes are read, never a socket (an unread streaming body stays
unread), and the request (which carries the credential) is never looked at.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from claude_doctor.decode.classify import extract_facts
from claude_doctor.decode.facts import Facts
from claude_doctor.decode.network import CAUSE_NOT_SHOWN

SHAPE = "exception"
# Causes followed from the outermost exception: enough for SDK → httpx → httpcore → ssl → OSError with wrappers
# around it, and a bound for chains that loop or grow without end.
MAX_LINKS = 16
MAX_HEADERS = 200
MAX_BODY_CHARS = 64_000
MAX_MESSAGE_CHARS = 4_000
# The attributes that make an object an error this module can read, besides being an exception.
ERROR_ATTRIBUTES = ("status_code", "response", "body")

# Network failures by class name, for a cause whose message names nothing (an empty `str(exc)`, a localised OS
# message, a subclass). Looked up along each class's MRO, most derived first. The text of the chain is read first;
# these only count where it has no more than a guess: nothing, a bare wrapper, or a loose "timed out".
_CLASS_KINDS: dict[str, str] = {
    "ConnectTimeout": "connect_timeout",  # httpx, httpx2, httpcore, requests
    "ConnectTimeoutError": "connect_timeout",  # urllib3
    "ReadTimeout": "read_timeout",
    "ReadTimeoutError": "read_timeout",  # urllib3
    "WriteTimeout": "read_timeout",
    "TimeoutException": "read_timeout",  # httpx's base of every timeout
    "APITimeoutError": "read_timeout",  # the official SDKs
    "ServerTimeoutError": "read_timeout",  # aiohttp
    "TimeoutError": "read_timeout",  # builtins (socket.timeout, asyncio.TimeoutError)
    "ConnectionRefusedError": "connection_refused",
    "ConnectionResetError": "connection_reset",
    "ConnectionAbortedError": "connection_reset",
    "BrokenPipeError": "connection_reset",
    "RemoteProtocolError": "connection_reset",  # httpx: the server hung up or broke HTTP
    "ServerDisconnectedError": "connection_reset",  # aiohttp
    "RemoteDisconnected": "connection_reset",  # http.client
    "IncompleteRead": "stream_interrupted",  # http.client, urllib3
    "ChunkedEncodingError": "stream_interrupted",  # requests
    "ClientPayloadError": "stream_interrupted",  # aiohttp
    "gaierror": "dns_not_found",  # socket.getaddrinfo
    "NameResolutionError": "dns_not_found",  # urllib3
    "SSLCertVerificationError": "tls_untrusted",
    "SSLError": "tls_handshake",
    "ProxyError": "proxy_tunnel_failed",  # httpx: the proxy refused the CONNECT
    "ClientProxyConnectionError": "proxy_connect_failed",  # aiohttp
    "ConnectError": "connection_failed",  # httpx: the wrapper; its cause says more
    "APIConnectionError": "connection_failed",  # the official SDKs' wrapper
    "ConnectionError": "connection_failed",  # builtins and requests
}
# Kinds the text rules give on a loose word ("timed out", "Timeout" in any class name): a class says more.
_GUESSES = frozenset({CAUSE_NOT_SHOWN, "read_timeout"})
_ERRNO_KINDS: dict[int, str] = {
    code: kind
    for name, kind in (
        ("ECONNREFUSED", "connection_refused"),
        ("ECONNRESET", "connection_reset"),
        ("EPIPE", "connection_reset"),
        ("ETIMEDOUT", "connect_timeout"),
        ("EHOSTUNREACH", "host_unreachable"),
        ("ENETUNREACH", "network_unreachable"),
    )
    if (code := getattr(errno, name, None)) is not None
}


@dataclass(frozen=True)
class ExceptionFacts:
    """What an exception (or an error-like object) states, read from its attributes and those of its causes."""

    status: int | None = None
    # None when no headers are known at all (an object with only `status_code`), {} when a response had none.
    headers: dict[str, str] | None = None
    body: str | None = None  # the response body as text; a parsed JSON body is serialised back
    request_id: str | None = None
    chain: str = ""  # what a traceback prints for the chain: `module.Class: message`, root cause first
    class_kind: str | None = None  # the network failure the causes' classes (or errno) name


def is_error_like(value: object) -> bool:
    """An exception, or an object carrying what a failed HTTP call leaves behind."""
    if isinstance(value, BaseException):
        return True
    return any(_attr(value, name) is not None for name in ERROR_ATTRIBUTES)


def exception_text(exc: BaseException) -> str:
    """The cause chain as a traceback shows it, root cause first: `CERTIFICATE_VERIFY_FAILED` under `ConnectError`."""
    return _chain_text(causes(exc))


def _chain_text(links: list[object]) -> str:
    return "\n".join(reversed([_describe(link) for link in links if isinstance(link, BaseException)]))


def causes(value: object) -> list[object]:
    """The value and its causes, outermost first: `__cause__`, else `__context__` (even when suppressed: the live
    object knows more than its printed traceback), and the members of an exception group. Cycle-safe and bounded."""
    out: list[object] = []
    seen: set[int] = set()
    queue: list[object] = [value]
    while queue and len(out) < MAX_LINKS:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        out.append(current)
        if not isinstance(current, BaseException):
            continue
        following = current.__cause__ or current.__context__
        if following is not None:
            queue.append(following)
        if isinstance(current, BaseExceptionGroup):
            queue.extend(current.exceptions[:MAX_LINKS])
    return out


def read_exception(value: object) -> ExceptionFacts:
    """Status, headers, body and request id from the first link of the chain that has a status (else a body); the
    network kind the classes name."""
    links = causes(value)
    link = next((each for each in links if _status_of(each) is not None), None)
    if link is None:
        link = next((each for each in links if _body_of(each) is not None), None)
    status = headers = body = request_id = None
    if link is not None:
        status = _status_of(link)
        response = _attr(link, "response")
        headers = _headers_of(response) if response is not None else None
        if headers is None:
            headers = _headers_of(link)
        body = _body_of(link)
        request_id = _text_attr(link, "request_id") or (headers or {}).get("request-id")
    return ExceptionFacts(
        status=status,
        headers=headers,
        body=body,
        request_id=request_id,
        chain=_chain_text(links),
        class_kind=_class_kind(links),
    )


def exception_facts(value: object) -> Facts:
    """The decoder's facts for a live exception: what its pasted traceback would give, plus what only it knows."""
    found = read_exception(value)
    if found.status is not None:
        facts = extract_facts(_response_as_text(found))
        facts.status = found.status  # the attribute, not what a body that quotes another answer may say
        facts.headers = dict(found.headers or facts.headers)
        if 200 <= found.status < 300 and facts.error_type:
            # An `event: error` inside a stream: the SDK raises it with the stream's 200, which is not its status.
            facts.in_stream, facts.status = True, None
        facts.request_id = found.request_id or facts.request_id
    else:
        facts = extract_facts(f"{found.chain}\n{found.body}" if found.body else found.chain)
        facts.request_id = found.request_id or facts.request_id
        facts.network = _better_kind(facts.network, found.class_kind)
    facts.shape = SHAPE
    return facts


# -- reading attributes ------------------------------------------------------------------------------------------


def _attr(value: object, name: str) -> Any:
    """An attribute, or None when it is missing or its property raises (an unread httpx body raises)."""
    try:
        return getattr(value, name, None)
    except Exception:
        return None


def _text_attr(value: object, name: str) -> str | None:
    found = _attr(value, name)
    return found if isinstance(found, str) and found else None


def _valid_status(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599:
        return value
    return None


def _status_of(value: object) -> int | None:
    """`status_code` (the SDKs, httpx, requests, litellm), `status` (aiohttp, urllib), or the response's."""
    for name in ("status_code", "status"):
        found = _valid_status(_attr(value, name))
        if found is not None:
            return found
    response = _attr(value, "response")
    if response is not None and response is not value:
        for name in ("status_code", "status"):
            found = _valid_status(_attr(response, name))
            if found is not None:
                return found
    return None


def _headers_of(value: object) -> dict[str, str] | None:
    """Lower-cased headers from a mapping-like `headers` (httpx, requests, email.message.Message) or pairs."""
    raw = _attr(value, "headers")
    if raw is None:
        return None
    pairs: Iterable[Any]
    try:
        if isinstance(raw, Mapping) or hasattr(raw, "items"):
            pairs = raw.items()
        elif isinstance(raw, list | tuple):
            pairs = raw
        else:
            return None
        out: dict[str, str] = {}
        for pair in pairs:
            if len(out) >= MAX_HEADERS:
                break
            name, value_ = _decoded(pair[0]), _decoded(pair[1])
            if name and value_ is not None:
                out[name.strip().lower()] = value_.replace("\r", " ").replace("\n", " ")[:2000]
        return out
    except Exception:
        return None


def _decoded(value: object) -> str | None:
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return value if isinstance(value, str) else None


def _body_text(body: object) -> str | None:
    """The SDK's `exc.body` (the decoded JSON envelope, or the raw text when it was not JSON) as text."""
    if body is None:
        return None
    if isinstance(body, str):
        return body[:MAX_BODY_CHARS]
    if isinstance(body, bytes | bytearray):
        return bytes(body[:MAX_BODY_CHARS]).decode("utf-8", errors="replace")
    try:
        return json.dumps(body, ensure_ascii=False, default=str)[:MAX_BODY_CHARS]
    except (TypeError, ValueError):
        return str(body)[:MAX_BODY_CHARS]


def _body_of(link: object) -> str | None:
    """`body` (the SDKs' parsed body), else the response's body, else the link's own when it is a response."""
    body = _body_text(_attr(link, "body"))
    if body is None:
        response = _attr(link, "response")
        body = _response_text(response if response is not None else link)
    return body


def _response_text(response: object) -> str | None:
    """A response's body, only if it was already read: requests would read the socket, httpx raises."""
    if _attr(response, "_content_consumed") is False:
        return None  # requests: `.content` would read the rest of a streamed body from the network
    return _body_text(_attr(response, "content")) or None


def _describe(exc: BaseException) -> str:
    try:
        message = str(exc)
    except Exception:
        message = "<unprintable>"
    return f"{_qualified(type(exc))}: {message[:MAX_MESSAGE_CHARS]}"


def _qualified(cls: type) -> str:
    module = getattr(cls, "__module__", "") or ""
    name = getattr(cls, "__qualname__", cls.__name__)
    return name if module in ("builtins", "__main__") else f"{module}.{name}"


def _class_kind(links: list[object]) -> str | None:
    """The most specific network failure the chain's classes name, root cause first; a bare wrapper comes last."""
    generic: str | None = None
    for link in reversed(links):
        kind = _link_kind(link)
        if kind is None:
            continue
        if kind != CAUSE_NOT_SHOWN:
            return kind
        generic = kind
    return generic


def _link_kind(link: object) -> str | None:
    if not isinstance(link, BaseException):
        return None
    if isinstance(link, OSError) and isinstance(link.errno, int) and link.errno in _ERRNO_KINDS:
        return _ERRNO_KINDS[link.errno]
    for cls in type(link).__mro__:
        kind = _CLASS_KINDS.get(cls.__name__)
        if kind is not None:
            return kind
    return None


def _better_kind(from_text: str | None, from_class: str | None) -> str | None:
    """The text's kind unless it is only a guess (nothing, a bare wrapper, or "timed out" somewhere) and a class
    names something more specific."""
    if from_class is None or from_text == from_class:
        return from_text
    if from_text in (None, CAUSE_NOT_SHOWN):
        return from_class
    if from_text in _GUESSES and from_class != CAUSE_NOT_SHOWN:
        return from_class
    return from_text


def _response_as_text(found: ExceptionFacts) -> str:
    """The answer as the text decoder reads it: `curl -i` form when the headers are known (a missing `request-id`
    then says a gateway answered), else the SDK's own `Error code: N - body`."""
    body = found.body or ""
    if found.headers is None:
        return f"Error code: {found.status} - {body}" if body else f"Error code: {found.status}"
    head = "".join(f"{name}: {value}\n" for name, value in found.headers.items())
    return f"HTTP/1.1 {found.status}\n{head}\n{body}"
