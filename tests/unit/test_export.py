"""Exporting the letters register (CSV/XLSX/JSON), and the round trip export → import into a fresh office."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import openpyxl
import pytest

from desktop.domain import exporting, importing, letters, office, open_store
from desktop.store.db import StoreError

USER_FIELDS = ("direction", "year", "seq", "nomor_surat", "tanggal_terima", "tanggal_surat", "asal", "tujuan",
               "perihal", "sifat", "klasifikasi", "lampiran", "diteruskan_kepada", "penandatangan", "keterangan")


def new_store(path):
    s = open_store(path)
    office.initialize(s, code="DST-MB", name="Distrik Mimika Baru", kind="distrik")
    return s


@pytest.fixture
def store(tmp_path):
    s = new_store(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def fresh(tmp_path):
    s = new_store(tmp_path / "fresh")
    yield s
    s.close()


def letters_in(store, direction) -> list[dict]:
    rows = store.find(letters.LETTERS, "direction = ?", (direction,), order_by="year, seq")
    return [{k: r[k] for k in USER_FIELDS if r.get(k) is not None} for r in rows]


def fill(store) -> None:
    with store.transaction() as tx:
        letters.register(tx, "masuk", {
            "seq": 1, "tanggal_terima": "2026-11-27", "tanggal_surat": "2026-11-20", "nomor_surat": "005/12/Setda",
            "asal": "Sekretariat Daerah Kabupaten Mimika", "perihal": "Undangan rapat; koordinasi, \"penting\"",
            "sifat": "sangat_segera", "klasifikasi": "400.10", "lampiran": 2, "diteruskan_kepada": "Sekdis",
            "keterangan": "baris satu\nbaris dua"}, actor="t")
        letters.register(tx, "masuk", {
            "seq": 2, "tanggal_terima": "2026-11-28", "asal": "Café “Pelangi” – Timika", "perihal": "=SUM(A1) bukan rumus",
            "sifat": "biasa", "lampiran": 0, "tujuan": "Kepala Distrik", "penandatangan": "Kadis"}, actor="t")
        letters.register(tx, "masuk", {
            "seq": 1, "year": 2025, "tanggal_terima": "2025-12-30", "asal": "Polsek", "perihal": "- catatan akhir tahun",
            "sifat": "rahasia"}, actor="t")
        letters.register(tx, "keluar", {
            "tanggal_surat": "2026-11-27", "tujuan": "Bupati Mimika", "perihal": "Laporan bulanan",
            "sifat": "segera", "klasifikasi": "400.12", "penandatangan": "Kepala Distrik"}, actor="t")
        letters.register(tx, "keluar", {
            "seq": 7, "nomor_surat": "B-7/DST-MB/XI/2026", "tanggal_surat": "2026-11-28", "tujuan": "Dinas Sosial",
            "perihal": "Pengantar", "sifat": "biasa", "lampiran": 1}, actor="t")


# -- CSV ------------------------------------------------------------------------------------------

def test_csv_file_is_utf8_with_bom_semicolon_and_agenda_headers(store, tmp_path):
    fill(store)
    target = tmp_path / "masuk.csv"
    assert exporting.export(store, "surat-masuk", "csv", target) == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["No. Agenda", "Tahun", "Tanggal Terima", "Nomor Surat", "Tanggal Surat", "Asal Surat/Pengirim",
                       "Tujuan", "Perihal", "Sifat", "Kode Klasifikasi", "Lampiran", "Diteruskan Kepada",
                       "Penandatangan", "Keterangan"]
    assert len(rows) == 4
    first = dict(zip(rows[0], rows[2], strict=True))  # ordered by year: 2025 first
    assert first["Tanggal Terima"] == "2026-11-27"
    assert first["Sifat"] == "Sangat Segera"
    assert first["Keterangan"] == "baris satu\nbaris dua"
    assert dict(zip(rows[0], rows[3], strict=True))["Perihal"] == "'=SUM(A1) bukan rumus"  # never run as formula
    assert b"\r\n" in raw


def test_csv_to_a_text_stream(store):
    fill(store)
    out = io.StringIO()
    assert exporting.export(store, "surat-keluar", "csv", out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows[0] == ["No. Urut", "Tahun", "Tanggal Surat", "Nomor Surat", "Tujuan", "Perihal", "Sifat",
                       "Kode Klasifikasi", "Lampiran", "Penandatangan", "Keterangan"]
    assert rows[1][:4] == ["1", "2026", "2026-11-27", "400.12/0001/DST-MB/2026"]


def test_optional_columns_only_when_used(store):
    with store.transaction() as tx:
        letters.register(tx, "masuk", {"tanggal_terima": "2026-11-27", "asal": "A", "perihal": "P", "sifat": "biasa"},
                         actor="t")
    out = io.StringIO()
    exporting.export(store, "surat-masuk", "csv", out)
    header = out.getvalue().splitlines()[0].split(";")
    assert "Tujuan" not in header and "Penandatangan" not in header


def test_empty_register_exports_a_header(store):
    out = io.StringIO()
    assert exporting.export(store, "surat-masuk", "csv", out) == 0
    assert out.getvalue().startswith("No. Agenda;Tahun;Tanggal Terima")


# -- XLSX -----------------------------------------------------------------------------------------

def test_xlsx_bold_frozen_header_widths_and_real_dates(store, tmp_path):
    fill(store)
    target = tmp_path / "masuk.xlsx"
    assert exporting.export(store, "surat-masuk", "xlsx", target) == 3
    wb = openpyxl.load_workbook(target)
    ws = wb.active
    assert ws.title == "Surat Masuk"
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["No. Agenda", "Tahun", "Tanggal Terima"]
    col = {h: i + 1 for i, h in enumerate(headers)}
    date_cell = ws.cell(row=3, column=col["Tanggal Terima"])
    assert date_cell.is_date and date_cell.value == dt.datetime(2026, 11, 27)
    assert date_cell.number_format == "DD/MM/YYYY"
    assert ws.cell(row=3, column=col["No. Agenda"]).value == 1
    assert ws.cell(row=3, column=col["Kode Klasifikasi"]).value == "400.10"  # text, not the number 400.1
    assert ws.cell(row=3, column=col["Lampiran"]).value == 2
    formula_like = ws.cell(row=4, column=col["Perihal"])
    assert formula_like.value == "=SUM(A1) bukan rumus" and formula_like.data_type == "s"
    widths = {h: ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for h, i in col.items()}
    assert widths["Asal Surat/Pengirim"] > widths["Tahun"]
    assert all(8 <= w <= 60 for w in widths.values())
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}4"


def test_xlsx_needs_a_file(store):
    with pytest.raises(StoreError):
        exporting.export(store, "surat-masuk", "xlsx", io.StringIO())


# -- JSON -----------------------------------------------------------------------------------------

def test_json_is_a_list_of_records_with_field_names(store):
    fill(store)
    out = io.StringIO()
    assert exporting.export(store, "surat-keluar", "json", out) == 2
    data = json.loads(out.getvalue())
    assert [d["seq"] for d in data] == [1, 7]
    first = data[0]
    assert first["direction"] == "keluar" and first["sifat"] == "segera"  # codes, not labels
    assert first["tanggal_surat"] == "2026-11-27" and first["lampiran"] is None
    assert first["office_id"] == "DST-MB" and first["id"] and first["created_by"] == "t"
    assert not {"hlc", "field_hlc", "rev", "deleted", "extra"} & set(first)


def test_json_to_file_keeps_non_ascii(store, tmp_path):
    fill(store)
    exporting.export(store, "surat-masuk", "json", tmp_path / "m.json")
    text = (tmp_path / "m.json").read_text(encoding="utf-8")
    assert "Café “Pelangi” – Timika" in text


# -- writing safely -------------------------------------------------------------------------------

def test_missing_folder_is_a_clear_error_and_leaves_no_file(store, tmp_path):
    with pytest.raises(StoreError) as info:
        exporting.export(store, "surat-masuk", "csv", tmp_path / "tidak-ada" / "x.csv")
    assert "tidak ada" in info.value.message


FULL_DISK_EXPORT = """
import resource, signal, sys
from pathlib import Path
from desktop.domain import exporting, open_store
from desktop.store.db import StoreError
store = open_store(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (200, resource.RLIM_INFINITY))  # files stop growing at 200 bytes
try:
    exporting.export(store, "surat-masuk", sys.argv[3], Path(sys.argv[2]))
except StoreError as exc:
    print(exc.message_en)
    sys.exit(1)
"""


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_a_full_disk_mid_export_keeps_the_previous_file(store, tmp_path, fmt):
    fill(store)
    store.close()
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"x.{fmt}"
    target.write_text("lama", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", FULL_DISK_EXPORT, str(tmp_path / "data"), str(target), fmt],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("Cannot write")
    assert target.read_text(encoding="utf-8") == "lama"
    assert [p.name for p in out.iterdir()] == [target.name]  # no temporary file left behind


def test_target_that_is_a_folder(store, tmp_path):
    (tmp_path / "x.csv").mkdir()
    with pytest.raises(StoreError):
        exporting.export(store, "surat-masuk", "csv", tmp_path / "x.csv")
    assert [p.name for p in (tmp_path / "x.csv").iterdir()] == []
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unknown_format_or_kind(store, tmp_path):
    with pytest.raises(StoreError):
        exporting.export(store, "surat-masuk", "pdf", tmp_path / "x.pdf")
    with pytest.raises(StoreError):
        exporting.export(store, "pasien", "csv", io.StringIO())


# -- round trip -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind,direction", [("surat-masuk", "masuk"), ("surat-keluar", "keluar")])
def test_round_trip_into_a_fresh_office(store, fresh, tmp_path, fmt, kind, direction):
    fill(store)
    target = tmp_path / f"export.{fmt}"
    count = exporting.export(store, kind, fmt, target)
    result = importing.import_file(fresh, kind, target, partial=False, actor="t")
    assert (result.total, result.imported, result.errors, result.warnings) == (count, count, [], [])
    assert letters_in(fresh, direction) == letters_in(store, direction)
    # and the fresh office never hands out an imported number again
    with fresh.transaction() as tx:
        change = letters.register(tx, direction, {
            "tanggal_terima": "2026-11-29", "tanggal_surat": "2026-11-29", "asal": "x", "tujuan": "y",
            "perihal": "z", "sifat": "biasa", "klasifikasi": "400.12"}, actor="t")
    new_seq = fresh.get(letters.LETTERS, change.record_id)["seq"]
    assert new_seq not in {x["seq"] for x in letters_in(store, direction) if x["year"] == 2026}
