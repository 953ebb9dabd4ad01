"""The mock server: stdlib `http.server`, one thread per connection, HTTP/1.1 keep-alive, optional TLS.

Built to hold load: a listen backlog of at least 128, so a burst of clients is not dropped and retried seconds later;
each response leaves in one write with TCP_NODELAY, so a keep-alive client never waits out Nagle's algorithm against
its own delayed ACK (about 40 ms a request); a connection idle for `idle_timeout` seconds is closed; and the request
log is a ring buffer of the last `log_size` requests, so memory does not grow however long it runs.
TLS handshakes run in the connection's own thread, so a client that connects and never speaks cannot stall others.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from claude_doctor.mock import payloads
from claude_doctor.mock import relay as relay_mode
from claude_doctor.mock.scenarios import Fault, Scenario, error_body, parse_sequence
from claude_doctor.model import MockRequest
from claude_doctor.secrets import mask

MAX_BODY = 32 * 1024 * 1024
LOG_SIZE = 10_000  # requests kept in `MockServer.requests`
IDLE_TIMEOUT_S = 30.0  # a connection that sends nothing for this long is closed
_WRITE_BUFFER = 64 * 1024  # a response up to this size leaves in one write


class _Sequence:
    """Scenario steps consumed one request at a time; the last step repeats."""

    def __init__(self, steps: tuple[Scenario, ...]) -> None:
        self.steps = steps
        self.count = 0
        self.lock = threading.Lock()

    def next(self) -> tuple[int, Scenario]:
        with self.lock:
            index = min(self.count, len(self.steps) - 1)
            self.count += 1
            return self.count, self.steps[index]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = max(128, socket.SOMAXCONN)  # the listen backlog

    def __init__(self, address: tuple[str, int], mock: MockServer) -> None:
        self.mock = mock
        super().__init__(address, _Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        connection, address = super().get_request()
        with contextlib.suppress(OSError):
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.mock.ssl_context is None:
            _Handler(request, client_address, self)
            return
        try:
            request.settimeout(10)
            wrapped = self.mock.ssl_context.wrap_socket(request, server_side=True)
            wrapped.settimeout(None)
        except (OSError, ssl.SSLError):
            return  # the client gave up or did not trust us: nothing to answer
        try:
            _Handler(wrapped, client_address, self)
        finally:
            wrapped.close()  # the server closes only the plain socket, which wrapping detached

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-answer is part of the job, not an error to print


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    server_version = "claude-doctor-mock"
    sys_version = ""
    # Buffered: headers and body gather here and leave together when the request is done (http.server flushes after
    # each request; streams flush each event themselves).
    wbufsize = _WRITE_BUFFER
    _pending: tuple[str, str, int, str, str | None, dict[str, str]] | None = None
    _relay_id: str | None = None

    def setup(self) -> None:
        super().setup()
        # A connection that sends nothing this long is closed: http.server answers a timed-out read by hanging up.
        self.connection.settimeout(self.server.mock.idle_timeout)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _credential(self) -> str | None:
        key = self.headers.get("x-api-key")
        if key:
            return key
        auth = self.headers.get("authorization", "")
        return auth[7:] if auth.lower().startswith("bearer ") else None

    def _read_body(self) -> bytes:
        length = int(self.headers.get("content-length") or 0)
        return self.rfile.read(min(length, MAX_BODY)) if length > 0 else b""

    def _handle(self, method: str) -> None:
        mock = self.server.mock
        raw = self._read_body()
        path = self.path.split("?", 1)[0]
        credential = self._credential()
        masked = mask(credential) if credential else None
        headers = {
            k.lower(): (mask(v) if k.lower() in {"x-api-key", "authorization"} else v) for k, v in self.headers.items()
        }
        self._relay_id = None
        if mock.relay is not None:
            self._relay_id = relay_mode.request_id()
            plain = {k.lower(): v for k, v in self.headers.items()}
            token = relay_mode.credential(mock.relay, plain)
            masked = mask(token) if token else None
            body: dict[str, Any] = {}
            try:
                parsed = json.loads(raw or b"{}")
                body = parsed if isinstance(parsed, dict) else {}
            except ValueError:
                pass
            own = relay_mode.verdict(mock.relay, method, path, plain, body, self._relay_id)
            if own is not None:
                self._pending = (method, path, 0, "relay", masked, headers)
                self._send_raw(own.status, own.body, own.content_type, {})
                return
            credential = token
        if credential is None:
            self._pending = (method, path, 0, "no_credential", masked, headers)
            self._send_error(Fault(401, "x-api-key header is required"), None, messages=False)
            return
        step, scenario = mock.sequence.next()
        self._pending = (method, path, step, scenario.name, masked, headers)
        self._answer(method, path, raw, scenario)
        self._flush_record(None)

    def send_response(self, code: int, message: str | None = None) -> None:
        # Recorded before the first byte goes out, so a client that has its answer finds the request logged.
        self._flush_record(code)
        super().send_response(code, message)

    def _flush_record(self, status: int | None) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        method, path, step, name, masked, headers = pending
        record = MockRequest(method, path, step, name, status, masked, headers)
        mock = self.server.mock
        with mock.lock:
            mock.log_ring.append(record)
            mock.answered += 1
        mock.log(record)

    # -- answers -------------------------------------------------------------------------------------------------

    def _answer(self, method: str, path: str, raw: bytes, scenario: Scenario) -> int | None:
        mock = self.server.mock
        route = _route(method, path)
        if route is None:
            return self._send_json(
                404,
                {
                    "type": "error",
                    "error": {"type": "not_found_error", "message": f"Not Found: {method} {path}"},
                    "request_id": mock.new_id(),
                },
            )
        body: dict[str, Any] = {}
        if method == "POST":
            try:
                parsed = json.loads(raw or b"{}")
                body = parsed if isinstance(parsed, dict) else {}
            except ValueError:
                return self._send_error(
                    Fault(400, "There was an error parsing the body of your request."), None, messages=True
                )
        if mock.latency_ms and scenario.behaviour != "hang":
            time.sleep(mock.latency_ms / 1000)
        model = body.get("model") if isinstance(body.get("model"), str) else route[1]
        if scenario.behaviour == "hang":
            self._flush_record(None)
            mock.stopping.wait()
            self.close_connection = True
            return None
        if scenario.behaviour == "html":
            return self._send_raw(502, payloads.html_gateway_page(), "text/html", {"server": "nginx"})
        if scenario.behaviour == "drop":
            return self._send_drop(route, body)
        if scenario.fault is not None:
            return self._send_error(scenario.fault, model, messages=route[0] == "messages")
        return self._send_success(route, body, stream_fail=scenario.behaviour == "stream_error")

    def _send_success(self, route: tuple[str, str | None], body: dict[str, Any], *, stream_fail: bool) -> int:
        kind, model_id = route
        if kind == "models":
            return self._send_json(200, payloads.models_page())
        if kind == "model":
            for known, display in payloads.MODELS:
                if known == model_id:
                    return self._send_json(200, payloads.model_object(known, display))
            return self._send_error(Fault(404, "", model_message=True), model_id, messages=False)
        problem = _validate(kind, body, self.headers.get("anthropic-version"))
        if problem is not None:
            return self._send_error(Fault(400, problem), None, messages=kind == "messages")
        if kind == "count_tokens":
            return self._send_json(200, {"input_tokens": payloads.estimate_tokens(body)})
        if body.get("stream") is True or stream_fail:
            return self._send_stream(payloads.stream_events(body, fail_after=1 if stream_fail else None))
        return self._send_json(200, payloads.message(body), payloads.rate_limit_headers(exhausted=False))

    def _send_error(self, fault: Fault, model: str | None, *, messages: bool) -> int:
        mock = self.server.mock
        request_id = mock.new_id()
        extra: dict[str, str] = {}
        if messages or fault.status == 429:
            extra.update(payloads.rate_limit_headers(exhausted=fault.status == 429))
        if fault.retry_after_s is not None:
            extra["retry-after"] = str(fault.retry_after_s)
        elif fault.retry_after:
            extra["retry-after"] = str(mock.retry_after)
        if fault.should_retry is not None:
            extra["x-should-retry"] = "true" if fault.should_retry else "false"
        elif fault.status in (529, 500) or fault.retry_after:
            extra["x-should-retry"] = "true"
        body = error_body(fault, request_id=request_id, model=model)
        return self._send_json(fault.status, body, extra, request_id=None if fault.edge_shape else request_id)

    def _send_json(
        self, status: int, doc: dict[str, Any], extra: dict[str, str] | None = None, *, request_id: str | None = ""
    ) -> int:
        headers = dict(extra or {})
        if request_id is not None:
            headers["request-id"] = request_id or self.server.mock.new_id()
            headers["anthropic-organization-id"] = "00000000-0000-4000-8000-000000000000"
        return self._send_raw(status, json.dumps(doc).encode(), "application/json", headers)

    def _send_raw(self, status: int, data: bytes, content_type: str, headers: dict[str, str]) -> int:
        relay = self.server.mock.relay
        if relay is not None and self._relay_id is not None:  # a relay speaks for itself: its ids, not Anthropic's
            headers = {k: v for k, v in headers.items() if k not in ("request-id", "anthropic-organization-id")}
            headers.update(relay_mode.headers(relay, self._relay_id))
        self.send_response(status, "Overloaded" if status == 529 else None)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        return status

    def _send_stream(self, events: list[bytes]) -> int:
        mock = self.server.mock
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.send_header("request-id", mock.new_id())
        for name, value in payloads.rate_limit_headers(exhausted=False).items():
            self.send_header(name, value)
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True
        for event in events:
            self.wfile.write(event)
            self.wfile.flush()
        return 200

    def _send_drop(self, route: tuple[str, str | None], body: dict[str, Any]) -> int:
        """Promise a whole body, send a third of it, hang up."""
        if route[0] == "messages" and body.get("stream") is True:
            events = payloads.stream_events(body)
            self.send_response(200)
            self.send_header("content-type", "text/event-stream; charset=utf-8")
            self.send_header("transfer-encoding", "chunked")
            self.send_header("request-id", self.server.mock.new_id())
            self.end_headers()
            for event in events[:3]:
                self.wfile.write(f"{len(event):x}\r\n".encode() + event + b"\r\n")
            self.wfile.flush()
        else:
            data = json.dumps(payloads.message(body) if route[0] == "messages" else payloads.models_page()).encode()
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.send_header("request-id", self.server.mock.new_id())
            self.end_headers()
            self.wfile.write(data[: len(data) // 3])
            self.wfile.flush()
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        return 200


def _route(method: str, path: str) -> tuple[str, str | None] | None:
    path = path.rstrip("/")
    if method == "GET" and path == "/v1/models":
        return ("models", None)
    if method == "GET" and path.startswith("/v1/models/"):
        return ("model", path.removeprefix("/v1/models/"))
    if method == "POST" and path == "/v1/messages":
        return ("messages", None)
    if method == "POST" and path == "/v1/messages/count_tokens":
        return ("count_tokens", None)
    return None


def _validate(kind: str, body: dict[str, Any], version: str | None) -> str | None:
    """The checks the real API makes before anything else, with its wording."""
    if not version:
        return "anthropic-version: header is required"
    if not isinstance(body.get("model"), str):
        return "model: Field required"
    if kind == "messages" and not isinstance(body.get("max_tokens"), int):
        return "max_tokens: Field required"
    if not isinstance(body.get("messages"), list):
        return "messages: Field required"
    return None


class MockServer:
    """A running fake API. Use `running()` rather than constructing it directly."""

    def __init__(
        self,
        scenario: str = "ok",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: int = 0,
        retry_after: int = 1,
        ssl_context: ssl.SSLContext | None = None,
        log: Callable[[MockRequest], None] | None = None,
        relay: relay_mode.Relay | None = None,
        log_size: int = LOG_SIZE,
        idle_timeout: float | None = IDLE_TIMEOUT_S,
    ) -> None:
        self.sequence = _Sequence(parse_sequence(scenario))
        self.relay = relay  # answer as a relay in front of the API (its tokens, errors, headers), not as the API
        self.latency_ms = latency_ms
        self.retry_after = retry_after
        self.ssl_context = ssl_context
        self.idle_timeout = idle_timeout
        self.log_ring: deque[MockRequest] = deque(maxlen=max(1, log_size))
        self.answered = 0  # every request recorded, including those the ring has let go
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._log = log
        self._server = _Server((host, port), self)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def host(self) -> str:
        return str(self._server.server_address[0])

    @property
    def base_url(self) -> str:
        scheme = "https" if self.ssl_context is not None else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    @property
    def requests(self) -> list[MockRequest]:
        """The last `log_size` requests, oldest first (a copy)."""
        with self.lock:
            return list(self.log_ring)

    def new_id(self) -> str:
        return payloads.new_id("req_")

    def log(self, record: MockRequest) -> None:
        if self._log is not None:
            self._log(record)

    def start(self) -> MockServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="claude-doctor-mock", daemon=True
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


@contextmanager
def running(scenario: str = "ok", **options: Any) -> Iterator[MockServer]:
    """A mock on a free loopback port, serving in a background thread until the block ends.

    with running("overloaded,overloaded,ok") as mock:
        client = anthropic.Anthropic(base_url=mock.base_url, api_key="sk-ant-api03-test")
    """
    server = MockServer(scenario, **options).start()
    try:
        yield server
    finally:
        server.stop()
