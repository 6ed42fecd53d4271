"""Patients: RM numbering, validation, duplicates, lookup, access and audit on opening."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import pytest

from desktop.domain.health import access, patients
from desktop.store.records import ValidationError
from tests.unit.test_health_support import (  # noqa: F401 - fixtures
    NIK_MARIA,
    NIK_YANCE,
    nakes,
    patient_fields,
    pkm,
    pkm_dir,
    pkm_template,
    users,
)


def _register(pkm, user, **over):
    change = patients.register_patient(pkm, user, patient_fields(**over))
    return pkm.get("patients", change.record_id)


def test_rm_numbers_are_sequential_per_office_and_not_burnt_by_a_refused_save(pkm, nakes):
    a = _register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA)
    with pytest.raises(ValidationError):
        patients.register_patient(pkm, nakes, patient_fields(nama="Yance Beanal", jenis_kelamin="X"))
    b = _register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="1985-05-05", nik=NIK_YANCE)
    assert (a["no_rm"], b["no_rm"]) == ("RM-000001", "RM-000002")
    # an old card number is kept and never handed out again
    c = _register(pkm, nakes, nama="Kornelius Tabuni", jenis_kelamin="L", tanggal_lahir="1970-02-02", no_rm="RM-000005")
    assert c["no_rm"] == "RM-000005"
    d = _register(pkm, nakes, nama="Agustina Wenda", tanggal_lahir="2001-03-03")
    e = _register(pkm, nakes, nama="Paulus Kum", jenis_kelamin="L", tanggal_lahir="1999-04-04")
    assert d["no_rm"] == "RM-000006" and e["no_rm"] == "RM-000007"


def test_patient_without_nik_and_with_age_only(pkm, nakes):
    baby = _register(pkm, nakes, nama="By. Ny. Maria", tanggal_lahir="2026-10-01", nik_ibu=NIK_MARIA)
    assert baby["nik"] is None and baby["nik_ibu"] == NIK_MARIA
    adult = patients.register_patient(pkm, nakes, {"nama": "Yosep Kogoya", "jenis_kelamin": "L", "umur_tahun": 40})
    rec = pkm.get("patients", adult.record_id)
    assert rec["umur_tahun"] == 40 and rec["umur_tanggal"]  # the day the age was stated


@pytest.mark.parametrize("fields, field", [
    ({"nama": "Tanpa Umur", "jenis_kelamin": "L"}, "tanggal_lahir"),
    ({"nama": "Bayi", "jenis_kelamin": "L", "umur_tahun": 0}, "tanggal_lahir"),
    ({"nama": "Masa Depan", "jenis_kelamin": "L", "tanggal_lahir": "2999-01-01"}, "tanggal_lahir"),
    ({"nama": "BPJS", "jenis_kelamin": "L", "umur_tahun": 30, "penjamin": "bpjs"}, "no_bpjs"),
    ({"nama": "NIK Salah", "jenis_kelamin": "L", "umur_tahun": 30, "nik": "1234567890123456"}, "nik"),
    ({"nama": "", "jenis_kelamin": "L", "umur_tahun": 30}, "nama"),
])
def test_invalid_patient_is_refused_with_the_field_and_nothing_saved(pkm, nakes, fields, field):
    with pytest.raises(ValidationError) as info:
        patients.register_patient(pkm, nakes, fields)
    assert field in {e.field for e in info.value.errors}
    assert all(e.message and e.message_en for e in info.value.errors)
    assert patients.count(pkm) == 0 and pkm.outbox_size() == 0


def test_duplicates_found_before_saving(pkm, nakes):
    maria = _register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA, no_bpjs="0001234567890")
    yohanes = _register(pkm, nakes, nama="Yohanes Beanal", jenis_kelamin="L", tanggal_lahir="1980-07-17")
    _register(pkm, nakes, nama="Yohanes Beanal", jenis_kelamin="L", tanggal_lahir="1999-01-01")  # namesake
    old = patients.register_patient(pkm, nakes, {"nama": "Markus Tabuni", "jenis_kelamin": "L", "umur_tahun": 52,
                                                  "kampung": "Kwamki Baru"})

    def dup(**cand):
        return [(m.patient["id"], [r[0] for r in m.reasons]) for m in patients.find_duplicates(pkm, cand, nakes)]

    # same NIK, whatever the name
    assert dup(nama="Mariana M.", nik=NIK_MARIA, jenis_kelamin="P") == [(maria["id"], ["nik"])]
    assert dup(nama="Maria", no_bpjs="0001234567890")[0] == (maria["id"], ["bpjs"])
    # old spelling, another order, same birth date: found; the namesake born 1999 is not
    assert dup(nama="Beanal Johanes", tanggal_lahir="1980-07-17") == [(yohanes["id"], ["nama_tgl"])]
    # age only: similar name, same age, same kampung
    assert dup(nama="Marcus Tabuni", umur_tahun=52, kampung="kwamki baru") == [(old.record_id, ["nama_umur"])]
    assert dup(nama="Marcus Tabuni", umur_tahun=30) == []
    # different person
    assert dup(nama="Agustina Wenda", tanggal_lahir="1980-07-17") == []


def test_register_refuses_duplicates_unless_confirmed_and_never_a_second_nik(pkm, nakes):
    # (the NIK's birth date differs from the one on the card: saved after the clerk confirmed it)
    patients.register_patient(pkm, nakes, patient_fields(nama="Yohanes Beanal", jenis_kelamin="L",
                                                         tanggal_lahir="1980-07-17", nik=NIK_YANCE), confirmed_nik=True)
    with pytest.raises(patients.DuplicatePatients) as info:
        patients.register_patient(pkm, nakes, patient_fields(nama="Johanes Beanal", jenis_kelamin="L",
                                                             tanggal_lahir="1980-07-17"))
    assert not info.value.hard and info.value.matches[0].patient["nama"] == "Yohanes Beanal"
    assert patients.count(pkm) == 1
    patients.register_patient(pkm, nakes, patient_fields(nama="Johanes Beanal", jenis_kelamin="L",
                                                         tanggal_lahir="1980-07-17"), confirmed_new=True)
    assert patients.count(pkm) == 2
    with pytest.raises(patients.DuplicatePatients) as info:
        patients.register_patient(pkm, nakes, patient_fields(nama="Orang Lain", nik=NIK_YANCE), confirmed_new=True)
    assert info.value.hard and patients.count(pkm) == 2
    # the RM number was not used by the refused saves
    assert patients.lookup(pkm, nakes, "3") == []


def test_lookup_by_rm_nik_bpjs_and_name_prefix(pkm, nakes):
    maria = _register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA, no_bpjs="0001234567890")
    yance = _register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    baby = _register(pkm, nakes, nama="By. Ny. Maria Magal", tanggal_lahir="2026-10-01", nik_ibu=NIK_MARIA)

    def ids(text):
        return [p["id"] for p in patients.lookup(pkm, nakes, text)]

    assert ids("RM-000002") == [yance["id"]]
    assert ids("2") == [yance["id"]] and ids("rm2") == [yance["id"]] and ids("000002") == [yance["id"]]
    assert ids(NIK_MARIA) == [maria["id"], baby["id"]]  # the patient, then babies with her as mother
    assert ids("9404 0141 0190 0001") == [maria["id"], baby["id"]]
    assert ids("0001234567890") == [maria["id"]]
    assert ids("yan bea") == [yance["id"]] and ids("BEANAL") == [yance["id"]]
    assert set(ids("mar")) == {maria["id"], baby["id"]}
    assert ids("tidakada") == [] and ids("") == []
    hit = patients.lookup(pkm, nakes, "yance")[0]
    assert hit["no_rm"] == "RM-000002" and hit["umur"] >= 40


def test_only_health_staff_of_this_puskesmas_may_open_patients(pkm, users):
    maria = _register(pkm, users["bidan"], nama="Maria Magal")
    for name in ("admin", "loket", "perawat_lain"):
        with pytest.raises(access.AccessDenied) as info:
            patients.open_patient(pkm, users[name], maria["id"])
        assert info.value.message and info.value.message_en
        with pytest.raises(access.AccessDenied):
            patients.lookup(pkm, users[name], "maria")
        with pytest.raises(access.AccessDenied):
            patients.register_patient(pkm, users[name], patient_fields(nama="Lain"))
    with pytest.raises(access.AccessDenied):
        access.require_health_role(None)
    assert patients.open_patient(pkm, users["kapus"], maria["id"])["nama"] == "Maria Magal"
    assert access.can_open_patients(users["bidan"], pkm) and not access.can_open_patients(users["admin"], pkm)


def test_health_role_at_a_distrik_office_is_refused(store):
    with pytest.raises(access.AccessDenied):
        access.require_health_role({"username": "x", "role": "nakes", "office_id": "DST-MB", "active": 1}, store)


def test_every_opening_is_audited_and_refused_openings_write_nothing(pkm, users):
    maria = _register(pkm, users["bidan"], nama="Maria Magal")
    patients.open_patient(pkm, users["bidan"], maria["id"])
    patients.open_patient(pkm, users["kapus"], maria["id"])
    with pytest.raises(access.AccessDenied):
        patients.open_patient(pkm, users["admin"], maria["id"])
    opens = [(h["actor"], h["action"]) for h in pkm.history("patients", maria["id"]) if h["action"] == "open"]
    assert opens == [("bidan", "open"), ("kapus", "open")]


def test_update_keeps_rm_and_refuses_another_patients_nik(pkm, nakes):
    a = _register(pkm, nakes, nama="Maria Magal", nik=NIK_MARIA)
    b = _register(pkm, nakes, nama="Yance Beanal", jenis_kelamin="L", tanggal_lahir="1985-05-05")
    patients.update_patient(pkm, nakes, b["id"], {"no_rm": "RM-999999", "telepon": "0812 3456 789"})
    assert pkm.get("patients", b["id"])["no_rm"] == "RM-000002"
    with pytest.raises(patients.DuplicatePatients):
        patients.update_patient(pkm, nakes, b["id"], {"nik": NIK_MARIA})
    assert pkm.get("patients", a["id"])["nik"] == NIK_MARIA and pkm.get("patients", b["id"])["nik"] is None
