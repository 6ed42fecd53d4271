"""Case type per diagnosis, derived from the history (issue findings 1–4), and malaria coded as tested."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import pytest

from desktop.domain.health import casetypes, malaria, patients, reports, tables, visits
from desktop.store.records import ValidationError
from tests.unit.test_health_support import nakes, pkm, pkm_dir, pkm_template, users  # noqa: F401


def _patient(store, user, nama="Yuliana Magai", sex="P", born="1990-04-01") -> str:
    return patients.register_patient(store, user, {"nama": nama, "jenis_kelamin": sex, "tanggal_lahir": born},
                                     confirmed_new=True).record_id


def _visit(store, user, pid, day, unit="dewasa", **fields) -> str:
    return visits.register_visit(store, user, {"patient_id": pid, "tanggal": day, "unit": unit, **fields}).record_id


def _lb1(store, user, month, level="code") -> dict:
    return {r["code"]: (r["baru"]["total"], r["lama"]["total"]) for r in reports.lb1(store, user, month, level=level)["rows"]}


def _units(store, user, month) -> dict:
    return {r["unit"]: (r["baru_L"] + r["baru_P"], r["lama_L"] + r["lama_P"])
            for r in reports.visits_by_unit(store, user, month)["rows"] if r["total"]}


def test_b54_with_a_positive_falciparum_test_is_refused_with_the_right_code(pkm, nakes):
    """Finding 1: typing malaria + Enter took B54; it was saved without a word."""
    pid = _patient(pkm, nakes)
    test = {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum"}
    with pytest.raises(ValidationError) as info:
        _visit(pkm, nakes, pid, "2026-12-01", "malaria", diagnosa=["B54"], malaria=test)
    message = " ".join(e.message for e in info.value.errors)
    assert "B50.9" in message and "B54" in message
    assert pkm.count("visits") == 0
    # a code of another species is refused too; the right one, or none (added automatically), is saved
    with pytest.raises(ValidationError):
        _visit(pkm, nakes, pid, "2026-12-01", "malaria", diagnosa=["B51.9"], malaria=test)
    saved = pkm.get("visits", _visit(pkm, nakes, pid, "2026-12-01", "malaria", malaria=test))
    assert [d["kode"] for d in saved["diagnosa"]] == ["B50.9"]
    assert malaria.proposed_code(test) == "B50.9"
    # mixed infection: any of B50–B53; a Pan-only RDT (species unknown) keeps B54
    _visit(pkm, nakes, pid, "2026-12-02", "malaria", diagnosa=["B51.9"],
           malaria={"pemeriksaan": "mikroskopis", "hasil": "positif", "spesies": "campuran"})
    _visit(pkm, nakes, pid, "2026-12-03", "malaria", diagnosa=["B54"], malaria={"pemeriksaan": "rdt", "hasil": "positif"})


def test_a_confirmed_code_with_a_negative_test_warns(pkm, nakes):
    warnings = visits.visit_warnings({"diagnosa": ["B50.9"], "malaria": {"pemeriksaan": "rdt", "hasil": "negatif"}})
    assert warnings and "negatif" in warnings[0].message and "B50.9" in warnings[0].message
    assert not visits.visit_warnings({"diagnosa": ["B54"], "malaria": {"pemeriksaan": "rdt", "hasil": "negatif"}})
    assert not visits.visit_warnings({"diagnosa": ["B50.9"],
                                      "malaria": {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum"}})


def test_a_follow_up_the_same_day_is_not_a_new_case_and_corrections_recount(pkm, nakes):
    """Finding 2: an RDT (coded B54 then) and microscopy the same day were 2 new cases, and stayed so after
    the first was corrected; visits per unit counted all three visits of the day as new."""
    pid = _patient(pkm, nakes)
    first = _visit(pkm, nakes, pid, "2026-12-01", "malaria", diagnosa=["B54"])  # clinical, before the test
    _visit(pkm, nakes, pid, "2026-12-01", "malaria",
           malaria={"pemeriksaan": "mikroskopis", "hasil": "positif", "spesies": "falciparum"})
    _visit(pkm, nakes, pid, "2026-12-01", "malaria", malaria={"pemeriksaan": "rdt", "hasil": "negatif"})
    assert _lb1(pkm, nakes, "2026-12") == {"B54": (1, 0), "B50.9": (0, 1)}
    visits.update_visit(pkm, nakes, first, {"diagnosa": ["B50.9"]})
    assert _lb1(pkm, nakes, "2026-12") == {"B50.9": (1, 1)}  # recomputed, not frozen at saving
    assert _units(pkm, nakes, "2026-12") == {"malaria": (1, 2)}
    # the first visit deleted: the microscopy becomes the new case
    with pkm.transaction() as tx:
        tx.delete("visits", first, actor="t")
    assert _lb1(pkm, nakes, "2026-12") == {"B50.9": (1, 0)}
    assert _units(pkm, nakes, "2026-12") == {"malaria": (1, 1)}


def test_case_type_is_per_diagnosis(pkm, nakes):
    """Finding 3: a hypertension control with a new ISPA showed one "Otomatis: lama" for the visit."""
    pid = _patient(pkm, nakes, "Markus Beanal", "L", "1960-01-01")
    _visit(pkm, nakes, pid, "2026-11-20", diagnosa=["I10"])
    preview = visits.case_preview(pkm, pid, ["I10", "J06.9"], "2026-11-30")
    assert [(c.code, c.kasus, c.rule) for c in preview] == [("I10", "lama", "chronic"), ("J06.9", "baru", "episode")]
    assert preview[0].since == "2026-11-20"
    _visit(pkm, nakes, pid, "2026-11-30", diagnosa=["I10", "J06.9"])
    assert _lb1(pkm, nakes, "2026-11") == {"I10": (1, 1), "J06.9": (1, 0)}


def test_chronic_controls_are_new_once(pkm, nakes):
    """Finding 4: I10 on 28 Sep, 2 Nov and 7 Dec were each "baru" in their month."""
    pid = _patient(pkm, nakes, "Markus Beanal", "L", "1960-01-01")
    for day in ("2026-09-28", "2026-11-02", "2026-12-07"):
        _visit(pkm, nakes, pid, day, diagnosa=["I10"])
    assert _lb1(pkm, nakes, "2026-09") == {"I10": (1, 0)}
    assert _lb1(pkm, nakes, "2026-11") == {"I10": (0, 1)}
    assert _lb1(pkm, nakes, "2026-12") == {"I10": (0, 1)}
    # a back-dated first visit in August: September becomes a control too
    _visit(pkm, nakes, pid, "2026-08-03", diagnosa=["I10"])
    assert _lb1(pkm, nakes, "2026-09") == {"I10": (0, 1)}
    # an acute illness 31 days after its last visit is new again; 30 days is the same episode
    _visit(pkm, nakes, pid, "2026-09-01", diagnosa=["J06.9"])
    _visit(pkm, nakes, pid, "2026-10-01", diagnosa=["J06.9"])
    _visit(pkm, nakes, pid, "2026-11-01", diagnosa=["J06.9"])
    assert _lb1(pkm, nakes, "2026-10")["J06.9"] == (0, 1)
    assert _lb1(pkm, nakes, "2026-11")["J06.9"] == (1, 0)


def test_an_override_needs_a_reason_is_kept_and_wins(pkm, nakes):
    pid = _patient(pkm, nakes)
    with pytest.raises(ValidationError) as info:
        _visit(pkm, nakes, pid, "2026-12-01", diagnosa=[{"kode": "I10", "kasus": "lama"}])
    assert "alasan" in info.value.errors[0].message
    vid = _visit(pkm, nakes, pid, "2026-12-01",
                 diagnosa=[{"kode": "I10", "kasus": "lama", "kasus_alasan": "Kontrol dari RSUD Mimika"}])
    assert pkm.get("visits", vid)["diagnosa"][0]["kasus_alasan"] == "Kontrol dari RSUD Mimika"
    assert _lb1(pkm, nakes, "2026-12") == {"I10": (0, 1)}
    preview = visits.case_preview(pkm, pid, pkm.get("visits", vid)["diagnosa"], "2026-12-01", exclude_id=vid)
    assert (preview[0].auto, preview[0].kasus, preview[0].override) == ("baru", "lama", "lama")
    # a kasus stored by an older version (no reason) does not count: the history decides
    assert casetypes.override_of({"kode": "I10", "kasus": "baru"}) is None


def test_imported_visits_follow_the_rules_unless_the_file_says(pkm, nakes, tmp_path):
    pid = _patient(pkm, nakes, "Markus Beanal", "L", "1960-01-01")
    no_rm = pkm.get("patients", pid)["no_rm"]
    plain = tmp_path / "kunjungan.csv"
    plain.write_text("No. RM,Tanggal,Unit,Diagnosa\n"
                     f"{no_rm},2026-10-02,dewasa,I10\n{no_rm},2026-10-20,dewasa,I10\n", encoding="utf-8")
    result = tables.import_file(pkm, nakes, "kunjungan", plain)
    assert result.imported == 2, result.errors
    assert _lb1(pkm, nakes, "2026-10") == {"I10": (1, 1)}  # not both "baru"
    stated = tmp_path / "kunjungan2.csv"
    stated.write_text("No. RM,Tanggal,Unit,Kasus,Diagnosa\n" f"{no_rm},2026-11-02,dewasa,B,E11.9\n", encoding="utf-8")
    assert tables.import_file(pkm, nakes, "kunjungan", stated).imported == 1
    row = next(v for v in pkm.find("visits") if v["tanggal"] == "2026-11-02")
    assert row["diagnosa"][0]["kasus"] == "baru" and row["diagnosa"][0]["kasus_alasan"]


def test_rules_are_data_with_sources():
    doc = casetypes.rules_document()
    assert doc["default"]["window_days"] == 30 and doc["default"]["source"]
    for group in doc["groups"]:
        assert group["source"] and group["kind"] in ("episode", "chronic") and group["categories"]
    assert casetypes.rule_for("I10.0").kind == "chronic" and casetypes.rule_for("B50.9").window_days == 28
    assert casetypes.rule_for("J06.9") == casetypes.Rule("J06", "episode", 30, "last")


def test_the_preview_of_an_edited_visit_keeps_its_place_in_the_day(pkm, nakes):
    pid = _patient(pkm, nakes)
    first = _visit(pkm, nakes, pid, "2026-12-01", "malaria", diagnosa=["B50.9"])
    second = _visit(pkm, nakes, pid, "2026-12-01", "malaria", diagnosa=["B50.9"])
    assert [c.kasus for c in visits.case_preview(pkm, pid, ["B50.9"], "2026-12-01", exclude_id=first)] == ["baru"]
    assert [c.kasus for c in visits.case_preview(pkm, pid, ["B50.9"], "2026-12-01", exclude_id=second)] == ["lama"]
    assert [c.kasus for c in visits.case_preview(pkm, pid, ["B50.9"], "2026-12-01")] == ["lama"]  # a third one


def test_dinkes_can_push_other_rules_and_the_counts_follow(pkm, nakes):
    """The rules are data: a configuration push (here applied as the sync replica does) replaces them."""
    import copy
    import json

    from desktop.domain import central_config, reference
    from sync import config
    from sync.schema import resources_dir

    bundled = json.loads((resources_dir() / "reference" / "case_rules.json").read_text(encoding="utf-8"))
    assert config.value_errors("case_rules", bundled) == []  # the shipped file passes the push schema
    assert config.value_errors("case_rules", {"default": {"kind": "weekly"}, "groups": []})  # a bad one does not

    pid = _patient(pkm, nakes, "Markus Beanal", "L", "1960-01-01")
    for day in ("2025-11-20", "2026-01-05"):
        _visit(pkm, nakes, pid, day, diagnosa=["I10"])
    assert _lb1(pkm, nakes, "2026-01") == {"I10": (0, 1)}  # chronic: new once, ever
    yearly = copy.deepcopy(bundled)
    next(g for g in yearly["groups"] if g["group"] == "hipertensi")["reset"] = "year"
    with pkm.transaction() as tx:
        central_config.apply_change(tx, pkm, {"collection": "config", "id": "cfg-case-rules", "rev": 1,
                                              "fields": {"scope": "all", "key": "case_rules", "value": yearly,
                                                         "version": 1, "published_ms": 1}})
    try:
        assert casetypes.rule_for("I10").reset == "year"
        assert _lb1(pkm, nakes, "2026-01") == {"I10": (1, 0)}  # new again in the new year
    finally:
        (pkm_dir_of(pkm) / "reference" / "case_rules.json").unlink(missing_ok=True)
        reference.clear_caches()
    assert casetypes.rule_for("I10").reset == "never"


def pkm_dir_of(store):
    from pathlib import Path

    return Path(store.data_dir)
