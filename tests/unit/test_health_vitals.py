"""Vital signs (hard limits refused, soft warnings asked), visit dates (never the future, back-dated asked)
and units by age and complaint: the pure rules, and the domain refusing through register_visit."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import nik as nik_rules
from desktop.domain.health import ages, patients, units, visit_checks, visits, vitals
from desktop.store.records import ValidationError
from tests.unit.test_health_support import nakes, pkm, pkm_dir, pkm_template, users  # noqa: F401


def levels(values: dict, age: int | None = None) -> dict[str, str]:
    return {f.field: f.level for f in vitals.check(values, age)}


def test_temperature_end_points_are_defined_and_45_is_refused():
    # The finding: 45 °C was saved while 25 °C was refused. Both ends of 30–43 are inside the range.
    assert levels({"suhu_c": 45.0}) == {"suhu_c": "hard"}
    assert levels({"suhu_c": 25.0}) == {"suhu_c": "hard"}
    assert levels({"suhu_c": 43.1}) == {"suhu_c": "hard"}
    assert levels({"suhu_c": 29.9}) == {"suhu_c": "hard"}
    assert levels({"suhu_c": 43.0}) == {"suhu_c": "warn"}  # accepted, but a high fever
    assert levels({"suhu_c": 30.0}) == {"suhu_c": "warn"}  # accepted, but hypothermia
    assert levels({"suhu_c": 37.5}) == {}
    assert levels({"suhu_c": 34.9}) == {"suhu_c": "warn"}
    assert levels({"suhu_c": 35.0}) == {}
    assert levels({"suhu_c": 38.9}) == {}
    assert levels({"suhu_c": 39.0}) == {"suhu_c": "warn"}
    message = vitals.check({"suhu_c": 45.0})[0].message
    assert "45 °C tidak mungkin" in message and "30–43 °C" in message


def test_blood_pressure_limits_and_warnings():
    assert levels({"sistolik": 300, "diastolik": 20}) == {"sistolik": "hard"}  # the finding: 300/20 was saved
    assert levels({"sistolik": 120, "diastolik": 130}) == {"sistolik": "hard"}  # diastolic above systolic
    assert "sistolik harus lebih besar" in vitals.check({"sistolik": 80, "diastolik": 80})[0].message
    assert levels({"sistolik": 280, "diastolik": 180}) == {"sistolik": "warn"}  # both ends accepted: a crisis
    assert levels({"sistolik": 49, "diastolik": 30}) == {"sistolik": "hard"}
    assert levels({"sistolik": 190, "diastolik": 100}) == {"sistolik": "warn"}
    assert levels({"sistolik": 150, "diastolik": 125}) == {"sistolik": "warn"}
    assert levels({"sistolik": 75, "diastolik": 50}) == {"sistolik": "warn"}
    assert levels({"sistolik": 120, "diastolik": 80}) == {}


def test_pulse_weight_and_height_by_age():
    assert levels({"berat_kg": 80}, age=5) == {"berat_kg": "warn"}  # a 5-year-old at 80 kg
    assert levels({"berat_kg": 18}, age=5) == {}
    assert levels({"berat_kg": 80}, age=40) == {}
    assert levels({"berat_kg": 80}) == {}  # age unknown: only the hard limits
    assert levels({"berat_kg": 350}, age=40) == {"berat_kg": "hard"}
    assert levels({"tinggi_cm": 170}, age=2) == {"tinggi_cm": "warn"}
    assert levels({"tinggi_cm": 88}, age=2) == {}
    assert levels({"nadi": 150}, age=0) == {}  # an infant's usual pulse
    assert levels({"nadi": 150}, age=40) == {"nadi": "warn"}
    assert levels({"nadi": 260}, age=0) == {"nadi": "hard"}
    assert "umur 5 tahun" in vitals.check({"berat_kg": 80}, 5)[0].message


def test_the_domain_refuses_impossible_vitals_and_future_dates(pkm, nakes):
    p = patients.register_patient(pkm, nakes, {"nama": "Yance", "jenis_kelamin": "L", "umur_tahun": 40}).record_id
    for fields in ({"suhu_c": 45.0}, {"sistolik": 300, "diastolik": 20}, {"sistolik": 120, "diastolik": 130}):
        with pytest.raises(ValidationError) as exc:
            visits.register_visit(pkm, nakes, {"patient_id": p, "unit": "dewasa", **fields})
        assert exc.value.errors[0].field in fields
    future = (nik_rules.effective_today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(ValidationError) as exc:
        visits.register_visit(pkm, nakes, {"patient_id": p, "unit": "dewasa", "tanggal": future})
    assert exc.value.errors[0].field == "tanggal" and "masa depan" in exc.value.errors[0].message
    assert pkm.count(visits.VISITS) == 0
    visit = visits.register_visit(pkm, nakes, {"patient_id": p, "unit": "dewasa", "suhu_c": 43.0}).record_id
    with pytest.raises(ValidationError):
        visits.update_visit(pkm, nakes, visit, {"tanggal": future})
    with pytest.raises(ValidationError):
        visits.update_visit(pkm, nakes, visit, {"diastolik": 90, "sistolik": 85})
    visits.update_visit(pkm, nakes, visit, {"sistolik": 120, "diastolik": 80})
    with pytest.raises(ValidationError):  # only one side edited: checked against the stored other side
        visits.update_visit(pkm, nakes, visit, {"diastolik": 125})


def test_backdated_question_names_the_day():
    today = dt.date(2026, 12, 7)
    q = visit_checks.backdated_question("2026-12-05", today)
    assert q.message == "Kunjungan tanggal 5 Desember 2026 (2 hari lalu)? Ya untuk pusling / input susulan."
    assert q.key == "backdated:2026-12-05"
    assert visit_checks.backdated_question("2026-12-06", today).message.startswith(
        "Kunjungan tanggal 6 Desember 2026 (kemarin)")
    assert visit_checks.backdated_question("2026-12-07", today) is None


def test_questions_before_saving(pkm, nakes):
    today = dt.date(2026, 12, 7)
    old = {"nama": "Opa", "umur_tahun": 70, "umur_tanggal": "2026-01-01"}
    unit_list = units.units(pkm)
    asked = visit_checks.questions({"tanggal": "2026-12-07", "unit": "mtbs", "diagnosa": [], "suhu_c": 39.5},
                                   old, unit_list, same_day=1, today=today)
    keys = [q.key for q in asked]
    assert keys == ["same_day", "no_diagnosis", "unit_age", "vital:suhu_c"]
    unit_q = next(q for q in asked if q.key == "unit_age")
    assert "Balita Sakit (MTBS)" in unit_q.message and "0–4 tahun" in unit_q.message and "70 tahun" in unit_q.message
    fine = visit_checks.questions({"tanggal": "2026-12-07", "unit": "lansia", "diagnosa": ["I10"]}, old, unit_list,
                                  today=today)
    assert fine == []


def test_unit_suggested_by_age_and_complaint(pkm):
    unit_list = units.units(pkm)
    assert units.suggest_unit(unit_list, 70, "", remembered="mtbs")[:2] == ("lansia", "umur")
    assert units.suggest_unit(unit_list, 1, "diare 2 hari", remembered="malaria") == ("mtbs", "keluhan", "diare")
    assert units.suggest_unit(unit_list, 1, "demam", remembered="malaria") == ("malaria", "keluhan", "demam")
    assert units.suggest_unit(unit_list, 30, "", remembered="malaria") == ("malaria", "terakhir", "")
    assert units.suggest_unit(unit_list, 30, "sakit gigi", remembered="malaria") == ("gigi", "keluhan", "gigi")
    assert units.suggest_unit(unit_list, 30, "pusing", remembered="malaria")[:2] == ("dewasa", "umur")
    assert units.suggest_unit(unit_list, 12, "", remembered=None)[:2] == ("anak_remaja", "umur")
    # A puskesmas's own list without age ranges takes them from the shipped unit of the same code.
    own = units.from_json({"code": "mtbs", "klaster": "2", "name": {"id": "MTBS"}})
    assert (own.age_min, own.age_max) == (0, 4)
    baby = ages.Age(0, 200)
    assert units.age_mismatch(units.get_unit(pkm, "dewasa"), baby) is not None
    assert units.age_mismatch(units.get_unit(pkm, "malaria"), baby) is None
