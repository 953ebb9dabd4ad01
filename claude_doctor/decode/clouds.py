"""Bedrock's and Vertex AI's own error names in pasted text.

Bedrock: botocore's `An error occurred (ThrottlingException) when calling the InvokeModel operation: …`, the AWS SDK
for JavaScript's `name: ThrottlingException` / `"type": "ThrottlingException"` / `ThrottlingException: …`, event-stream
frames (`':exception-type': 'throttlingException'`), `x-amzn-errortype` headers and `botocore.errorfactory.X`.
Vertex AI: Google's `{"error": {"code": 429, "message": …, "status": "RESOURCE_EXHAUSTED"}}`, `(Status: X)`,
`404 NOT_FOUND.`, a Google status in an Anthropic-shaped `type`, and google-api-core's
`google.api_core.exceptions.ResourceExhausted: 429 …`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claude_doctor.catalog.clouds import GOOGLE_EXCEPTIONS, aws_name
from claude_doctor.decode.text import unescape_once

# Not the Anthropic Java SDK's own classes (`com.anthropic.errors.InternalServerException`), which share two names.
_AWS = re.compile(r"(?<![A-Za-z])(?<!errors\.)([A-Za-z]{3,60}Exception)\b")
_EVENT_FRAME = re.compile(r""":exception-type["']\s*+:\s*+["']([A-Za-z]{4,60}Exception)""")
_GOOGLE_STATUSES = (
    "RESOURCE_EXHAUSTED|NOT_FOUND|PERMISSION_DENIED|UNAUTHENTICATED|INVALID_ARGUMENT|FAILED_PRECONDITION|UNAVAILABLE|"
    "DEADLINE_EXCEEDED|INTERNAL|ABORTED|UNIMPLEMENTED"
)
_GOOGLE_NAMES = tuple(_GOOGLE_STATUSES.split("|"))
_GOOGLE = re.compile(
    r"""(?:["']?[Ss]tatus["']?\s*+[:=]\s*+["']?|\(Status: |\b[1-5]\d\d\s++|["']type["']\s*+:\s*+["']|\(|StatusCode\.)"""
    r"(" + _GOOGLE_STATUSES + r")\b"
)
_GOOGLE_EXCEPTION = re.compile(r"google\.api_core\.exceptions\.([A-Za-z]+)(?::\s*+([1-5]\d\d)\b)?")
_GOOGLE_CODE = re.compile(r"""["']code["']\s*+:\s*+([1-5]\d\d)\b""")


@dataclass(frozen=True)
class CloudError:
    vendor: str  # "aws:ThrottlingException" or "google:RESOURCE_EXHAUSTED"
    position: int
    depth: int  # levels of string escaping it sat under
    status: int | None = None  # the status printed with it, when that status is the cloud's own
    in_event_frame: bool = False  # from an event-stream frame, whose `status_code` is the parser's, not the cloud's


def find_aws(text: str) -> CloudError | None:
    """The most specific Bedrock exception named: an event-stream frame's, else the last one named."""
    if "xception" not in text:
        return None
    frame = _EVENT_FRAME.search(text)
    if frame is not None:
        name = aws_name(frame.group(1))
        if name is not None:
            return CloudError(f"aws:{name}", frame.start(), 0, in_event_frame=True)
    found: CloudError | None = None
    for m in _AWS.finditer(text[:60_000]):
        name = aws_name(m.group(1))
        if name is not None:
            found = CloudError(f"aws:{name}", m.start(), 0)
    return found


def find_google(text: str) -> CloudError | None:
    """The innermost Google status named (the most deeply escaped, then the last), with its `code` when shown."""
    if not any(name in text for name in _GOOGLE_NAMES) and "api_core" not in text:
        return None
    best: CloudError | None = None
    current = text[:60_000]
    for depth in range(3):
        for m in _GOOGLE.finditer(current):
            window = current[max(0, m.start() - 400) : m.end() + 400]
            code = _GOOGLE_CODE.search(window)
            candidate = CloudError(f"google:{m.group(1)}", m.start(), depth, int(code.group(1)) if code else None)
            if best is None or (candidate.depth, candidate.position) >= (best.depth, best.position):
                best = candidate
        nxt = unescape_once(current)
        if nxt == current:
            break
        current = nxt
    if best is None:
        exception = _GOOGLE_EXCEPTION.search(text)
        if exception is not None and exception.group(1) in GOOGLE_EXCEPTIONS:
            status = int(exception.group(2)) if exception.group(2) else None
            name = GOOGLE_EXCEPTIONS[exception.group(1)]
            best = CloudError(f"google:{name}", exception.start(), 0, status)
    return best
