"""Pure decisions: from what `checks.sources` read (an `Inventory`, an environment mapping) to what each client would
use: its endpoint (`endpoint`), its credential (`credential`), its proxy (`proxy`) and its trust store (`trust`); and
the lints of those values (`lint`, `key`, `endpoint`, `proxy`). No I/O here: tests feed plain values.
"""
