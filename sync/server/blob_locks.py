"""One lock per blob (sha256) between the daily collection (blob_gc.py) and a record that names the blob.

Without it, on PostgreSQL: the collection checks that no live attachment record names a blob while a
sync page that names it again is applied but not yet committed (invisible to the check); the page
commits, the PC asks for the blob's state and is told "stored" (the rows are still there), and then the
collection commits its removal: the PC never uploads the bytes again and they are lost. With the lock,
whichever of the two comes second waits for the other to commit: the collection then sees the new
record and keeps the blob, or the page finds the blob gone and the PC is told "missing" and uploads it.

It is a transaction-scoped advisory lock (``pg_advisory_xact_lock``) on a 64-bit hash of the sha256,
released at commit or rollback. SQLite needs none: its writers are serialised (BEGIN IMMEDIATE under the
storage's process lock), so a collection's transaction never overlaps a page's. Several locks are taken
in sorted order so that two transactions never wait for each other.

No imports from storage: Storage's apply path calls ``hold_named`` (one line), blob_gc calls ``hold``.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

ATTACHMENTS = "attachments"


def hold(conn: Connection, shas: Iterable[str]) -> None:
    """Takes the lock of each blob until this transaction ends (PostgreSQL; nothing on SQLite)."""
    if conn.dialect.name != "postgresql":
        return
    for sha in sorted(set(shas)):
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"blob:{sha}"})


def hold_named(conn: Connection, recs: Iterable) -> None:
    """The locks of the blobs that live attachment records just written (``merge.Rec``-like) name."""
    if conn.dialect.name != "postgresql":
        return
    shas = [r.fields.get("sha256") for r in recs if r.collection == ATTACHMENTS and not r.deleted]
    hold(conn, [s for s in shas if isinstance(s, str)])
