"""From pasted text to facts to one Diagnosis: which decoder saw what, and which fact wins.

The innermost real error decides. A paste often shows several layers: Claude Code's banner around a relay's OpenAI-
shaped envelope around Anthropic's escaped error; litellm's `APIConnectionError` around a Bedrock access denial; a
router's `api_error` around Google's `RESOURCE_EXHAUSTED`. Envelopes nested as strings sit deeper than the ones around
them; a specific error type beats the catch-all `api_error` and a relay's own type; a cloud's exception or status beats
a wrapper's label. Every layer the error passed through is named in `via`.
"""

from __future__ import annotations

import re

from claude_doctor.catalog import diagnose, warm_catalog
from claude_doctor.decode.claude_code import reset_at, reset_clock, retrying
from claude_doctor.decode.clouds import CloudError, find_aws, find_google
from claude_doctor.decode.envelope import Envelope, best_envelope, find_envelopes
from claude_doctor.decode.facts import Facts
from claude_doctor.decode.network import CAUSE_NOT_SHOWN, find_network_kind
from claude_doctor.decode.request_ids import find_request_id, request_id_kind
from claude_doctor.decode.status import (
    HttpResponse,
    class_status,
    final_response,
    find_error_status,
    find_http_responses,
    phrase_status,
    upstream_status,
)
from claude_doctor.decode.text import clean_message, normalise
from claude_doctor.decode.via import find_via
from claude_doctor.model import Diagnosis

# Every decode needs the message families: load them (and build their matcher) with the decoder, so that `scan`'s
# worker processes, forked after this import, inherit them ready instead of each building its own.
warm_catalog()

_SSE_ERROR = re.compile(r"^[ \t]*+event:[ \t]*+error[ \t]*+$", re.MULTILINE)
_HTML = re.compile(r"<!doctype html|<html[\s>]|<head>|<title>|<body[\s>]", re.IGNORECASE)
_EDGE_PAGE = re.compile(r"cloudflare|cf-ray", re.IGNORECASE)
_TITLE = re.compile(r"<title>\s*+([^<]{1,120}?)\s*+</title>", re.IGNORECASE)
_TRACEBACK = "Traceback (most recent call last)"
# A human line worth showing (and handing to the catalog's loose rules) when there is no JSON message.
_STRONG_HINTS = re.compile(
    r"API Error|credit balance|invalid api key|oauth|/login|not logged in|selected model|rate[ -]limit|"
    r"limiting requests|usage limit|organization|context limit|request too large|x-api-key|overloaded|"
    r"prompt is too long|exceed context limit|max_tokens|unable to connect|timed out|certificate|"
    r"authentication|Request rejected|anthropic-version|tool_result|image|not available with|not found|"
    r"denied|quota|exceeded|unavailable|令牌|渠道|额度|余额",
    re.IGNORECASE,
)
_WEAK_HINTS = re.compile(r"error|failed|exception|invalid|refused|错误|失败", re.IGNORECASE)
_MESSAGE = re.compile(r"""["'“”‘’][Mm]essage["'“”‘’]\s*+:\s*+["'“”‘’]((?:[^"'\\“”‘’]|\\.){1,2000})""")
_AWS_MESSAGES = (
    re.compile(r"when calling the \w{2,60} operation(?: \([^)\n]{0,80}\))?: ([^\n]{2,2000})"),
    re.compile(r"[A-Za-z]{4,60}Exception: ([^\n]{2,2000})"),
)
_FALLBACK = "Error doing the fallback"
_EVENT_FRAME = ":exception-type"


_BYTES = re.compile(r"""\bb['"]\{""")
_PY_REPR = re.compile(r"Error code: \d{3} - \{'")
_CLAUDE_CODE = re.compile(r"API Error|Please run /login|· |⎿")
_TS_SDK = re.compile(r"\b[1-5]\d\d\s+\{\"type\"|status code \(no body\)")


def _shape(text: str, facts: Facts, responses: list[HttpResponse]) -> str:
    if responses:
        return "http_response"
    if facts.in_stream:
        return "sse"
    if _TRACEBACK in text:
        return "traceback"
    if _BYTES.search(text):
        return "bytes_literal"
    if _PY_REPR.search(text):
        return "python_repr"
    if "AnthropicException" in text or "litellm" in text.lower():
        return "litellm"
    if facts.vendor is not None and facts.vendor.startswith("aws:"):
        return "bedrock"
    if facts.vendor is not None and facts.vendor.startswith("google:"):
        return "vertex"
    if _CLAUDE_CODE.search(text):
        return "claude_code"
    if _TS_SDK.search(text):
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
    """The most telling line of a non-JSON paste: one with a strong hint, else one that names an error."""
    head = text[:200_000]
    for hints in (_STRONG_HINTS, _WEAK_HINTS):
        m = hints.search(head)
        if m is not None:
            start = head.rfind("\n", 0, m.start()) + 1
            end = head.find("\n", m.end())
            return head[start : end if end >= 0 else len(head)].strip()[:2000]
    return None


def _describe_gateway(response: HttpResponse | None, body: str) -> str:
    from claude_doctor.i18n import N_, Msg

    parts: list[str] = []
    title = _TITLE.search(body)
    if _HTML.search(body):
        parts.append(Msg("an HTML page titled “{title}”", title=title.group(1)) if title else N_("an HTML page"))
    else:
        parts.append(N_("a response with no Anthropic request-id"))
    if response is not None:
        for name in ("server", "via", "x-cache", "cf-ray"):
            if name in response.headers:
                parts.append(f"{name}: {response.headers[name][:80]}")  # a header as it came: never translated
    return Msg.joined(N_(", "), parts)


def _edge_page(response: HttpResponse, body: str) -> bool:
    """Cloudflare's own error page for a 5xx (`api.anthropic.com | 504: Gateway time-out`): the API's edge telling
    that the service behind it failed or was too slow, not something else answering in its place."""
    edge = "cf-ray" in response.headers or "cloudflare" in response.headers.get("server", "").lower()
    return response.status >= 500 and edge and bool(_HTML.search(body) or not body.strip())


def primary_part(text: str) -> str:
    """The part of the text about the request that was asked for: litellm's router appends the fallback model's own
    failure after `Error doing the fallback:`; the primary failure comes first."""
    at = text.find(_FALLBACK)
    return text[:at] if at > 0 else text


def _inner(env: Envelope | None, cloud: CloudError | None) -> tuple[Envelope | None, CloudError | None]:
    """Which of an Anthropic envelope and a cloud's error is the inner one. A specific Anthropic type is the error
    itself; the catch-all `api_error` or a relay's own type around a cloud's error is a wrapper."""
    if env is None or cloud is None:
        return env, cloud
    if env.known and env.error_type != "api_error":
        return env, None
    if env.known and env.depth > cloud.depth:
        return env, None
    return None, cloud


def _cloud_message(text: str, cloud: CloudError) -> str | None:
    if cloud.vendor.startswith("aws:"):
        for pattern in _AWS_MESSAGES:
            found = pattern.search(text)
            if found is not None:
                return clean_message(found.group(1)) or None
    m = _MESSAGE.search(text)
    return clean_message(m.group(1)) or None if m else None


def extract_facts(raw: str) -> Facts:
    """Everything the text states about one error. The text is normalised first; nothing is invented."""
    text = primary_part(normalise(raw))
    facts = Facts(text=text)
    responses = find_http_responses(text)
    final = final_response(responses)
    env = best_envelope(find_envelopes(text))
    aws = find_aws(text)
    google = find_google(text)
    cloud = aws if aws is not None and (aws.in_event_frame or google is None) else google
    env, cloud = _inner(env, cloud)

    if final is not None:
        facts.status = final.status
        facts.headers = dict(final.headers)
    else:
        # The inner error's own status first (a Google error's `code`, an upstream's status named as such), then the
        # most explicit status the text shows.
        inner_status = cloud.status if cloud is not None and cloud.status is not None else None
        facts.status = inner_status or upstream_status(text) or find_error_status(text)
        if cloud is not None and cloud.in_event_frame:
            facts.status = None  # the frame's status_code is the stream parser's, not Bedrock's

    if env is not None:
        facts.error_type, facts.message, facts.error_code = env.error_type, env.message, env.error_code
        facts.openai_envelope = env.openai and not env.from_code
    if cloud is not None:
        facts.vendor = cloud.vendor
        facts.message = facts.message or _cloud_message(text, cloud)
    found_id = None
    if final is not None:
        header_id = final.headers.get("request-id") or final.headers.get("x-request-id")
        if header_id:
            found_id = (header_id, request_id_kind(header_id))
    found_id = found_id or find_request_id(text)
    if found_id is not None:
        facts.request_id, facts.request_id_kind = found_id

    facts.in_stream = bool(_SSE_ERROR.search(text)) and env is not None
    if facts.in_stream and final is None:
        facts.status = None  # an SSE error has no status of its own; the HTTP answer was 200

    if (env is None or not env.known) and cloud is None:
        # No Anthropic or cloud error: a network failure, a gateway's page, or a plain-language line.
        network = find_network_kind(text)
        shown = facts.status is not None and facts.status >= 400
        if network is not None and shown and not network.startswith("proxy"):
            network = None  # an HTTP answer came: network words in it describe a gateway's upstream
        if network == CAUSE_NOT_SHOWN and facts.status is not None and facts.status >= 400:
            network = None
        facts.network = network
        if facts.message is None:
            facts.message = _human_line(text)
        body = final.body if final is not None else text
        if final is not None and final.status >= 300 and facts.network is None and not _edge_page(final, body):
            if ("request-id" not in final.headers or _HTML.search(body)) and facts.error_type is None:
                facts.not_anthropic = _describe_gateway(final, body)
        elif final is None and _HTML.search(text) and facts.network is None and not _EDGE_PAGE.search(text):
            # An error page with no headers to tell by (a client printed only the body): the status it carries is
            # the answer's, and the page says only that something other than the API wrote it (nginx, Apache,
            # Squid, a corporate filter). Cloudflare's is the API's own edge.
            facts.answered_by = _describe_gateway(None, text)
        if facts.status is None and facts.network is None and env is None:
            phrase = phrase_status(text)
            if phrase is not None:
                facts.status, facts.status_inferred = phrase, True
    if facts.status is None and facts.network is None and not facts.in_stream and final is None:
        named = class_status(text)
        if named is not None:
            facts.status, facts.status_inferred = named, True

    facts.via = find_via(text, facts.request_id_kind)
    facts.retrying = retrying(text)
    facts.reset_at = reset_at(text) or reset_clock(text)
    facts.shape = _shape(text, facts, responses)
    return facts


def to_diagnosis(facts: Facts) -> Diagnosis:
    return diagnose(
        status=None if facts.status_inferred else facts.status,
        error_type=facts.error_type,
        error_code=facts.error_code,
        message=facts.message,
        request_id=facts.request_id,
        headers=facts.headers or None,
        network=facts.network,
        not_anthropic=facts.not_anthropic,
        answered_by=facts.answered_by,
        in_stream=facts.in_stream,
        source_shape=facts.shape,
        text=facts.text,
        vendor=facts.vendor,
        request_id_kind=facts.request_id_kind,
        via=facts.via,
        retrying=facts.retrying,
        reset_at=facts.reset_at,
        implied_status=facts.status if facts.status_inferred else None,
        openai_envelope=facts.openai_envelope,
    )
