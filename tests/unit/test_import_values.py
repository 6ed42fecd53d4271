"""Cell values as offices write them (dates, sifat, lampiran, numbers), and a property test: whatever
text the cells hold, the importer only ever answers with row errors."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain import importing, office, open_store, tabular
from desktop.domain.importing import CellError

NOV27 = dt.date(2026, 11, 27)


@pytest.mark.parametrize("value", [
    "27/11/2026", "27-11-2026", "2026-11-27", "27 November 2026", "27 Nov 2026", "27 nov 2026", "27 NOVEMBER 2026",
    "27 Nopember 2026", "27 Nop 2026", "27-Nov-2026", "27 Nov. 2026", "27.11.2026", "27/11/26", " 27 / 11 / 2026 ",
    "2026/11/27", "Jumat, 27 November 2026", "Friday, 27 November 2026", "November 27, 2026", "Nov 27 2026",
    "2026-11-27 00:00:00", "2026-11-27T08:15:00", "27/11/2026 08.15", "46353", "46353.0",
    46353, 46353.5, dt.datetime(2026, 11, 27, 13, 5), NOV27,
])
def test_dates_offices_write(value):
    assert importing.parse_date(value) == NOV27


@pytest.mark.parametrize("value,expected", [
    ("17 Agustus 2026", dt.date(2026, 8, 17)), ("17 Agt 2026", dt.date(2026, 8, 17)),
    ("17 August 2026", dt.date(2026, 8, 17)), ("1 Mei 2026", dt.date(2026, 5, 1)),
    ("1 May 2026", dt.date(2026, 5, 1)), ("25 Desember 2026", dt.date(2026, 12, 25)),
    ("25 Des 2026", dt.date(2026, 12, 25)), ("25 December 2026", dt.date(2026, 12, 25)),
    ("3 Oktober 2026", dt.date(2026, 10, 3)), ("3 Okt 2026", dt.date(2026, 10, 3)),
    ("9 Februari 2026", dt.date(2026, 2, 9)), ("9 Pebruari 2026", dt.date(2026, 2, 9)),
    ("5 Maret 2026", dt.date(2026, 3, 5)), ("1 Juni 2026", dt.date(2026, 6, 1)), ("1 Juli 2026", dt.date(2026, 7, 1)),
    ("2 Januari 2027", dt.date(2027, 1, 2)), ("29 Februari 2028", dt.date(2028, 2, 29)),
    ("01/02/2026", dt.date(2026, 2, 1)),  # day first, always
])
def test_month_names_indonesian_and_english(value, expected):
    assert importing.parse_date(value) == expected


@pytest.mark.parametrize("value", [
    "31/02/2026", "29 Februari 2026", "13/13/2026", "kemarin", "27 Novembre 2026", "2026", 2026, "11/2026",
    "27/11", "", "0", 0, -5, 1e12, True, dt.time(8, 0), "12345678", "46353abc", "27/11/20266",
])
def test_dates_that_are_not(value):
    with pytest.raises(CellError) as info:
        importing.parse_date(value)
    assert "tidak dikenali" in info.value.message and "not recognised" in info.value.message_en


@pytest.mark.parametrize("value,expected", [
    ("Sangat Segera", "sangat_segera"), ("sangat-segera", "sangat_segera"), ("SANGAT_SEGERA", "sangat_segera"),
    ("Amat Segera", "sangat_segera"), ("Kilat", "sangat_segera"), ("Sangat Segera/Kilat", "sangat_segera"),
    ("SEGERA", "segera"), (" segera ", "segera"), ("Rahasia", "rahasia"), ("Penting", "penting"),
    ("biasa", "biasa"), ("Urgent", "segera"), ("Very urgent", "sangat_segera"), ("Confidential", "rahasia"),
])
def test_sifat(value, expected):
    assert importing.parse_sifat(value) == expected


@pytest.mark.parametrize("value", ["Sangat Rahasia", "Terbatas", "segra", "1"])
def test_sifat_unknown(value):
    with pytest.raises(CellError):
        importing.parse_sifat(value)


@pytest.mark.parametrize("value,expected", [
    ("2 lembar", 2), ("2 berkas", 2), ("2 Lembar", 2), ("2 lbr", 2), ("2 (dua) lembar", 2), ("10 eks.", 10),
    ("-", 0), ("—", 0), ("nihil", 0), ("Tidak ada", 0), ("0", 0), ("3", 3), (3, 3), (3.0, 3),
    ("satu berkas", 1), ("dua", 2),
])
def test_lampiran(value, expected):
    assert importing.parse_lampiran(value) == expected


@pytest.mark.parametrize("value", ["banyak", "2,5 lembar", "-2", 2.5, "lembar 2"])
def test_lampiran_not_a_count(value):
    with pytest.raises(CellError):
        importing.parse_lampiran(value)


@pytest.mark.parametrize("value,expected", [("12", 12), ("012", 12), (12, 12), (12.0, 12), ("12.0", 12), (" 7 ", 7)])
def test_whole_numbers(value, expected):
    assert importing.parse_int(value) == expected


@pytest.mark.parametrize("value", ["12a", "1/DST", 1.5, True, "", "١٢"])
def test_not_whole_numbers(value):
    with pytest.raises(CellError):
        importing.parse_int(value)


@pytest.mark.parametrize("raw,key", [
    ("No. Agenda", "noagenda"), ("NO AGENDA", "noagenda"), ("  no.agenda", "noagenda"),
    ("Asal Surat/Pengirim", "asalsuratpengirim"), ("Tgl. Terima:", "tglterima"), ("Kéterangan", "keterangan"),
    (None, ""), (12, "12"),
])
def test_header_normalisation(raw, key):
    assert tabular.normalize_label(raw) == key


def test_decode_prefers_strict_utf8_then_cp1252():
    assert tabular.decode_text("Café “x”".encode("utf-8-sig")) == ("Café “x”", "utf-8")
    assert tabular.decode_text("Café “x”".encode()) == ("Café “x”", "utf-8")
    assert tabular.decode_text("Café “x”".encode("cp1252")) == ("Café “x”", "cp1252")
    assert tabular.decode_text(b"\x81\x8d")[1] == "latin-1"  # bytes cp1252 leaves undefined


# -- property: arbitrary text never crashes the importer -------------------------------------------

HEADER = ["No. Agenda", "Tanggal Terima", "Nomor Surat", "Tanggal Surat", "Asal Surat", "Tujuan", "Perihal", "Sifat",
          "Kode Klasifikasi", "Lampiran", "Diteruskan Kepada", "Penandatangan", "Keterangan", "Tahun"]
PLAUSIBLE = ["", "-", "1", "27/11/2026", "2026-11-27", "31/02/2026", "Segera", "Kilat sekali", "2 lembar",
             "400.12", "Dinas Sosial", "Undangan rapat", "=1+1", "'=1+1", "0", "99999999999"]
# Any Unicode text except lone surrogates (not encodable) and NUL (which marks a binary file).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
CELL = st.one_of(ANY_TEXT, st.sampled_from(PLAUSIBLE))
ROWS = st.lists(st.lists(CELL, min_size=len(HEADER), max_size=len(HEADER)), max_size=6)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("property") / "data")
    office.initialize(s, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    yield s
    s.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, delimiter=st.sampled_from([",", ";"]), encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
       partial=st.booleans())
def test_arbitrary_cells_give_only_row_errors(shared_store, rows, delimiter, encoding, partial):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agenda.csv"
        path.write_bytes(buf.getvalue().encode(encoding))
        before = shared_store.count("letters")
        result = importing.import_file(shared_store, "surat-masuk", path, partial=partial, actor="t")
    non_blank = [i for i, row in enumerate(rows) if any(cell.strip() for cell in row)]
    assert result.total == len(non_blank)
    failed_rows = {e.row for e in result.errors}
    assert failed_rows <= {i + 2 for i in non_blank}  # row 1 is the header
    if partial or not failed_rows:
        assert result.imported + len(failed_rows) == result.total
    else:
        assert result.imported == 0
    assert shared_store.count("letters") == before + result.imported
    assert all(e.message and e.message_en for e in result.errors)
