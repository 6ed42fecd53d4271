"""Reference data in resources/reference/ and the helpers that read it (real files, no fakes)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.domain import reference as ref
from sync.schema import resources_dir

REFERENCE_FILES = ["klasifikasi", "wilayah_mimika", "nik_regions", "holidays"]


@pytest.mark.parametrize("name", REFERENCE_FILES)
def test_reference_file_is_json_with_source_and_note(name):
    path = resources_dir() / "reference" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source"].strip()
    assert data["note"].strip()


# --- klasifikasi ----------------------------------------------------------------------------------

TOP_LEVEL = {
    "000": "Umum",
    "100": "Pemerintahan",
    "200": "Politik",
    "300": "Keamanan dan Ketertiban",
    "400": "Kesejahteraan Rakyat",
    "500": "Perekonomian",
    "600": "Pekerjaan Umum dan Ketenagaan",
    "700": "Pengawasan",
    "800": "Kepegawaian",
    "900": "Keuangan",
}


def test_ten_top_level_codes():
    top = {i.code: i.name for i in ref.klasifikasi_items() if i.level == 1}
    assert top == TOP_LEVEL
    assert not any(i.unverified for i in ref.klasifikasi_items() if i.level == 1)


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("000.1", "Ketatausahaan"),
        ("000.2", "Perlengkapan"),
        ("000.3", "Pengadaan"),
        ("000.4", "Perpustakaan"),
        ("000.5", "Kearsipan"),
        ("000.6", "Persandian"),
        ("000.7", "Perencanaan"),
        ("000.8", "Organisasi"),
        ("000.8.3.4", "Pelayanan Publik"),
        ("000.9", "Penelitian"),
        ("100.1", "Otonomi Daerah"),
        ("100.2", "Pemerintahan Umum"),
        ("100.3", "Hukum"),
        ("100.3.3", "Keputusan"),
        ("100.3.4", "Instruksi/Surat Edaran"),
        ("400.7", "Kesehatan"),
        ("400.9", "Sosial"),
        ("400.10", "Pemberdayaan Masyarakat Desa"),
        ("400.12", "Kependudukan dan Pencatatan Sipil"),
        ("800.1.11.1", "Surat Perintah Dinas/Surat Tugas"),
        ("900.1", "Keuangan Daerah"),
    ],
)
def test_codes_a_distrik_office_uses(code, word):
    assert ref.is_known_klasifikasi(code)
    assert word in ref.klasifikasi_name(code)


def test_sub_codes_are_marked_unverified_and_have_parents():
    items = ref.klasifikasi_items()
    codes = [i.code for i in items]
    assert len(codes) == len(set(codes))
    for item in items:
        if item.level > 1:
            assert item.unverified, item.code
            assert item.parent in codes, item.code


def test_items_are_in_numeric_code_order():
    codes = [i.code for i in ref.klasifikasi_items()]
    assert codes.index("400.9") < codes.index("400.10") < codes.index("400.12")
    assert codes.index("000.1.9") < codes.index("000.1.10")
    assert codes == sorted(codes, key=lambda c: [int(p) for p in c.split(".")])


def test_unknown_klasifikasi():
    assert ref.klasifikasi_name("999.9") is None
    assert not ref.is_known_klasifikasi("000.8.3.99")
    assert ref.klasifikasi_name(" 000.5 ") == "Kearsipan"


def test_search_by_code_prefix():
    found = [i.code for i in ref.search_klasifikasi("400.7")]
    assert found[0] == "400.7"
    assert "400.7.9" in found
    assert all(c.startswith("400.7") for c in found)
    assert found == sorted(found, key=lambda c: [int(p) for p in c.split(".")])


def test_search_code_prefix_is_a_string_prefix_for_type_ahead():
    found = [i.code for i in ref.search_klasifikasi("400.1", limit=100)]
    assert found[:2] == ["400.1", "400.10"]
    assert "400.12.3.1" in found
    assert "400.9" not in found


def test_search_by_words_in_the_name_case_insensitive():
    assert [i.code for i in ref.search_klasifikasi("PELAYANAN publik")] == ["000.8.3.4"]
    assert [i.code for i in ref.search_klasifikasi("pelay publ")] == ["000.8.3.4"]
    assert [i.code for i in ref.search_klasifikasi("surat tugas")] == ["800.1.11.1"]


def test_search_matches_inside_words_after_word_starts():
    # "sipil" starts a word in "Pencatatan Sipil"; "ipil" is inside it: found too, but after the word starts.
    assert "400.12" in [i.code for i in ref.search_klasifikasi("sipil")]
    assert "400.12" in [i.code for i in ref.search_klasifikasi("ipil")]
    assert "000.8.3.4" in [i.code for i in ref.search_klasifikasi("layanan publik")]  # Pelayanan Publik
    found = [i.code for i in ref.search_klasifikasi("ana", limit=1000)]
    starts = [c for c in found if any(w.startswith("ana") for w in ref.klasifikasi_name(c).casefold().split())]
    assert starts and len(found) > len(starts)
    assert found[:len(starts)] == starts  # "Anak …" before "Perencanaan …"


def test_search_mixes_code_and_words():
    found = [i.code for i in ref.search_klasifikasi("800 cuti")]
    assert found and all(c.startswith("800.1.11.") for c in found)
    assert "400.7.14" not in [i.code for i in ref.search_klasifikasi("000 ibu")]


def test_search_code_matches_come_before_name_matches():
    # "000.5" matches codes; nothing in a name starts with a digit, so the order is code order.
    found = [i.code for i in ref.search_klasifikasi("000.5")]
    assert found[0] == "000.5" and all(c.startswith("000.5") for c in found)
    by_name = [i.code for i in ref.search_klasifikasi("arsip")]
    starts = [c for c in by_name if any(w.startswith("arsip") for w in ref.klasifikasi_name(c).casefold().split())]
    assert by_name[:len(starts)] == sorted(starts, key=lambda c: [int(p) for p in c.split(".")])
    assert "000.5.3" in by_name


def test_search_limit_and_empty():
    assert len(ref.search_klasifikasi("400", limit=5)) == 5
    assert ref.search_klasifikasi("400", limit=0) == []
    assert [i.code for i in ref.search_klasifikasi("")] == list(TOP_LEVEL)
    assert ref.search_klasifikasi("tidak-ada-kode-begini") == []


# --- wilayah Mimika -------------------------------------------------------------------------------

DISTRIK = [
    "Mimika Baru", "Agimuga", "Mimika Timur", "Mimika Barat", "Jita", "Jila", "Mimika Timur Jauh",
    "Mimika Tengah", "Kuala Kencana", "Tembagapura", "Mimika Barat Jauh", "Mimika Barat Tengah",
    "Kwamki Narama", "Hoya", "Iwaka", "Wania", "Amar", "Alama",
]  # fmt: skip


def test_eighteen_distrik_with_codes():
    distrik = ref.distrik_list()
    assert [d.name for d in distrik] == DISTRIK
    assert [d.code for d in distrik] == [f"94.04.{n:02d}" for n in range(1, 19)]


def test_distrik_office_codes_are_unique():
    codes = [d.office_code for d in ref.distrik_list()]
    assert len(set(codes)) == 18
    assert all(c.startswith("DST-") and c[4:].isupper() for c in codes)
    assert ref.distrik_list()[0].office_code == "DST-MB"


def test_puskesmas_office_codes():
    pkm = ref.puskesmas_list()
    codes = [p.office_code for p in pkm]
    assert len(set(codes)) == len(codes)
    assert "PKM-TIMIKA" in codes and "PKM-TIMIKA-JAYA" in codes
    distrik_codes = {d.code for d in ref.distrik_list()}
    assert all(p.distrik_code is None or p.distrik_code in distrik_codes for p in pkm)


def test_wilayah_file_says_province_regency_and_legacy_prefix():
    data = ref.load_reference("wilayah_mimika")
    assert data["province"] == {"code": "94", "name": "Papua Tengah"}
    assert data["regency"]["code"] == "94.04"
    assert data["regency"]["former_code"] == "91.09"
    assert data["regency"]["legacy_nik_prefix"] == "9412"
    assert data["puskesmas"]["unverified"] is True


# --- NIK regions ----------------------------------------------------------------------------------


def test_province_codes():
    assert ref.nik_province_name("11") == "Aceh"
    assert ref.nik_province_name("65") == "Kalimantan Utara"
    assert ref.nik_province_name("91") == "Papua"
    assert ref.nik_province_name("92") == "Papua Barat"
    assert ref.nik_province_name("93") == "Papua Selatan"
    assert ref.nik_province_name("94") == "Papua Tengah"
    assert ref.nik_province_name("95") == "Papua Pegunungan"
    assert ref.nik_province_name("96") == "Papua Barat Daya"
    assert ref.nik_province_name("99") is None
    assert len(ref.load_reference("nik_regions")["provinces"]) == 38


def test_mimika_prefixes():
    now = ref.nik_regency_candidates("9404")
    assert (now[0].name, now[0].scheme, now[0].unverified) == ("Mimika", "kemendagri", False)
    assert any(r.name == "Nabire" and r.scheme == "nik_legacy" for r in now)
    legacy = ref.nik_regency_candidates("94.12")
    assert [(r.name, r.scheme) for r in legacy] == [("Mimika", "nik_legacy")]
    assert ("Mimika", "kemendagri_pre_2022") in [
        (r.name, r.scheme) for r in ref.nik_regency_candidates("9109")
    ]
    assert ref.nik_regency_candidates("3171") == ()


# --- holidays and working days --------------------------------------------------------------------


def test_holidays_cover_2025_to_2027():
    assert ref.holiday_years() == {2025, 2026, 2027}
    days = ref.holidays()
    assert dt.date(2025, 8, 18) in days  # cuti bersama added by the amended SKB
    assert dt.date(2026, 3, 21) in days  # Idul Fitri 1447 H
    assert dt.date(2026, 3, 23) in days  # cuti bersama
    assert dt.date(2027, 8, 17) in days
    assert {d.year for d in days} == {2025, 2026, 2027}
    assert ref.holiday_name(dt.date(2026, 8, 17)) == "Proklamasi Kemerdekaan"
    assert ref.holiday_name(dt.date(2026, 8, 18)) is None


def test_2027_movable_holidays_are_marked_unverified():
    data = ref.load_reference("holidays")
    for item in data["items"]:
        year = item["date"][:4]
        if year in ("2025", "2026"):
            assert not item.get("unverified"), item
        elif item["date"][5:] not in ("01-01", "05-01", "06-01", "08-17", "12-25"):
            assert item.get("unverified"), item


def test_is_working_day():
    assert ref.is_working_day(dt.date(2026, 3, 13))  # Friday
    assert not ref.is_working_day(dt.date(2026, 3, 14))  # Saturday
    assert not ref.is_working_day(dt.date(2026, 3, 15))  # Sunday
    assert not ref.is_working_day(dt.date(2026, 3, 19))  # Nyepi, a Thursday
    assert not ref.is_working_day(dt.date(2026, 3, 20))  # cuti bersama, a Friday
    assert ref.is_working_day(dt.date(2030, 3, 20))  # outside the table: weekends only


def test_add_working_days_across_a_weekend():
    assert ref.add_working_days(dt.date(2026, 3, 13), 1) == dt.date(2026, 3, 16)  # Fri -> Mon
    assert ref.add_working_days(dt.date(2026, 2, 6), 5) == dt.date(2026, 2, 13)  # Fri -> next Fri


def test_add_working_days_across_holidays():
    # Tue 17 March 2026, then Nyepi and Idul Fitri with cuti bersama until Tue 24 March.
    assert ref.add_working_days(dt.date(2026, 3, 17), 1) == dt.date(2026, 3, 25)
    # Wed 24 Dec 2025: Christmas and cuti bersama on Thu/Fri, then the weekend.
    assert ref.add_working_days(dt.date(2025, 12, 24), 1) == dt.date(2025, 12, 29)
    # Complaint received Friday 13 Feb 2026: 3 working days skip the weekend and 16-17 Feb (Imlek).
    assert ref.add_working_days(dt.date(2026, 2, 13), 3) == dt.date(2026, 2, 20)


def test_add_working_days_zero_and_backwards():
    saturday = dt.date(2026, 3, 14)
    assert ref.add_working_days(saturday, 0) == saturday
    assert ref.add_working_days(dt.date(2026, 3, 25), -1) == dt.date(2026, 3, 17)
    assert ref.add_working_days(dt.date(2026, 3, 16), -1) == dt.date(2026, 3, 13)


# --- a reference directory of our own (LAYAN_RESOURCES), e.g. data pushed by IT -------------------


@pytest.fixture
def own_resources(tmp_path, monkeypatch):
    """A resources/ directory with a small klasifikasi.json; caches are cleared around the test."""
    (tmp_path / "reference").mkdir()
    monkeypatch.setenv("LAYAN_RESOURCES", str(tmp_path))
    ref.clear_caches()
    yield tmp_path / "reference"
    monkeypatch.delenv("LAYAN_RESOURCES")
    ref.clear_caches()


def write_klasifikasi(folder, items):
    doc = {"source": "test", "note": "test", "items": items}
    (folder / "klasifikasi.json").write_text(json.dumps(doc), encoding="utf-8")


def test_code_prefix_matches_come_before_name_matches(own_resources):
    write_klasifikasi(
        own_resources,
        [
            {"code": "000", "name": "Umum"},
            {"code": "000.1", "name": "Laporan 100 Hari Kerja"},
            {"code": "100", "name": "Pemerintahan"},
            {"code": "100.2", "name": "Pemerintahan Umum"},
            {"code": "900", "name": "Keuangan"},
        ],
    )
    assert [i.code for i in ref.search_klasifikasi("100")] == ["100", "100.2", "000.1"]
    assert [i.code for i in ref.search_klasifikasi("umum")] == ["000", "100.2"]


def test_clear_caches_reads_new_files(own_resources):
    write_klasifikasi(own_resources, [{"code": "000", "name": "Umum"}])
    assert ref.klasifikasi_name("000") == "Umum"
    write_klasifikasi(own_resources, [{"code": "000", "name": "Umum (baru)"}])
    assert ref.klasifikasi_name("000") == "Umum"  # cached
    ref.clear_caches()
    assert ref.klasifikasi_name("000") == "Umum (baru)"


def test_bad_klasifikasi_code_is_refused(own_resources):
    write_klasifikasi(own_resources, [{"code": "12", "name": "Salah"}])
    with pytest.raises(ValueError, match="bad code"):
        ref.klasifikasi_items()
