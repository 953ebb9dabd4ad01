"""The literals one of which every line that holds an error the decoder recognises contains.

`scan`'s prefilter looks for them in raw bytes (claude_doctor/scan/prefilter.py derives its list from this one), and
`explain` looks for them in a long paste before it cuts records (decode.log): both see the same lines. A test holds
the real-world corpus to them: every paste the decoder recognises has a line with one of them.

Short on purpose: each literal is a piece that a whole family of messages shares (`rror` for every `error`, `Error`
and `*Error:`; `efused` for every refused connection; `额度` for every relay quota message), not one message's
wording, and none that ordinary log lines are full of (`token`, `model`, `status`, a bare number): a literal that
matches most lines of a log makes `scan` decode all of them.
"""

from __future__ import annotations

from typing import Final

LINE_CUES: Final[tuple[str, ...]] = (
    "rror",  # error, Error, *Error:, "type": "error", event: error, API Error
    "RROR",  # ERROR, API_ERROR
    "imeout",  # httpx.ReadTimeout, ConnectTimeout, socket.timeout
    "imed out",  # Request timed out
    "ECONN",  # ECONNREFUSED, ECONNRESET
    "UNREACH",  # connect EHOSTUNREACH, ENETUNREACH
    "ertificate",  # Self-signed certificate detected (Claude Code), curl: (60) SSL certificate problem
    "imit reached",  # Context limit reached (Claude Code)
    "oo large",  # Request too large (max 32MB) (Claude Code)
    "selected model",  # There's an issue with the selected model (Claude Code)
    "redit balance",  # Credit balance is too low (Claude Code)
    "API key",  # Invalid API key · Fix external API key
    "OAuth",  # OAuth token has expired / revoked
    "nable to connect",  # Unable to connect to API
    "/login",  # Not logged in · Please run /login
    "curl: (",  # curl: (60) SSL certificate problem
    "\nHTTP/",  # a status line of curl -i output
)
