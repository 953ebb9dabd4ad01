"""HTTP statuses as the text states them, and raw HTTP responses (curl -i, logged responses)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Each pattern captures a status the text itself states. Order matters: the most explicit forms first.
_STATUS_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE)
    for p in (
        r"^\s*HTTP/\d(?:\.\d)?\s+([1-5]\d\d)\b",
        r"\bError code:\s*([1-5]\d\d)\b",
        r"\bAPI Error:?\s*\(?\s*([1-5]\d\d)\b",
        r"\bRequest rejected \(([1-5]\d\d)\)",
        r"""\bstatus(?:_code|code)?["']?\s*[:=]\s*["']?([1-5]\d\d)\b""",
        r"\b(?:HTTP|status|code)\s+([1-5]\d\d)\b",
        r"(?:^|[\s:(\[])([1-5]\d\d)\s+\{",
        r"\b([1-5]\d\d)\s+(?:Overloaded|Too Many Requests|Internal Server Error|Bad Gateway|Service Unavailable|"
        r"Gateway Time-?out|Unauthorized|Forbidden|Not Found|Bad Request|Payment Required|Request Entity Too Large|"
        r"Content Too Large|Proxy Authentication Required|Request Timeout|Conflict|status code)\b",
    )
)

_STATUS_LINE = re.compile(r"^\s*HTTP/\d(?:\.\d)?\s+([1-5]\d\d)[^\n]*$", re.MULTILINE)
_HEADER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_\-]{0,80}):[ \t]*(.*)$")


def find_status(text: str) -> int | None:
    """The first status the text states, by the most explicit form found."""
    for pattern in _STATUS_PATTERNS:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


@dataclass
class HttpResponse:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    position: int = 0


def find_http_responses(text: str) -> list[HttpResponse]:
    """Every `HTTP/1.1 529 …` block: its status, lower-cased headers and body (up to the next status line).

    With redirects or a proxy's `HTTP/1.1 200 Connection established`, curl -i prints several; all are returned.
    """
    starts = list(_STATUS_LINE.finditer(text))[:20]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        block = text[m.end() : end]
        headers: dict[str, str] = {}
        lines = block.split("\n")
        j = 1
        while j < len(lines) and j < 200:
            line = lines[j].strip()
            if not line:
                break
            hm = _HEADER.match(line)
            if not hm:
                break
            headers[hm.group(1).lower()] = hm.group(2).strip()
            j += 1
        out.append(HttpResponse(int(m.group(1)), headers, "\n".join(lines[j:]).strip(), m.start()))
    return out


def final_response(responses: list[HttpResponse]) -> HttpResponse | None:
    """The response that matters: the last one, skipping a proxy's `200 Connection established` and 100 Continue."""
    real = [r for r in responses if r.status >= 200 and not (r.status == 200 and not r.headers and not r.body)]
    return real[-1] if real else (responses[-1] if responses else None)
