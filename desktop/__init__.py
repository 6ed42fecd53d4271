"""Layan desktop: the Qt app and its local store."""

__version__ = "0.1.0"
