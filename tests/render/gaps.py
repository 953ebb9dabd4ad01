"""Outside text that main's decoder does not carry through to the output yet: bugs outside `render` (decode/ and
catalog/ are being reworked on another branch, so they are reported there, not fixed here). Tests that meet one still
hold the output inert in every format; only the check that the text reached the output is expected to fail, and a case
that starts passing fails, so that it is taken off the list."""

from __future__ import annotations

import pytest

SURROGATE_GAP = (
    "catalog.messages.find_family hands text holding a lone surrogate (from a JSON or Python escape) to "
    "ahocorasick_rs, which raises UnicodeEncodeError: the decoder answers 'internal decoder error'"
)
QUOTE_GAP = "the decoder ends a message in a Python repr at its first escaped quote (\\'): the rest is not shown"


def assert_reached(found: bool, gap: str | None = None) -> None:
    """The hostile text reached the output (else the test would prove nothing), or a known gap keeps it out."""
    if gap is None:
        assert found, "the hostile text never reached the output: this test would prove nothing"
    elif found:
        pytest.fail(f"fixed: take this case off the known gaps ({gap})")
    else:
        pytest.xfail(gap)
