"""JSON as every command prints it: UTF-8 text, one document, never NaN."""

from __future__ import annotations

import json
from typing import Any


def dumps(document: Any, *, indent: int | None = None, ensure_ascii: bool = False) -> str:
    """`ensure_ascii` for a stream that cannot carry UTF-8: the same document, non-ASCII characters escaped."""
    return json.dumps(document, ensure_ascii=ensure_ascii, indent=indent, allow_nan=False, default=str)
