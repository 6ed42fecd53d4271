"""`layan import` and `layan export` end to end: the installed command in a subprocess, real data folders."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

LAYAN = str(Path(sys.executable).parent / "layan")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
COMPARED = ("direction", "year", "seq", "nomor_surat", "tanggal_terima", "tanggal_surat", "asal", "tujuan",
            "perihal", "sifat", "klasifikasi", "lampiran", "diteruskan_kepada", "penandatangan", "keterangan")

GOOD = [
    "No. Agenda;Tanggal Terima;Nomor Surat;Asal Surat;Perihal;Sifat;Lampiran",
    "1;27/11/2026;005/1/Setda;Sekretariat Daerah;Undangan rapat;Segera;2 lembar",
    "2;28 November 2026;;Polsek Mimika Baru;Laporan keamanan;;-",
]
BAD = [
    "No. Agenda;Tanggal Terima;Asal Surat;Perihal;Sifat",
    "1;27/11/2026;Dinas Sosial;Undangan;Biasa",
    "2;31/02/2026;Polsek;Laporan;Biasa",
    "3;27/11/2026;Bappeda;;Segera",
    "4;27/11/2026;Dukcapil;Data;Kilat sekali",
    "1;28/11/2026;KPU;Sosialisasi;Penting",
    "5;28/11/2026;Puskesmas;Laporan malaria;Penting",
]


@pytest.fixture
def env(tmp_path):
    """The command's environment: a decoy default data folder, so a mistake never touches a real one."""
    e = dict(os.environ)
    e.pop("LAYAN_LANG", None)
    e["LAYAN_DATA_DIR"] = str(tmp_path / "default-data-dir")
    e["HOME"] = str(tmp_path / "home")
    return e


def layan(env, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([LAYAN, *map(str, args)], env=env, input=stdin, capture_output=True, text=True,
                          timeout=120)


def init(env, data: Path) -> None:
    proc = layan(env, "init", "--data-dir", data, "--office", "DST-MB", "--name", "Distrik Mimika Baru",
                 "--kind", "distrik")
    assert proc.returncode == 0, proc.stderr


def write_csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def exported(env, data: Path, kind: str = "surat-masuk") -> list[dict]:
    proc = layan(env, "export", "--data-dir", data, kind, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return [{k: r[k] for k in COMPARED} for r in json.loads(proc.stdout)]


def test_import_good_file_exits_0(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    proc = layan(env, "import", "--data-dir", data, "surat-masuk", write_csv(tmp_path / "a.csv", GOOD))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2 dari 2 baris diimpor."
    assert proc.stderr == ""
    letters = exported(env, data)
    assert [(x["seq"], x["tanggal_terima"], x["sifat"], x["lampiran"]) for x in letters] == [
        (1, "2026-11-27", "segera", 2), (2, "2026-11-28", "biasa", 0)]


def test_import_xlsx_fixture(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    proc = layan(env, "import", "--data-dir", data, "surat-masuk", FIXTURES / "agenda_masuk_judul_gabung.xlsx")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "3 dari 3 baris diimpor."


def test_bad_rows_exit_1_and_change_nothing(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    layan(env, "import", "--data-dir", data, "surat-masuk", write_csv(tmp_path / "good.csv", GOOD[:2]))
    before = exported(env, data)
    proc = layan(env, "import", "--data-dir", data, "surat-masuk", write_csv(tmp_path / "bad.csv", BAD))
    assert proc.returncode == 1
    assert proc.stdout.strip() == "0 dari 6 baris diimpor."
    lines = proc.stderr.strip().splitlines()
    assert [line.split(":")[0] for line in lines] == ["Baris 2", "Baris 3", "Baris 4", "Baris 5", "Baris 6"]
    assert "Baris 2: Nomor agenda 1 tahun 2026 sudah dipakai." in lines  # already in the register
    assert "Baris 4: Perihal wajib diisi." in lines
    assert exported(env, data) == before


def test_bad_rows_partial_imports_the_good_ones_and_exits_1(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    proc = layan(env, "import", "--data-dir", data, "surat-masuk", write_csv(tmp_path / "bad.csv", BAD),
                 "--partial", "--lang", "en")
    assert proc.returncode == 1
    assert proc.stdout.strip() == "2 of 6 rows imported."
    assert [line.split(":")[0] for line in proc.stderr.strip().splitlines()] == ["Row 3", "Row 4", "Row 5", "Row 6"]
    assert "Row 6: Number 1 of 2026 is already used." in proc.stderr
    assert [x["seq"] for x in exported(env, data)] == [1, 5]


def test_unreadable_file_exits_1_with_a_message(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    junk = tmp_path / "scan.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    proc = layan(env, "import", "--data-dir", data, "surat-masuk", junk)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Galat: Berkas scan.xlsx rusak")
    assert "Traceback" not in proc.stderr
    assert exported(env, data) == []


def test_export_json_to_stdout(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    layan(env, "import", "--data-dir", data, "surat-keluar", FIXTURES / "surat_keluar.csv")
    proc = layan(env, "export", "--data-dir", data, "surat-keluar", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [r["nomor_surat"] for r in records] == ["400.12/0001/DST-MB/2026", "400.9/0002/DST-MB/2026"]
    assert records[0]["penandatangan"] == "Kepala Distrik"


def test_export_csv_to_stdout_and_xlsx_needs_a_file(env, tmp_path):
    data = tmp_path / "data"
    init(env, data)
    layan(env, "import", "--data-dir", data, "surat-masuk", write_csv(tmp_path / "a.csv", GOOD))
    proc = layan(env, "export", "--data-dir", data, "surat-masuk")
    assert proc.returncode == 0
    rows = list(csv.reader(io.StringIO(proc.stdout), delimiter=";"))
    assert rows[0][:3] == ["No. Agenda", "Tahun", "Tanggal Terima"] and len(rows) == 3
    assert layan(env, "export", "--data-dir", data, "surat-masuk", "--format", "xlsx").returncode == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_between_two_offices(env, tmp_path, fmt):
    first, second = tmp_path / "first", tmp_path / "second"
    init(env, first)
    init(env, second)
    for fixture in ("agenda_masuk_judul_gabung.xlsx", "agenda_masuk_utf8_bom.csv"):
        assert layan(env, "import", "--data-dir", first, "surat-masuk", FIXTURES / fixture).returncode == 0
    target = tmp_path / f"agenda.{fmt}"
    proc = layan(env, "export", "--data-dir", first, "surat-masuk", "--format", fmt, "-o", target)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"5 data diekspor ke {target}"
    proc = layan(env, "import", "--data-dir", second, "surat-masuk", target)
    assert proc.returncode == 0, proc.stderr
    assert exported(env, second) == exported(env, first)
    assert not (tmp_path / "default-data-dir").exists()


def test_data_dir_before_the_subcommand(env, tmp_path):
    data = tmp_path / "data"
    proc = layan(env, "--data-dir", data, "init", "--office", "DST-MB", "--name", "Distrik Mimika Baru",
                 "--kind", "distrik")
    assert proc.returncode == 0
    assert (data / "layan.sqlite3").exists()
