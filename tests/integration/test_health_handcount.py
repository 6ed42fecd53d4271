"""A month of a puskesmas (November 2026) on two PCs synced through the real server: the LB1, the malaria
register and the visits per unit match numbers counted by hand below, under the rules in docs/HEALTH.md:

- a diagnosis is a new case unless the same illness was seen within 30 days before (acute), or ever
  before (chronic: I10 …), or within 28 days of the start of the malaria case (B50–B54);
- a malaria case starts with a positive test outside a case's 28 days; every test inside is a follow-up;
  positivity = people with a new case / people tested (follow-up tests are not people tested);
- a visit is new for its unit when it is the patient's first visit to that unit in the calendar year.

The visits are entered out of order (pusling visits typed days later, back-dated) and one arrives by
sync from the pustu's PC after the puskesmas already saved a later visit of the same patient.
"""

from __future__ import annotations

import pytest

from desktop.domain import syncing
from desktop.domain.health import patients, reports, visits
from tests.unit.test_health_support import add_user

MONTH = "2026-11"


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error


def test_a_month_matches_the_hand_count(server, tmp_path):
    office = server.new_office("puskesmas")
    pkm = server.desktop_pc(tmp_path / "puskesmas", office, kind="puskesmas")
    pustu = server.desktop_pc(tmp_path / "pustu", office, kind="puskesmas", initialize=False)
    sync_ok(pustu)
    nurse = add_user(pkm, "perawat", "nakes", office)
    bidan = add_user(pustu, "bidan", "nakes", office)

    def person(nama, sex, born):
        return patients.register_patient(pkm, nurse, {"nama": nama, "jenis_kelamin": sex, "tanggal_lahir": born},
                                         confirmed_new=True).record_id

    def visit(store, user, pid, day, unit, *codes, test=None):
        fields = {"patient_id": pid, "tanggal": day, "unit": unit, "diagnosa": list(codes)}
        if test:
            method, result, species = test
            fields["malaria"] = {"pemeriksaan": method, "hasil": result, "spesies": species,
                                 **({"pengobatan": "DHP"} if result == "positif" else {})}
        return visits.register_visit(store, user, fields).record_id

    markus = person("Markus Beanal", "L", "1960-01-01")  # 66 years: 60–69
    yuliana = person("Yuliana Magai", "P", "1990-04-01")  # 36: 20–44
    yance = person("Yance Kum", "L", "2018-03-01")  # 8: 5–9
    ruth = person("Ruth Omaleng", "P", "1985-05-01")  # 41: 20–44
    simon = person("Simon Natkime", "L", "1990-06-01")  # 36: 20–44

    # hypertension controls; a new ISPA on the November control
    visit(pkm, nurse, markus, "2026-09-28", "lansia", "I10")
    visit(pkm, nurse, markus, "2026-11-02", "lansia", "I10", "J06.9")
    visit(pkm, nurse, markus, "2026-12-07", "lansia", "I10")
    # falciparum: RDT, microscopy the same day, controls on days 3, 7 and 14
    visit(pkm, nurse, yuliana, "2026-11-03", "malaria", test=("rdt", "positif", "falciparum"))
    visit(pkm, nurse, yuliana, "2026-11-03", "malaria", test=("mikroskopis", "positif", "falciparum"))
    visit(pkm, nurse, yuliana, "2026-11-06", "malaria", test=("mikroskopis", "negatif", None))
    visit(pkm, nurse, yuliana, "2026-11-10", "malaria", test=("mikroskopis", "negatif", None))
    visit(pkm, nurse, yuliana, "2026-11-17", "malaria", test=("mikroskopis", "negatif", None))
    # diarrhoea: the puskesmas visit of the 25th is typed first, the pusling visit of the 19th days later
    visit(pkm, nurse, yance, "2026-11-25", "anak_remaja", "A09")
    visit(pkm, nurse, yance, "2026-11-19", "anak_remaja", "A09")
    # vivax in October; in November the puskesmas sees her on the 14th (positive) and the 19th (negative) …
    visit(pkm, nurse, ruth, "2026-10-05", "malaria", test=("rdt", "positif", "vivax"))
    visit(pkm, nurse, ruth, "2026-11-14", "malaria", test=("mikroskopis", "positif", "vivax"))
    visit(pkm, nurse, ruth, "2026-11-19", "malaria", test=("mikroskopis", "negatif", None))
    # tested, negative
    visit(pkm, nurse, simon, "2026-11-08", "malaria", test=("rdt", "negatif", None))

    before = {r["code"]: r["baru"]["total"] for r in reports.lb1(pkm, nurse, MONTH)["rows"]}
    assert before["B51.9"] == 1  # the 14th: 40 days after October's case, so far a new case

    # … but the pustu found her positive on the 12th, and its PC syncs later
    sync_ok(pkm)
    sync_ok(pustu)
    visit(pustu, bidan, ruth, "2026-11-12", "malaria", test=("rdt", "positif", "vivax"))
    sync_ok(pustu)
    sync_ok(pkm)

    # -- LB1, by hand ------------------------------------------------------------------------------
    lb1 = reports.lb1(pkm, nurse, MONTH)
    got = {r["code"]: (r["baru"]["total"], r["lama"]["total"]) for r in lb1["rows"]}
    assert got == {
        "I10": (0, 1),  # Markus 2 Nov: seen 28 Sep, chronic
        "J06.9": (1, 0),  # Markus 2 Nov: new ISPA
        "B50.9": (1, 1),  # Yuliana 3 Nov RDT new, microscopy the same day old
        "A09": (1, 1),  # Yance 19 Nov (typed later) new, 25 Nov old
        "B51.9": (1, 1),  # Ruth 12 Nov (from the pustu) new, 14 Nov old
    }
    new_by_group = {(r["code"], s, g): n for r in lb1["rows"] for s in ("L", "P")
                    for g, n in r["counts"]["baru"][s].items() if n}
    assert new_by_group == {("J06.9", "L", "60-69t"): 1, ("B50.9", "P", "20-44t"): 1, ("A09", "L", "5-9t"): 1,
                            ("B51.9", "P", "20-44t"): 1}
    assert lb1["visits_without_diagnosis"] == 5  # Yuliana 6, 10, 17; Ruth 19; Simon 8 Nov
    assert {r["code"]: r["baru"]["total"] for r in reports.lb1(pkm, nurse, "2026-09")["rows"]} == {"I10": 1}
    assert {r["code"]: r["lama"]["total"] for r in reports.lb1(pkm, nurse, "2026-12")["rows"]} == {"I10": 1}

    # -- visits per unit, by hand ------------------------------------------------------------------
    per_unit = {r["unit"]: (r["baru_L"], r["baru_P"], r["lama_L"], r["lama_P"])
                for r in reports.visits_by_unit(pkm, nurse, MONTH)["rows"] if r["total"]}
    assert per_unit == {
        "lansia": (0, 0, 1, 0),  # Markus was first in lansia on 28 Sep
        "malaria": (1, 1, 0, 7),  # Simon and Yuliana new; Yuliana 4 more, Ruth 3 (first this year in October)
        "anak_remaja": (1, 0, 1, 0),  # Yance 19 Nov new (typed later), 25 Nov old
    }

    # -- malaria, by hand --------------------------------------------------------------------------
    s = reports.malaria_summary(pkm, nurse, MONTH)
    assert (s["examined"], s["positive_people"], s["positive"]) == (3, 2, 2)  # Yuliana, Ruth, Simon tested
    assert s["positivity_pct"] == 66.7
    assert s["by_species"]["falciparum"] == 1 and s["by_species"]["vivax"] == 1
    assert s["follow_up_tests"] == 6 and s["follow_up_positive"] == 2
    register = reports.malaria_register(pkm, nurse, MONTH)
    assert [(r["nama"], r["tanggal"], r["status"], r["spesies"]) for r in register] == [
        ("Yuliana Magai", "2026-11-03", "baru", "falciparum"), ("Ruth Omaleng", "2026-11-12", "baru", "vivax")]
    assert {k: v["tanggal"] for k, v in register[0]["kontrol"].items()} == {
        "3": "2026-11-06", "7": "2026-11-10", "14": "2026-11-17"}
    assert {k: v["tanggal"] for k, v in register[1]["kontrol"].items()} == {"3": "2026-11-14", "7": "2026-11-19"}
    year = reports.malaria_by_month(pkm, nurse, 2026)
    assert year["2026-10"]["vivax"] == 1 and year["2026-11"]["vivax"] == 1 and year["2026-11"]["falciparum"] == 1
    pkm.close()
    pustu.close()
