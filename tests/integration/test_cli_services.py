"""The `layan` commands for services, complaints and printing, run as real processes on a real data folder."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain import complaints, open_store, services
from tests.tools.pdf import extract_text, read_pdf
from tests.unit.test_services_samples import SIGNER, TODAY, required_documents, sample

ROOT = Path(__file__).resolve().parents[2]


def layan(data_dir: Path, *args: str, lang: str = "id", stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LAYAN_DATA_DIR": str(data_dir), "LAYAN_LANG": lang}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, input=stdin)


def as_admin(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """A command that hands out citizens' data: the office's login, password on stdin."""
    return layan(data_dir, *args, "--user", "admin", "--password-stdin", stdin="rahasia1\n")


def fill(data_dir: Path) -> dict:
    store = open_store(data_dir)
    try:
        for key, value in SIGNER.items():
            store.set_meta(key, value)
        done = services.new_request(store, "sktm", sample("sktm"), actor="admin", today=TODAY)
        services.verify(store, done["id"], actor="admin", dokumen=required_documents("sktm"), today=TODAY)
        services.process(store, done["id"], actor="admin", today=TODAY)
        done = services.complete(store, done["id"], actor="admin", today=TODAY)
        waiting = services.new_request(store, "domisili", sample("domisili", nama="Yohanes Beanal",
                                                                 nik="9404010101700001"), actor="admin", today=TODAY)
        complaint = complaints.new_complaint(store, {"channel": "telepon", "anonim": True, "kategori": "Kesehatan",
                                                     "uraian": "Puskesmas tutup siang hari"},
                                             actor="admin", today=TODAY)
        return {"done": done, "waiting": waiting, "complaint": complaint,
                "payload": services.verification_payload(done)}
    finally:
        store.close()


@pytest.fixture
def filled(data_dir):
    return fill(data_dir)


def test_print_certificate_and_receipt(data_dir, filled, tmp_path):
    done = filled["done"]
    res = layan(data_dir, "print", "certificate", done["tracking_code"], "-o", str(tmp_path / "sk.pdf"))
    assert res.returncode == 0, res.stderr
    assert "PDF tersimpan" in res.stdout
    text = " ".join(extract_text(tmp_path / "sk.pdf").split())
    assert done["nomor_surat"] in text and "MARIA KOGOYA" in text and "9404014101900001" in text

    waiting = filled["waiting"]
    res = layan(data_dir, "print", "receipt", waiting["id"], "-o", str(tmp_path / "tt.pdf"), "--paper", "F4")
    assert res.returncode == 0, res.stderr
    info = read_pdf(tmp_path / "tt.pdf")
    assert services.tracking.display(waiting["tracking_code"]) in info.text and "YOHANES BEANAL" in info.text
    assert abs(info.media_boxes[0][1] - 935.4) < 1

    res = layan(data_dir, "print", "complaint-receipt", filled["complaint"]["tracking_code"], "-o",
                str(tmp_path / "adu.pdf"))
    assert res.returncode == 0 and "Anonim" in extract_text(tmp_path / "adu.pdf")


def test_print_refuses_what_cannot_be_printed(data_dir, filled, tmp_path):
    res = layan(data_dir, "print", "certificate", filled["waiting"]["id"], "-o", str(tmp_path / "x.pdf"))
    assert res.returncode == 1 and "belum selesai" in res.stderr and not (tmp_path / "x.pdf").exists()
    res = layan(data_dir, "print", "receipt", "TIDAKADA", "-o", str(tmp_path / "x.pdf"), lang="en")
    assert res.returncode == 1 and "Record not found" in res.stderr
    res = layan(data_dir, "print", "receipt", filled["waiting"]["id"])
    assert res.returncode == 2 and "-o" in res.stderr


def test_print_config_and_verify(data_dir, filled):
    res = layan(data_dir, "print", "config", "kop_alamat=Jl. Cenderawasih No. 1", "kertas=f4")
    assert res.returncode == 0, res.stderr
    shown = json.loads(res.stdout)
    assert shown["kop_alamat"] == "Jl. Cenderawasih No. 1" and shown["kertas"] == "F4"
    assert shown["ttd_nama"] == SIGNER["ttd_nama"]
    res = layan(data_dir, "print", "config", "kertas=Letter")
    assert res.returncode == 1 and "A4 atau F4" in res.stderr

    res = layan(data_dir, "verify", filled["payload"])
    assert res.returncode == 0 and res.stdout.startswith("ASLI:") and filled["done"]["nomor_surat"] in res.stdout
    forged = filled["payload"].rsplit("|", 1)[0] + "|0000000000000000"
    res = layan(data_dir, "verify", forged)
    assert res.returncode == 1 and "TIDAK VALID" in res.stderr


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(header)
        out.writerows(rows)
    return path


REQUEST_HEADER = ["Kode Lacak", "Tanggal", "Jenis Layanan", "NIK", "Nama", "Jenis Kelamin", "Tempat Lahir",
                  "Tanggal Lahir", "Pekerjaan", "Alamat", "Kampung", "Keperluan", "Jenis usaha", "Alamat tempat usaha"]


def test_import_permohonan_all_or_nothing_then_partial(data_dir, filled, tmp_path):
    good = ["", "25/11/2026", "Surat Keterangan Domisili", "9404014101900001", "Maria Kogoya", "Perempuan",
            "Timika", "1 Januari 1990", "Petani", "Jl. Yos Sudarso 5", "Koperapoka", "Melamar kerja", "", ""]
    usaha = ["WEB-0001", "2026-11-26", "keterangan_usaha", "9404010101800002", "Yan Kogoya", "L", "Timika",
             "01/01/1980", "Pedagang", "Jl. Budi Utomo", "Kwamki", "Kredit usaha", "Jualan pinang", "Pasar Lama"]
    duplicate = [filled["waiting"]["tracking_code"], *good[1:]]
    bad_nik = ["", "26/11/2026", "domisili", "9404013213900001", "Ani", "P", "Timika", "01/01/1990", "Guru",
               "Jl. A", "Kwamki", "Sekolah", "", ""]
    path = write_csv(tmp_path / "permohonan.csv", REQUEST_HEADER, [good, usaha, duplicate, bad_nik])

    res = layan(data_dir, "import", "permohonan", str(path))
    assert res.returncode == 1
    assert "Baris 4:" in res.stderr and "sudah dipakai" in res.stderr
    assert "Baris 5:" in res.stderr and "NIK" in res.stderr
    assert "Tidak ada yang diimpor" in res.stdout
    store = open_store(data_dir)
    assert store.count(services.SERVICE_REQUESTS) == 2
    store.close()

    res = layan(data_dir, "import", "permohonan", str(path), "--partial", "--actor", "impor-web")
    assert res.returncode == 1 and "2 dari 4 baris diimpor" in res.stdout
    store = open_store(data_dir)
    try:
        rows = store.find(services.SERVICE_REQUESTS, "created_by = 'impor-web'", order_by="tanggal")
        assert [(r["service_type"], r["tanggal"], r["jenis_kelamin"]) for r in rows] == [
            ("domisili", "2026-11-25", "P"), ("keterangan_usaha", "2026-11-26", "L")]
        assert rows[1]["tracking_code"] == "WEB0001" and rows[1]["details"] == {
            "jenis_usaha": "Jualan pinang", "alamat_usaha": "Pasar Lama"}
        assert rows[0]["due_date"] == "2026-11-26" and rows[0]["status"] == "diterima"
        assert [e["status"] for e in services.events(store, rows[0]["id"])] == ["diterima"]
    finally:
        store.close()


def test_import_refuses_a_nik_excel_turned_into_a_number(data_dir, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Jenis Layanan", "NIK", "Nama", "Jenis Kelamin", "Tempat Lahir", "Tanggal Lahir", "Alamat",
               "Kampung", "Pekerjaan", "Keperluan"])
    ws.append(["domisili", 9404014101900001, "Maria", "P", "Timika", "1990-01-01", "Jl. A", "Kwamki", "Petani", "x"])
    wb.save(tmp_path / "nik.xlsx")
    res = layan(data_dir, "import", "permohonan", str(tmp_path / "nik.xlsx"))
    assert res.returncode == 1 and "sebagai angka di Excel" in res.stderr


def test_export_permohonan_and_import_into_another_office(data_dir, filled, tmp_path):
    out = tmp_path / "permohonan.xlsx"
    res = as_admin(data_dir, "export", "permohonan", "--format", "xlsx", "-o", str(out))
    assert res.returncode == 0 and "2 data diekspor" in res.stdout
    res = as_admin(data_dir, "export", "permohonan", "--format", "csv")
    lines = res.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Kode Lacak;Tanggal Permohonan;Jenis Layanan;Status")
    assert any("Surat Keterangan Tidak Mampu (SKTM);Selesai;2026-11-30" in line for line in lines)
    res = as_admin(data_dir, "export", "permohonan", "--format", "json")
    records = json.loads(res.stdout)
    assert {r["nama"] for r in records} == {"Maria Kogoya", "Yohanes Beanal"}
    assert all("hlc" not in r for r in records)

    other = tmp_path / "other"
    init = subprocess.run([sys.executable, "-m", "desktop.cli", "--data-dir", str(other), "init", "--office",
                           "DST-KK", "--name", "Distrik Kuala Kencana", "--kind", "distrik"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert init.returncode == 0, init.stderr
    res = layan(other, "import", "permohonan", str(out), "--partial")
    # The open request moves; the completed one is refused (its certificate is numbered at DST-MB).
    assert "1 dari 2 baris diimpor" in res.stdout and "Selesai" in res.stderr
    store = open_store(other)
    try:
        (moved,) = store.find(services.SERVICE_REQUESTS)
        assert (moved["nama"], moved["nik"], moved["tracking_code"]) == (
            "Yohanes Beanal", "9404010101700001", filled["waiting"]["tracking_code"])
        assert moved["details"] == filled["waiting"]["details"]
    finally:
        store.close()


def test_import_and_export_pengaduan(data_dir, filled, tmp_path):
    path = write_csv(tmp_path / "mc.csv", ["No. Laporan", "Tanggal", "Nama Pelapor", "Kontak", "Anonim", "Kategori",
                                           "Distrik", "Isi Laporan"],
                     [["MC-2026-0107", "27/11/2026", "Yakobus Magal", "0812", "Tidak", "Infrastruktur", "Kwamki Narama",
                       "Jembatan rusak"],
                      ["MC-2026-0108", "27/11/2026", "Rahasia", "0813", "Ya", "Kesehatan", "Mimika Baru",
                       "Obat habis"]])
    res = layan(data_dir, "import", "pengaduan", str(path))
    assert res.returncode == 0, res.stderr
    store = open_store(data_dir)
    try:
        rows = {r["tracking_code"]: r for r in store.find(complaints.COMPLAINTS)}
        assert rows["MC20260107"]["channel"] == "pusat" and rows["MC20260107"]["pelapor_nama"] == "Yakobus Magal"
        assert rows["MC20260108"]["anonim"] is True and rows["MC20260108"].get("pelapor_nama") is None
    finally:
        store.close()
    res = layan(data_dir, "import", "pengaduan", str(path))
    assert res.returncode == 1 and "sudah dipakai" in res.stderr
    res = as_admin(data_dir, "export", "pengaduan", "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert res.returncode == 0 and "3 data diekspor" in res.stdout
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert "Jembatan rusak" in text and "Rahasia" not in text and "0813" not in text


def test_letters_import_and_export_still_work_beside_the_new_kinds(data_dir, filled):
    res = layan(data_dir, "export", "surat-keluar", "--format", "csv")
    assert res.returncode == 0 and filled["done"]["nomor_surat"] in res.stdout


def test_citizens_data_leaves_only_with_a_login_of_this_office_and_is_audited(data_dir, filled, tmp_path):
    out = tmp_path / "permohonan.csv"
    refused = layan(data_dir, "export", "permohonan", "--format", "csv", "-o", str(out))
    assert refused.returncode == 1 and "memerlukan --user" in refused.stderr and not out.exists()
    wrong = layan(data_dir, "export", "permohonan", "-o", str(out), "--user", "admin", "--password-stdin",
                  stdin="salah\n")
    assert wrong.returncode == 1 and "salah" in wrong.stderr and not out.exists()
    assert as_admin(data_dir, "export", "permohonan", "--format", "csv", "-o", str(out)).returncode == 0
    store = open_store(data_dir)
    try:
        (entry,) = store.read().execute("SELECT actor, changes FROM audit WHERE action = 'export'").fetchall()
    finally:
        store.close()
    assert entry["actor"] == "admin" and json.loads(entry["changes"]) == {"rows": 2, "format": "csv"}


def test_subject_access_report_lists_every_record_of_a_nik_for_the_kepala_only(data_dir, filled, tmp_path):
    nik = filled["done"]["nik"]
    refused = as_admin(data_dir, "subject-access", nik)
    assert refused.returncode == 1 and "kepala" in refused.stderr
    store = open_store(data_dir)
    try:

        with store.transaction() as tx:
            tx.execute("UPDATE users SET role = 'kepala' WHERE username = 'admin'")
    finally:
        store.close()
    target = tmp_path / "nik.json"
    done = as_admin(data_dir, "subject-access", nik, "-o", str(target))
    assert done.returncode == 0, done.stderr
    report = json.loads(target.read_text())
    assert [r["tracking_code"] for r in report["records"]["permohonan"]] == [filled["done"]["tracking_code"]]
    assert report["history"] and all(h["record_id"] == filled["done"]["id"] for h in report["history"])
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    store = open_store(data_dir)
    try:
        (entry,) = store.read().execute("SELECT record_id FROM audit WHERE collection = 'privacy'").fetchall()
    finally:
        store.close()
    assert nik not in entry["record_id"] and entry["record_id"].endswith(nik[-4:])
