"""Personal data outside the screen: who may take it away, and a data subject's right of access.

UU 27/2022 (Pelindungan Data Pribadi): NIK, KK numbers and health data are *specific* personal data.
Inside the app they are behind a login; an export or report that carries them leaves the app, so
it also needs a login with a role that may see them (the CLI asks for one as the GUI does), and
every such export is written to the audit trail. The kepala can answer a citizen's request for
"all data about me" (the data subject's right of access, Pasal 7) with one audited report.
"""

from __future__ import annotations

import json

from desktop.store.db import StoreError
from desktop.store.records import Store

from .health import access

# Citizens' requests and complaints (NIK, KK, names, contacts): the office's own staff; not health staff.
CITIZEN_DATA_ROLES = ("operator", "kepala", "admin")
SUBJECT_ACCESS_ROLES = ("kepala",)


class AccessDenied(access.AccessDenied):
    pass


def masked_nik(nik: str) -> str:
    """``9404********0001``: enough to tell two audit entries apart, not enough to be the NIK."""
    nik = str(nik or "")
    return nik[:4] + "*" * max(0, len(nik) - 8) + nik[-4:] if len(nik) > 8 else "*" * len(nik)


def require_role(user: dict | None, store: Store, roles: tuple[str, ...]) -> None:
    """Raises AccessDenied unless ``user`` is an active user of this office with one of ``roles``."""
    if not user:
        raise AccessDenied("Silakan masuk (login) dulu.", "Please log in first.")
    if not user.get("active", 1):
        raise AccessDenied("Akun ini tidak aktif.", "This account is not active.")
    office = store.office() or {}
    if not office.get("code") or user.get("office_id") != office["code"]:
        raise AccessDenied("Pengguna ini bukan pengguna kantor ini.", "This user does not belong to this office.")
    if user.get("role") not in roles:
        raise AccessDenied(f"Hanya pengguna dengan peran {' atau '.join(roles)} yang boleh melakukannya.",
                           f"Only users with the role {' or '.join(roles)} may do this.")


def audit_export(store: Store, user: dict, collection: str, kind: str, rows: int, fmt: str) -> None:
    with store.transaction() as tx:
        tx.audit(collection, f"export:{kind}", "export", {"rows": rows, "format": fmt},
                 actor=access.actor(user), source="local")


def subject_access_report(store: Store, user: dict, nik: str) -> dict:
    """Every record of this office that holds ``nik`` (as applicant, household member, patient or mother),
    the visits of those patients, and who changed or opened them when. Audited, without the NIK."""
    require_role(user, store, SUBJECT_ACCESS_ROLES)
    nik = "".join(ch for ch in str(nik) if ch.isdigit())
    if len(nik) != 16:
        raise StoreError("NIK harus 16 digit.", "A NIK has 16 digits.")
    read = store.read()
    found: dict[str, list[dict]] = {}

    def rows(sql: str, params: tuple) -> list[dict]:
        return [dict(r) for r in read.execute(sql, params).fetchall()]

    tables = {r[0] for r in read.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "service_requests" in tables:
        found["permohonan"] = rows(
            "SELECT * FROM service_requests WHERE deleted = 0 AND (nik = ? OR no_kk = ? OR instr(details, ?) > 0)",
            (nik, nik, f'"{nik}"'))
    if "patients" in tables:
        health_roles_ok = user.get("role") in access.HEALTH_ROLES
        patients = rows("SELECT * FROM patients WHERE deleted = 0 AND (nik = ? OR nik_ibu = ?)", (nik, nik))
        found["pasien"] = patients if health_roles_ok else []
        ids = [p["id"] for p in patients]
        found["kunjungan"] = rows(
            f"SELECT * FROM visits WHERE deleted = 0 AND patient_id IN ({','.join('?' * len(ids))})", tuple(ids)
        ) if ids and health_roles_ok else []
    history = []
    for collection, records in (("service_requests", found.get("permohonan", [])),
                                ("patients", found.get("pasien", [])), ("visits", found.get("kunjungan", []))):
        for record in records:
            history += rows("SELECT at, actor, collection, record_id, action, source FROM audit "
                            "WHERE collection = ? AND record_id = ? ORDER BY id", (collection, record["id"]))
    report = {
        "office": store.office(),
        "nik": nik,
        "records": {kind: [_plain(r) for r in records] for kind, records in found.items()},
        "history": history,
    }
    with store.transaction() as tx:
        tx.audit("privacy", f"subject-access:{masked_nik(nik)}", "export",
                 {"records": [sum(len(v) for v in found.values()), None]}, actor=access.actor(user))
    return report


def _plain(record: dict) -> dict:
    out = {}
    for key, value in record.items():
        if key in ("rowid", "field_hlc", "extra"):
            continue
        if isinstance(value, str) and value[:1] in "[{":
            try:
                value = json.loads(value)
            except ValueError:
                pass
        out[key] = value
    return out
