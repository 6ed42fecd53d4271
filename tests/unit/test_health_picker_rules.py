"""The ICD-10 picker's rules (local words, parents with subcategories, the office's common diagnoses first,
words pushed centrally) and the patient rules a registrar keeps (clear NIK messages, sex and birth date
against the NIK). Real store, real reference files."""
# ruff: noqa: F811 - pytest fixtures imported from tests.unit.test_health_support

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.domain import central_config
from desktop.domain import nik as nik_rules
from desktop.domain.health import icd10, icd10_usage, patients, visits
from desktop.store.records import ValidationError
from sync.schema import resources_dir
from tests.unit.test_health_support import nakes, pkm, pkm_dir, pkm_template, users  # noqa: F401

NIK_MAN = "9404010505850002"  # born 05-05-1985, coded male
NIK_WOMAN = "9404014101900001"  # born 01-01-1990, coded female (day 01 + 40)


def codes(text: str, limit: int = 8, usage=None) -> list[str]:
    return [c.code for c in icd10.search(text, limit, usage)]


@pytest.mark.parametrize(("typed", "expected"), [
    ("malaria tersiana", "B51.9"), ("tersiana", "B51.9"), ("tropika", "B50.9"), ("frambusia", "A66.9"),
    ("patek", "A66.9"), ("gatal", "L29.9"), ("keputihan", "N76.0"), ("rematik", "M79.0"), ("luka bakar", "T30.0"),
    ("luka robek", "T14.1"), ("luka", "T14.1"), ("ispa", "J06.9"), ("diare", "A09.9"),
])
def test_local_words_find_the_diagnosis_first(typed, expected):
    assert codes(typed)[0] == expected


def test_keputihan_rematik_and_flu_offer_the_alternatives():
    assert set(codes("keputihan")[:2]) == {"N76.0", "N89.8"}
    assert set(codes("rematik")[:2]) == {"M79.0", "M06.9"}
    flu = codes("flu", 15)
    assert flu.index("J06.9") < flu.index("I48.9") and flu.index("J11.1") < flu.index("I48.9")
    assert flu[0] in {"J06.9", "J11.1", "J00"}


def test_a_parent_with_subcategories_is_not_offered_as_a_final_diagnosis():
    for typed in ("ispa", "diare", "malaria", "flu", "luka"):
        found = icd10.search(typed, 15)
        assert not [c.code for c in found if icd10.has_children(c.code)], typed
    assert icd10.has_children("J06") and not icd10.has_children("I10") and not icd10.has_children("B54")
    assert [c.code for c in icd10.children("J06")] == ["J06.0", "J06.8", "J06.9"]
    # Typed as a code it is still listed (the picker then shows its subcategories).
    assert codes("j06")[0] == "J06"


def test_words_match_inside_a_word():
    assert "L30.9" in codes("matitis", 20)  # derMATITIS


def test_the_office_usage_ranks_its_common_diagnoses_first(pkm, nakes):
    # Without counts, the built-in common list puts falciparum first for "malaria".
    assert codes("malaria")[0] == "B50.9"
    p = patients.register_patient(pkm, nakes, {"nama": "Ana", "jenis_kelamin": "P", "umur_tahun": 30}).record_id
    day = nik_rules.effective_today()
    for i in range(3):
        visits.register_visit(pkm, nakes, {"patient_id": p, "unit": "malaria", "diagnosa": ["B51.9"],
                                           "tanggal": (day - dt.timedelta(days=40 * i + 1)).isoformat()})
    usage = icd10_usage.usage_counts(pkm)
    assert usage == {"B51.9": 3}
    assert codes("malaria", usage=usage)[0] == "B51.9"  # this office sees mostly vivax


def test_search_words_pushed_centrally_are_used_and_bad_ones_refused(pkm):
    extra = json.loads((resources_dir() / "reference" / "icd10_terms.json").read_text(encoding="utf-8"))
    extra["terms"]["B86"] = ["kaskado"]  # a local word for scabies
    assert codes("kaskado") == []
    bad = {"terms": {"Z99.99": ["apa"]}}
    assert central_config.check("icd10_terms", bad)[0][0].startswith("Kode ICD-10 tidak dikenal: Z99.99")
    assert central_config.check("icd10_terms", extra) == []
    change = {"collection": "config", "id": "cfg-icd10", "rev": 1, "deleted": False,
              "fields": {"key": "icd10_terms", "scope": "all", "version": 1, "published_ms": 1, "value": extra}}
    with pkm.transaction() as tx:
        central_config.apply_change(tx, pkm, change)
    icd10.clear_cache()
    try:
        assert codes("kaskado") == ["B86"]
        assert codes("patek")[0] == "A66.9"  # the bundled words stay
    finally:
        (pkm.data_dir / "reference" / "icd10_terms.json").unlink()
        icd10.clear_cache()


def test_a_15_digit_nik_says_how_many_digits(pkm, nakes):
    with pytest.raises(ValidationError) as exc:
        patients.register_patient(pkm, nakes, {"nama": "Yance", "jenis_kelamin": "L", "umur_tahun": 40,
                                               "nik": NIK_MAN[:15]})
    [error] = [e for e in exc.value.errors if e.field == "nik"]
    assert "harus 16 digit" in error.message and "tertulis 15" in error.message
    assert "format tidak sesuai" not in error.message
    p = patients.register_patient(pkm, nakes, {"nama": "Yance", "jenis_kelamin": "L", "tanggal_lahir": "1985-05-05"})
    with pytest.raises(ValidationError) as exc:
        patients.update_patient(pkm, nakes, p.record_id, {"nik": NIK_MAN[:15]})
    assert "tertulis 15" in exc.value.errors[0].message
    with pytest.raises(ValidationError) as exc:
        patients.update_patient(pkm, nakes, p.record_id, {"nik": "9900010505850002"})
    assert "Kode provinsi" in exc.value.errors[0].message


def test_a_nik_coded_male_for_a_woman_needs_confirmation(pkm, nakes):
    fields = {"nama": "Maria", "jenis_kelamin": "P", "tanggal_lahir": "1985-05-05", "nik": NIK_MAN}
    with pytest.raises(patients.NeedsConfirmation) as exc:
        patients.register_patient(pkm, nakes, fields)
    [doubt] = exc.value.errors
    assert doubt.field == "jenis_kelamin" and "berkode laki-laki" in doubt.message
    assert pkm.count(patients.PATIENTS) == 0
    saved = patients.register_patient(pkm, nakes, fields, confirmed_nik=True).record_id
    assert pkm.get(patients.PATIENTS, saved)["jenis_kelamin"] == "P"
    # The birth date too; and a NIK that fits asks nothing.
    doubts = patients.nik_mismatches({"nik": NIK_WOMAN, "jenis_kelamin": "P", "tanggal_lahir": "1990-01-02"})
    assert [d.field for d in doubts] == ["tanggal_lahir"] and "01-01-1990" in doubts[0].message
    assert patients.nik_mismatches({"nik": NIK_WOMAN, "jenis_kelamin": "P", "tanggal_lahir": "1990-01-01"}) == []
    other = patients.register_patient(pkm, nakes, {"nama": "Yosina", "jenis_kelamin": "P", "umur_tahun": 36}).record_id
    with pytest.raises(patients.NeedsConfirmation):
        patients.update_patient(pkm, nakes, other, {"nik": "9404010505850003"})
