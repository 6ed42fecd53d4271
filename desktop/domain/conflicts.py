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
        field = conflict["field"]
        if field == "_deleted":  # an edit lost to a delete: bring the record back with its values
            change = tx.save(conflict["collection"], dict(conflict.get("lost_value") or {}),
                             record_id=conflict["record_id"], actor=actor)
        else:
            change = tx.save(conflict["collection"], {field: conflict.get("lost_value")},
                             record_id=conflict["record_id"], actor=actor)
        tx.save(CONFLICTS, {"resolved": True}, record_id=conflict_id, actor=actor)
        return change


def dismiss_conflict(store: Store, conflict_id: str, *, actor: str) -> Change:
    """Keeps the current value and marks the conflict as seen."""
    return store.save(CONFLICTS, {"resolved": True}, record_id=conflict_id, actor=actor)
