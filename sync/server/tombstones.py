"""The server's stored tombstones without personal fields (sync/tombstones.py says which fields stay).

A delete applied from now on is stripped where it is applied (sync/server/merge.py). This module
strips what was stored before: every tombstone, and the values recorded in conflicts about deleted
records. It runs once when a database is first opened by a server that strips tombstones
(``strip_once``, from ``Storage._init_schema``), and on demand with ``layan-server strip-tombstones``.

Rows are changed in place, without a new rev: PCs strip their own copies (desktop migration m013 and
every delete they receive), and a PC that downloads everything again gets the stripped rows.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, insert, select, update

from sync import tombstones
from sync.protocol import CONFLICTS
from sync.server import record_meta

DONE_KEY = "tombstones_stripped"


def strip_stored(conn: Connection) -> tuple[int, int]:
    """Strips every stored tombstone and every conflict about a deleted record; returns how many of
    each changed."""
    from sync.server.storage import records  # the table (storage imports this module's neighbours)

    deleted_ids: set[str] = set()
    stripped = 0
    rows = conn.execute(select(records.c.id, records.c.collection, records.c.fields, records.c.meta)
                        .where(records.c.deleted.is_(True))).all()
    for row in rows:
        deleted_ids.add(row.id)
        if not tombstones.applies_to(row.collection):
            continue
        fields = json.loads(row.fields)
        kept = tombstones.strip(row.collection, fields)
        if kept == fields:
            continue
        meta = json.loads(row.meta)
        states = {name: m for name, m in record_meta.field_states(meta).items() if name in kept}
        conn.execute(update(records).where(records.c.id == row.id).values(
            fields=_dumps(kept), meta=_dumps(record_meta.document(states, meta.get("d"), meta.get("t")))))
        stripped += 1
    conflicts = 0
    if deleted_ids:
        for row in conn.execute(select(records.c.id, records.c.fields).where(records.c.collection == CONFLICTS)):
            fields = json.loads(row.fields)
            kept = tombstones.strip_conflict(fields, deleted_ids)
            if kept != fields:
                conn.execute(update(records).where(records.c.id == row.id).values(fields=_dumps(kept)))
                conflicts += 1
    return stripped, conflicts


def strip_once(conn: Connection) -> None:
    """The one-off strip of a database written before tombstones were stripped."""
    from sync.server.storage import meta_table

    if conn.execute(select(meta_table.c.value).where(meta_table.c.key == DONE_KEY)).first() is not None:
        return
    strip_stored(conn)
    conn.execute(insert(meta_table).values(key=DONE_KEY, value="1"))


def add_cli(sub, common) -> None:
    sub.add_parser("strip-tombstones", parents=[common],
                   help="drop the personal fields of every deleted record and of conflicts about them "
                        "(done once automatically; see docs/SECURITY.md)")


def run_cli(storage) -> int:
    with storage.write() as conn:
        records, conflicts = strip_stored(conn)
    print(f"stripped {records} deleted records and {conflicts} conflicts about deleted records")
    return 0


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
