"""Values overwritten by a concurrent edit (DESIGN.md, invariant 4: no silent overwrite).

The server records every losing value as a ``conflicts`` record that syncs to the office; the
clerk sees what was overwritten, by whom and when, and restores it with one click — which is an
ordinary edit, so it syncs like any other and the conflict is marked resolved everywhere.
"""

from __future__ import annotations

from desktop.store.db import StoreError
from desktop.store.records import Change, Store

CONFLICTS = "conflicts"


def open_conflicts(store: Store, collection: str | None = None, record_id: str | None = None) -> list[dict]:
    where, params = ["coalesce(resolved, 0) = 0"], []
    if collection:
        where.append("collection = ?")
        params.append(collection)
    if record_id:
        where.append("record_id = ?")
        params.append(record_id)
    return store.find(CONFLICTS, " AND ".join(where), params, order_by="created_at DESC, rowid DESC")


def restore_conflict(store: Store, conflict_id: str, *, actor: str) -> Change:
    """Puts the overwritten value back (one transaction: the edit and the conflict's resolution)."""
    with store.transaction() as tx:
        conflict = tx.get(CONFLICTS, conflict_id)
        if conflict is None or conflict.get("deleted"):
            raise StoreError("Konflik tidak ditemukan.", "Conflict not found.")
        if conflict.get("resolved"):
            raise StoreError("Konflik ini sudah diselesaikan.", "This conflict is already resolved.")
        target = tx.get(conflict["collection"], conflict["record_id"])
        if target is None:
            raise StoreError("Data yang berkonflik tidak ada di PC ini.", "The conflicting record is not on this PC.")
        if conflict["field"] == "_deleted" or target.get("deleted"):
            # A delete is final and keeps no personal fields (sync/tombstones.py): nothing to put back.
            raise StoreError("Data ini sudah dihapus beserta isinya, jadi perubahan yang kalah tidak dapat "
                             "dipulihkan. Bila data masih diperlukan, masukkan ulang sebagai data baru.",
                             "This record was deleted with its contents, so the lost edit cannot be restored. "
                             "If the record is still needed, enter it again as a new one.")
        change = tx.save(conflict["collection"], {conflict["field"]: conflict.get("lost_value")},
                         record_id=conflict["record_id"], actor=actor)
        tx.save(CONFLICTS, {"resolved": True}, record_id=conflict_id, actor=actor)
        return change


def dismiss_conflict(store: Store, conflict_id: str, *, actor: str) -> Change:
    """Keeps the current value and marks the conflict as seen."""
    return store.save(CONFLICTS, {"resolved": True}, record_id=conflict_id, actor=actor)
