"""Replication for Layan: protocol, engine, HTTP client and the central server.

Nothing here imports Qt or the desktop package (DESIGN.md, invariant 6).
"""
