"""Request ids in every form they are printed, and whom each belongs to.

- `anthropic`: `req_01…`, from Anthropic's API (the `request-id` header or the envelope's `request_id`).
- `vertex`: `req_vrtx_…`, Anthropic's id for a request served through Google Vertex AI.
- `aws`: a UUID under an AWS key (`x-amzn-RequestId`, `requestId` in `$metadata`, `RequestID:` in Go SDK errors).
- `relay`: a relay's or gateway's own id: new-api and one-api's `(request id: 2025…)`, `requestid:`, a UUID after
  `Request id:`, a gateway's own `req_` id that is not Anthropic's shape (`req_5885a728428d`),
  a `request_id` that is not `req_…`, AiHubMix's `(tid: …)`, an app's `error ID`, the last of a gateway's bracketed
  `[code][message][id]` fields.

An id that a narrow terminal wrapped onto the next line is joined again; placeholders (`<REQUEST_ID>`, `req_...`,
`xxxx`, `**REDACTED**`, `undefined`) are never quoted back.
"""

from __future__ import annotations

import re

# At least 8 characters after the prefix, counting a tail that a terminal wrapped (`"req_011C\n   cLPr…"`).
_ANTHROPIC = re.compile(r"(?<![A-Za-z0-9_])req_(?:vrtx_)?(?:[A-Za-z0-9]{8,64}+|[A-Za-z0-9]{1,7}+(?=\n|[ \t]{3}))")
_ID_MIN = 8
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
# AWS spells the key in camel case (`requestId`, `RequestId`, `RequestID`) or as the `x-amzn-requestid` header.
_AWS = re.compile(
    r"(?:(?<![\w-])(?:requestId|RequestId|RequestID)|(?i:x-amzn-request-?id))[\"']?\s*+[:=]\s*+[\"']?(" + _UUID + ")"
)
# new-api / one-api append `(request id: …)` to every message; several hops append several, the outermost last.
_RELAY_SUFFIX = re.compile(
    r"\((?:request\s{0,12}+id|tid)\s*+[:：]\s*+([A-Za-z0-9][A-Za-z0-9_-]{5,80}+)\s*+\)", re.IGNORECASE
)
# Other labelled ids: `Request id: <uuid>`, `"request_id": "2026…"`, `"requestId": "mzwze7s4xkg"`, `req_id: …`,
# `(error ID: …)`. Not `x-zeabur-request-id` and other hosts' headers: the key must not continue a longer name.
_LABELLED = re.compile(
    r"(?<![\w-])(?:request[ _-]?id|req_id|error id)[\"']?\s*+[:=]\s*+[\"']?([A-Za-z0-9][A-Za-z0-9_-]{5,80}+)",
    re.IGNORECASE,
)
# Gateways that print an upstream's error as bracketed fields, code then message then request id:
# `[1305][该模型当前访问量过大，请您稍后再试][20260630173529f394d74ee3f44c6b]` (Zhipu-style codes through a
# Claude-format gateway). The id is the last field: a long run of letters and digits.
_BRACKETED = re.compile(r"\[\d{3,5}\]\[[^\]\n]{1,300}\]\[([A-Za-z0-9][A-Za-z0-9_-]{15,80})\]")
# new-api's and one-api's log lines (logger.go: `[%s] %v | %s | %s`, level, time, request id, message):
# `[ERR] 2026/02/21 - 00:13:53 | 20260220161352684457013BX4S2Ndu | channel error (…)`. Their request id is the
# time (yyyyMMddHHmmss and nanoseconds) followed by eight random letters and digits, the same id the relay appends to
# the messages it sends as `(request id: …)`.
_RELAY_LOG_LINE = re.compile(
    r"\[(?:ERR|WARN|INFO|SYS|DEBUG)\][ \t]++\d{4}/\d\d/\d\d[ \t]++-[ \t]++\d\d:\d\d:\d\d[ \t]++\|[ \t]++"
    r"(\d{14,24}+[A-Za-z0-9]{8})[ \t]++\|"
)
_PLACEHOLDER = re.compile(r"x{4,}|^(?:undefined|null|none|nil|redacted|request_id|requestid)$", re.IGNORECASE)
_WRAPPED_TAIL = re.compile(r"\n[ \t]*+(?:[│⎿|>][ \t]*+)?([A-Za-z0-9]{1,40}+)(?=[\"'\s,})]|$)")
# The same wrap after a page collapsed it: the newline and the next line's indent became a run of spaces.
_COLLAPSED_TAIL = re.compile(r"[ \t]{3,40}+([A-Za-z0-9]{1,40}+)")


def _real(value: str) -> bool:
    return not _PLACEHOLDER.search(value)


def _joined(text: str, m: re.Match[str]) -> str:
    """The id, with its tail joined when a terminal wrapped it inside a quoted value (`"req_…Nz6\\n  3oU5nn"`), or
    a page collapsed that wrap into spaces (`"req_011C     cLPr…"`): only inside quotes, whose closing one must follow
    the tail, so that two separate words are never joined."""
    value = m.group(0)
    before = text[m.start() - 1 : m.start()]
    if before not in ("\"'") or not before:
        return value
    after = text[m.end() : m.end() + 1]
    wrap = _WRAPPED_TAIL if after == "\n" else _COLLAPSED_TAIL if after in (" ", "\t") else None
    tail = wrap.match(text, m.end()) if wrap is not None else None
    if tail is not None and text[tail.end() : tail.end() + 1] == before:
        value += tail.group(1)
    return value


def request_id_kind(value: str) -> str:
    """Anthropic's ids start `req_01` (`req_011C…`); Vertex's `req_vrtx_`. Gateways that mimic the form with their
    own ids (`req_5885a728428d`, hex) are relays: only their operator can look them up."""
    if value.startswith("req_vrtx_"):
        return "vertex"
    return "anthropic" if value.startswith("req_01") else "relay"


def find_request_id(text: str) -> tuple[str, str] | None:
    """The id that identifies the failed request, with its kind: Anthropic's or Vertex's own id first (the innermost
    service that saw the request), then AWS's, then a relay's (the outermost relay's, which its operator can look
    up)."""
    lowered = text.lower()
    if "req" not in lowered and "id" not in lowered and "][" not in text and "| 20" not in text:
        return None
    for m in _ANTHROPIC.finditer(text):
        value = _joined(text, m)
        body = value.removeprefix("req_").removeprefix("vrtx_")
        if len(body) >= _ID_MIN and _real(body):
            return value, request_id_kind(value)
    aws = _AWS.search(text)
    if aws is not None:
        return aws.group(1), "aws"
    suffixed = [v for v in _RELAY_SUFFIX.findall(text) if _real(v)]
    if suffixed:
        return suffixed[-1], "relay"
    for labelled in _LABELLED.finditer(text):
        value = labelled.group(1)
        if _real(value) and not value.lower().startswith("req_"):
            return value, "relay"
    logged = _RELAY_LOG_LINE.search(text)
    if logged is not None:
        return logged.group(1), "relay"
    bracketed = _BRACKETED.search(text)
    if bracketed is not None and _real(bracketed.group(1)):
        return bracketed.group(1), "relay"
    return None
