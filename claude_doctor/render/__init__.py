"""Renderers: the only code that prints."""
