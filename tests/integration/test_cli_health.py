"""`layan import/export pasien|kunjungan`, `layan report`, `layan export fhir`: the installed command in a
subprocess on a real puskesmas data folder."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_health_support import NIK_MARIA, PASSWORD, add_user

LAYAN = str(Path(sys.executable).parent / "layan")
PATIENTS_CSV = [
    "DAFTAR PASIEN PUSKESMAS TIMIKA",
    "",
    "No. RM;Nama Pasien;JK;Tgl Lahir;NIK;Alamat;Kampung;Umur",
    f"RM-000101;Maria Magal;P;01/01/1990;'{NIK_MARIA};Jl. Yos Sudarso 5;Kwamki;",
    "RM-000102;Yance Beanal;L;05-05-1985;;;Wania;",
    ";Yosep Kogoya;L;;;;;40",
]
VISITS_CSV = [
    "No. RM;Tanggal;Unit;Kasus;Diagnosa;Suhu;Pemeriksaan Malaria;Hasil Malaria;Spesies;Obat Malaria",
    "RM-000101;05/10/2026;malaria;baru;R50.9;38,5;RDT;positif;falciparum;DHP",
    "RM-000102;06/10/2026;dewasa;B;I10, K29.7;;;;;",
    "RM-000103;07/10/2026;ugd;lama;T14.1;;;;;",
    "RM-000102;01/11/2026;dewasa;lama;I10;;;;;",
]


@pytest.fixture
def env(tmp_path):
    e = dict(os.environ)
    e.pop("LAYAN_LANG", None)
    e["LAYAN_DATA_DIR"] = str(tmp_path / "default-data-dir")
    e["HOME"] = str(tmp_path / "home")
    e["QT_QPA_PLATFORM"] = "offscreen"
    return e


def layan(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([LAYAN, *map(str, args)], env=env, input=stdin, capture_output=True, text=True,
                          timeout=180)


@pytest.fixture
def data(env, tmp_path) -> Path:
    folder = tmp_path / "pkm"
    proc = layan(env, "init", "--data-dir", folder, "--office", "PKM-TIMIKA", "--name", "Puskesmas Timika",
                 "--kind", "puskesmas", "--admin", "admin", "--admin-password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 0, proc.stderr
    from desktop.domain import open_store

    store = open_store(folder)
    add_user(store, "bidan", "nakes", "PKM-TIMIKA")
    store.close()
    return folder


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def as_bidan(env, data, *args):
    return layan(env, *args, "--data-dir", data, "--user", "bidan", "--password-stdin", stdin=PASSWORD + "\n")


def test_import_report_and_export_end_to_end(env, data, tmp_path):
    pat = write_csv(tmp_path / "pasien.csv", PATIENTS_CSV)
    vis = write_csv(tmp_path / "kunjungan.csv", VISITS_CSV)
    proc = as_bidan(env, data, "import", "pasien", pat)
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert "3 dari 3 baris diimpor" in proc.stdout
    proc = as_bidan(env, data, "import", "kunjungan", vis)
    assert proc.returncode == 0, proc.stderr + proc.stdout

    # LB1 as JSON on stdout
    proc = as_bidan(env, data, "report", "lb1", "--month", "2026-10")
    assert proc.returncode == 0, proc.stderr
    lb1 = json.loads(proc.stdout)
    totals = {r["code"]: (r["baru"]["total"], r["lama"]["total"]) for r in lb1["rows"]}
    assert totals == {"R50.9": (1, 0), "B50.9": (1, 0), "I10": (1, 0), "K29.7": (1, 0), "T14.1": (0, 1)}

    # XLSX and PDF files
    xlsx = tmp_path / "lb1.xlsx"
    assert as_bidan(env, data, "report", "bulanan", "--month", "2026-10", "--format", "xlsx", "-o", xlsx).returncode == 0
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames == ["LB1", "Kunjungan", "Malaria"]
    pdf = tmp_path / "lb1.pdf"
    proc = as_bidan(env, data, "report", "lb1", "--month", "2026-10", "--format", "pdf", "-o", pdf)
    assert proc.returncode == 0, proc.stderr
    from tests.tools.pdf import extract_text

    text = extract_text(pdf)
    assert "LB1" in text and "B50.9" in text and "T14.1" in text

    # patients as CSV on stdout; visits of October as JSON
    proc = as_bidan(env, data, "export", "pasien", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout), delimiter=";"))
    assert [r["no_rm"] for r in rows] == ["RM-000101", "RM-000102", "RM-000103"]
    assert rows[0]["nik"] == NIK_MARIA
    out = tmp_path / "kunjungan.json"
    assert as_bidan(env, data, "export", "kunjungan", "--format", "json", "--month", "2026-10", "-o", out).returncode == 0
    visits = json.loads(out.read_text(encoding="utf-8"))
    assert len(visits) == 3 and visits[0]["malaria_spesies"] == "falciparum" and visits[0]["suhu_c"] == 38.5

    # FHIR needs the organisation id
    bundle_path = tmp_path / "fhir.json"
    proc = as_bidan(env, data, "export", "fhir", "--month", "2026-10", "-o", bundle_path)
    assert proc.returncode == 1 and "SATUSEHAT" in proc.stderr
    proc = as_bidan(env, data, "export", "fhir", "--month", "2026-10", "-o", bundle_path, "--org-id", "100012345")
    assert proc.returncode == 0, proc.stderr
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    assert bundle["type"] == "collection"
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Patient") == 3 and kinds.count("Encounter") == 3


def test_health_commands_need_a_health_login(env, data, tmp_path):
    proc = layan(env, "report", "lb1", "--month", "2026-10", "--data-dir", data)
    assert proc.returncode == 1 and "--user" in proc.stderr
    proc = layan(env, "report", "lb1", "--month", "2026-10", "--data-dir", data, "--user", "admin",
                 "--password-stdin", stdin=PASSWORD + "\n")
    assert proc.returncode == 1 and "nakes" in proc.stderr
    proc = layan(env, "export", "pasien", "--data-dir", data, "--user", "bidan", "--password-stdin", stdin="salah\n")
    assert proc.returncode == 1 and "salah" in proc.stderr.lower()
    proc = as_bidan(env, data, "report", "lb1", "--month", "2026-13")
    assert proc.returncode == 1 and "2026-10" in proc.stderr


def test_bad_rows_import_nothing_unless_partial(env, data, tmp_path):
    bad = write_csv(tmp_path / "pasien.csv", [
        "Nama;Jenis Kelamin;Tanggal Lahir",
        "Maria Magal;P;01/01/1990",
        "Tanpa Kelamin;X;01/01/1990",
        "Tanggal Salah;L;31/02/1990",
    ])
    proc = as_bidan(env, data, "import", "pasien", bad)
    assert proc.returncode == 1 and "Baris 3" in proc.stderr and "Baris 4" in proc.stderr
    assert "0 dari 3" in proc.stdout
    proc = as_bidan(env, data, "import", "pasien", bad, "--partial")
    assert "1 dari 3" in proc.stdout
    proc = as_bidan(env, data, "export", "pasien", "--format", "json")
    assert [p["nama"] for p in json.loads(proc.stdout)] == ["Maria Magal"]


def test_letters_export_still_works_through_the_hook(env, data, tmp_path):
    proc = layan(env, "export", "surat-masuk", "--format", "json", "--data-dir", data)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
