"""Cutting text into records: multi-line shapes stay whole, cut-short ones stop at the next log entry."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claude_doctor.decode.records import LOG_ENTRY, split_records

STAMP = "2026-11-25T10:00:00Z INFO worker ok"
PRETTY = '{\n  "type": "error",\n  "error": {\n    "type": "overloaded_error"\n  }\n}'
CHAINED = (
    'Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nhttpx.ConnectError: refused\n\n'
    "During handling of the above exception, another exception occurred:\n\n"
    'Traceback (most recent call last):\n  File "b.py", line 2, in <module>\n'
    "anthropic.APIConnectionError: Connection error."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PRETTY, [PRETTY]),
        (CHAINED, [CHAINED]),
        (
            '2026-11-25T10:00:00Z error {"type":"error","message":"prompt is too long: 2158\n77 tokens"}',
            ['2026-11-25T10:00:00Z error {"type":"error","message":"prompt is too long: 2158\n77 tokens"}'],
        ),
        # A Node error with its stack and cause is one record; an error line with no stack is just a line.
        (
            "Error: Connection error.\n    at Anthropic.makeRequest (a.js:1:2)\n  cause: TypeError: fetch failed\n"
            + STAMP,
            [
                "Error: Connection error.\n    at Anthropic.makeRequest (a.js:1:2)\n  cause: TypeError: fetch failed",
                STAMP,
            ],
        ),
        ("Error: connect ECONNREFUSED\n  indented note", ["Error: connect ECONNREFUSED", "  indented note"]),
        # A trimmed traceback: the wrapper's line right after its cause's belongs to the same failure.
        (
            'Traceback (most recent call last):\n  File "x.py"\nhttpx.ConnectError: refused\n'
            "anthropic.APIConnectionError: Connection error.\n" + STAMP,
            [
                'Traceback (most recent call last):\n  File "x.py"\nhttpx.ConnectError: refused\n'
                "anthropic.APIConnectionError: Connection error.",
                STAMP,
            ],
        ),
        # A JSON line cut short by the logger never balances: it ends at the next entry.
        ('{"type":"error","error":{"type":"overl\n' + STAMP, ['{"type":"error","error":{"type":"overl', STAMP]),
        (
            '{"type":"error","error":{"type":"overl\n{"type":"error"}',
            ['{"type":"error","error":{"type":"overl', '{"type":"error"}'],
        ),
        # A traceback that lost its last line, then a new entry that starts another traceback.
        (
            'Traceback (most recent call last):\n  File "a.py", line 1\n'
            + STAMP
            + ' Traceback (most recent call last):\n  File "b.py"\nValueError: x',
            [
                'Traceback (most recent call last):\n  File "a.py", line 1',
                STAMP + ' Traceback (most recent call last):\n  File "b.py"\nValueError: x',
            ],
        ),
        # curl -i: headers, blank line, a JSON body; a response with no body; a text body.
        (
            'HTTP/2 429\nretry-after: 17\n\n{"type":"error"}\n' + STAMP,
            ['HTTP/2 429\nretry-after: 17\n\n{"type":"error"}', STAMP],
        ),
        (
            "HTTP/1.1 407 Proxy Authentication Required\nContent-Length: 0\nImportError: no socksio",
            ["HTTP/1.1 407 Proxy Authentication Required\nContent-Length: 0", "ImportError: no socksio"],
        ),
        (
            "HTTP/1.1 404 Not Found\n\n404 page not found\n" + STAMP,
            ["HTTP/1.1 404 Not Found\n\n404 page not found", STAMP],
        ),
        ("HTTP/1.1 200 Connection established\n\nHTTP/2 401", ["HTTP/1.1 200 Connection established\n", "HTTP/2 401"]),
    ],
)
def test_table(text: str, expected: list[str]) -> None:
    assert split_records(text) == expected


_PIECES = [
    "Error: boom",
    "    at f (a.js:1:1)",
    "  cause: TypeError: fetch failed",
    STAMP,
    PRETTY,
    CHAINED,
    "",
    "  indented",
    "}",
    '{"a": {',
    "HTTP/1.1 529",
    "x-should-retry: true",
    "event: error",
    'data: {"type":"error"}',
    "Traceback (most recent call last):",
    "ValueError: bad",
    "ERROR boom",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_no_record_runs_across_a_log_entry(pieces: list[str]) -> None:
    """What `scan` relies on to decode only the lines between two entries around a candidate."""
    entry = re.compile(LOG_ENTRY)
    for record in split_records("\n".join(pieces)):
        assert not any(entry.match(line) for line in record.split("\n")[1:]), record
