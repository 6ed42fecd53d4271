"""The local store as a sync replica: the ``LocalReplica`` interface of sync/engine.py.

Server changes are applied one page per transaction, together with the new cursor, so a dropped
sync resumes from the last committed page. A field this device changed and has not pushed yet is
never overwritten by an incoming change: the push that follows lets the server merge it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sync import hlc, inbound
from sync import users as user_rules
from sync.schema import SYSTEM_FIELDS, collections

from .driver import sqlite3
from .records import Change, Store, WriteTx, decode_row, encode_value, now_iso

CURSOR_META = "sync_cursor"
log = logging.getLogger("layan.sync")
Applier = Callable[[WriteTx, Store, dict], None]


class StoreReplica:
    # The server need not send back what this PC wrote: an "exact" acknowledgement carries the rev,
    # and acknowledge() stores it on the row (docs/SYNC.md §4, "No echo").
    no_echo = True

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

    def device_stats(self) -> dict:
        """Reported to the server: changes this PC refused, its update channel (IT console), and the SATUSEHAT
        organisation id typed here (the centre's FHIR bundle of this office uses it unless one is published)."""
        refused = self.store.read().execute("SELECT count(*) FROM refused_changes").fetchone()[0]
        stats = {"refused": refused, "channel": self.store.meta("update_channel") or "stable"}
        org = self.store.meta("satusehat_org_id")
        if org:
            stats["satusehat_org_id"] = org
        return stats

    def acknowledge(self, upto_mseq: int, results: list[dict]) -> None:
        """Drops acknowledged outbox entries; a rejected one is kept, with the server's reasons. A row
        the server holds exactly as this PC wrote it ("exact") takes the rev it got there."""
        with self.store.transaction() as tx:
            exact = {r["mseq"]: r["rev"] for r in results
                     if r.get("exact") is True and r.get("mseq", 0) <= upto_mseq and type(r.get("rev")) is int}
            if exact:
                entries = tx.execute("SELECT mseq, collection, record_id FROM outbox WHERE mseq BETWEEN ? AND ?",
                                     (min(exact), max(exact))).fetchall()
                for mseq, name, record_id in entries:
                    if mseq in exact and name in collections():
                        tx.execute(f"UPDATE [{name}] SET rev = ? WHERE id = ? AND rev < ?",
                                   (exact[mseq], record_id, exact[mseq]))
            rejected = [r for r in results if r.get("status") == "rejected" and r.get("mseq", 0) <= upto_mseq]
            for result in rejected:
                entry = tx.execute("SELECT * FROM outbox WHERE mseq = ?", (result["mseq"],)).fetchone()
                if entry is None or self._never_reached_server(tx, entry):
                    continue
                tx.execute(
                    "INSERT OR REPLACE INTO rejected(mseq, collection, record_id, fields, errors, at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (entry["mseq"], entry["collection"], entry["record_id"], entry["fields"],
                     json.dumps(result.get("errors") or [], ensure_ascii=False), now_iso()),
                )
            tx.execute("DELETE FROM outbox WHERE mseq <= ?", (upto_mseq,))

    @staticmethod
    def _never_reached_server(tx: WriteTx, entry) -> bool:
        """A delete of a record deleted here before the server ever had it (its waiting edits were
        turned into deletes, desktop/store/tombstones.py): the server refuses it, and that is the
        wanted end; nothing for the clerk to see."""
        if entry["op"] != "delete" or entry["collection"] not in collections():
            return False
        row = tx.execute(f"SELECT deleted, rev FROM [{entry['collection']}] WHERE id = ?",
                         (entry["record_id"],)).fetchone()
        return row is not None and row["deleted"] and not row["rev"]

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
                problems = self._apply_user(tx, change)  # users have their own checks (sync/users.py)
                if problems:
                    tx.execute("RELEASE change")
                    return problems
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

    def observe_server_time(self, server_ms: int, sent_ms: int, received_ms: int) -> None:
        """Learns how far this PC's clock is off (NTP-style midpoint), so HLC stamps stay sane.
        A server time no real clock can show (damage or an attack) is not believed."""
        offset = int(server_ms - (sent_ms + received_ms) / 2)
        if abs(offset) > hlc.MAX_OFFSET_MS or server_ms > hlc.MAX_WALL_MS:
            log.warning("server time %s not believed", server_ms)
            return
        self.store.clock.offset_ms = offset
        with self.store.transaction() as tx:  # the time learned with it tells a later clock change (wall_clock.py)
            tx.set_meta("clock_offset_ms", str(offset))
            tx.set_meta("clock_offset_learned_ms", str(int((sent_ms + received_ms) / 2)))

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
        # Our pending edit or delete goes up next and the server decides; except that a delete made
        # elsewhere is final (docs/SYNC.md §5): then our waiting edits go up without their values, for
        # the server to record who edited in vain.
        if existing and has_pending and not (deleted and not self._undeleting(tx, coll.name, record_id,
                                                                              int(change.get("rev") or 0))):
            deleted = existing["deleted"]
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
        if deleted:
            tx.strip_deleted(coll, record_id, outbox="strip")
        tx.changes.changes.append(Change(coll.name, record_id, "sync", tuple(diff)))

    @staticmethod
    def _undeleting(tx: WriteTx, name: str, record_id: str, rev: int) -> bool:
        """Whether this PC's waiting edits of the record were made after it had seen the delete of
        ``rev`` (or by deleting it itself): then the server brings the record back with them."""
        row = tx.execute("SELECT max(base_rev), max(op = 'delete') FROM outbox WHERE collection = ? AND record_id = ?",
                         (name, record_id)).fetchone()
        return bool(row[1]) or (row[0] or 0) >= rev

    def _apply_user(self, tx: WriteTx, change: dict) -> list[tuple[str, str]]:
        """Users of this office arrive with their password hash, so they can log in here while offline.

        Checked first (sync/users.py): a user of another office, one whose office_id is blank or
        changed, or one with a malformed field is set aside with the reason and never stored, so this
        PC keeps hashes only of the people who may log in here. A field this PC changed and has not
        pushed yet is kept (the push lets the server merge it). Returns the problems of a refused change
        (nothing stored), else []."""
        fields = {k: v for k, v in (change.get("fields") or {}).items() if k in user_rules.FIELDS}
        record_id = change.get("id")
        existing = tx.execute("SELECT * FROM users WHERE id = ?", (record_id,)).fetchone()
        reason = self._user_refusal(change, existing)
        if reason is not None:
            return [reason]
        if change.get("deleted"):
            if existing is not None:  # a deleted account: nobody logs in with it, its hash goes
                tx.execute("UPDATE users SET active = 0, password_hash = NULL, rev = ? WHERE id = ?",
                           (int(change.get("rev") or 0), record_id))
                tx.changes.changes.append(Change("users", record_id, "sync"))
            return []
        pending, _ = self._pending_fields(tx, "users", record_id)
        fields = {k: v for k, v in fields.items() if k not in pending}
        if "username" in fields:
            fields["username"] = user_rules.normalize_username(fields["username"])
            # A central account with the same name as the local first-start admin replaces it.
            tx.execute("DELETE FROM users WHERE username = ? AND id != ?", (fields["username"], record_id))
        if "active" in fields:
            fields["active"] = int(bool(fields["active"]))
        active = fields.get("active", existing["active"] if existing is not None else 1)
        if not active and "password_hash" not in pending:
            fields["password_hash"] = None  # nobody logs in with a disabled account: its hash need not stay here
        rev = int(change.get("rev") or 0)
        if existing is None:
            tx.execute(
                "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only, rev, "
                "hlc, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                (record_id, self.store.office_id, fields["username"], fields.get("full_name") or fields["username"],
                 fields["role"], fields["password_hash"], fields.get("active", 1), rev, change.get("hlc"),
                 now_iso()))
        else:
            sets = "".join(f", [{k}] = ?" for k in fields)
            tx.execute(f"UPDATE users SET local_only = 0, rev = ?, updated_at = ?{sets} WHERE id = ?",
                       [rev, now_iso(), *fields.values(), record_id])
        changed = {k: ("***" if k == "password_hash" and v else v) for k, v in fields.items()
                   if existing is None or existing[k] != v}
        if changed:
            tx.audit("users", record_id, "create" if existing is None else "update",
                     {k: [None if existing is None else ("***" if k == "password_hash" else existing[k]), v]
                      for k, v in changed.items()}, actor="server", stamp=change.get("hlc"), source="sync")
        tx.changes.changes.append(Change("users", record_id, "sync", tuple(changed)))
        return []

    def _user_refusal(self, change: dict, existing) -> tuple[str, str] | None:
        """Why an incoming users change must not be stored here, or None."""
        office = self.store.office_id
        if not change.get("office_id"):
            return ("Pengguna tanpa kode kantor ditolak.", "A user without an office code was refused.")
        if change["office_id"] != office:
            return (f"Pengguna kantor lain ({str(change['office_id'])[:40]}) ditolak: PC ini hanya menyimpan "
                    f"pengguna kantor {office}.",
                    f"A user of another office ({str(change['office_id'])[:40]}) was refused: this PC keeps only "
                    f"the users of office {office}.")
        if existing is not None and existing["office_id"] and existing["office_id"] != office:
            return ("Kode kantor pengguna berubah; perubahan ditolak.", "The user's office code changed; refused.")
        if change.get("deleted"):
            return None
        fields = {k: v for k, v in (change.get("fields") or {}).items() if k in user_rules.FIELDS}
        errors = user_rules.field_errors(fields, creating=existing is None)
        if errors:
            return ("Data pengguna tidak sah: " + "; ".join(e["message"] for e in errors),
                    "Malformed user data: " + "; ".join(e["message_en"] for e in errors))
        return None

    def _refuse(self, tx: WriteTx, change: dict, problems: list[tuple[str, str]]) -> None:
        """Keeps a refused incoming change with its reasons in ``refused_changes`` (never a password hash)."""
        body = dict(change)
        if isinstance(body.get("fields"), dict) and "password_hash" in body["fields"]:
            body["fields"] = {**body["fields"], "password_hash": "***"}
        tx.execute(
            "INSERT OR REPLACE INTO refused_changes(collection, id, rev, office_id, body, reason, reason_en, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (str(change.get("collection"))[:40], str(change.get("id"))[:64],
             change.get("rev") if type(change.get("rev")) is int else 0, str(change.get("office_id"))[:40],
             json.dumps(body, ensure_ascii=False, sort_keys=True, default=str)[:1_000_000],
             "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems), now_iso()))

    def _keep_unknown(self, tx: WriteTx, change: dict) -> None:
        """A collection from a newer schema: kept verbatim (never dropped) until an update knows it."""
        tx.execute(
            "INSERT OR REPLACE INTO unknown_records(collection, id, rev, body) VALUES (?, ?, ?, ?)",
            (change["collection"], change["id"], int(change.get("rev") or 0),
             json.dumps(change, ensure_ascii=False, sort_keys=True)),
        )
