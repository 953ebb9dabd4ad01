"""JSON as every command prints it: UTF-8 text, one document, never NaN."""

from __future__ import annotations

import json
from typing import Any


def dumps(document: Any, *, indent: int | None = None) -> str:
    return json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False, default=str)
