"""Every text in a value, rewritten: the one walk over results that translation, masking, neutralising and the ASCII
stand-ins share, so that each of them reaches the same strings and none forgets a field."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def map_texts(value: T, change: Callable[[str], str], *, dicts: bool = False) -> T:
    """A copy of `value` (a string, a dataclass, a tuple or list of them) with `change` applied to every string.
    A result's `secrets` are kept as they are (they are what masking looks for, never shown). Dictionaries are machine
    data (a check's `data`, JSON documents): walked, keys too, only with `dicts`; otherwise kept as they are."""

    def walk(item: Any) -> Any:
        if isinstance(item, str):
            return change(item)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {f.name: walk(getattr(item, f.name)) for f in dataclasses.fields(item) if f.init}
            changes.pop("secrets", None)
            return dataclasses.replace(item, **changes)
        if isinstance(item, tuple):
            return tuple(walk(v) for v in item)
        if isinstance(item, list):
            return [walk(v) for v in item]
        if dicts and isinstance(item, dict):
            return {walk(k): walk(v) for k, v in item.items()}
        return item

    changed: T = walk(value)
    return changed
