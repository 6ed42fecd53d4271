"""The distrik reports as files: a PDF on the kop (text read back with pypdfium2) and an XLSX (opened
with openpyxl); the numbers are the hand-counted ones of tests/unit/test_office_reports.py."""

from __future__ import annotations

import openpyxl
import pypdfium2
import pytest

from desktop.domain.office_reports import complaints_report, letters_report, services_report
from desktop.printing import office_reports as files
from desktop.printing import settings
from tests.unit.test_office_reports import NOVEMBER, TODAY, complaint, incoming, outgoing, request


def pdf_text(path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def sheet_rows(path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(v for v in row if v is not None) for row in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


@pytest.fixture
def kop_store(store):
    settings.update_print_settings(store, {"kop_instansi": "PEMERINTAH KABUPATEN MIMIKA",
                                         "kop_nama": "DISTRIK MIMIKA BARU", "kop_alamat": "Jl. Cenderawasih No. 1"})
    return store


def test_letters_report_pdf_and_xlsx_carry_the_kop_and_the_numbers(kop_store, tmp_path):
    store = kop_store
    incoming(store, "2026-11-02", "biasa", "000.1")
    incoming(store, "2026-11-05", "penting", "000.1")
    incoming(store, "2026-11-10", "segera", "400.7")
    outgoing(store, "2026-11-03", "biasa", "000.1")
    data = letters_report(store, NOVEMBER, today=TODAY)

    text = pdf_text(files.write_pdf(store, data, tmp_path / "surat.pdf"))
    assert "DISTRIK MIMIKA BARU" in text and "PEMERINTAH KABUPATEN MIMIKA" in text
    assert "LAPORAN SURAT MASUK DAN KELUAR" in text and "November 2026" in text
    assert "Surat masuk: 3. Surat keluar: 1." in text
    assert "000.1" in text and "400.7" in text

    rows = sheet_rows(files.write_xlsx(store, data, tmp_path / "surat.xlsx"))
    assert rows[0] == ("PEMERINTAH KABUPATEN MIMIKA",) and rows[1] == ("DISTRIK MIMIKA BARU",)
    assert ("Biasa", 1, 1) in rows and ("Penting", 1, 0) in rows and ("Jumlah", 3, 1) in rows
    code_rows = [r for r in rows if r and r[0] == "000.1"]
    assert len(code_rows) == 1 and code_rows[0][-3:] == (2, 1, 3)


def test_services_and_complaints_files(kop_store, tmp_path):
    store = kop_store
    for key, value in {"ttd_nama": "Drs. Yakobus Beanal, M.Si", "ttd_nip": "197001012000031001"}.items():
        store.set_meta(key, value)
    request(store, "domisili", "2026-11-02", finished="2026-11-03")
    request(store, "domisili", "2026-11-05", finished="2026-11-09")
    late = request(store, "keterangan_usaha", "2026-11-24", processing=True)
    data = services_report(store, NOVEMBER, today=TODAY)
    rows = sheet_rows(files.write_xlsx(store, data, tmp_path / "layanan.xlsx"))
    domisili = next(r for r in rows if r and r[0] == "Surat Keterangan Domisili")
    # SLA 1, received 2, finished 2, rejected 0, median of (1, 2) working days = 1.5, one of two on time
    assert domisili == ("Surat Keterangan Domisili", 1, 2, 2, 0, 1.5, 50)
    assert any(r and r[0] == late["tracking_code"] and 7 in r for r in rows)
    text = pdf_text(files.write_pdf(store, data, tmp_path / "layanan.pdf", lang="id"))
    assert "LAPORAN PELAYANAN PERMOHONAN" in text and "1,5" in text and late["tracking_code"] in text

    complaint(store, "2026-11-20", "Infrastruktur")
    data = complaints_report(store, NOVEMBER, today=TODAY)
    rows = sheet_rows(files.write_xlsx(store, data, tmp_path / "pengaduan.xlsx", lang="en"))
    assert ("Public complaints".upper(),) in rows
    assert next(r for r in rows if r and r[0] == "Infrastruktur")[-2:] == (1, 1)  # total 1, red 1
    text = pdf_text(files.write_pdf(store, data, tmp_path / "pengaduan.pdf"))
    assert "Merah" in text and "Infrastruktur" in text


def test_an_empty_period_says_why_in_the_pdf(kop_store, tmp_path):
    data = letters_report(kop_store, NOVEMBER, today=TODAY)
    text = pdf_text(files.write_pdf(kop_store, data, tmp_path / "kosong.pdf"))
    assert "Belum ada surat pada November 2026." in text
