"""Does any input make the decoder take more than a second? A seeded generator of hostile inputs, timed one by one.

The inputs are what a careless regex chokes on: long runs of white space and line breaks, braces and quotes nested
deep or left open, near-miss keywords repeated thousands of times (`Error code: 4`, `(request id: `, `req_`,
`HTTP/1.1 `, `Traceback (most recent call last)`, `curl: (`, `当前分组`), huge numbers, and every kind of escape mixed
(JSON `\\"` at several depths, `\\u` sequences, ANSI colours, carriage returns, NULs). Each input is a few such pieces,
each repeated a random (log-uniform) number of times; most are under 64 KB (sizes log-uniform from 64 characters),
and one in `--big-every` grows to the
`explain` read limit (5 MB). Every input goes through what `explain -` runs (`decode.explain_all`).

    python benchmarks/decode_fuzz.py [--count 100000] [--seed 1] [--big-every 1000] [--show 5]

Prints the worst times, the input behind the worst (its recipe and its first characters), and exits 1 when any
decode took a second or more (DESIGN.md: no decode of any input takes more than a second). The test suite runs a
small batch of the same generator (tests/decode/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

READ_LIMIT = 5 * 1024 * 1024  # commands/explain.py MAX_INPUT_BYTES
DEADLINE_S = 1.0

# Pieces of text that steer the decoder's patterns into their slow paths when repeated.
_WHITE = (" ", "\t", "\n", "\r\n", "\r", "  \n", "\n\n\n", " \t \n", "\u00a0", "\u3000", "\x0b", "\x0c")
_OPEN = ('{"error":{', "{'error': {", '{"type":"error","error":{"type":"', "[{", '{\\"', '{\\\\\\"', "{{{{", "{\n  ")
_CLOSE = ("}", "}}", "]}", '"}', "'}", '\\"}', "}\n")
_QUOTES = ('"', "'", '\\"', '\\\\\\"', "“", "”", "‘", "’", "`", '"""', "\\'")
_NEAR_MISSES = (
    "Error code: 4",
    "Error code: ",
    "API Error: 5",
    "API Error (",
    "Status Code: ",
    "status_code=",
    '"code": ',
    "code: 4",
    "(request id: ",
    "(request id: 2025",
    "request_id=req_",
    "req_011C",
    "req_vrtx_",
    "requestId: ",
    "x-amzn-RequestId: ",
    "HTTP/1.1 ",
    "HTTP/2 5",
    "Traceback (most recent call last)",
    "During handling of the above exception",
    "event: error\n",
    "data: {",
    "_error",
    "overloaded_erro",
    "rate_limit_error",
    "invalid_request_erro",
    '"type": "',
    '"message": "',
    "'message': '",
    "Exception: ",
    "xception",
    "ThrottlingExceptio",
    "RESOURCE_EXHAUSTE",
    "google.api_core.exceptions.",
    "when calling the InvokeModel operation",
    "Retrying in 4 seconds… (attempt ",
    "· attempt 1/",
    "usage limit reached|",
    "resets 5pm (",
    "curl: (",
    "ErrCode: ",
    "Failed to perform, ErrCode: 35, Reason: '",
    "getaddrinfo ENOTFOUND ",
    "connect ECONNREFUSED 127.0.0.1:",
    "[Errno ",
    "[SSL: ",
    "dial tcp ",
    "at async ",
    "    at ",
    "⎿  ",
    "│ ",
    "当前分组",
    "无可用渠道",
    "令牌",
    "额度",
    "上游",
    "Error from provider(",
    "upstream error: ",
    "Upstream provider ",
    "<html><head><title>",
    "No available accounts",
    "model: claude-",
    "prompt is too long: ",
    "exceed context limit: ",
    "max_tokens: ",
    "Request failed with status code ",
    "AI_APICallError: ",
    "错误信息: ",
    "litellm.",
    "AnthropicException - ",
    "Received Model Group=",
)
_ESCAPES = ("\\n", "\\t", "\\\\", "\\u00", "\\u00b7", "\\x", "\\\\n", "\x1b[31m", "\x1b]8;;", "\x1b[", "\x00", "\\")


def _digits(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 40)))


def _huge_number(rng: random.Random) -> str:
    return rng.choice(["4", "5", "9", "1", "429"]) * rng.randint(3, 400)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_ERTX") for _ in range(rng.randint(1, 12)))


_MAKERS: tuple[tuple[str, Callable[[random.Random], str]], ...] = (
    ("white", lambda rng: rng.choice(_WHITE)),
    ("open", lambda rng: rng.choice(_OPEN)),
    ("close", lambda rng: rng.choice(_CLOSE)),
    ("quote", lambda rng: rng.choice(_QUOTES)),
    ("near_miss", lambda rng: rng.choice(_NEAR_MISSES)),
    ("escape", lambda rng: rng.choice(_ESCAPES)),
    ("digits", _digits),
    ("huge_number", _huge_number),
    ("word", _word),
    ("near_miss_digits", lambda rng: rng.choice(_NEAR_MISSES) + _digits(rng)),
    ("quoted", lambda rng: rng.choice(_QUOTES) + _word(rng) + rng.choice(_QUOTES) + rng.choice(": ,")),
)


@dataclass(frozen=True)
class Hostile:
    """One generated input and how it was made (pieces and repeat counts), so a slow one can be reproduced."""

    index: int
    recipe: str
    text: str


def _one(rng: random.Random, limit: int) -> tuple[str, str]:
    parts: list[str] = []
    recipe: list[str] = []
    size = 0
    for _ in range(rng.randint(1, 5)):
        name, make = rng.choice(_MAKERS)
        unit = "".join(make(rng) for _ in range(rng.randint(1, 4)))
        # Log-uniform repeats: most pieces appear a few times, some thousands of times.
        repeat = int(2 ** rng.uniform(0, 17))
        repeat = max(1, min(repeat, (limit - size) // max(1, len(unit))))
        parts.append(unit * repeat)
        recipe.append(f"{name}×{repeat}")
        size += len(unit) * repeat
        if size >= limit:
            break
    return "".join(parts)[:limit], " + ".join(recipe)


def hostile_inputs(count: int, seed: int = 1, *, small: int = 64 * 1024, big_every: int = 1000) -> Iterator[Hostile]:
    """`count` inputs, the same for the same seed: most up to `small` characters, one in `big_every` up to the read
    limit."""
    rng = random.Random(seed)
    for index in range(count):
        # Sizes log-uniform from 64 characters to `small`, so that short pastes are as well covered as long ones.
        limit = (
            READ_LIMIT
            if big_every and index % big_every == big_every - 1
            else int(2 ** rng.uniform(6, small.bit_length() - 1))
        )
        text, recipe = _one(rng, limit)
        yield Hostile(index, recipe, text)


def decode_time(text: str) -> float:
    """Seconds to decode the text the way `explain -` does (every error in it; `scan` decodes each record alike)."""
    from claude_doctor.decode import explain_all

    start = time.perf_counter()
    explain_all(text)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--big-every", type=int, default=1000, help="one input in N grows to the read limit (5 MB)")
    parser.add_argument("--show", type=int, default=5, help="how many of the slowest inputs to list")
    args = parser.parse_args(argv)

    from claude_doctor.decode import explain_text

    explain_text("warm up: Error code: 529")
    worst: list[tuple[float, Hostile]] = []
    total = 0.0
    started = time.perf_counter()
    for item in hostile_inputs(args.count, args.seed, big_every=args.big_every):
        elapsed = decode_time(item.text)
        total += elapsed
        worst.append((elapsed, item))
        if len(worst) > 4 * args.show:
            worst = sorted(worst, key=lambda pair: pair[0], reverse=True)[: args.show]
        if item.index and item.index % 10_000 == 0:
            print(f"… {item.index} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    worst = sorted(worst, key=lambda pair: pair[0], reverse=True)[: args.show]
    mean_ms = 1000 * total / args.count
    print(f"{args.count} hostile inputs (seed {args.seed}): {total:.1f} s decoding, mean {mean_ms:.2f} ms")
    for elapsed, item in worst:
        print(f"  {elapsed * 1000:8.1f} ms  #{item.index}  {len(item.text):>9,} chars  {item.recipe}")
    slowest_time, slowest = worst[0]
    print(f"worst: {slowest_time:.3f} s on input #{slowest.index} ({slowest.recipe}); it starts:")
    print("  " + repr(slowest.text[:300]))
    if slowest_time >= DEADLINE_S:
        print(f"FAIL: a decode took {slowest_time:.2f} s (limit {DEADLINE_S:.0f} s)")
        return 1
    print(f"OK: every decode under {DEADLINE_S:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
