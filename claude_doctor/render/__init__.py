"""The only code that prints. `emit` takes any command's result from `model` and writes it as a table, JSON,
Markdown or GitHub output; renderers import nothing of the package but the model, `secrets`, `i18n` and each other."""

from __future__ import annotations

from claude_doctor.render.emit import FORMATS, Format, emit

__all__ = ["FORMATS", "Format", "emit"]
