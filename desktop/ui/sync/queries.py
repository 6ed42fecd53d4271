"""The reads behind the Sinkronisasi page (run on worker threads through QueryOp).

Health records (patients, visits) are specific personal data: their values in a conflict or a
refused change are shown only to health staff (``nakes``, ``kepala``), like every other screen
that shows them (desktop/domain/health/access.py); others see that something is there, not what.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication

from desktop.domain import attachment_sync, conflicts, syncing
from desktop.domain.health.access import HEALTH_ROLES
from desktop.store.records import Store
from desktop.tasks import current_language, pick
from desktop.tasks.sync_scheduler import interval_minutes, last_report
from sync import config
from sync.schema import SYSTEM_FIELDS, collections

from .formatting import plain_value

HEALTH_COLLECTIONS = ("patients", "visits")



def may_see(user: dict | None, collection_name: str) -> bool:
    return collection_name not in HEALTH_COLLECTIONS or (user or {}).get("role") in HEALTH_ROLES


def collection_title(name: str) -> str:
    coll = collections().get(name)
    if coll is None:
        return name
    return coll.title.get(current_language()) or coll.title.get("id") or name


def field_label(collection_name: str, field: str) -> str:
    from sync.protocol import DELETED_PSEUDO_FIELD

    if field == DELETED_PSEUDO_FIELD:
        return QCoreApplication.translate("SyncQueries", "Seluruh data (dihapus di komputer lain)")
    coll = collections().get(collection_name)
    return coll.label(field, current_language()) if coll is not None else field


def describe(store: Store, collection_name: str, record_id: str, user: dict | None) -> str:
    """A record as a clerk recognises it: ``Surat Masuk 12/2026 — Undangan rapat``."""
    row = store.read().execute(f"SELECT * FROM [{collection_name}] WHERE id = ?", (record_id,)).fetchone() \
        if collection_name in collections() else None
    title = collection_title(collection_name)
    if row is None:
        return f"{title} {record_id[:8]}"
    row = dict(row)
    if collection_name == "letters":
        if row.get("direction") == "masuk":
            kind = QCoreApplication.translate("SyncQueries", "Surat Masuk")
        else:
            kind = QCoreApplication.translate("SyncQueries", "Surat Keluar")
        return f"{kind} {row.get('seq')}/{row.get('year')} — {row.get('perihal') or ''}".rstrip(" —")
    if not may_see(user, collection_name):
        return f"{title} {record_id[:8]}"
    for key in ("tracking_code", "no_rm", "kepada", "tanggal"):
        if row.get(key):
            name = row.get("nama") or row.get("perihal") or ""
            return f"{title} {row[key]}" + (f" — {name}" if name else "")
    return f"{title} {record_id[:8]}"


def conflict_rows(store: Store, user: dict | None, collection_name: str | None = None,
                  record_id: str | None = None) -> list[dict]:
    """Open conflicts, newest first, with the record's description and the field's label."""
    rows = []
    hidden = QCoreApplication.translate("SyncQueries", "(data kesehatan)")
    for c in conflicts.open_conflicts(store, collection_name, record_id):
        visible = may_see(user, c["collection"])
        if isinstance(c.get("lost_value"), list):  # an edit lost to a delete: the names of the fields it changed
            c = {**c, "lost_value": ", ".join(field_label(c["collection"], f) for f in c["lost_value"])}
        rows.append({
            **c,
            "record": describe(store, c["collection"], c["record_id"], user),
            "field_label": field_label(c["collection"], c["field"]),
            "visible": visible,
            "lost_text": plain_value(c.get("lost_value")) if visible else hidden,
            "won_text": plain_value(c.get("won_value")) if visible else hidden,
        })
    return rows


def rejected_rows(store: Store, user: dict | None) -> list[dict]:
    """Changes the server refused, newest first, with the reasons in the user's language."""
    rows = []
    for r in store.read().execute("SELECT * FROM rejected ORDER BY at DESC, mseq DESC"):
        r = dict(r)
        fields = json.loads(r["fields"] or "{}")
        errors = json.loads(r["errors"] or "[]")
        visible = may_see(user, r["collection"])
        shown = {k: v for k, v in fields.items() if k not in SYSTEM_FIELDS and k != "password_hash"}
        if visible:
            data = "; ".join(f"{field_label(r['collection'], k)}: {plain_value(v)}" for k, v in shown.items())
        else:
            data = QCoreApplication.translate("SyncQueries", "(data kesehatan)")
        reasons = []
        for e in errors:
            text = pick(e.get("message") or "", e.get("message_en")) if isinstance(e, dict) else str(e)
            if isinstance(e, dict) and e.get("field") and visible:
                label = field_label(r["collection"], e["field"])
                if not text.startswith(label):
                    text = f"{label}: {text}"
            reasons.append(text)
        rows.append({
            **r,
            "fields": fields,
            "errors": errors,
            "record": describe(store, r["collection"], r["record_id"], user),
            "data": data or QCoreApplication.translate("SyncQueries", "(penghapusan)"),
            "reasons": " ".join(reasons) or QCoreApplication.translate("SyncQueries", "(tanpa alasan)"),
            "visible": visible,
        })
    return rows


def overview(store: Store) -> dict:
    """Enrollment and the last sync, for the page's top half."""
    token_store = syncing.tokens(store)
    warning = token_store.warning if store.meta(syncing.SERVER_META) else None
    conn = store.read()
    return {
        "server": store.meta(syncing.SERVER_META),
        "enrolled": syncing.is_enrolled(store),
        "office": store.office() or {},
        "device_id": store.meta("server_device_id"),
        "local_device_id": store.device_id(),
        "enrolled_at": store.meta("enrolled_at"),
        "token_warning": pick(*warning) if warning else None,
        "last_sync_at": store.meta("last_sync_at"),
        "last_attempt_at": store.meta("last_sync_attempt_at"),
        "last_error": pick(store.meta("last_sync_error") or "", store.meta("last_sync_error_en")) or None,
        "report": last_report(store),
        "waiting": store.outbox_size(),
        "conflicts": conn.execute(
            "SELECT count(*) FROM conflicts WHERE deleted = 0 AND coalesce(resolved, 0) = 0").fetchone()[0],
        "rejected": conn.execute("SELECT count(*) FROM rejected").fetchone()[0],
        "interval_min": interval_minutes(store),
        "attachments": attachment_sync.state(store),
    }


def _refused_kind(name: str, fields: dict, visible: bool) -> str:
    """What kind of record a refused change was, in the clerk's words: ``Surat Masuk — Undangan``."""
    if name == "letters":
        kind = QCoreApplication.translate("SyncQueries", "Surat Masuk") if fields.get("direction") == "masuk" \
            else QCoreApplication.translate("SyncQueries", "Surat Keluar")
    elif name == "users":
        kind = QCoreApplication.translate("SyncQueries", "Akun pengguna")
    elif name == config.COLLECTION:
        kind = QCoreApplication.translate("SyncQueries", "Konfigurasi pusat")
    elif name in collections():
        kind = collection_title(name)
    else:
        kind = QCoreApplication.translate("SyncQueries", "Jenis data tidak dikenal ({name})").format(name=name)
    if not visible:
        return kind
    for key in ("perihal", "username", "key", "tracking_code", "nama", "kepada"):
        value = fields.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return f"{kind} — {str(value)[:80]}"
    return kind


def _refused_field_label(name: str, key: str) -> str:
    """Field labels of the two collections the schema does not describe: accounts and central settings."""
    labels = {
        ("users", "username"): QCoreApplication.translate("SyncQueries", "Nama pengguna"),
        ("users", "full_name"): QCoreApplication.translate("SyncQueries", "Nama lengkap"),
        ("users", "role"): QCoreApplication.translate("SyncQueries", "Peran"),
        ("users", "active"): QCoreApplication.translate("SyncQueries", "Aktif"),
        (config.COLLECTION, "scope"): QCoreApplication.translate("SyncQueries", "Berlaku untuk"),
        (config.COLLECTION, "key"): QCoreApplication.translate("SyncQueries", "Pengaturan"),
        (config.COLLECTION, "value"): QCoreApplication.translate("SyncQueries", "Nilai"),
        (config.COLLECTION, "version"): QCoreApplication.translate("SyncQueries", "Versi"),
    }
    return labels.get((name, key)) or field_label(name, key)


def _secret(key: str, value) -> bool:
    """A password hash is never shown, not even a masked one (the replica masks it when it keeps the change)."""
    return "password" in key.lower() or (isinstance(value, str) and value.startswith("scrypt$"))


def refused_rows(store: Store, user: dict | None) -> list[dict]:
    """Changes a server sent that this PC refused (desktop/store/replica.py keeps them aside), newest
    first: the kind of record, the office it claimed, the reason in the user's language, and the
    fields for the detail view (health values only for health staff, never a password hash)."""
    own_office = store.office_id
    rows = []
    for r in store.read().execute("SELECT * FROM refused_changes ORDER BY at DESC, rowid DESC"):
        r = dict(r)
        try:
            body = json.loads(r["body"] or "{}")
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
        fields = body.get("fields") if isinstance(body.get("fields"), dict) else {}
        name = r["collection"]
        visible = may_see(user, name)
        claimed = body.get("office_id") if isinstance(body.get("office_id"), str) else ""
        if not claimed:
            office_text = QCoreApplication.translate("SyncQueries", "(tanpa kantor)")
        elif claimed == own_office:
            office_text = QCoreApplication.translate("SyncQueries", "{code} (kantor ini)").format(code=claimed)
        else:
            office_text = claimed[:40]
        if not visible:
            details = [{"label": QCoreApplication.translate("SyncQueries", "Isian"),
                        "value": QCoreApplication.translate("SyncQueries", "(data kesehatan)")}]
        else:
            details = [{"label": _refused_field_label(name, key), "value": plain_value(value)[:500]}
                       for key, value in fields.items() if not _secret(key, value)]
            if "fields" in body and not isinstance(body.get("fields"), dict):  # malformed: shown as it came
                details.append({"label": QCoreApplication.translate("SyncQueries", "Isian (tidak terbaca)"),
                                "value": plain_value(body["fields"])[:500]})
        if body.get("deleted") is True:
            details.insert(0, {"label": QCoreApplication.translate("SyncQueries", "Perubahan"),
                               "value": QCoreApplication.translate("SyncQueries", "(penghapusan)")})
        rows.append({
            "key": f"{name}/{r['id']}",
            "collection": name,
            "record_id": r["id"],
            "rev": r["rev"],
            "at": r["at"],
            "kind": _refused_kind(name, fields, visible),
            "office": office_text,
            "reason": pick(r["reason"] or "", r["reason_en"])
            or QCoreApplication.translate("SyncQueries", "(tanpa alasan)"),
            "details": details,
        })
    return rows
