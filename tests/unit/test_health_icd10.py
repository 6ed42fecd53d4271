"""ICD-10 list and type-ahead search (desktop.domain.health.icd10)."""

from __future__ import annotations

import json

from desktop.domain.health import icd10
from sync.schema import collection, resources_dir


def test_list_is_complete_enough():
    codes = icd10.all_codes()
    categories = [c for c in codes if c.is_category]
    assert len(categories) > 2000 and len(codes) > 12000
    # Every chapter letter A..Z except the reserved ones is present.
    assert {c.code[0] for c in categories} >= set("ABCDEFGHIJKLMNOPQRSTUVWZ")
    # Codes fit the schema's pattern for visits.diagnosa[].kode.
    spec = collection("visits").properties["diagnosa"]["items"]["properties"]["kode"]
    import re

    pattern = re.compile(spec["pattern"])
    assert all(pattern.match(c.code) for c in codes)


def test_lookup_and_normalisation():
    assert icd10.normalize_code(" b509 ") == "B50.9"
    assert icd10.normalize_code("B50.9") == "B50.9"
    assert icd10.normalize_code("i10") == "I10"
    assert icd10.normalize_code("malaria") is None
    assert icd10.get("b509").title == "Plasmodium falciparum malaria, unspecified"
    assert icd10.is_valid("A09") and icd10.is_valid("U07.1")
    assert not icd10.is_valid("B50.7")  # not in WHO ICD-10
    assert not icd10.is_valid("Z99.99")
    # Dengue codes of the 2010 version that Indonesian reporting still uses.
    assert icd10.is_valid("A91") and icd10.is_valid("A97.1")


def test_search_by_code_prefix():
    hits = [c.code for c in icd10.search("b5", limit=5)]
    assert hits == ["B50", "B50.0", "B50.8", "B50.9", "B51"]
    assert [c.code for c in icd10.search("B50.9")][0] == "B50.9"
    assert [c.code for c in icd10.search("b509")][0] == "B50.9"
    assert all(c.code.startswith("J06") for c in icd10.search("j06"))
    assert len(icd10.search("a", limit=20)) == 20


def test_search_by_words_english_and_indonesian():
    assert icd10.search("malaria fal")[0].category == "B50"
    assert icd10.search("diare")[0].code == "A09.9"  # A09 has subcategories: not a final diagnosis
    assert icd10.search("hipertensi")[0].code == "I10"
    assert icd10.search("demam")[0].code == "R50.9"
    assert {c.code for c in icd10.search("ISPA")} >= {"J06.9"}
    # every word is a prefix, in any order
    assert "B51.9" in {c.code for c in icd10.search("vivax plasm")}
    assert icd10.search("") == [] and icd10.search("   ") == []
    assert icd10.search("qqqzzz") == []


def test_indonesian_terms_point_at_real_codes():
    terms = json.loads((resources_dir() / "reference" / "icd10_id.json").read_text(encoding="utf-8"))["terms"]
    unknown = [code for code in terms if not icd10.is_valid(code)]
    assert unknown == []
    assert icd10.get("B50.9").label("id").startswith("B50.9 Plasmodium falciparum malaria, unspecified (")
