"""The mock's faults, as data. Pure: a scenario name in, the answer to give out.

Each fault's error type comes from the catalog's entry for its status, so the mock and `explain` agree by construction;
the messages are the ones the real API sends (reference §1.4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from claude_doctor.i18n import N_, Msg

Behaviour = Literal["answer", "stream_error", "slow", "hang", "drop", "html"]


@dataclass(frozen=True)
class Fault:
    status: int
    message: str
    error_code: str | None = None
    retry_after: bool = False  # send `retry-after` with the mock's --retry-after seconds
    retry_after_s: int | None = None  # send `retry-after` with this many seconds, whatever --retry-after says
    should_retry: bool | None = None  # send `x-should-retry` with this value (default: true on 500, 529, retry-after)
    edge_shape: bool = False  # the edge's 413: no top-level type, no request_id, no request-id header
    model_message: bool = False  # "model: <id>" with the requested model


@dataclass(frozen=True)
class Scenario:
    name: str
    behaviour: Behaviour
    fault: Fault | None = None
    summary: str = ""


_SCENARIOS: Final[tuple[Scenario, ...]] = (
    Scenario("ok", "answer", None, N_("a normal answer")),
    Scenario("overloaded", "answer", Fault(529, "Overloaded"), "529 overloaded_error"),
    Scenario(
        "rate_limited",
        "answer",
        Fault(
            429,
            "This request would exceed the rate limit for your organization of 50,000 input tokens per minute. "
            "For details, refer to: https://docs.claude.com/en/api/rate-limits.",
            retry_after=True,
        ),
        N_("429 rate_limit_error with retry-after"),
    ),
    Scenario(
        "rate_limited_no_retry",
        "answer",
        Fault(
            429,
            "This request would exceed the rate limit for your organization of 50,000 input tokens per minute. "
            "For details, refer to: https://docs.claude.com/en/api/rate-limits.",
            retry_after_s=30,
            should_retry=False,
        ),
        N_("429 rate_limit_error with retry-after: 30 and x-should-retry: false (the SDKs do not retry it)"),
    ),
    Scenario(
        "spend_limit",
        "answer",
        Fault(
            429,
            "You have reached your monthly spend limit for this usage tier. Your access will resume at 00:00 UTC "
            "on the 1st of next month.",
            error_code="enforced_spend_limit_reached",
        ),
        N_("429 with details.error_code enforced_spend_limit_reached and no retry-after"),
    ),
    Scenario("server_error", "answer", Fault(500, "Internal server error"), "500 api_error"),
    Scenario("timeout", "answer", Fault(504, "Request timed out"), "504 timeout_error"),
    Scenario("invalid_key", "answer", Fault(401, "invalid x-api-key"), "401 authentication_error"),
    Scenario(
        "permission",
        "answer",
        Fault(403, "Your API key does not have permission to use the specified resource."),
        "403 permission_error",
    ),
    Scenario("not_found", "answer", Fault(404, "", model_message=True), N_("404 not_found_error for the model")),
    Scenario(
        "too_large",
        "answer",
        Fault(413, "Request exceeds the maximum size", edge_shape=True),
        N_("413 request_too_large in the edge's shape (no request id)"),
    ),
    Scenario(
        "context_too_long",
        "answer",
        Fault(400, "prompt is too long: 215000 tokens > 200000 maximum"),
        N_("400 prompt is too long"),
    ),
    Scenario(
        "credit",
        "answer",
        Fault(
            400,
            "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or "
            "purchase credits.",
        ),
        N_("400 credit balance too low"),
    ),
    Scenario("stream_error", "stream_error", None, N_("200, some events, then event: error (overloaded_error)")),
    Scenario("slow", "slow", None, N_("a normal answer after --latency milliseconds")),
    Scenario("hang", "hang", None, N_("accepts the request and never answers")),
    Scenario("drop", "drop", None, N_("closes the connection in the middle of the body")),
    Scenario("html_gateway", "html", None, N_("502 with an HTML page and no request-id, as a gateway sends")),
)
SCENARIOS: Final[dict[str, Scenario]] = {s.name: s for s in _SCENARIOS}
SCENARIO_NAMES: Final[tuple[str, ...]] = tuple(SCENARIOS)


class ScenarioError(ValueError):
    """An unknown scenario name: the message lists the known ones."""


def parse_sequence(text: str) -> tuple[Scenario, ...]:
    """`overloaded,overloaded,ok` → the steps, in order; the last one repeats."""
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise ScenarioError(Msg("no scenario given; known: {names}", names=", ".join(SCENARIO_NAMES)))
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        raise ScenarioError(
            Msg("unknown scenario {name!r}; known: {names}", name=unknown[0], names=", ".join(SCENARIO_NAMES))
        )
    return tuple(SCENARIOS[n] for n in names)


def error_type_for(status: int) -> str:
    from claude_doctor.catalog import status_entry

    entry = status_entry(status)
    return entry.error_type or ("api_error" if status >= 500 else "invalid_request_error")


def error_body(fault: Fault, *, request_id: str, model: str | None) -> dict[str, object]:
    message = f"model: {model or 'unknown'}" if fault.model_message else fault.message
    error: dict[str, object] = {"type": error_type_for(fault.status), "message": message}
    if fault.error_code:
        error["details"] = {"error_code": fault.error_code}
    if fault.edge_shape:
        return {"error": error}
    return {"type": "error", "error": error, "request_id": request_id}
