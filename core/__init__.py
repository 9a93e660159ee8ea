"""Copydesk core: pure-Python comparison engine (never imports Qt)."""

__version__ = "0.1.0"
