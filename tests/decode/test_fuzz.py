"""A CI-sized batch of the hostile inputs of `benchmarks/decode_fuzz.py` (which runs 100,000 of them): no decode may
take a second. The limit here is twice that, for a loaded CI machine; a pattern that backtracks takes many seconds on
these inputs, not one.

The same generator, seeded, so a failure names an input that `python benchmarks/decode_fuzz.py` reproduces.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "decode_fuzz.py"
BATCH = 400
LIMIT_S = 2.0


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("decode_fuzz", BENCHMARK)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("decode_fuzz", module)
    spec.loader.exec_module(module)
    return module


def test_the_generator_is_seeded_and_hostile() -> None:
    fuzz = _fuzz()
    first = [h.text for h in fuzz.hostile_inputs(50, seed=3, big_every=0)]
    assert first == [h.text for h in fuzz.hostile_inputs(50, seed=3, big_every=0)]
    assert len(set(first)) > 40
    big = list(fuzz.hostile_inputs(2, seed=3, big_every=2))[1]
    assert len(big.text) > 1024 * 1024  # one in `big_every` grows towards the read limit


def test_no_hostile_input_takes_a_second() -> None:
    fuzz = _fuzz()
    worst = (0.0, "")
    # Mostly short and medium inputs, and two that grow towards the read limit (5 MB).
    for item in fuzz.hostile_inputs(BATCH, seed=20260101, big_every=BATCH // 2):
        elapsed = fuzz.decode_time(item.text)
        worst = max(worst, (elapsed, f"#{item.index} {item.recipe} ({len(item.text):,} chars)"))
    assert worst[0] < LIMIT_S, f"slowest decode {worst[0]:.2f} s on {worst[1]}"
