"""Visits (kunjungan) per ILP unit: date, unit, kasus baru/lama, anamnesis, vitals, ICD-10 diagnoses,
treatment, referral, staff member, and the malaria examination.

``register_visit`` fills what it can so a routine visit needs few keystrokes: today's date, the
staff member (the logged-in user), the first diagnosis as the main one, a malaria diagnosis from a
positive test.

Kasus baru/lama is per diagnosis and derived, never frozen: the reports compute it from the patient's
history by the rules in resources/reference/case_rules.json (casetypes.py); ``case_preview`` shows the
form what they give. A nurse overrides one diagnosis with ``kasus`` plus ``kasus_alasan`` (the reason);
the override is kept and wins. The visit's own ``kasus`` field is still written (the schema requires it,
for older readers) but no count reads it.
"""

from __future__ import annotations

import datetime as dt

from desktop.domain import nik as nik_rules
from desktop.store.records import Change, RecordNotFound, Store, ValidationError
from sync.schema import FieldError, collection

from . import access, casetypes, icd10, malaria, units, visit_checks
from .patients import PATIENTS, summary

VISITS = "visits"
FIXED_FIELDS = ("patient_id",)


def _parse_diagnoses(value) -> tuple[list[dict], list[FieldError]]:
    """Accepts ["B50.9", "r509"], "B50.9, R50.9" or [{"kode": .., "utama": .., "kasus": ..}]."""
    if value is None or value == "":
        return [], []
    if isinstance(value, str):
        value = [v for v in value.replace(";", ",").split(",") if v.strip()]
    out, errors, seen = [], [], set()
    for item in value:
        entry = {"kode": item} if isinstance(item, str) else dict(item)
        raw = str(entry.get("kode") or "")
        code = icd10.normalize_code(raw)
        if code is None or not icd10.is_valid(code):
            errors.append(FieldError("diagnosa", f"Kode ICD-10 tidak dikenal: {raw.strip()}",
                                     f"Unknown ICD-10 code: {raw.strip()}"))
            continue
        if code in seen:
            continue
        seen.add(code)
        entry["kode"] = code
        if isinstance(entry.get("kasus_alasan"), str):
            entry["kasus_alasan"] = entry["kasus_alasan"].strip()
        entry = {k: v for k, v in entry.items() if v not in (None, "")}
        if isinstance(entry.get("kasus"), str):
            entry["kasus"] = entry["kasus"].lower()
        if entry.get("kasus") and not entry.get("kasus_alasan"):
            errors.append(FieldError("diagnosa", f"{code}: tulis alasan bila kasus baru/lama diubah dari otomatis.",
                                     f"{code}: give a reason when changing the automatic new/old case."))
        if not entry.get("kasus"):
            entry.pop("kasus_alasan", None)  # a reason without an override means nothing
        out.append(entry)
    main = [d for d in out if d.get("utama")]
    if out and not main:
        out[0]["utama"] = True
    elif len(main) > 1:
        errors.append(FieldError("diagnosa", "Hanya satu diagnosa utama.", "Only one main diagnosis."))
    return out, errors


def case_preview(store: Store, patient_id: str, diagnoses: list, day: str, *,
                 exclude_id: str | None = None) -> list[casetypes.CaseType]:
    """What the rules give each diagnosis of a visit on ``day`` (before or while editing it), from the
    patient's other visits: the form's "Otomatis: baru/lama" per diagnosis."""
    entries = [{"kode": d} if isinstance(d, str) else dict(d) for d in diagnoses]
    if not entries:
        return []
    rows = store.read().execute(
        "SELECT id, patient_id, tanggal, jam_datang, created_at, unit, diagnosa FROM visits "
        "WHERE patient_id = ? AND deleted = 0 AND tanggal <= ?", (patient_id, day)).fetchall()
    history = [dict(r) for r in rows if r["id"] != exclude_id]
    # a new visit comes after the day's others; a visit being edited keeps its place among them
    me = {"id": "\uffff-new", "patient_id": patient_id, "tanggal": day, "jam_datang": "99:99",
          "created_at": "\uffff", "diagnosa": entries}
    if exclude_id:
        own = store.read().execute("SELECT id, jam_datang, created_at FROM visits WHERE id = ?",
                                   (exclude_id,)).fetchone()
        if own is not None:
            me.update(id=own["id"], jam_datang=own["jam_datang"], created_at=own["created_at"])
    kinds = casetypes.derive([*history, me])[me["id"]]
    return [kinds[e["kode"]] for e in entries if e.get("kode") in kinds]


def suggest_kasus(store: Store, patient_id: str, codes: list[str], day: str, *, exclude_id: str | None = None) -> str:
    """The visit-level kasus written for older readers: "baru" when any diagnosis is a new case."""
    preview = case_preview(store, patient_id, codes, day, exclude_id=exclude_id)
    return "baru" if not preview or any(c.kasus == "baru" for c in preview) else "lama"


def visit_warnings(fields: dict) -> list[FieldError]:
    """Problems worth a question but not a refusal (a confirmed malaria code with a negative test)."""
    diagnoses, _errors = _parse_diagnoses(fields.get("diagnosa"))
    return malaria.agreement(diagnoses, malaria.clean(fields.get("malaria")))[1]


def _clean(fields: dict) -> dict:
    out = {}
    for key, value in fields.items():
        if isinstance(value, str) and key not in ("anamnesis", "tindakan"):
            value = value.strip()
        if value == "":
            value = None
        out[key] = value
    if isinstance(out.get("kasus"), str):
        out["kasus"] = out["kasus"].lower()
    return out


def _check(store: Store, record: dict, *, is_new: bool, current: dict | None = None) -> dict:
    """Normalizes diagnoses and malaria, applies the rules; raises ValidationError with every problem."""
    errors: list[FieldError] = []
    if "diagnosa" in record:
        diagnoses, problems = _parse_diagnoses(record.get("diagnosa"))
        errors += problems
    else:
        diagnoses = None
    if "malaria" in record:
        record["malaria"] = malaria.clean(record.get("malaria"))
        errors += malaria.rules(record["malaria"], record.get("tanggal"))
        if diagnoses is not None or record["malaria"]:
            diagnoses = malaria.add_diagnosis(diagnoses or [], record["malaria"])
            errors += malaria.agreement(diagnoses, record["malaria"])[0]
    if diagnoses is not None:
        record["diagnosa"] = diagnoses or None
    unit_code = record.get("unit")
    if unit_code is not None:
        unit = units.get_unit(store, unit_code)
        if unit is None or (is_new and not unit.active):
            names = ", ".join(u.code for u in units.units(store))
            errors.append(FieldError("unit", f"Unit tidak dikenal atau tidak aktif: {unit_code}. Pilih: {names}",
                                     f"Unknown or inactive unit: {unit_code}. Choose: {names}"))
    if record.get("rujukan_tujuan") and record.get("rujukan") is None:
        record["rujukan"] = True
    if record.get("rujukan") and not record.get("rujukan_tujuan"):
        errors.append(FieldError("rujukan_tujuan", "Dirujuk: isi tujuan rujukan.",
                                 "Referred: enter the referral destination."))
    # A future date, impossible vital signs (an edit of one pressure value is checked against the other).
    pair = {k: v for k, v in (current or {}).items() if k in ("sistolik", "diastolik")} \
        if "sistolik" in record or "diastolik" in record else {}
    errors += visit_checks.errors({**pair, **record})
    if errors:
        raise ValidationError(errors)
    return record


def prepare_visit(store: Store, user: dict, fields: dict) -> dict:
    """A new visit's record with the defaults filled and every rule checked (ValidationError otherwise)."""
    record = _clean(fields)
    if not record.get("tanggal"):
        record["tanggal"] = nik_rules.effective_today().isoformat()
    if not record.get("petugas"):
        record["petugas"] = user.get("full_name") or user.get("username")
    record.setdefault("diagnosa", None)
    record.setdefault("malaria", None)
    record = _check(store, record, is_new=True)
    patient_id = record.get("patient_id")
    if not record.get("kasus") and patient_id and isinstance(record.get("tanggal"), str):
        try:
            record["kasus"] = suggest_kasus(store, patient_id, record.get("diagnosa") or [], record["tanggal"])
        except ValueError:
            record["kasus"] = "baru"  # a malformed date: the schema reports it
    record = {k: v for k, v in record.items() if v is not None}
    errors = collection(VISITS).validate(record)
    if errors:
        raise ValidationError(errors)
    return record


def save_prepared(tx, user: dict, record: dict, *, source: str = "local") -> Change:
    patient = tx.get(PATIENTS, record["patient_id"])
    if patient is None or patient.get("deleted"):
        raise ValidationError([FieldError("patient_id", "Pasien tidak ditemukan.", "Patient not found.")])
    return tx.save(VISITS, record, actor=access.actor(user), source=source)


def register_visit(store: Store, user: dict, fields: dict) -> Change:
    """Records a visit. Required: patient_id and unit; the rest has defaults (see the module doc)."""
    access.require_health_role(user, store)
    record = prepare_visit(store, user, fields)
    with store.transaction() as tx:
        return save_prepared(tx, user, record)


def update_visit(store: Store, user: dict, visit_id: str, fields: dict) -> Change:
    access.require_health_role(user, store)
    record = {k: v for k, v in _clean(fields).items() if k not in FIXED_FIELDS}
    current = store.get(VISITS, visit_id)
    if "malaria" in record and "tanggal" not in record:
        record["tanggal"] = current.get("tanggal")
    record = _check(store, record, is_new=False, current=current)
    with store.transaction() as tx:
        existing = tx.get(VISITS, visit_id)
        if existing is None or existing.get("deleted"):
            raise RecordNotFound(VISITS, visit_id)
        return tx.save(VISITS, record, record_id=visit_id, actor=access.actor(user))


def patient_visits(store: Store, user: dict, patient_id: str) -> list[dict]:
    """A patient's visits, newest first (shown inside the record opened with patients.open_patient)."""
    access.require_health_role(user, store)
    return store.find(VISITS, "patient_id = ?", (patient_id,), order_by="tanggal DESC, created_at DESC")


def open_visit(store: Store, user: dict, visit_id: str) -> dict:
    """One visit; audited as an opening of the patient's record."""
    access.require_health_role(user, store)
    visit = store.get(VISITS, visit_id)
    store.record_opened(PATIENTS, visit["patient_id"], actor=access.actor(user))
    return visit


def daily_register(store: Store, user: dict, day: str, unit: str | None = None) -> list[dict]:
    """The day's visit register (per unit or all), each row with the patient's summary.

    Writes one 'open' audit entry for the register as a whole (collection visits, id
    ``register:<day>:<unit>``): it shows names and diagnoses of many patients.
    """
    access.require_health_role(user, store)
    where, params = "tanggal = ?", [day]
    if unit:
        where += " AND unit = ?"
        params.append(unit)
    rows = store.find(VISITS, where, params, order_by="created_at, rowid")
    ids = list({r["patient_id"] for r in rows})
    people = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for p in store.find(PATIENTS, f"id IN ({','.join('?' * len(chunk))})", chunk):
            people[p["id"]] = summary(p, today=dt.date.fromisoformat(day))
    store.record_opened(VISITS, f"register:{day}:{unit or '*'}", actor=access.actor(user))
    return [{**r, "pasien": people.get(r["patient_id"])} for r in rows]
