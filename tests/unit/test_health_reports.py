"""LB1, visits per unit and malaria reports on a generated month, checked against counts made here."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter

import pytest

from desktop.domain.health import ages, patients, reports, visits
from desktop.store.records import ValidationError
from tests.unit.test_health_support import nakes, pkm, pkm_dir, pkm_template, users  # noqa: F401

MONTH = "2026-10"
# (group, birth date as a function of the visit date) — each chosen so the expected group is known
# without the code under test; boundaries included.
AGE_CASES = [
    ("0-7h", lambda d: d - dt.timedelta(days=0)),
    ("0-7h", lambda d: d - dt.timedelta(days=7)),
    ("8-28h", lambda d: d - dt.timedelta(days=8)),
    ("8-28h", lambda d: d - dt.timedelta(days=28)),
    ("1-11b", lambda d: d - dt.timedelta(days=29)),
    ("1-11b", lambda d: d.replace(year=d.year - 1) + dt.timedelta(days=1)),
    ("1-4t", lambda d: d.replace(year=d.year - 1)),
    ("1-4t", lambda d: d.replace(year=d.year - 5) + dt.timedelta(days=1)),
    ("5-9t", lambda d: d.replace(year=d.year - 5)),
    ("10-14t", lambda d: d.replace(year=d.year - 12)),
    ("15-19t", lambda d: d.replace(year=d.year - 19)),
    ("20-44t", lambda d: d.replace(year=d.year - 44)),
    ("45-54t", lambda d: d.replace(year=d.year - 45)),
    ("55-59t", lambda d: d.replace(year=d.year - 59)),
    ("60-69t", lambda d: d.replace(year=d.year - 60)),
    ("70+t", lambda d: d.replace(year=d.year - 70)),
    ("70+t", lambda d: d.replace(year=d.year - 95)),
]
CODES = ["B50.9", "B51.9", "A09", "J06.9", "I10", "K29.7", "R50.9", "Z34"]
UNITS = ["dewasa", "malaria", "kia", "mtbs", "ugd"]


@pytest.fixture
def month_data(pkm, nakes):
    """~300 visits in October 2026 (plus some in September and November that must not count). Every
    diagnosis carries a nurse's override (kasus with a reason), so the LB1 count here needs no rules;
    visits per unit are counted by the documented rule (first visit to the unit in the year is new)."""
    rng = random.Random(20261001)
    expected = Counter()  # (code, kasus, sex, group) -> diagnoses
    per_unit = Counter()
    recorded = []  # (date, order recorded, patient, unit, sex)
    n = 0
    for i in range(150):
        day = dt.date(2026, 10, rng.randint(1, 31))
        group, birth = rng.choice(AGE_CASES)
        sex = rng.choice("LP")
        p = patients.register_patient(pkm, nakes, {"nama": f"Pasien {i} Uji", "jenis_kelamin": sex,
                                                    "tanggal_lahir": birth(day).isoformat()}, confirmed_new=True)
        for k in range(rng.randint(1, 3)):
            # later visits: some fall in September or November and must not count; never before birth
            back = 40 if group in ("5-9t", "10-14t", "20-44t", "70+t") else 0
            visit_day = day if k == 0 else day + dt.timedelta(days=rng.randint(-back, 40))
            codes = rng.sample(CODES, rng.randint(0, 2))
            kasus = rng.choice(["baru", "lama"])
            unit = rng.choice(UNITS)
            fields = {"patient_id": p.record_id, "tanggal": visit_day.isoformat(), "unit": unit,
                      "diagnosa": [{"kode": c, "kasus": kasus, "kasus_alasan": "uji"} for c in codes]}
            visits.register_visit(pkm, nakes, fields)
            recorded.append((visit_day, len(recorded), p.record_id, unit, sex))
            if visit_day.month != 10:
                continue
            n += 1
            # the group on *this* visit's date: recompute from the birth date the independent way
            born = birth(day)
            days = (visit_day - born).days
            years = visit_day.year - born.year - ((visit_day.month, visit_day.day) < (born.month, born.day))
            g = ("0-7h" if days <= 7 else "8-28h" if days <= 28 else "1-11b") if years == 0 else \
                next(c for lo, hi, c in [(1, 4, "1-4t"), (5, 9, "5-9t"), (10, 14, "10-14t"), (15, 19, "15-19t"),
                                         (20, 44, "20-44t"), (45, 54, "45-54t"), (55, 59, "55-59t"),
                                         (60, 69, "60-69t"), (70, 200, "70+t")] if lo <= years <= hi)
            if visit_day == day:
                assert g == group  # the generator's intent and the recomputation agree
            for code in codes:
                expected[(code, kasus, sex, g)] += 1
    seen = set()
    for day, _, pid, unit, sex in sorted(recorded):
        kind = "lama" if (day.year, pid, unit) in seen else "baru"
        seen.add((day.year, pid, unit))
        if day.month == 10:
            per_unit[(unit, kind, sex)] += 1
    return expected, per_unit, n


def test_lb1_matches_an_independent_count(pkm, nakes, month_data):
    expected, _, _ = month_data
    report = reports.lb1(pkm, nakes, MONTH)
    got = Counter()
    for row in report["rows"]:
        for kasus in ("baru", "lama"):
            for sex in ("L", "P"):
                for g, n in row["counts"][kasus][sex].items():
                    if n:
                        got[(row["code"], kasus, sex, g)] += n
    assert got == expected
    assert sum(r["total"] for r in report["rows"]) == sum(expected.values()) == report["totals"]["total"]
    for row in report["rows"]:
        assert row["baru"]["L"] == sum(v for (c, k, s, _), v in expected.items() if (c, k, s) == (row["code"], "baru", "L"))
        assert row["title"]
    assert [g["code"] for g in report["age_groups"]] == list(ages.AGE_GROUP_CODES)
    assert json.loads(json.dumps(report)) == report  # JSON-ready


def test_lb1_category_level_rolls_up_codes(pkm, nakes, month_data):
    by_code = reports.lb1(pkm, nakes, MONTH)
    by_cat = reports.lb1(pkm, nakes, MONTH, level="category")
    assert {r["code"] for r in by_cat["rows"]} == {r["code"][:3] for r in by_code["rows"]}
    assert by_cat["totals"]["total"] == by_code["totals"]["total"]


def test_visits_per_unit_match(pkm, nakes, month_data):
    _, per_unit, n = month_data
    report = reports.visits_by_unit(pkm, nakes, MONTH)
    assert report["totals"]["total"] == n
    for row in report["rows"]:
        for kasus in ("baru", "lama"):
            for sex in ("L", "P"):
                assert row[f"{kasus}_{sex}"] == per_unit[(row["unit"], kasus, sex)], row["unit"]
    malaria_unit = next(r for r in report["rows"] if r["unit"] == "malaria")
    assert malaria_unit["klaster"] == "4"
    k4 = next(k for k in report["klaster"] if k["klaster"] == "4")
    assert k4["total"] == sum(r["total"] for r in report["rows"] if r["klaster"] == "4")


def test_per_diagnosis_kasus_and_excluded_visits(pkm, nakes):
    a = patients.register_patient(pkm, nakes, {"nama": "Dewasa", "jenis_kelamin": "L", "tanggal_lahir": "1980-01-01"})
    visits.register_visit(pkm, nakes, {"patient_id": a.record_id, "tanggal": "2026-09-25", "unit": "dewasa",
                                       "diagnosa": ["I10"]})
    visits.register_visit(pkm, nakes, {"patient_id": a.record_id, "tanggal": "2026-10-05", "unit": "dewasa",
                                       "diagnosa": [{"kode": "I10"}, {"kode": "J06.9"}]})
    visits.register_visit(pkm, nakes, {"patient_id": a.record_id, "tanggal": "2026-10-06", "unit": "dewasa"})
    report = reports.lb1(pkm, nakes, MONTH)
    rows = {r["code"]: r for r in report["rows"]}
    assert rows["I10"]["lama"]["L"] == 1 and rows["I10"]["baru"]["total"] == 0  # a hypertension control
    assert rows["J06.9"]["baru"]["L"] == 1 and rows["J06.9"]["counts"]["baru"]["L"]["45-54t"] == 1  # new ISPA
    assert report["visits_without_diagnosis"] == 1


def test_malaria_summary_and_register(pkm, nakes):
    """Cases (episodes) with follow-up tests, people tested and positivity, counted here by hand."""
    def person(nama, sex, born):
        return patients.register_patient(pkm, nakes, {"nama": nama, "jenis_kelamin": sex, "tanggal_lahir": born},
                                         confirmed_new=True).record_id

    p, q = person("Yance", "L", "2018-03-01"), person("Maria", "P", "1990-03-01")
    r, s_ = person("Ruth", "P", "1990-05-01"), person("Simon", "L", "1990-06-01")

    def test(who, day, method, result, species=None, **more):
        visits.register_visit(pkm, nakes, {"patient_id": who, "tanggal": day, "unit": "malaria", "malaria": {
            "pemeriksaan": method, "hasil": result, "spesies": species, **more}})

    test(q, "2026-09-30", "rdt", "positif", "vivax", pengobatan="DHP", primakuin=True)  # case C (September)
    test(q, "2026-10-03", "mikroskopis", "negatif")  # C, hari ke-3
    test(p, "2026-10-10", "rdt", "positif", "falciparum", pengobatan="DHP")  # case A
    test(p, "2026-10-10", "mikroskopis", "positif", "falciparum")  # A, confirmation the same day
    test(p, "2026-10-13", "mikroskopis", "negatif")  # A, hari ke-3
    test(p, "2026-10-17", "mikroskopis", "negatif")  # A, hari ke-7
    test(r, "2026-10-20", "rdt", "negatif")  # tested, negative
    test(s_, "2026-10-21", "rdt", "positif", pengobatan="DHP")  # case D, species not known (Pan)
    test(s_, "2026-10-25", "rdt", "negatif")  # D, hari ke-3 (day 4)
    test(p, "2026-11-15", "rdt", "positif", "vivax")  # day 36 of A: a new case B in November

    s = reports.malaria_summary(pkm, nakes, MONTH)
    # people tested in October: p, r, s (q's test is a follow-up of September's case); positive: p, s
    assert (s["examined"], s["positive_people"], s["positive"], s["positivity_pct"]) == (3, 2, 2, 66.7)
    assert s["examined_by_method"] == {"rdt": 3, "mikroskopis": 0}
    assert s["by_species"]["falciparum"] == 1 and s["by_species"]["tidak_diketahui"] == 1
    assert s["by_species"]["vivax"] == 0
    assert s["by_sex"] == {"L": 2, "P": 0} and s["treated"] == 2 and s["primakuin"] == 0
    assert s["follow_up_tests"] == 5 and s["follow_up_positive"] == 1
    assert s["by_age_group"]["5-9t"] == 1 and s["by_age_group"]["20-44t"] == 1
    year = reports.malaria_by_month(pkm, nakes, 2026)
    assert year["2026-09"]["vivax"] == 1 and year["2026-11"]["vivax"] == 1
    assert year["2026-10"]["falciparum"] == 1 and year["2026-10"]["tidak_diketahui"] == 1
    assert sum(sum(m.values()) for m in year.values()) == 4
    register = reports.malaria_register(pkm, nakes, MONTH)
    assert [(x["tanggal"], x["status"], x["spesies"]) for x in register] == [
        ("2026-09-30", "lanjutan", "vivax"), ("2026-10-10", "baru", "falciparum"), ("2026-10-21", "baru", None)]
    a = register[1]
    assert {k: (v["tanggal"], v["hasil"]) for k, v in a["kontrol"].items()} == {
        "3": ("2026-10-13", "negatif"), "7": ("2026-10-17", "negatif")}
    assert [c["pemeriksaan"] for c in a["konfirmasi"]] == ["mikroskopis"] and a["pengobatan"] == "DHP"
    assert register[0]["primakuin"] is True and register[0]["kontrol"]["3"]["hasil"] == "negatif"
    # positive results got a malaria diagnosis automatically; the same-day confirmation is kasus lama
    lb1 = {r["code"]: (r["baru"]["total"], r["lama"]["total"]) for r in reports.lb1(pkm, nakes, MONTH)["rows"]}
    assert lb1 == {"B50.9": (1, 1), "B54": (1, 0)}


def test_reports_refuse_a_bad_month_and_non_health_roles(pkm, users):
    with pytest.raises(Exception) as info:
        reports.lb1(pkm, users["bidan"], "2026-13")
    assert "2026-10" in info.value.message
    from desktop.domain.health.access import AccessDenied

    with pytest.raises(AccessDenied):
        reports.lb1(pkm, users["admin"], MONTH)


def test_xlsx_has_the_lb1_numbers(pkm, nakes, month_data, tmp_path):
    from openpyxl import load_workbook

    data = reports.monthly(pkm, nakes, MONTH)
    target = tmp_path / "lb1.xlsx"
    reports.write_xlsx(data, target)
    wb = load_workbook(target)
    assert wb.sheetnames == ["LB1", "Kunjungan", "Malaria"]
    ws = wb["LB1"]
    codes = {ws.cell(row=r, column=1).value: r for r in range(1, ws.max_row + 1)}
    last_col = 2 + 2 * len(ages.AGE_GROUPS) + 6 + 1
    for row in data["lb1"]["rows"]:
        assert ws.cell(row=codes[row["code"]], column=last_col).value == row["total"]
        assert ws.cell(row=codes[row["code"]], column=3).value == row["counts"]["baru"]["L"]["0-7h"]


def test_visit_validation(pkm, nakes):
    p = patients.register_patient(pkm, nakes, {"nama": "Yance", "jenis_kelamin": "L", "umur_tahun": 30})
    bad = [
        ({"unit": "tidakada"}, "unit"),
        ({"unit": "dewasa", "diagnosa": ["B50.7"]}, "diagnosa"),
        ({"unit": "dewasa", "diagnosa": ["malaria"]}, "diagnosa"),
        ({"unit": "malaria", "malaria": {"hasil": "positif"}}, "malaria"),
        ({"unit": "malaria", "malaria": {"pemeriksaan": "rdt", "hasil": "negatif", "spesies": "vivax"}}, "malaria"),
        ({"unit": "dewasa", "rujukan": True}, "rujukan_tujuan"),
        ({"unit": "persalinan"}, "unit"),  # switched off by default
        ({"unit": "dewasa", "jam_datang": "25:00"}, "jam_datang"),
    ]
    for fields, field in bad:
        with pytest.raises(ValidationError) as info:
            visits.register_visit(pkm, nakes, {"patient_id": p.record_id, "tanggal": "2026-10-01", **fields})
        assert field in {e.field for e in info.value.errors}, fields
    assert pkm.count("visits") == 0
    # defaults: date, staff, main diagnosis, kasus from history
    first = visits.register_visit(pkm, nakes, {"patient_id": p.record_id, "unit": "dewasa", "diagnosa": "k297, r50.9"})
    v = pkm.get("visits", first.record_id)
    assert v["petugas"] == "Bidan" and v["kasus"] == "baru" and v["tanggal"]
    assert v["diagnosa"] == [{"kode": "K29.7", "utama": True}, {"kode": "R50.9"}]
    again = visits.register_visit(pkm, nakes, {"patient_id": p.record_id, "unit": "dewasa", "tanggal": v["tanggal"],
                                               "diagnosa": ["K29.9"]})
    assert pkm.get("visits", again.record_id)["kasus"] == "lama"  # same category K29 within 30 days
