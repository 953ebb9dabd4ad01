"""Every pattern the decoder and the catalog use stays linear: no quantified group that itself holds an unbounded
quantifier (the shape behind catastrophic backtracking), and no line-start pattern that scans white space across
lines (`^\\s*` under MULTILINE is quadratic on a paste of blank lines)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import claude_doctor.catalog
import claude_doctor.decode
from claude_doctor.catalog.messages import MESSAGE_RULES

# A group whose body has an unbounded quantifier (*, +), itself repeated without bound.
_NESTED = re.compile(r"\((?:[^()\\]|\\.)*?(?<!\\)[*+](?:[^()\\]|\\.)*\)[*+]")


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: list[tuple[str, re.Pattern[str]]] = []
    for package in (claude_doctor.decode, claude_doctor.catalog):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                values = value if isinstance(value, tuple) else (value,)
                for item in values:
                    for candidate in item if isinstance(item, tuple) else (item,):
                        if isinstance(candidate, re.Pattern):
                            found.append((f"{module.__name__}.{name}", candidate))
    found += [(rule.entry.key, rule.regex) for rule in MESSAGE_RULES if rule.regex is not None]
    return found


def test_the_inventory_is_not_empty() -> None:
    assert len(_patterns()) >= 100


def test_no_nested_unbounded_quantifiers() -> None:
    bad = [(where, p.pattern) for where, p in _patterns() if _NESTED.search(p.pattern)]
    assert not bad, bad


def test_no_multiline_line_start_scans_across_lines() -> None:
    bad = [
        (where, p.pattern) for where, p in _patterns() if p.flags & re.MULTILINE and re.search(r"\^\\s[*+]", p.pattern)
    ]
    assert not bad, bad


def _leads_with_an_open_run(parsed: object) -> bool:
    """Whether a match can start with an unbounded repeat that is then followed by more pattern: tried at every
    position of a long run (of blanks, say) that is not followed by what comes next, it rescans the rest of the run
    each time, quadratic. A lookbehind or an anchor before the repeat makes every start but the first fail at once."""
    import re._constants as c  # the parser's own constants, stable across the supported versions

    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    items = list(parsed)  # type: ignore[call-overload]
    for position, (op, av) in enumerate(items):
        if op is c.AT or (op in (c.ASSERT, c.ASSERT_NOT) and av[0] < 0):
            return False  # anchored, or a lookbehind decides each start at once
        if op in repeats:
            return av[1] == c.MAXREPEAT and position < len(items) - 1
        if op is c.SUBPATTERN:
            return _leads_with_an_open_run(av[-1]) or False
        if op is c.BRANCH:
            return any(_leads_with_an_open_run(branch) for branch in av[1])
        return False
    return False


def test_no_pattern_starts_with_an_unguarded_open_run() -> None:
    import re._parser as parser

    bad = [(where, p.pattern) for where, p in _patterns() if _leads_with_an_open_run(parser.parse(p.pattern, p.flags))]
    assert not bad, bad
