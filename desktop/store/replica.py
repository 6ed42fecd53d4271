"""The local store as a sync replica: the ``LocalReplica`` interface of sync/engine.py.

Server changes are applied one page per transaction, together with the new cursor, so a dropped
sync resumes from the last committed page. A field this device changed and has not pushed yet is
never overwritten by an incoming change: the push that follows lets the server merge it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable

from sync import hlc, inbound
from sync.schema import SYSTEM_FIELDS, collections

from .records import Change, Store, WriteTx, decode_row, encode_value, now_iso

CURSOR_META = "sync_cursor"
log = logging.getLogger("layan.sync")
Applier = Callable[[WriteTx, Store, dict], None]
USER_FIELDS = ("username", "full_name", "role", "password_hash", "active")


class StoreReplica:
    def __init__(self, store: Store, appliers: dict[str, Applier] | None = None):
        self.store = store
        # Collections the domain applies itself (e.g. ``config``: desktop/domain/central_config.py).
        self.appliers = appliers or {}

    # -- push side ------------------------------------------------------------------------------

    def device_id(self) -> str:
        """The id the server gave this PC at enrollment (the local id before that)."""
        return self.store.meta("server_device_id") or self.store.device_id()

    def pending_mutations(self, limit: int) -> list[dict]:
        return [
            {"mseq": e["mseq"], "collection": e["collection"], "id": e["record_id"], "op": e["op"],
             "base_rev": e["base_rev"] or 0, "fields": e["fields"], "hlc": e["hlc"], "actor": e["actor"] or ""}
            for e in self.store.outbox(limit)
        ]

    def outbox_size(self) -> int:
        return self.store.outbox_size()

    def acknowledge(self, upto_mseq: int, results: list[dict]) -> None:
        """Drops acknowledged outbox entries; a rejected one is kept, with the server's reasons."""
        with self.store.transaction() as tx:
            rejected = [r for r in results if r.get("status") == "rejected" and r.get("mseq", 0) <= upto_mseq]
            for result in rejected:
                entry = tx.execute("SELECT * FROM outbox WHERE mseq = ?", (result["mseq"],)).fetchone()
                if entry is None:
                    continue
                tx.execute(
                    "INSERT OR REPLACE INTO rejected(mseq, collection, record_id, fields, errors, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (entry["mseq"], entry["collection"], entry["record_id"], entry["fields"],
                     json.dumps(result.get("errors") or [], ensure_ascii=False), now_iso()),
                )
            tx.execute("DELETE FROM outbox WHERE mseq <= ?", (upto_mseq,))

    # -- pull side ------------------------------------------------------------------------------

    def cursor(self) -> int:
        value = self.store.meta(CURSOR_META) or "0"
        return int(value) if value.isdigit() else 0

    def apply_changes(self, changes: list[dict], cursor: int) -> int:
        """Applies the changes that pass this PC's checks (sync/inbound.py); each one that fails, or
        that the store cannot take, is kept aside in ``refused_changes`` with its reason and sync goes
        on. Returns how many were set aside."""
        office = self.store.office_id
        kind = (self.store.office() or {}).get("kind")
        refused = 0
        with self.store.transaction() as tx:
            limit = inbound.max_wall(self.store.clock.physical_ms())

            def held(name: str, record_id: str) -> bool:
                return tx.execute(f"SELECT 1 FROM [{name}] WHERE id = ?", (record_id,)).fetchone() is not None

            for change in changes:
                change = inbound.clamp_stamps(change, limit)
                problems = inbound.problems(change, office=office, kind=kind,
                                            held=lambda n, i: n in collections() and held(n, i))
                if not problems:
                    problems = self._apply_one(tx, change)
                if problems:
                    refused += 1
                    self._refuse(tx, change, problems)
            tx.set_meta(CURSOR_META, str(cursor))
        return refused

    def _apply_one(self, tx: WriteTx, change: dict) -> list[tuple[str, str]]:
        """One change in its own savepoint: a value the store cannot take undoes only this change."""
        tx.execute("SAVEPOINT change")
        try:
            name = change["collection"]
            if name in self.appliers:
                self.appliers[name](tx, self.store, change)
            elif name == "users":
                self._apply_user(tx, change)
            elif name in collections():
                self._apply_record(tx, change)
            else:
                self._keep_unknown(tx, change)
        except (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.DataError,
                ValueError, TypeError, OverflowError, KeyError) as exc:
            # The change's own fault. Trouble of the disk (OperationalError: full, locked, I/O) fails
            # the whole page instead, which is then retried.
            tx.execute("ROLLBACK TO change")
            tx.execute("RELEASE change")
            log.warning("change %s/%s set aside: %r", change.get("collection"), change.get("id"), exc)
            detail = f"{type(exc).__name__}: {str(exc)[:120]}"
            return [(f"Data tidak dapat disimpan di PC ini ({detail}).", f"The store cannot take this record ({detail}).")]
        tx.execute("RELEASE change")
        if change.get("hlc") and hlc.is_valid(change["hlc"]):
            self.store.clock.observe(change["hlc"])
        return []

    def _refuse(self, tx: WriteTx, change: dict, problems: list[tuple[str, str]]) -> None:
        tx.execute(
            "INSERT OR REPLACE INTO refused_changes(collection, id, rev, office_id, body, reason, reason_en, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (str(change.get("collection"))[:40], str(change.get("id"))[:64],
             change.get("rev") if type(change.get("rev")) is int else 0, str(change.get("office_id"))[:40],
             json.dumps(change, ensure_ascii=False, sort_keys=True)[:1_000_000],
             "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems), now_iso()))

    def observe_server_time(self, server_ms: int, sent_ms: int, received_ms: int) -> None:
        """Learns how far this PC's clock is off (NTP-style midpoint), so HLC stamps stay sane.
        A server time no real clock can show (damage or an attack) is not believed."""
        offset = int(server_ms - (sent_ms + received_ms) / 2)
        if abs(offset) > hlc.MAX_OFFSET_MS or server_ms > hlc.MAX_WALL_MS:
            log.warning("server time %s not believed", server_ms)
            return
        self.store.clock.offset_ms = offset
        self.store.set_meta("clock_offset_ms", str(offset))

    # -- helpers --------------------------------------------------------------------------------

    def _pending_fields(self, tx: WriteTx, name: str, record_id: str) -> tuple[set[str], bool]:
        rows = tx.execute("SELECT fields FROM outbox WHERE collection = ? AND record_id = ?",
                          (name, record_id)).fetchall()
        fields: set[str] = set()
        for (body,) in rows:
            fields.update(json.loads(body))
        return fields, bool(rows)

    def _apply_record(self, tx: WriteTx, change: dict) -> None:
        coll = collections()[change["collection"]]
        record_id = change["id"]
        existing_row = tx.execute(f"SELECT * FROM [{coll.name}] WHERE id = ?", (record_id,)).fetchone()
        existing = decode_row(coll, existing_row) if existing_row else None
        pending, has_pending = self._pending_fields(tx, coll.name, record_id)
        incoming = {k: v for k, v in (change.get("fields") or {}).items() if k not in pending}
        field_hlc = dict(existing["field_hlc"]) if existing else {}
        # A field sent without a stamp has the record's (compact_stamps, docs/SYNC.md §4).
        stamps = {name: change.get("hlc") for name in (change.get("fields") or {}) if change.get("hlc")}
        stamps.update(change.get("field_hlc") or {})
        for name, stamp in stamps.items():
            if name not in pending:
                field_hlc[name] = stamp

        known = {k: encode_value(coll, k, v) for k, v in incoming.items() if k in coll.properties or k in SYSTEM_FIELDS}
        unknown = {k: v for k, v in incoming.items() if k not in known}
        extra = {}
        if existing:
            extra = {k: v for k, v in existing.items() if k not in known and k not in coll.properties
                     and k not in existing_row.keys()}
        extra.update(unknown)
        deleted = int(bool(change.get("deleted")))
        if existing and has_pending:
            deleted = existing["deleted"]  # our pending edit or delete goes up next; the server decides
        row = {
            **known,
            "office_id": change.get("office_id") or (existing or {}).get("office_id") or self.store.office_id,
            "hlc": max(filter(None, [change.get("hlc"), (existing or {}).get("hlc")]), default=None),
            "field_hlc": json.dumps(field_hlc, sort_keys=True),
            "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
            "rev": int(change.get("rev") or 0),
            "deleted": deleted,
            "readonly": int(bool(change.get("readonly"))),
        }
        if existing is None:
            row["id"] = record_id
            cols = ", ".join(f"[{c}]" for c in row)
            tx.execute(f"INSERT INTO [{coll.name}] ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
            action, diff = "create", {k: [None, v] for k, v in incoming.items() if k in coll.properties}
        else:
            sets = ", ".join(f"[{c}] = ?" for c in row)
            tx.execute(f"UPDATE [{coll.name}] SET {sets} WHERE id = ?", [*row.values(), record_id])
            diff = {k: [existing.get(k), v] for k, v in incoming.items()
                    if k in coll.properties and existing.get(k) != v}
            action = "delete" if deleted and not existing["deleted"] else "update"
        if diff or action != "update":
            actor = (change.get("fields") or {}).get("updated_by") or "server"
            tx.audit(coll.name, record_id, action, diff, actor=actor, stamp=change.get("hlc"), source="sync")
        tx.changes.changes.append(Change(coll.name, record_id, "sync", tuple(diff)))

    def _apply_user(self, tx: WriteTx, change: dict) -> None:
        """Central users arrive with their password hash, so they can log in here while offline."""
        fields = change.get("fields") or {}
        active = 0 if change.get("deleted") else int(bool(fields.get("active", True)))
        username = (fields.get("username") or "").strip().lower()
        if not username:
            return
        # A central account with the same name as the local first-start admin replaces it.
        tx.execute("DELETE FROM users WHERE username = ? AND id != ?", (username, change["id"]))
        tx.execute(
            "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT(id) DO UPDATE SET office_id = excluded.office_id, "
            "username = excluded.username, full_name = excluded.full_name, role = excluded.role, "
            "password_hash = excluded.password_hash, active = excluded.active, local_only = 0",
            (change["id"], change.get("office_id"), username, fields.get("full_name") or username,
             fields.get("role") or "operator", fields.get("password_hash"), active),
        )
        tx.changes.changes.append(Change("users", change["id"], "sync"))

    def _keep_unknown(self, tx: WriteTx, change: dict) -> None:
        """A collection from a newer schema: kept verbatim (never dropped) until an update knows it."""
        tx.execute(
            "INSERT OR REPLACE INTO unknown_records(collection, id, rev, body) VALUES (?, ?, ?, ?)",
            (change["collection"], change["id"], int(change.get("rev") or 0),
             json.dumps(change, ensure_ascii=False, sort_keys=True)),
        )
