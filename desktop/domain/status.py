"""What ``layan status`` and the status bar report: office, register counts, sync backlog."""

from __future__ import annotations

import json

from desktop import __version__
from desktop.store.records import Store
from sync.schema import collections


def summary(store: Store) -> dict:
    conn = store.read()
    counts = {name: store.count(name) for name in collections()}
    letters = dict(conn.execute(
        "SELECT direction, count(*) FROM letters WHERE deleted = 0 GROUP BY direction").fetchall())
    return {
        "app_version": __version__,
        "office": store.office(),
        "device_id": store.device_id(),
        "enrolled": bool(store.meta("server_url")),
        "server": store.meta("server_url"),
        "counts": {
            "surat_masuk": letters.get("masuk", 0),
            "surat_keluar": letters.get("keluar", 0),
            **{name: n for name, n in counts.items() if name != "letters"},
        },
        "waiting_to_sync": store.outbox_size(),
        "rejected_by_server": conn.execute("SELECT count(*) FROM rejected").fetchone()[0],
        # Changes a server sent that failed this PC's checks (kept aside, never applied: sync/inbound.py).
        "refused_from_server": conn.execute("SELECT count(*) FROM refused_changes").fetchone()[0],
        "repaired_on_open": json.loads(store.meta("store_repairs") or "null"),
        "last_sync": store.meta("last_sync_at"),
        "last_sync_error": store.meta("last_sync_error"),
    }
