"""FHIR R4 resources of a puskesmas's visits, shared by the desktop's SATUSEHAT-ready export
(desktop/domain/health/fhir.py, which documents the mapping) and the centre's monthly bundle per puskesmas.

Pure Python over plain dicts: no store, no Qt, no desktop imports. ICD-10 titles come from a function the
caller passes (the desktop's index, or ``bundled_icd10_titles`` at the centre).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from functools import cache

from sync.health_rules import CaseType
from sync.schema import resources_dir

NIK_SYSTEM = "https://fhir.kemkes.go.id/id/nik"
NIK_IBU_SYSTEM = "https://fhir.kemkes.go.id/id/nik-ibu"
ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
DEFAULT_TZ = "+09:00"  # WIT: Papua Tengah
_NAMESPACE = uuid.UUID("8f7a3c52-4b0e-4c43-9a57-6c61796e0001")  # Layan's namespace for derived ids
ORG_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
TZ = re.compile(r"^[+-](0\d|1[0-4]):[0-5]\d$")

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
                        case_types: dict | None = None, title: Callable[[str], str] | None = None) -> list[dict]:
    """The Encounter of one visit, its Conditions and vital-sign Observations. ``case_types`` ({code:
    CaseType}) adds each Condition's LB1 case type as a note: derived, as the LB1 counts it. ``title``
    gives an ICD-10 code's title (default: the bundled ICD-10 list)."""
    title = title or icd10_title
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
            "code": {"coding": [_coding(ICD10_SYSTEM, d["kode"], title(d["kode"]) or d["kode"])]},
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


def _case_note(case: CaseType | None) -> dict:
    if case is None:
        return {}
    text = "Kasus baru" if case.kasus == "baru" else "Kasus lama"
    if case.override:
        text += f" (diubah petugas: {case.reason})"
    return {"note": [{"text": text}]}


def bundle(org: str, identifier: str, month: str, resources: list[dict]) -> dict:
    """A Bundle of type collection holding ``resources`` (urn:uuid fullUrls, so the file stands alone)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    return {
        "resourceType": "Bundle",
        "id": _derived_id(org, "bundle", month, now),
        "meta": {"lastUpdated": now},
        "identifier": {"system": sys_ids("bundle", org), "value": identifier},
        "type": "collection",
        "timestamp": now,
        "entry": [{"fullUrl": _urn(r["id"]), "resource": r} for r in resources],
    }


@cache
def bundled_icd10_titles() -> dict[str, str]:
    """Code -> English title from resources/reference/icd10.tsv as shipped."""
    out = {}
    with (resources_dir() / "reference" / "icd10.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            code, _chapter, text = line.rstrip("\n").split("\t")
            out[code] = text
    return out


def icd10_title(code: str) -> str:
    return bundled_icd10_titles().get(code, "")
