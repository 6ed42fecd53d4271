"""FHIR R4 export: bundles validate with fhir.resources (R4B models), identifiers, a patient without NIK."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import json

import pytest

from desktop.domain.health import access, fhir, patients, visits
from desktop.store.db import StoreError
from tests.unit.test_health_support import (  # noqa: F401 - fixtures
    NIK_MARIA,
    nakes,
    pkm,
    pkm_dir,
    pkm_template,
    users,
)

fhir_r4b = pytest.importorskip("fhir.resources.R4B", reason="pip install 'fhir.resources>=8,<9' (dev extra)")
ORG = "100012345"


@pytest.fixture
def month(pkm, nakes, users):
    fhir.set_org_id(pkm, users["kapus"], ORG)
    maria = patients.register_patient(pkm, nakes, {"nama": "Maria Magal", "jenis_kelamin": "P", "nik": NIK_MARIA,
                                                    "tanggal_lahir": "1990-01-01", "telepon": "0812-3456-7890",
                                                    "alamat": "Jl. Yos Sudarso 5", "kampung": "Kwamki"})
    baby = patients.register_patient(pkm, nakes, {"nama": "By. Ny. Maria Magal", "jenis_kelamin": "L",
                                                   "tanggal_lahir": "2026-10-01", "nik_ibu": NIK_MARIA})
    nobody = patients.register_patient(pkm, nakes, {"nama": "Yosep Kogoya", "jenis_kelamin": "L", "umur_tahun": 40})
    v1 = visits.register_visit(pkm, nakes, {
        "patient_id": maria.record_id, "tanggal": "2026-10-05", "unit": "malaria",
        "jam_datang": "08:10", "jam_periksa": "08:40", "jam_selesai": "09:05",
        "berat_kg": 52.5, "tinggi_cm": 155, "suhu_c": 38.6, "sistolik": 110, "diastolik": 70, "nadi": 96,
        "diagnosa": ["R50.9"], "malaria": {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum",
                                           "pengobatan": "DHP 3 hari", "primakuin": True}})
    v2 = visits.register_visit(pkm, nakes, {"patient_id": baby.record_id, "tanggal": "2026-10-06", "unit": "kia",
                                            "berat_kg": 3.1, "diagnosa": ["Z00.1"]})
    v3 = visits.register_visit(pkm, nakes, {"patient_id": nobody.record_id, "tanggal": "2026-10-07", "unit": "ugd",
                                            "sistolik": 150, "rujukan_tujuan": "RSUD Mimika", "diagnosa": ["T14.1"]})
    visits.register_visit(pkm, nakes, {"patient_id": nobody.record_id, "tanggal": "2026-11-01", "unit": "dewasa"})
    return {"maria": maria.record_id, "baby": baby.record_id, "nobody": nobody.record_id,
            "v1": v1.record_id, "v2": v2.record_id, "v3": v3.record_id}


def _resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_bundle_validates_as_fhir(pkm, nakes, month, tmp_path):
    bundle = fhir.export_month(pkm, nakes, "2026-10")
    target = tmp_path / "fhir.json"
    fhir.write_bundle(bundle, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    model = fhir_r4b.get_fhir_model_class("Bundle").model_validate(data)
    assert model.type == "collection"
    for entry in data["entry"]:
        res = entry["resource"]
        fhir_r4b.get_fhir_model_class(res["resourceType"]).model_validate(res)  # each resource on its own
        assert entry["fullUrl"] == f"urn:uuid:{res['id']}"
    assert fhir.counts(data) == {"Patient": 3, "Encounter": 3, "Condition": 4, "Observation": 7}
    # every reference inside the bundle resolves
    urls = {e["fullUrl"] for e in data["entry"]}
    refs = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("reference"), str) and node["reference"].startswith("urn:uuid:"):
                refs.append(node["reference"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    assert refs and set(refs) <= urls


def test_identifiers_and_encounter_mapping(pkm, nakes, month):
    bundle = fhir.export_month(pkm, nakes, "2026-10")
    people = {p["id"]: p for p in _resources(bundle, "Patient")}
    maria = people[month["maria"]]
    assert maria["identifier"][0] == {"use": "official", "system": "https://fhir.kemkes.go.id/id/nik", "value": NIK_MARIA}
    assert maria["identifier"][1] == {"use": "usual", "system": f"http://sys-ids.kemkes.go.id/patient/{ORG}",
                                      "value": "RM-000001"}
    assert maria["gender"] == "female" and maria["birthDate"] == "1990-01-01"
    enc = {e["id"]: e for e in _resources(bundle, "Encounter")}[month["v1"]]
    assert enc["class"]["code"] == "AMB" and enc["status"] == "finished"
    assert [h["status"] for h in enc["statusHistory"]] == ["arrived", "in-progress", "finished"]
    assert enc["statusHistory"][0]["period"] == {"start": "2026-10-05T08:10:00+09:00", "end": "2026-10-05T08:40:00+09:00"}
    assert enc["identifier"][0]["system"] == f"http://sys-ids.kemkes.go.id/encounter/{ORG}"
    assert enc["serviceProvider"]["reference"] == f"Organization/{ORG}"
    conds = [c for c in _resources(bundle, "Condition") if c["encounter"]["reference"] == f"urn:uuid:{month['v1']}"]
    assert sorted(c["code"]["coding"][0]["code"] for c in conds) == ["B50.9", "R50.9"]  # malaria added by the RDT
    assert all(c["code"]["coding"][0]["system"] == "http://hl7.org/fhir/sid/icd-10" for c in conds)
    assert enc["diagnosis"][0]["rank"] == 1
    obs = {o["code"]["coding"][0]["code"]: o for o in _resources(bundle, "Observation")
           if o["encounter"]["reference"] == f"urn:uuid:{month['v1']}"}
    assert set(obs) == {"29463-7", "8302-2", "8310-5", "8867-4", "85354-9"}
    assert obs["8310-5"]["valueQuantity"] == {"value": 38.6, "unit": "Cel", "system": "http://unitsofmeasure.org",
                                             "code": "Cel"}
    bp = {c["code"]["coding"][0]["code"]: c["valueQuantity"]["value"] for c in obs["85354-9"]["component"]}
    assert bp == {"8480-6": 110, "8462-4": 70}
    referred = {e["id"]: e for e in _resources(bundle, "Encounter")}[month["v3"]]
    assert referred["hospitalization"]["destination"]["display"] == "RSUD Mimika"
    assert referred["period"]["start"] == "2026-10-07"  # no times recorded: the date only


def test_patient_without_nik_exports_with_mothers_nik_or_rm_only(pkm, nakes, month):
    bundle = fhir.export_month(pkm, nakes, "2026-10")
    people = {p["id"]: p for p in _resources(bundle, "Patient")}
    baby = people[month["baby"]]
    assert [i["system"] for i in baby["identifier"]] == ["https://fhir.kemkes.go.id/id/nik-ibu",
                                                         f"http://sys-ids.kemkes.go.id/patient/{ORG}"]
    assert baby["identifier"][0]["value"] == NIK_MARIA
    nobody = people[month["nobody"]]
    assert nobody["identifier"] == [{"use": "usual", "system": f"http://sys-ids.kemkes.go.id/patient/{ORG}",
                                     "value": "RM-000003"}]
    assert "birthDate" not in nobody
    fhir_r4b.get_fhir_model_class("Patient").model_validate(nobody)


def test_export_needs_org_id_and_health_role_and_is_audited(pkm, nakes, users, month):
    pkm.set_meta(fhir.ORG_META, None)
    with pytest.raises(StoreError) as info:
        fhir.export_month(pkm, nakes, "2026-10")
    assert "SATUSEHAT" in info.value.message
    with pytest.raises(access.AccessDenied):
        fhir.export_month(pkm, users["admin"], "2026-10", org=ORG)
    with pytest.raises(access.AccessDenied):
        fhir.set_org_id(pkm, nakes, ORG)
    with pytest.raises(StoreError):
        fhir.set_org_id(pkm, users["admin"], "bad id with spaces")
    fhir.export_month(pkm, nakes, "2026-10", org=ORG)
    history = pkm.history("patients", "export:fhir:2026-10")
    assert [(h["actor"], h["action"], h["changes"]["patients"]) for h in history] == [("bidan", "export", 3)]


def test_the_validator_catches_a_broken_resource(pkm, nakes, month):
    """Negative control: the same validation refuses our Encounter without its class, or a stray field."""
    bundle = fhir.export_month(pkm, nakes, "2026-10")
    encounter = dict(_resources(bundle, "Encounter")[0])
    del encounter["class"]
    from pydantic import ValidationError as ModelError

    with pytest.raises(ModelError):
        fhir_r4b.get_fhir_model_class("Encounter").model_validate(encounter)
    patient = {**_resources(bundle, "Patient")[0], "nik": NIK_MARIA}
    with pytest.raises(ModelError):
        fhir_r4b.get_fhir_model_class("Patient").model_validate(patient)
    # value sets are not checked by the models: check ours here
    assert {p.get("gender") for p in _resources(bundle, "Patient")} <= {"male", "female"}


def test_conditions_carry_the_derived_case_type_per_diagnosis(pkm, nakes, month):
    """A hypertension control with a new ISPA: each Condition says its own case type, as the LB1 counts it."""
    pid = month["nobody"]
    visits.register_visit(pkm, nakes, {"patient_id": pid, "tanggal": "2026-09-20", "unit": "dewasa", "diagnosa": ["I10"]})
    control = visits.register_visit(pkm, nakes, {"patient_id": pid, "tanggal": "2026-10-20", "unit": "dewasa",
                                                 "diagnosa": ["I10", {"kode": "J06.9"}, {
                                                     "kode": "K29.7", "kasus": "lama",
                                                     "kasus_alasan": "Sudah diobati di RSUD"}]})
    bundle = fhir.export_month(pkm, nakes, "2026-10")
    notes = {c["code"]["coding"][0]["code"]: c["note"][0]["text"] for c in _resources(bundle, "Condition")
             if c["encounter"]["reference"] == f"urn:uuid:{control.record_id}"}
    assert notes == {"I10": "Kasus lama", "J06.9": "Kasus baru", "K29.7": "Kasus lama (diubah petugas: Sudah diobati di RSUD)"}
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "Condition":
            fhir_r4b.condition.Condition.model_validate(entry["resource"])
