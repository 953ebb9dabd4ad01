"""From pasted text to facts to one Diagnosis: which decoder saw what, and which fact wins."""

from __future__ import annotations

import re

from claude_doctor.catalog import diagnose
from claude_doctor.decode.envelope import best_envelope, find_envelopes, find_request_id
from claude_doctor.decode.facts import Facts
from claude_doctor.decode.network import CAUSE_NOT_SHOWN, find_network_kind
from claude_doctor.decode.status import HttpResponse, final_response, find_http_responses, find_status
from claude_doctor.decode.text import normalise
from claude_doctor.model import Diagnosis

_SSE_ERROR = re.compile(r"^\s*event:\s*error\s*$", re.MULTILINE)
_HTML = re.compile(r"<!doctype html|<html[\s>]|<head>|<title>|<body[\s>]", re.IGNORECASE)
_TITLE = re.compile(r"<title>\s*([^<]{1,120}?)\s*</title>", re.IGNORECASE)
_TRACEBACK = "Traceback (most recent call last)"
# A human line worth handing to the catalog's message rules when there is no JSON message.
_LINE_HINTS = re.compile(
    r"API Error|credit balance|invalid api key|oauth|/login|not logged in|selected model|rate limit|"
    r"limiting requests|usage limit|organization|context limit|request too large|x-api-key|overloaded|"
    r"prompt is too long|exceed context limit|max_tokens|unable to connect|timed out|certificate|"
    r"authentication|Request rejected|anthropic-version|tool_result|image|not available with",
    re.IGNORECASE,
)


def _shape(text: str, facts: Facts, responses: list[HttpResponse]) -> str:
    if responses:
        return "http_response"
    if facts.in_stream:
        return "sse"
    if _TRACEBACK in text:
        return "traceback"
    if re.search(r"""\bb['"]\{""", text):
        return "bytes_literal"
    if re.search(r"Error code: \d{3} - \{'", text):
        return "python_repr"
    if "AnthropicException" in text or "litellm" in text.lower():
        return "litellm"
    if re.search(r"API Error|Please run /login|· ", text) or "⎿" in text:
        return "claude_code"
    if re.search(r"\b[1-5]\d\d\s+\{\"type\"", text) or "status code (no body)" in text:
        return "typescript_sdk"
    stripped = text.strip()
    if facts.error_type and stripped[:1] in '{["' and stripped[-1:] in '}]"':
        return "json"
    if facts.network and not facts.error_type:
        return "network"
    if facts.error_type or facts.status:
        return "log_line"
    if facts.message:
        return "claude_code"  # a plain-language line: Claude Code prints its errors this way
    return "unknown"


def _human_line(text: str) -> str | None:
    """The most telling line of a non-JSON paste, for the catalog's message rules."""
    for line in text.split("\n")[:2000]:
        if _LINE_HINTS.search(line):
            return line.strip()[:2000]
    return None


def _describe_gateway(response: HttpResponse | None, body: str) -> str:
    parts = []
    title = _TITLE.search(body)
    if _HTML.search(body):
        parts.append(f"an HTML page{f' titled “{title.group(1)}”' if title else ''}")
    else:
        parts.append("a response with no Anthropic request-id")
    if response is not None:
        for name in ("server", "via", "x-cache", "cf-ray"):
            if name in response.headers:
                parts.append(f"{name}: {response.headers[name][:80]}")
    return ", ".join(parts)


def extract_facts(raw: str) -> Facts:
    """Everything the text states about one error. The text is normalised first; nothing is invented."""
    text = normalise(raw)
    facts = Facts()
    responses = find_http_responses(text)
    final = final_response(responses)
    envelopes = find_envelopes(text)
    env = best_envelope(envelopes)

    if final is not None:
        facts.status = final.status
        facts.headers = dict(final.headers)
        facts.request_id = final.headers.get("request-id") or final.headers.get("x-request-id")
    else:
        facts.status = find_status(text)

    if env is not None:
        facts.error_type, facts.message, facts.error_code = env.error_type, env.message, env.error_code
        facts.request_id = facts.request_id or env.request_id
    facts.request_id = facts.request_id or find_request_id(text)

    facts.in_stream = bool(_SSE_ERROR.search(text)) and env is not None
    if facts.in_stream and final is None:
        facts.status = None  # an SSE error has no status of its own; the HTTP answer was 200

    if env is None:
        # No Anthropic envelope: a network failure, a gateway's page, or a plain-language line.
        facts.network = find_network_kind(text)
        if facts.network == CAUSE_NOT_SHOWN and facts.status is not None and facts.status >= 400:
            facts.network = None  # a wrapper's label (litellm's APIConnectionError around a 529): the status says more
        if facts.message is None:
            facts.message = _human_line(text)
        body = final.body if final is not None else text
        if final is not None and final.status >= 300 and facts.network is None:
            if "request-id" not in final.headers or _HTML.search(body):
                facts.not_anthropic = _describe_gateway(final, body)
        elif final is None and _HTML.search(text) and facts.network is None:
            facts.not_anthropic = _describe_gateway(None, text)
            facts.status = facts.status or None
    facts.shape = _shape(text, facts, responses)
    return facts


def to_diagnosis(facts: Facts) -> Diagnosis:
    return diagnose(
        status=facts.status,
        error_type=facts.error_type,
        error_code=facts.error_code,
        message=facts.message,
        request_id=facts.request_id,
        headers=facts.headers or None,
        network=facts.network,
        not_anthropic=facts.not_anthropic,
        in_stream=facts.in_stream,
        source_shape=facts.shape,
    )
