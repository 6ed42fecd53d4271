"""Users pushed by an office's PCs: who may make or change them, checked inside the write transaction.

An office's PCs may create and change the users of their own office (desktop/domain/users.py puts
them in the outbox like any record). A change is applied only when:

* the record is a user of the device's office (a create always lands in the device's office);
* its fields pass sync/users.py (the same rules the PC applies to what it receives), the role fits
  the office's kind, the username is free in that office and never changes;
* the author (the mutation's actor) is an active admin or kepala of that office on the server, or
  changes only their own password (the rehash at login); or the office has no active admin or kepala
  on the server at all yet: an office installed offline, whose first-start admin is local to its PC,
  is trusted through its enrolled device (IT issued its enrollment code) until the centre has a
  manager for it.

Users are never deleted by a device: they are disabled (``active: false``).
"""

from __future__ import annotations

import json

from sqlalchemy import BigInteger, Column, Connection, MetaData, String, Table, insert, select

from sync import users as rules


# Usernames are unique per office (a PC logs in the users of its one office): two puskesmas may
# each have a "bidan".
def office_usernames_table(metadata: MetaData) -> Table:
    return Table(
        "office_usernames", metadata,
        Column("office_code", String(40), primary_key=True),
        Column("username", String(64), primary_key=True),
        Column("record_id", String(64), nullable=False),
        Column("created_ms", BigInteger),
    )


def _error(field: str, message: str, message_en: str) -> list[dict]:
    return [{"field": field, "message": message, "message_en": message_en}]


def office_users(conn: Connection, records: Table, office: str) -> list[dict]:
    """The office's user records as {"id", **fields}."""
    rows = conn.execute(select(records.c.id, records.c.fields).where(
        records.c.collection == rules.COLLECTION, records.c.office_id == office, records.c.deleted.is_(False)))
    return [{"id": r.id, **json.loads(r.fields)} for r in rows]


def check(conn: Connection, tables: dict[str, Table], mutation, rec, device, office_kind: str | None
          ) -> list[dict] | None:
    """Why a device's users mutation is refused, or None. Records the username of an accepted create."""
    records, names = tables["records"], tables["office_usernames"]
    if mutation.op != "put":
        return _error("", "Pengguna tidak dihapus; nonaktifkan saja.", "Users are not deleted; disable them instead.")
    creating = rec is None
    if rec is not None:
        if rec.collection != rules.COLLECTION:
            return _error("", "ID ini sudah dipakai untuk jenis data lain.",
                          "This id is already used by a record of another collection.")
        if rec.office_id != device.office:
            return _error("", "Pengguna ini milik kantor lain; tidak dapat diubah dari kantor ini.",
                          "This user belongs to another office; it cannot be changed from here.")
        if "username" in mutation.fields and mutation.fields["username"] != rec.fields.get("username"):
            return _error("username", "Nama pengguna tidak dapat diganti.", "A username cannot be changed.")
    errors = rules.field_errors(mutation.fields, creating=creating, office_kind=office_kind)
    if errors:
        return errors
    people = office_users(conn, records, device.office)
    author = next((u for u in people if u.get("username") == mutation.actor), None)
    managers = [u for u in people if u.get("active") and u.get("role") in rules.MANAGER_ROLES]
    own_password = (rec is not None and rec.fields.get("username") == mutation.actor
                    and set(mutation.fields) <= {"password_hash"})
    may = (author is not None and author.get("active") and author.get("role") in rules.MANAGER_ROLES) \
        or own_password or not managers
    if not may:
        return _error("", f"{mutation.actor[:64]} bukan admin atau kepala aktif kantor {device.office}; "
                          "perubahan pengguna ditolak.",
                      f"{mutation.actor[:64]} is not an active admin or head of office {device.office}; "
                      "the user change was refused.")
    if rec is not None and rec.fields.get("role") in rules.MANAGER_ROLES and rec.fields.get("active") and (
            mutation.fields.get("active") is False
            or mutation.fields.get("role", rec.fields["role"]) not in rules.MANAGER_ROLES) \
            and not [u for u in managers if u["id"] != rec.id]:
        return _error("active", "Admin atau kepala aktif terakhir kantor ini tidak dapat dinonaktifkan.",
                      "The office's last active admin or head cannot be disabled.")
    if creating:
        taken = conn.execute(select(names.c.record_id).where(
            names.c.office_code == device.office, names.c.username == mutation.fields["username"])).first()
        if taken is not None:
            return _error("username", f"Nama pengguna {mutation.fields['username']} sudah dipakai di kantor ini.",
                          f"The username {mutation.fields['username']} is taken in this office.")
        conn.execute(insert(names).values(office_code=device.office, username=mutation.fields["username"],
                                          record_id=mutation.id))
    return None
