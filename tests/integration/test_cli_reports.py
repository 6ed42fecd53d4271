"""`layan report surat|layanan|pengaduan`: the installed command in a subprocess on a real distrik data
folder (and the health kinds of `layan report` still answer as before)."""

from __future__ import annotations

import json

import openpyxl
import pypdfium2
import pytest

from desktop.domain import letters, open_store
from tests.integration.test_cli_health import env, layan  # noqa: F401 - fixture

PASSWORD = "rahasia1"


@pytest.fixture
def distrik(env, tmp_path):  # noqa: F811
    folder = tmp_path / "dst"
    proc = layan(env, "init", "--data-dir", folder, "--office", "DST-MB", "--name", "Distrik Mimika Baru",
                 "--kind", "distrik", "--admin", "admin", "--admin-password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    store = open_store(folder)
    for day, sifat in (("2026-11-02", "biasa"), ("2026-11-05", "penting"), ("2026-12-01", "biasa")):
        letters.register_incoming(store, {"tanggal_terima": day, "asal": "Dinas Sosial", "perihal": "Undangan",
                                          "sifat": sifat, "klasifikasi": "000.1"}, actor="admin")
    store.close()
    return folder


def test_surat_for_a_month_a_quarter_and_a_year(env, distrik, tmp_path):  # noqa: F811
    proc = layan(env, "report", "surat", "--month", "2026-11", "--data-dir", distrik)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["totals"] == {"masuk": 2, "keluar": 0} and data["period"]["key"] == "2026-11"
    proc = layan(env, "report", "surat", "--quarter", "2026-Q4", "--format", "xlsx", "-o", tmp_path / "q4.xlsx",
                 "--data-dir", distrik)
    assert proc.returncode == 0, proc.stderr
    rows = [tuple(v for v in r if v is not None)
            for r in openpyxl.load_workbook(tmp_path / "q4.xlsx").worksheets[0].iter_rows(values_only=True)]
    assert ("Jumlah", 3, 0) in rows
    proc = layan(env, "report", "surat", "--year", "2026", "--format", "pdf", "-o", tmp_path / "2026.pdf",
                 "--data-dir", distrik)
    assert proc.returncode == 0, proc.stderr
    pdf = pypdfium2.PdfDocument(str(tmp_path / "2026.pdf"))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Tahun 2026" in text and "Surat masuk: 3. Surat keluar: 0." in text


def test_layanan_and_pengaduan_answer_in_json_for_a_login_of_the_office(env, distrik):  # noqa: F811
    login = ("--user", "admin", "--password-stdin")
    refused = layan(env, "report", "layanan", "--month", "2026-11", "--data-dir", distrik)
    assert refused.returncode == 1 and "--user" in refused.stderr  # the lists name citizens
    proc = layan(env, "report", "layanan", "--month", "2026-11", "--data-dir", distrik, *login, stdin=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["totals"]["received"] == 0
    proc = layan(env, "report", "pengaduan", "--month", "2026-11", "--data-dir", distrik, *login,
                 stdin=PASSWORD + "\n")
    assert proc.returncode == 0 and json.loads(proc.stdout)["sla_days"] == 5


@pytest.mark.parametrize("args", [("surat",), ("surat", "--month", "2026-11", "--year", "2026"),
                                  ("surat", "--quarter", "2026-11"), ("surat", "--month", "2026-13"),
                                  ("surat", "--month", "2026-11", "--format", "pdf"), ("lb1", "--year", "2026")])
def test_a_bad_period_or_missing_file_is_a_clear_error(env, distrik, args):  # noqa: F811
    proc = layan(env, "report", *args, "--data-dir", distrik)
    assert proc.returncode != 0
    assert "Galat" in proc.stderr or "tidak valid" in proc.stderr
    assert "Traceback" not in proc.stderr
