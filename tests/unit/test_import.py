"""Importing agenda books (CSV/XLSX) into the letters register, against a real SQLite store."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop.domain import importing, letters, office, open_store
from desktop.store.db import StoreError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
USER_FIELDS = ("direction", "year", "seq", "nomor_surat", "tanggal_terima", "tanggal_surat", "asal", "tujuan",
               "perihal", "sifat", "klasifikasi", "lampiran", "diteruskan_kepada", "penandatangan", "keterangan")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "data")
    office.initialize(s, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    yield s
    s.close()


def letters_in(store, direction="masuk") -> list[dict]:
    rows = store.find(letters.LETTERS, "direction = ?", (direction,), order_by="year, seq")
    return [{k: r[k] for k in USER_FIELDS if r.get(k) is not None} for r in rows]


def snapshot(store) -> dict:
    """Everything an import could touch: letters, outbox, audit, number blocks, meta."""
    conn = store.read()
    return {t: [tuple(r) for r in conn.execute(f"SELECT * FROM [{t}] ORDER BY rowid")]
            for t in ("letters", "outbox", "audit", "number_blocks", "meta")}


def write_csv(path: Path, lines: list[str], encoding="utf-8", newline="\r\n") -> Path:
    path.write_bytes(newline.join(lines + [""]).encode(encoding))
    return path


GOOD = [
    "No. Agenda,Tanggal Terima,Nomor Surat,Tanggal Surat,Asal Surat,Perihal,Sifat,Lampiran,Keterangan",
    "1,27/11/2026,005/1/Setda,25/11/2026,Sekretariat Daerah,Undangan rapat,Segera,2 lembar,",
    '2,28/11/2026,,,"Polsek Mimika Baru","Laporan, keamanan",,-,diarsip',
]


# -- good files ---------------------------------------------------------------------------------

def test_good_csv_imports_every_row_with_source_import(store, tmp_path):
    path = write_csv(tmp_path / "agenda.csv", GOOD)
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="tu-budi")
    assert (result.total, result.imported, result.errors, result.warnings) == (2, 2, [], [])
    assert letters_in(store) == [
        {"direction": "masuk", "year": 2026, "seq": 1, "nomor_surat": "005/1/Setda", "tanggal_terima": "2026-11-27",
         "tanggal_surat": "2026-11-25", "asal": "Sekretariat Daerah", "perihal": "Undangan rapat", "sifat": "segera",
         "lampiran": 2},
        {"direction": "masuk", "year": 2026, "seq": 2, "tanggal_terima": "2026-11-28", "asal": "Polsek Mimika Baru",
         "perihal": "Laporan, keamanan", "sifat": "biasa", "lampiran": 0, "keterangan": "diarsip"},
    ]
    for letter in store.find(letters.LETTERS):
        (entry,) = store.history(letters.LETTERS, letter["id"])
        assert (entry["source"], entry["actor"], entry["action"]) == ("import", "tu-budi", "create")
    assert store.outbox_size() == 2  # imported letters sync like any other


def test_imported_numbers_are_never_handed_out_again(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", GOOD)
    importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    change = letters.register_incoming(store, {"tanggal_terima": "2026-11-29", "asal": "x", "perihal": "y",
                                               "sifat": "biasa"}, actor="t")
    assert store.get(letters.LETTERS, change.record_id)["seq"] == 3


def test_rows_without_an_agenda_number_are_numbered(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["Tanggal Terima;Asal Surat;Perihal", "27/11/2026;A;P1", "28/11/2026;B;P2"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.imported == 2
    assert [x["seq"] for x in letters_in(store)] == [1, 2]


def test_surat_keluar_fixture(store):
    result = importing.import_file(store, "surat-keluar", FIXTURES / "surat_keluar.csv", partial=False, actor="t")
    assert (result.total, result.imported, result.errors) == (2, 2, [])
    out = letters_in(store, "keluar")
    assert out[0]["nomor_surat"] == "400.12/0001/DST-MB/2026"  # kept from the book
    assert out[1]["nomor_surat"] == "400.9/0002/DST-MB/2026"  # numbered by the office's template
    assert [x["tanggal_surat"] for x in out] == ["2026-08-05", "2026-08-06"]  # bare "Tanggal" = tanggal surat
    assert [x["tujuan"] for x in out] == ["Bupati Mimika", "Dinas Sosial"]  # "Kepada"
    assert [x["klasifikasi"] for x in out] == ["400.12", "400.9"]  # "Kode"


# -- encodings and separators ---------------------------------------------------------------------

ACCENTED = [
    "No. Agenda;Tgl Terima;Pengirim;Hal",
    "1;03/08/2026;Café “Pelangi” Timika;Permohonan izin – acara ‘17-an’",
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_encoding_reads_the_same_text(store, tmp_path, encoding):
    path = write_csv(tmp_path / "a.csv", ACCENTED, encoding=encoding)
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == []
    (letter,) = letters_in(store)
    assert letter["asal"] == "Café “Pelangi” Timika"
    assert letter["perihal"] == "Permohonan izin – acara ‘17-an’"


def test_excel_unicode_text_utf16_tab_separated(store, tmp_path):
    lines = [line.replace(";", "\t") for line in ACCENTED]
    path = write_csv(tmp_path / "a.txt", lines, encoding="utf-16")
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == [] and letters_in(store)[0]["asal"] == "Café “Pelangi” Timika"


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_separators_with_quoted_fields(store, tmp_path, delimiter):
    lines = [
        delimiter.join(["No. Agenda", "Tanggal Terima", "Asal Surat", "Perihal", "Keterangan"]),
        delimiter.join(["1", "27/11/2026", '"Dinas Sosial; Bidang 2, Timika"', '"Undangan ""rapat"" 1"',
                        '"baris satu\nbaris dua"']),
        delimiter.join(["2", "28/11/2026", "Polsek", "Laporan", ""]),
    ]
    path = write_csv(tmp_path / "a.csv", lines, newline="\n")
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.imported, result.errors) == (2, [])
    first = letters_in(store)[0]
    assert first["asal"] == "Dinas Sosial; Bidang 2, Timika"
    assert first["perihal"] == 'Undangan "rapat" 1'
    assert first["keterangan"] == "baris satu\nbaris dua"


def test_cp1252_fixture_semicolon(store):
    result = importing.import_file(store, "surat-masuk", FIXTURES / "agenda_masuk_cp1252.csv", partial=False,
                                   actor="t")
    assert (result.total, result.imported, result.errors) == (2, 2, [])
    one, two = letters_in(store)
    assert one["asal"] == "Café “Pelangi” Timika"
    assert one["perihal"] == "Permohonan izin – acara 17 Agustus"
    assert (one["sifat"], one["lampiran"]) == ("penting", 0)
    assert (two["perihal"], two["lampiran"], two["keterangan"]) == ("Undangan sosialisasi; tahap 2", 2,
                                                                    "dibawa ke rapat")


def test_utf8_bom_fixture_comma_with_multiline_cell(store):
    result = importing.import_file(store, "surat-masuk", FIXTURES / "agenda_masuk_utf8_bom.csv", partial=False,
                                   actor="t")
    assert result.errors == []
    one, two = letters_in(store)
    assert one == {"direction": "masuk", "year": 2026, "seq": 7, "nomor_surat": "400.12/55/Distrik, Kwamki",
                   "tanggal_terima": "2026-08-10", "tanggal_surat": "2026-08-09", "asal": "Kepala Kampung Kwamki",
                   "perihal": "Laporan kegiatan\nbulan Juli", "sifat": "sangat_segera", "klasifikasi": "400.12"}
    assert (two["seq"], two["tanggal_terima"], two["sifat"]) == (8, "2026-08-11", "rahasia")


# -- XLSX -----------------------------------------------------------------------------------------

def test_xlsx_with_title_rows_merged_two_row_header_and_column_numbers(store):
    path = FIXTURES / "agenda_masuk_judul_gabung.xlsx"
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.total, result.imported, result.errors) == (3, 3, [])
    assert result.sheet == "Agenda 2026"
    assert [(w.row, w.message) for w in result.warnings] == [(5, 'Kolom "Paraf" tidak dikenal dan diabaikan.')]
    assert letters_in(store) == [
        {"direction": "masuk", "year": 2026, "seq": 1, "nomor_surat": "005/123/Setda",
         "tanggal_terima": "2026-08-03", "tanggal_surat": "2026-07-30",
         "asal": "Sekretariat Daerah Kabupaten Mimika", "perihal": "Undangan rapat koordinasi", "sifat": "segera",
         "lampiran": 1, "diteruskan_kepada": "Sekretaris Distrik"},
        {"direction": "masuk", "year": 2026, "seq": 2, "nomor_surat": "440/77/Dinkes",
         "tanggal_terima": "2026-08-04", "tanggal_surat": "2026-08-01",
         "asal": "Dinas Kesehatan Kabupaten Mimika", "perihal": "Pemberitahuan jadwal vaksinasi", "sifat": "biasa",
         "lampiran": 2},
        {"direction": "masuk", "year": 2026, "seq": 3, "nomor_surat": "470/12/Dukcapil",
         "tanggal_terima": "2026-08-05", "tanggal_surat": "2026-08-03",
         "asal": "Dinas Kependudukan dan Pencatatan Sipil", "perihal": "Permohonan data penduduk",
         "sifat": "sangat_segera", "lampiran": 0, "diteruskan_kepada": "Kepala Distrik"},
    ]


def make_xlsx(path: Path, rows: list[list], *, title_rows: int = 0, sheet="Sheet", extra_sheets=()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for i in range(title_rows):
        ws.append([f"JUDUL {i + 1}"])
    for row in rows:
        ws.append(row)
    for name, sheet_rows in extra_sheets:
        extra = wb.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
    wb.save(path)
    return path


def test_xlsx_row_numbers_are_excels(store, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [
        ["No Agenda", "Tgl Terima", "Dari", "Perihal"],
        [1, dt.datetime(2026, 11, 27), "A", "ok"],
        [],
        [2, "bukan tanggal", "B", "rusak"],
    ], title_rows=3)
    result = importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert (result.total, result.imported) == (2, 1)
    assert [(e.row, e.field) for e in result.errors] == [(7, "tanggal_terima")]


def test_xlsx_group_header_over_received_columns(store, tmp_path):
    """ "Diterima" merged over "Tanggal | No. Agenda" reads as Tanggal Diterima and No. Agenda."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Diterima", None, "Asal Surat", "Perihal", "Surat", None])
    ws.append(["Tanggal", "No. Agenda", None, None, "Tgl", "No"])
    ws.merge_cells("A1:B1")
    ws.merge_cells("E1:F1")
    ws.append([dt.date(2026, 11, 27), 5, "Bappeda", "Rapat", dt.date(2026, 11, 20), "050/1"])
    wb.save(tmp_path / "a.xlsx")
    result = importing.import_file(store, "surat-masuk", tmp_path / "a.xlsx", partial=False, actor="t")
    assert (result.errors, result.warnings) == ([], [])
    assert letters_in(store) == [{"direction": "masuk", "year": 2026, "seq": 5, "nomor_surat": "050/1",
                                  "tanggal_terima": "2026-11-27", "tanggal_surat": "2026-11-20", "asal": "Bappeda",
                                  "perihal": "Rapat", "sifat": "biasa"}]


def test_xlsx_other_sheets_with_a_table_are_named_in_a_warning(store, tmp_path):
    header = ["No. Agenda", "Tanggal Terima", "Asal Surat", "Perihal"]
    path = make_xlsx(tmp_path / "a.xlsx", [header, [1, "01/12/2026", "A", "P"]], sheet="Desember",
                     extra_sheets=[("November", [header, [1, "01/11/2026", "A", "P"]]), ("Catatan", [["x"]])])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.sheet == "Desember" and result.imported == 1
    assert any('"November"' in w.message and "tidak diimpor" in w.message for w in result.warnings)


def test_xlsx_numbers_in_text_columns_and_a_date_excel_made_of_a_letter_number(store, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [
        ["No. Agenda", "Tanggal Terima", "Nomor Surat", "Asal Surat", "Perihal", "Kode Klasifikasi", "Lampiran"],
        [1.0, dt.datetime(2026, 11, 27, 9, 30), 123, "A", "P", 400.12, 2.0],
        [2, 46353, dt.datetime(2026, 12, 1), "B", "Q", 400, None],
    ])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == []
    one, two = letters_in(store)
    assert (one["seq"], one["tanggal_terima"], one["nomor_surat"], one["klasifikasi"], one["lampiran"]) == \
        (1, "2026-11-27", "123", "400.12", 2)
    assert (two["tanggal_terima"], two["nomor_surat"], two["klasifikasi"]) == ("2026-11-27", "01/12/2026", "400")


# -- headers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Nomor Agenda;Tanggal Terima;Asal Surat;Perihal",
    "No. Agenda;Tgl Terima;Pengirim;Hal",
    "NO AGENDA;TANGGAL DITERIMA;ASAL SURAT/PENGIRIM;ISI RINGKAS",
    "No. Urut;Tgl. Terima;Dari;Perihal",
    "  no.agenda ;tanggal  terima;Asal Surat / Pengirim;PERIHAL:",
    "No;Tanggal;Asal;Perihal",
    "seq;tanggal_terima;asal;perihal",
    "Agenda/serial no.;Date received;Sender;Subject",
])
def test_header_synonyms_case_space_and_punctuation(store, tmp_path, header):
    path = write_csv(tmp_path / "a.csv", [header, "4;27/11/2026;Dinas;Undangan"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.errors, result.warnings) == ([], [])
    assert letters_in(store) == [{"direction": "masuk", "year": 2026, "seq": 4, "tanggal_terima": "2026-11-27",
                                  "asal": "Dinas", "perihal": "Undangan", "sifat": "biasa"}]


@pytest.mark.parametrize("direction", ["masuk", "keluar"])
def test_every_accepted_name_means_one_field(direction):
    spec = importing.HeaderSpec(direction)
    coll = letters.collection(letters.LETTERS)
    for name, names in [*importing.FIELD_NAMES.items(), *importing.WEAK_NAMES[direction].items()]:
        labels = [*names, name, *coll.properties[name].get("x-label", {}).values()]
        for label in labels:
            column = importing.Column(0, label, (label,))
            assert spec.resolve(column)[0] == name, f"{label!r} does not mean {name}"


def test_docs_list_every_accepted_name():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "IMPORT.md").read_text(encoding="utf-8")
    for names in [*importing.FIELD_NAMES.values(), *importing.WEAK_NAMES["masuk"].values(),
                  *importing.WEAK_NAMES["keluar"].values()]:
        for name in names:
            assert name in docs, f"{name!r} is accepted but not in docs/IMPORT.md"


def test_unknown_column_is_one_warning_not_an_error(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", [
        "No;No. Agenda;Tanggal Terima;Asal Surat;Perihal;Paraf;;Disposisi",
        "1;10;27/11/2026;A;P;ok;catatan;Sekdis",
        "2;11;27/11/2026;B;Q;ok;;Sekdis",
    ])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.imported, result.errors) == (2, [])
    assert [x["seq"] for x in letters_in(store)] == [10, 11]  # "No. Agenda" wins over the running "No"
    assert [(w.row, w.field, w.message_en) for w in result.warnings] == [
        (1, None, 'Column "No" was ignored: column "No. Agenda" already gives the same data.'),
        (1, None, 'Column "Paraf" is not recognised and was ignored.'),
        (1, None, 'Column "Disposisi" is not recognised and was ignored.'),
        (1, None, "Column 7 has no header; its contents were ignored."),
    ]


# -- values ---------------------------------------------------------------------------------------

def test_dates_in_every_office_form(store, tmp_path):
    forms = ["27/11/2026", "27-11-2026", "2026-11-27", "27 November 2026", "27 Nov 2026", "27 Nopember 2026",
             "Jumat, 27 November 2026", "27.11.2026", "27/11/26", "November 27, 2026", "46353",
             "2026-11-27 00:00:00"]
    lines = ["No. Agenda;Tanggal Terima;Asal Surat;Perihal"] + [f"{i};{d};A;P" for i, d in enumerate(forms, 1)]
    path = write_csv(tmp_path / "a.csv", lines)
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == []
    assert {x["tanggal_terima"] for x in letters_in(store)} == {"2026-11-27"}


@pytest.mark.parametrize("cell,expected", [
    ("Sangat Segera", "sangat_segera"), ("sangat-segera", "sangat_segera"), ("SEGERA", "segera"),
    ("Rahasia", "rahasia"), ("penting", "penting"), ("Biasa", "biasa"), ("", "biasa"), ("-", "biasa"),
])
def test_sifat_is_normalised(store, tmp_path, cell, expected):
    path = write_csv(tmp_path / "a.csv", ["Tanggal Terima;Asal Surat;Perihal;Sifat", f"27/11/2026;A;P;{cell}"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == []
    assert letters_in(store)[0]["sifat"] == expected


@pytest.mark.parametrize("cell,expected", [("2 lembar", 2), ("2 berkas", 2), ("-", 0), ("3", 3),
                                           ("1 (satu) berkas", 1), ("dua lembar", 2), ("", None)])
def test_lampiran_counts(store, tmp_path, cell, expected):
    path = write_csv(tmp_path / "a.csv", ["Tanggal Terima;Asal Surat;Perihal;Lampiran", f"27/11/2026;A;P;{cell}"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert result.errors == []
    assert letters_in(store)[0].get("lampiran") == expected


def test_entirely_empty_rows_are_skipped_and_not_counted(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["No. Agenda;Tanggal Terima;Asal Surat;Perihal", ";;;", "",
                                          "1;27/11/2026;A;P", " ; ;  ;", "2;27/11/2026;B;Q", ";;;"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.total, result.imported, result.errors) == (2, 2, [])


def test_header_only_file_imports_nothing(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["No. Agenda;Tanggal Terima;Asal Surat;Perihal"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.total, result.imported, result.errors) == (0, 0, [])


def test_formula_guard_apostrophe_is_removed(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["Tanggal Terima;Asal Surat;Perihal", "27/11/2026;A;'=1+1 bukan rumus",
                                          "27/11/2026;'Pak Amos;'- catatan"])
    importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert [(x["asal"], x["perihal"]) for x in letters_in(store)] == [("A", "=1+1 bukan rumus"),
                                                                       ("'Pak Amos", "- catatan")]


# -- bad rows -------------------------------------------------------------------------------------

BAD = [
    "No. Agenda;Tanggal Terima;Asal Surat;Perihal;Sifat",
    "1;27/11/2026;Dinas Sosial;Undangan;Biasa",  # row 2: good
    "2;31/02/2026;Polsek;Laporan;Biasa",  # row 3: no such date
    "3;27/11/2026;Bappeda;;Segera",  # row 4: perihal missing
    "4;27/11/2026;Dukcapil;Data;Kilat sekali",  # row 5: unknown sifat
    "1;28/11/2026;KPU;Sosialisasi;Penting",  # row 6: agenda number 1 again
    "5;28/11/2026;Puskesmas;Laporan malaria;Penting",  # row 7: good
]
EXPECTED_ERRORS = [(3, "tanggal_terima"), (4, "perihal"), (5, "sifat"), (6, "seq")]


def test_bad_rows_all_or_nothing_leaves_the_store_unchanged(store, tmp_path):
    letters.register_incoming(store, {"tanggal_terima": "2026-11-01", "asal": "x", "perihal": "lama",
                                      "sifat": "biasa", "seq": 100}, actor="t")
    before = snapshot(store)
    path = write_csv(tmp_path / "a.csv", BAD)
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert (result.total, result.imported) == (6, 0)
    assert [(e.row, e.field) for e in result.errors] == EXPECTED_ERRORS
    assert snapshot(store) == before


def test_bad_rows_partial_imports_the_good_ones(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", BAD)
    result = importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert (result.total, result.imported) == (6, 2)
    assert [(e.row, e.field) for e in result.errors] == EXPECTED_ERRORS
    by_row = {e.row: e for e in result.errors}
    assert "31/02/2026" in by_row[3].message and "tidak dikenali" in by_row[3].message
    assert by_row[4].message == "Perihal wajib diisi."
    assert "Kilat sekali" in by_row[5].message and "Sangat Segera" in by_row[5].message
    assert by_row[6].message == "Nomor agenda 1 tahun 2026 sudah dipakai."
    assert by_row[6].message_en == "Number 1 of 2026 is already used."
    assert [(x["seq"], x["perihal"]) for x in letters_in(store)] == [(1, "Undangan"), (5, "Laporan malaria")]
    # the bad rows left nothing behind: only the two good letters are in the outbox and audit
    assert store.outbox_size() == 2
    assert store.read().execute("SELECT count(*) FROM audit WHERE source = 'import'").fetchone()[0] == 2


def test_agenda_number_already_in_the_register_is_a_row_error(store, tmp_path):
    letters.register_incoming(store, {"tanggal_terima": "2026-11-01", "asal": "x", "perihal": "lama",
                                      "sifat": "biasa", "seq": 2}, actor="t")
    path = write_csv(tmp_path / "a.csv", GOOD)
    result = importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert result.imported == 1
    assert [(e.row, e.field, e.message) for e in result.errors] == [
        (3, "seq", "Nomor agenda 2 tahun 2026 sudah dipakai.")]


def test_one_row_with_several_problems_reports_each(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["No. Agenda;Tanggal Terima;Asal Surat;Perihal;Lampiran;Kode Klasifikasi",
                                          "x1;kemarin;;;banyak;abc"])
    result = importing.import_file(store, "surat-masuk", path, partial=False, actor="t")
    assert sorted(e.field for e in result.errors) == sorted(
        ["seq", "tanggal_terima", "asal", "perihal", "lampiran", "klasifikasi"])
    assert all(e.row == 2 for e in result.errors)


def test_agenda_number_zero_is_refused_not_renumbered(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["No. Agenda;Tanggal Terima;Asal Surat;Perihal", "0;27/11/2026;A;P"])
    result = importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert [(e.row, e.field) for e in result.errors] == [(2, "seq")] and result.imported == 0


# -- unreadable files -----------------------------------------------------------------------------

def unreadable_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["png"] = tmp_path / "scan.csv"
    files["png"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    good = make_xlsx(tmp_path / "good.xlsx", [["No. Agenda", "Tanggal Terima", "Asal Surat", "Perihal"]])
    files["truncated_xlsx"] = tmp_path / "cut.xlsx"
    files["truncated_xlsx"].write_bytes(good.read_bytes()[:1500])
    files["docx_like_zip"] = tmp_path / "surat.xlsx"
    with zipfile.ZipFile(files["docx_like_zip"], "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    files["ods"] = tmp_path / "agenda.ods"
    with zipfile.ZipFile(files["ods"], "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", "<office:document-content/>")
    files["xls"] = tmp_path / "lama.xls"
    files["xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    files["no_header"] = write_csv(tmp_path / "catatan.csv", ["Daftar tamu", "Budi;Senin", "Ani;Selasa"])
    files["missing_perihal"] = write_csv(tmp_path / "kurang.csv",
                                         ["No. Agenda;Tanggal Terima;Asal Surat", "1;27/11/2026;A"])
    files["empty"] = tmp_path / "kosong.csv"
    files["empty"].write_bytes(b"")
    files["missing"] = tmp_path / "tidak-ada.csv"
    files["folder"] = tmp_path
    return files


@pytest.mark.parametrize("which", ["png", "truncated_xlsx", "docx_like_zip", "ods", "xls", "no_header",
                                   "missing_perihal", "empty", "missing", "folder"])
def test_unreadable_file_is_a_clear_error_and_changes_nothing(store, tmp_path, which):
    letters.register_incoming(store, {"tanggal_terima": "2026-11-01", "asal": "x", "perihal": "lama",
                                      "sifat": "biasa"}, actor="t")
    before = snapshot(store)
    folder = tmp_path / "files"
    folder.mkdir()
    path = unreadable_files(folder)[which]
    with pytest.raises(StoreError) as info:
        importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert info.value.message and info.value.message_en and info.value.message != info.value.message_en
    assert "Traceback" not in info.value.message
    assert snapshot(store) == before


def test_missing_required_column_names_it_and_the_accepted_names(store, tmp_path):
    path = write_csv(tmp_path / "a.csv", ["No. Agenda;Tanggal Terima;Asal Surat", "1;27/11/2026;A"])
    with pytest.raises(StoreError) as info:
        importing.import_file(store, "surat-masuk", path, partial=True, actor="t")
    assert "Perihal" in info.value.message and "Hal" in info.value.message
    assert "Subject" in info.value.message_en


def test_unknown_kind_is_refused(store, tmp_path):
    with pytest.raises(StoreError):
        importing.import_file(store, "pasien", write_csv(tmp_path / "a.csv", GOOD), partial=True, actor="t")
