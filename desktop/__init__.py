"""Layan desktop: the Qt app and its local store."""

__version__ = "0.1.0"
# The day this version was released: a PC clock earlier than this is certainly wrong (domain/wall_clock.py).
__release_date__ = "2026-12-01"
