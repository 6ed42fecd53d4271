"""Deleted records keep no personal fields on this PC (sync/tombstones.py says which fields stay).

When a record is deleted here, or a delete arrives by sync, its row is stripped, and so is every other
copy of its values the store holds: the outbox entries that have not left yet, the audit trail, the
changes the server refused, the changes this PC refused and the conflicts about it. The write
connection runs with ``secure_delete`` (old values are overwritten, not left in free pages), the
search index with FTS5 ``secure-delete``, and after the transaction the WAL is folded into the file
and truncated (``Store.transaction``), so the values are gone from the decrypted file too.
"""

from __future__ import annotations

import json

from sync import tombstones
from sync.schema import Collection

from .audit_policy import REDACTED
from .driver import sqlite3


def strip_row(conn: sqlite3.Connection, coll: Collection, record_id: str) -> None:
    """The tombstone's own row: every field not kept becomes NULL, with its stamp and unknown extras."""
    keep = tombstones.kept(coll.name)
    row = conn.execute(f"SELECT field_hlc, extra FROM [{coll.name}] WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return
    stamps = {k: v for k, v in _json(row["field_hlc"], {}).items() if k in keep}
    extra = {k: v for k, v in _json(row["extra"], {}).items() if k in keep}
    cleared = "".join(f", [{name}] = NULL" for name in coll.fields if name not in keep)
    conn.execute(f"UPDATE [{coll.name}] SET field_hlc = ?, extra = ?{cleared} WHERE id = ?",
                 (json.dumps(stamps, sort_keys=True), json.dumps(extra, sort_keys=True) if extra else None, record_id))


def strip_copies(conn: sqlite3.Connection, coll: Collection, record_id: str, *, outbox: str) -> None:
    """Every other copy of the record's values. ``outbox``: ``"delete"`` turns the entries still
    waiting into deletes (this PC deleted the record: the server, if it ever had the record, ends
    with the same tombstone, and a record it never had never reaches it); ``"strip"`` keeps them as
    edits without their values (a delete arrived: the server records who edited what, in vain)."""
    keep = tombstones.kept(coll.name)
    for mseq, op, fields in conn.execute("SELECT mseq, op, fields FROM outbox WHERE collection = ? AND record_id = ?",
                                         (coll.name, record_id)).fetchall():
        if outbox == "delete":
            conn.execute("UPDATE outbox SET op = 'delete', fields = '{}' WHERE mseq = ?", (mseq,))
        elif op == "put":
            kept = {k: v for k, v in _json(fields, {}).items() if k in keep}
            conn.execute("UPDATE outbox SET fields = ? WHERE mseq = ?", (json.dumps(kept, sort_keys=True), mseq))
    _redact_audit(conn, coll.name, record_id, keep)
    for mseq, fields in conn.execute("SELECT mseq, fields FROM rejected WHERE collection = ? AND record_id = ?",
                                     (coll.name, record_id)).fetchall():
        kept = {k: v for k, v in _json(fields, {}).items() if k in keep}
        conn.execute("UPDATE rejected SET fields = ? WHERE mseq = ?", (json.dumps(kept, sort_keys=True), mseq))
    row = conn.execute("SELECT body FROM refused_changes WHERE collection = ? AND id = ?",
                       (coll.name, record_id)).fetchone()
    if row is not None:
        body = _json(row["body"], {})
        if isinstance(body, dict) and isinstance(body.get("fields"), dict):
            body["fields"] = tombstones.strip(coll.name, body["fields"])
            conn.execute("UPDATE refused_changes SET body = ? WHERE collection = ? AND id = ?",
                         (json.dumps(body, ensure_ascii=False, sort_keys=True), coll.name, record_id))
    _strip_conflicts(conn, record_id)


def _redact_audit(conn: sqlite3.Connection, collection: str, record_id: str, keep: frozenset[str]) -> None:
    """The audit keeps who changed which field when; the values of the fields not kept become a marker."""
    for audit_id, changes in conn.execute(
            "SELECT id, changes FROM audit WHERE collection = ? AND record_id = ? AND changes IS NOT NULL",
            (collection, record_id)).fetchall():
        before = _json(changes, None)
        if isinstance(before, dict):
            after = {k: (v if k in keep or not isinstance(v, list) else [REDACTED] * len(v)) for k, v in before.items()}
            if after != before:
                conn.execute("UPDATE audit SET changes = ? WHERE id = ?", (json.dumps(after, ensure_ascii=False), audit_id))


def _strip_conflicts(conn: sqlite3.Connection, record_id: str) -> None:
    """Conflicts about a deleted record keep which field, who and when; not the values (a local copy:
    the server strips its own, and a conflict's values are only ever used to restore a live record)."""
    for row in conn.execute("SELECT id, lost_value, won_value FROM conflicts WHERE record_id = ?",
                            (record_id,)).fetchall():
        fields = {"record_id": record_id, "lost_value": _json(row["lost_value"], None),
                  "won_value": _json(row["won_value"], None)}
        stripped = tombstones.strip_conflict(fields, {record_id})
        if stripped != fields:
            conn.execute("UPDATE conflicts SET lost_value = ?, won_value = ? WHERE id = ?",
                         (_encode(stripped["lost_value"]), _encode(stripped["won_value"]), row["id"]))
        _redact_audit(conn, "conflicts", row["id"], frozenset({"collection", "record_id", "field", "kind", "resolved",
                                                               "lost_hlc", "lost_actor", "won_hlc", "won_actor"}))


def strip(conn: sqlite3.Connection, coll: Collection, record_id: str, *, outbox: str) -> None:
    """The row and every copy (one call per deleted record, inside the delete's transaction)."""
    if not tombstones.applies_to(coll.name) or coll.append_only:
        # An append-only record (a disposisi, a status event) is never deleted at the server, which
        # refuses the delete and keeps it: stripping it here would only lose this PC's copy.
        return
    strip_row(conn, coll, record_id)
    strip_copies(conn, coll, record_id, outbox=outbox)


def secure_search_index(conn: sqlite3.Connection, table: str) -> None:
    """FTS5 keeps a deleted entry's words in older index segments until they merge; with secure-delete
    a delete removes them at once (SQLite 3.44+)."""
    fts = f"{table}_fts"
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (fts,)).fetchone():
        conn.execute(f"INSERT INTO [{fts}]([{fts}], rank) VALUES ('secure-delete', 1)")


def _json(text, default):
    if text is None:
        return default
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return default


def _encode(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
