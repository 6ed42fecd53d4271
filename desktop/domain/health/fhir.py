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

import json
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Store
from sync import health_fhir
from sync.health_fhir import (  # noqa: F401  (the desktop's names for the shared mapping)
    BP_PANEL,
    BP_PARTS,
    ICD10_SYSTEM,
    LOINC,
    NIK_IBU_SYSTEM,
    NIK_SYSTEM,
    UCUM,
    VITALS,
    encounter_resources,
    patient_resource,
    sys_ids,
)

from . import access, casetypes, icd10, units
from .patients import PATIENTS
from .reports import _atomic_write, month_range, patient_histories
from .visits import VISITS

ORG_META = "satusehat_org_id"
TZ_META = "health_tz"
DEFAULT_TZ = health_fhir.DEFAULT_TZ
_ORG_ID = health_fhir.ORG_ID
_TZ = health_fhir.TZ


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
        entries.extend(encounter_resources(visit, patient, org, tz, unit_names, kinds.get(visit["id"]),
                                           icd10.title))
    bundle = health_fhir.bundle(org, f"{store.office_id}-{month}", month, entries)
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
