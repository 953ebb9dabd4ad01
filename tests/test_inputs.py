"""Opening and reading what the user names as input: a cap said when reached, sizes in words."""

from __future__ import annotations

import io

import pytest

from claude_doctor.inputs import read_capped, size_text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (12, "12 bytes"),
        (1024, "1 KiB"),
        (300 * 1024, "300 KiB"),
        (5 * 1024 * 1024, "5 MiB"),
        (3_000_000, "2.86 MiB"),
        (3 << 30, "3 GiB"),
    ],
)
def test_size_text(size: int, text: str) -> None:
    assert size_text(size) == text


@pytest.mark.parametrize(("length", "cut"), [(0, False), (9, False), (10, False), (11, True), (10_000, True)])
def test_read_capped(length: int, cut: bool) -> None:
    stream = io.BytesIO(b"x" * length)
    data, truncated = read_capped(stream, 10)
    assert data == b"x" * min(length, 10)
    assert truncated is cut
