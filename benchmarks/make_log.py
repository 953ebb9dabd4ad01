"""Write a realistic application log with planted Claude API errors, for `scan` tests and benchmarks.

    python benchmarks/make_log.py OUT.log --mb 200 --error-rate 0.001 [--seed 7]

Noise lines look like a busy web service's INFO/DEBUG/WARN lines; about `error-rate` of the lines are Claude API
errors in the shapes people really log (SDK exceptions, Claude Code lines, JSON envelopes, network failures, a few
pretty-printed envelopes and tracebacks). The counts of planted errors by category are printed as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

NOISE = (
    'INFO  http.access 10.0.{a}.{b} "GET /api/v2/orders/{n} HTTP/1.1" 200 {s} {ms}ms',
    "DEBUG cache.redis hit key=session:{n} ttl={s}",
    "INFO  worker.jobs job {n} finished in {ms}ms (queue=default, attempts=1)",
    "WARN  pool.db slow query took {ms}ms: SELECT * FROM items WHERE id = {n}",
    "INFO  claude.client request model=claude-haiku-4-5 input_tokens={s} output_tokens={b} latency={ms}ms",
    "DEBUG feature.flags evaluated {a} flags for user {n}",
    'INFO  http.access 10.0.{a}.{b} "POST /api/v2/checkout HTTP/1.1" 201 {s} {ms}ms',
)
RID = "req_011C{}"
# (template, category); {rid} is a fresh request id.
ERRORS = (
    (
        "anthropic.RateLimitError: Error code: 429 - {{'type': 'error', 'error': {{'type': 'rate_limit_error', "
        "'message': 'Number of request tokens has exceeded your per-minute rate limit'}}, 'request_id': '{rid}'}}",
        "rate_limited",
    ),
    (
        'API Error: 529 {{"type":"error","error":{{"type":"overloaded_error","message":"Overloaded"}},'
        '"request_id":"{rid}"}}',
        "overloaded",
    ),
    (
        "anthropic.InternalServerError: Error code: 500 - {{'type': 'error', 'error': {{'type': 'api_error', "
        "'message': 'Internal server error'}}, 'request_id': '{rid}'}}",
        "server_error",
    ),
    (
        "httpx.ConnectError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer "
        "certificate (_ssl.c:1006)",
        "tls",
    ),
    ("Error: connect ECONNREFUSED 127.0.0.1:8443", "connect"),
    (
        '{{"type":"error","error":{{"type":"authentication_error","message":"invalid x-api-key"}},'
        '"request_id":"{rid}"}}',
        "invalid_key",
    ),
    (
        "anthropic.BadRequestError: Error code: 400 - {{'type': 'error', 'error': {{'type': "
        "'invalid_request_error', 'message': 'Your credit balance is too low to access the Anthropic API. Please go "
        "to Plans & Billing to upgrade or purchase credits.'}}, 'request_id': '{rid}'}}",
        "billing",
    ),
)
PRETTY = (
    '{{\n  "type": "error",\n  "error": {{\n    "type": "overloaded_error",\n    "message": "Overloaded"\n  }},\n'
    '  "request_id": "{rid}"\n}}',
    "overloaded",
)
TRACEBACK = (
    'Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    client.messages.create(**req)\n'
    '  File "anthropic/_base_client.py", line 1050, in request\n    raise self._make_status_error_from_response(err)\n'
    "anthropic.RateLimitError: Error code: 429 - {{'type': 'error', 'error': {{'type': 'rate_limit_error', "
    "'message': 'Output tokens per minute exceeded'}}, 'request_id': '{rid}'}}",
    "rate_limited",
)


def write_log(path: Path, megabytes: float, error_rate: float, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    target = int(megabytes * 1024 * 1024)
    counts: dict[str, int] = {}
    written = 0
    second = 0
    with path.open("w", encoding="utf-8") as out:
        batch: list[str] = []
        while written < target:
            second += 1
            stamp = f"2026-11-25T{(second // 3600) % 24:02d}:{(second // 60) % 60:02d}:{second % 60:02d}Z"
            if rng.random() < error_rate:
                shape = rng.random()
                template, category = PRETTY if shape < 0.05 else TRACEBACK if shape < 0.1 else rng.choice(ERRORS)
                rid = RID.format("".join(rng.choice(alphabet) for _ in range(20)))
                line = f"{stamp} ERROR claude.client " + template.format(rid=rid)
                counts[category] = counts.get(category, 0) + 1
            else:
                line = f"{stamp} " + rng.choice(NOISE).format(
                    a=rng.randrange(256),
                    b=rng.randrange(256),
                    n=rng.randrange(10**6),
                    s=rng.randrange(9000),
                    ms=rng.randrange(900),
                )
            batch.append(line)
            written += len(line) + 1
            if len(batch) >= 10_000:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--error-rate", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(write_log(args.out, args.mb, args.error_rate, args.seed), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
