"""SATUSEHAT-ready export: a month of visits as one FHIR R4 Bundle (JSON file). Nothing here calls
SATUSEHAT; an uploader (later) reads the file.

Bundle type ``collection`` (docs/HEALTH.md, "FHIR export", says why): every resource has a
``urn:uuid`` fullUrl and references point inside the bundle, so the file stands alone.

Mapping (details in docs/HEALTH.md):
* Patient: NIK (``https://fhir.kemkes.go.id/id/nik``) when known; a baby without a NIK carries the
  mother's NIK (``https://fhir.kemkes.go.id/id/nik-ibu``); always the local RM number under
  ``http://sys-ids.kemkes.go.id/patient/<org id>``.
* Encounter: class AMB, status finished, statusHistory arrived → in-progress → finished (times from
  the visit's jam_datang / jam_periksa / jam_selesai when recorded, else the date), local id under
  ``http://sys-ids.kemkes.go.id/encounter/<org id>``, serviceProvider ``Organization/<org id>``.
* Condition: one per ICD-10 diagnosis (``http://hl7.org/fhir/sid/icd-10``), category
  encounter-diagnosis; Encounter.diagnosis lists them, the main one rank 1.
* Observation (vital-signs, LOINC, UCUM): body weight 29463-7, height 8302-2, temperature 8310-5,
  blood pressure panel 85354-9 with systolic 8480-6 and diastolic 8462-4, heart rate 8867-4.

The SATUSEHAT organisation id is the office's meta ``satusehat_org_id`` (set it with
``set_org_id``); the time zone of the recorded times is meta ``health_tz`` (default +09:00, WIT).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store

from . import access, casetypes, icd10, units
from .patients import PATIENTS
from .reports import _atomic_write, month_range, patient_histories
from .visits import VISITS

NIK_SYSTEM = "https://fhir.kemkes.go.id/id/nik"
NIK_IBU_SYSTEM = "https://fhir.kemkes.go.id/id/nik-ibu"
ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ORG_META = "satusehat_org_id"
TZ_META = "health_tz"
DEFAULT_TZ = "+09:00"  # WIT: Papua Tengah
_NAMESPACE = uuid.UUID("8f7a3c52-4b0e-4c43-9a57-6c61796e0001")  # Layan's namespace for derived ids
_ORG_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
_TZ = re.compile(r"^[+-](0\d|1[0-4]):[0-5]\d$")

VITALS = (
    # field, LOINC, display, unit, UCUM code
    ("berat_kg", "29463-7", "Body weight", "kg", "kg"),
    ("tinggi_cm", "8302-2", "Body height", "cm", "cm"),
    ("suhu_c", "8310-5", "Body temperature", "Cel", "Cel"),
    ("nadi", "8867-4", "Heart rate", "beats/minute", "/min"),
)
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
BP_PARTS = (("sistolik", "8480-6", "Systolic blood pressure"), ("diastolik", "8462-4", "Diastolic blood pressure"))


def sys_ids(resource: str, org_id: str) -> str:
    return f"http://sys-ids.kemkes.go.id/{resource}/{org_id}"


def org_id(store: Store) -> str | None:
    return store.meta(ORG_META)


def set_org_id(store: Store, user: dict, value: str) -> None:
    """Saves the SATUSEHAT organisation id of this puskesmas (kepala or admin)."""
    access.require_config_role(user, store)
    value = (value or "").strip()
    if not _ORG_ID.match(value):
        raise StoreError("ID organisasi SATUSEHAT tidak valid (huruf, angka, tanda minus; maks. 64).",
                         "Invalid SATUSEHAT organisation id (letters, digits, dashes; at most 64).")
    store.set_meta(ORG_META, value)


def _derived_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(parts)))


def _urn(resource_id: str) -> str:
    return f"urn:uuid:{resource_id}"


def _when(day: str, hhmm: str | None, tz: str) -> str:
    return f"{day}T{hhmm}:00{tz}" if hhmm else day


def patient_resource(patient: dict, org: str) -> dict:
    identifiers = []
    if patient.get("nik"):
        identifiers.append({"use": "official", "system": NIK_SYSTEM, "value": patient["nik"]})
    elif patient.get("nik_ibu"):
        identifiers.append({"use": "official", "system": NIK_IBU_SYSTEM, "value": patient["nik_ibu"]})
    identifiers.append({"use": "usual", "system": sys_ids("patient", org), "value": patient["no_rm"]})
    resource = {"resourceType": "Patient", "id": patient["id"], "identifier": identifiers, "active": True,
                "name": [{"use": "official", "text": patient["nama"]}]}
    if patient.get("jenis_kelamin") in ("L", "P"):
        resource["gender"] = "male" if patient["jenis_kelamin"] == "L" else "female"
    if patient.get("tanggal_lahir"):
        resource["birthDate"] = patient["tanggal_lahir"]
    if patient.get("telepon"):
        resource["telecom"] = [{"system": "phone", "value": patient["telepon"], "use": "mobile"}]
    lines = [x for x in (patient.get("alamat"), patient.get("kampung")) if x]
    if lines or patient.get("distrik"):
        address = {"use": "home", "country": "ID"}
        if lines:
            address["line"] = lines
        if patient.get("distrik"):
            address["district"] = patient["distrik"]
        resource["address"] = [address]
    return resource


def _coding(system: str, code: str, display: str) -> dict:
    return {"system": system, "code": code, "display": display}


def encounter_resources(visit: dict, patient: dict, org: str, tz: str, unit_names: dict,
                        case_types: dict | None = None) -> list[dict]:
    """The Encounter of one visit, its Conditions and vital-sign Observations. ``case_types`` ({code:
    casetypes.CaseType}) adds each Condition's LB1 case type as a note: derived, as the LB1 counts it."""
    vid, day = visit["id"], visit["tanggal"]
    subject = {"reference": _urn(patient["id"]), "display": patient["nama"]}
    arrived = _when(day, visit.get("jam_datang"), tz)
    started = _when(day, visit.get("jam_periksa"), tz)
    finished = _when(day, visit.get("jam_selesai"), tz)
    encounter = {
        "resourceType": "Encounter",
        "id": vid,
        "identifier": [{"system": sys_ids("encounter", org), "value": vid}],
        "status": "finished",
        "class": _coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
        "subject": subject,
        "period": {"start": arrived, "end": finished},
        "statusHistory": [
            {"status": "arrived", "period": {"start": arrived, "end": started}},
            {"status": "in-progress", "period": {"start": started, "end": finished}},
            {"status": "finished", "period": {"start": finished, "end": finished}},
        ],
        "location": [{"location": {"display": unit_names.get(visit.get("unit"), visit.get("unit") or "")}}],
        "serviceProvider": {"reference": f"Organization/{org}"},
    }
    if visit.get("petugas"):
        encounter["participant"] = [{
            "type": [{"coding": [_coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND",
                                         "attender")]}],
            "individual": {"display": visit["petugas"]},
        }]
    if visit.get("rujukan"):
        encounter["hospitalization"] = {
            "dischargeDisposition": {"coding": [_coding(
                "http://terminology.hl7.org/CodeSystem/discharge-disposition", "other-hcf",
                "Other healthcare facility")], "text": "Dirujuk"},
        }
        if visit.get("rujukan_tujuan"):
            encounter["hospitalization"]["destination"] = {"display": visit["rujukan_tujuan"]}
    out = [encounter]
    diagnoses = visit.get("diagnosa") or []
    ranked = sorted(diagnoses, key=lambda d: 0 if d.get("utama") else 1)
    enc_diag = []
    for rank, d in enumerate(ranked, start=1):
        cid = _derived_id(vid, "condition", d["kode"])
        out.append({
            "resourceType": "Condition",
            "id": cid,
            "clinicalStatus": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                  "active", "Active")]},
            "category": [{"coding": [_coding("http://terminology.hl7.org/CodeSystem/condition-category",
                                             "encounter-diagnosis", "Encounter Diagnosis")]}],
            "code": {"coding": [_coding(ICD10_SYSTEM, d["kode"], icd10.title(d["kode"]) or d["kode"])]},
            "subject": subject,
            "encounter": {"reference": _urn(vid)},
            "recordedDate": finished,
            **_case_note((case_types or {}).get(d["kode"])),
        })
        enc_diag.append({"condition": {"reference": _urn(cid)},
                         "use": {"coding": [_coding("http://terminology.hl7.org/CodeSystem/diagnosis-role", "DD",
                                                    "Discharge diagnosis")]},
                         "rank": rank})
    if enc_diag:
        encounter["diagnosis"] = enc_diag

    def observation(loinc: str, display: str) -> dict:
        return {
            "resourceType": "Observation",
            "id": _derived_id(vid, "observation", loinc),
            "status": "final",
            "category": [{"coding": [_coding("http://terminology.hl7.org/CodeSystem/observation-category",
                                             "vital-signs", "Vital Signs")]}],
            "code": {"coding": [_coding(LOINC, loinc, display)]},
            "subject": subject,
            "encounter": {"reference": _urn(vid)},
            "effectiveDateTime": started,
        }

    for field, loinc, display, unit, ucum in VITALS:
        if visit.get(field) is not None:
            obs = observation(loinc, display)
            obs["valueQuantity"] = {"value": visit[field], "unit": unit, "system": UCUM, "code": ucum}
            out.append(obs)
    parts = [(f, c, d) for f, c, d in BP_PARTS if visit.get(f) is not None]
    if parts:
        obs = observation(*BP_PANEL)
        obs["component"] = [{"code": {"coding": [_coding(LOINC, c, d)]},
                             "valueQuantity": {"value": visit[f], "unit": "mmHg", "system": UCUM, "code": "mm[Hg]"}}
                            for f, c, d in parts]
        out.append(obs)
    return out


def _case_note(case: casetypes.CaseType | None) -> dict:
    if case is None:
        return {}
    text = "Kasus baru" if case.kasus == "baru" else "Kasus lama"
    if case.override:
        text += f" (diubah petugas: {case.reason})"
    return {"note": [{"text": text}]}


def export_month(store: Store, user: dict, month: str, *, org: str | None = None) -> dict:
    """The month's visits as a FHIR R4 Bundle (type collection). Writes one 'export' audit entry."""
    access.require_health_role(user, store)
    org = org or org_id(store)
    if not org:
        raise StoreError("Isi ID organisasi SATUSEHAT puskesmas dulu di Pengaturan → Kesehatan.",
                         "Set the puskesmas's SATUSEHAT organisation id first in Settings → Health.")
    if not _ORG_ID.match(org):
        raise StoreError("ID organisasi SATUSEHAT tidak valid.", "Invalid SATUSEHAT organisation id.")
    tz = store.meta(TZ_META) or DEFAULT_TZ
    if not _TZ.match(tz):
        tz = DEFAULT_TZ
    start, end = month_range(month)
    visit_rows = store.find(VISITS, "tanggal BETWEEN ? AND ?", (start, end), order_by="tanggal, created_at, rowid")
    ids = list(dict.fromkeys(v["patient_id"] for v in visit_rows))
    people: dict[str, dict] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for p in store.find(PATIENTS, f"id IN ({','.join('?' * len(chunk))})", chunk):
            people[p["id"]] = p
    unit_names = {u.code: u.name_id for u in units.units(store, include_inactive=True)}
    entries = []
    for pid in ids:
        if pid in people:
            entries.append(patient_resource(people[pid], org))
    kinds: dict[str, dict] = {}
    for history in patient_histories(store, start, end).values():
        kinds.update(casetypes.derive(history))
    skipped = 0
    for visit in visit_rows:
        patient = people.get(visit["patient_id"])
        if patient is None:
            skipped += 1
            continue
        entries.extend(encounter_resources(visit, patient, org, tz, unit_names, kinds.get(visit["id"])))
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    bundle = {
        "resourceType": "Bundle",
        "id": _derived_id(org, "bundle", month, now),
        "meta": {"lastUpdated": now},
        "identifier": {"system": sys_ids("bundle", org), "value": f"{store.office_id}-{month}"},
        "type": "collection",
        "timestamp": now,
        "entry": [{"fullUrl": _urn(r["id"]), "resource": r} for r in entries],
    }
    with store.transaction() as tx:
        tx.audit(PATIENTS, f"export:fhir:{month}", "export",
                 {"patients": len(people), "encounters": len(visit_rows) - skipped, "format": "fhir-r4"},
                 actor=access.actor(user))
    return bundle


def write_bundle(bundle: dict, path: Path | str) -> None:
    _atomic_write(Path(path), lambda fh: fh.write(json.dumps(bundle, ensure_ascii=False, indent=1).encode()))


def counts(bundle: dict) -> dict:
    """{resourceType: n} of a bundle, for messages."""
    out: dict[str, int] = {}
    for e in bundle.get("entry", []):
        kind = e["resource"]["resourceType"]
        out[kind] = out.get(kind, 0) + 1
    return out
