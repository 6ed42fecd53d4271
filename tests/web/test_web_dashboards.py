"""The Pelayanan and Dinkes pages against the real server process, filled by real desktop syncs: the numbers
on the page, the records behind them (names only for organisasi, never a NIK), CSV/XLSX downloads, the
FHIR bundle (dinkes only), roles, and hostile filter values (a clear 400 page, nothing executed)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from desktop.domain import complaints, syncing
from desktop.domain.health import patients, visits
from tests.integration.test_centre_numbers import request as service_request
from tests.unit.test_health_support import add_user
from tests.unit.test_services_samples import APPLICANT, SIGNER
from tests.web.conftest import WebSession


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error


@pytest.fixture(scope="module")
def filled(web_server, tmp_path_factory):
    """A distrik office with November's requests and complaints, a puskesmas with malaria and LB1 visits."""
    mp = pytest.MonkeyPatch()
    mp.setenv("LAYAN_TOKEN_STORE", "file")
    folder = tmp_path_factory.mktemp("pcs")
    web_server.cli("office", "add", "--code", "DST-MB", "--name", "Distrik Mimika Baru", "--kind", "distrik")
    web_server.cli("office", "add", "--code", "PKM-WANIA", "--name", "Puskesmas Wania", "--kind", "puskesmas")
    distrik = web_server.desktop_pc(folder / "distrik", "DST-MB")
    for key, value in SIGNER.items():
        distrik.set_meta(key, value)
    service_request(distrik, "domisili", "2026-11-02", finished="2026-11-03")
    late = service_request(distrik, "keterangan_usaha", "2026-11-24", processing=True)
    complaints.new_complaint(distrik, {"tanggal": "2026-11-20", "channel": "langsung", "pelapor_nama": "Yohana Kum",
                                       "kategori": "Infrastruktur", "uraian": "Jalan rusak"}, actor="admin",
                             today=dt.date(2026, 11, 20))
    sync_ok(distrik)
    pkm = web_server.desktop_pc(folder / "pkm", "PKM-WANIA", kind="puskesmas")
    nurse = add_user(pkm, "perawat", "nakes", "PKM-WANIA")
    pid = patients.register_patient(pkm, nurse, {"nama": "Yuliana Magai", "jenis_kelamin": "P",
                                                 "tanggal_lahir": "1990-01-01", "nik": "9404014101900002"},
                                    confirmed_new=True).record_id
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-03", "unit": "malaria", "diagnosa": [],
                                       "malaria": {"pemeriksaan": "rdt", "hasil": "positif", "spesies": "falciparum",
                                                   "pengobatan": "DHP"}})
    visits.register_visit(pkm, nurse, {"patient_id": pid, "tanggal": "2026-11-20", "unit": "dewasa",
                                       "diagnosa": ["J06.9"]})
    sync_ok(pkm)
    distrik.close()
    pkm.close()
    mp.undo()
    return {"late": late["tracking_code"]}


NOV = "dari=2026-11&sampai=2026-11"


def test_pimpinan_sees_the_numbers_and_the_records_behind_them_without_names(web, filled):
    web.login_as("pimpinan")
    page = web.get(f"/pelayanan?{NOV}")
    assert page.status_code == 200, page.text
    html = page.text
    assert "Efektivitas pelayanan" in html and "Distrik Mimika Baru" in html and "<svg" in html
    assert "Surat Keterangan Domisili" in html and "Infrastruktur" in html
    rows = web.get(f"/pelayanan/rincian?{NOV}&jenis=layanan&apa=open_late")
    assert rows.status_code == 200 and filled["late"] in rows.text
    assert APPLICANT["nama"] not in rows.text and APPLICANT["nik"] not in rows.text
    red = web.get(f"/pelayanan/rincian?{NOV}&jenis=pengaduan&apa=red")
    assert "Yohana Kum" not in red.text and "Data pribadi tidak ditampilkan" in red.text


def test_organisasi_sees_the_names_but_never_a_nik(web, filled):
    web.login_as("organisasi")
    rows = web.get(f"/pelayanan/rincian?{NOV}&jenis=layanan&apa=open_late")
    assert filled["late"] in rows.text and APPLICANT["nama"] in rows.text and APPLICANT["nik"] not in rows.text


def test_downloads_are_real_csv_and_xlsx(web, filled):
    web.login_as("pimpinan")
    csv_text = web.get(f"/pelayanan/unduh?{NOV}&format=csv&bagian=layanan").content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("Kantor (kode);Kantor;Distrik;") and any("DST-MB;" in x for x in lines[1:])
    book = load_workbook(io.BytesIO(web.get(f"/pelayanan/unduh?{NOV}&format=xlsx&bagian=semua").content))
    assert book.sheetnames == ["layanan", "bulanan", "pengaduan", "surat"]
    assert [c.value for c in book["layanan"][2]][:2] == ["DST-MB", "Distrik Mimika Baru"]


def test_dinkes_sees_lb1_malaria_and_downloads_a_fhir_bundle(web, filled):
    web.login_as("dinkes")
    lb1 = web.get("/dinkes?bulan=2026-11")
    assert lb1.status_code == 200 and "J06" in lb1.text and "Puskesmas Wania" in lb1.text
    assert "Yuliana" not in lb1.text
    lines = web.get("/dinkes/rincian?bulan=2026-11&kode=J06")
    assert "20 November 2026" in lines.text and "Yuliana" not in lines.text
    malaria = web.get("/dinkes/malaria?tahun=2026")
    assert malaria.status_code == 200 and "<svg" in malaria.text and "Puskesmas Wania" in malaria.text
    cases = web.get("/dinkes/malaria/kasus?tahun=2026&tempat=PKM-WANIA&minggu=45")
    assert "3 November 2026" in cases.text and "falciparum" in cases.text and "Yuliana" not in cases.text
    fhir = web.get("/dinkes/fhir?puskesmas=PKM-WANIA&bulan=2026-11")
    bundle = json.loads(fhir.content)
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert bundle["type"] == "collection" and kinds.count("Patient") == 1 and kinds.count("Encounter") == 2
    conditions = {e["resource"]["code"]["coding"][0]["code"]: e["resource"]["note"] for e in bundle["entry"]
                  if e["resource"]["resourceType"] == "Condition"}
    assert conditions == {"B50.9": [{"text": "Kasus baru"}], "J06.9": [{"text": "Kasus baru"}]}


def test_every_lb1_cell_links_to_the_diagnoses_it_counts(web, filled):
    import html
    import re

    web.login_as("dinkes")
    page = web.get("/dinkes?bulan=2026-11").text
    links = {html.unescape(h) for h in re.findall(r'href="(/dinkes/rincian\?[^"]+)"', page)}
    cell = "/dinkes/rincian?bulan=2026-11&tingkat=category&kode=J06&kasus=baru&jk=P&umur=20-44t"
    assert cell in links  # Yuliana (36) with J06.9: a new case, woman, 20-44 years
    assert "/dinkes/rincian?bulan=2026-11&tingkat=category&kode=J06&kasus=baru&jk=P" in links  # the new-case column
    assert not any("jk=L" in h and "kode=J06" in h for h in links)  # an empty cell links to nothing
    lines = web.get(cell)
    assert lines.status_code == 200 and "20 November 2026" in lines.text and "J06.9" in lines.text
    assert "Yuliana" not in lines.text and "9404014101900002" not in lines.text
    assert "20 November 2026" not in web.get(cell.replace("umur=20-44t", "umur=45-54t")).text
    assert "20 November 2026" not in web.get(cell.replace("kasus=baru", "kasus=lama")).text


def test_roles_are_kept_apart(web_server, filled):
    pimpinan = WebSession(web_server.url).login_as("pimpinan")
    assert pimpinan.get("/dinkes?bulan=2026-11").status_code == 200
    assert pimpinan.get("/dinkes/fhir?puskesmas=PKM-WANIA&bulan=2026-11").status_code == 403
    dinkes = WebSession(web_server.url).login_as("dinkes")
    assert dinkes.get("/pelayanan").status_code == 403
    it = WebSession(web_server.url).login_as("it")
    assert it.get("/pelayanan").status_code == 403 and it.get("/dinkes").status_code == 403


@pytest.mark.parametrize("path", [
    "/pelayanan?dari=<script>alert(1)</script>", "/pelayanan?distrik=' OR 1=1 --", "/pelayanan/rincian?jenis=x",
    "/dinkes?bulan=2026-13", "/dinkes/malaria?ambang=abc", "/dinkes/malaria?tahun=1';DROP TABLE records;--",
    "/dinkes/malaria/kasus?tahun=2026&tempat=X&minggu=99", "/pelayanan/unduh?format=exe",
    "/dinkes/rincian?bulan=2026-11&kasus=<b>", "/dinkes/rincian?bulan=2026-11&jk=L",
    "/dinkes/rincian?bulan=2026-11&kasus=baru&umur=' OR 1=1 --",
])
def test_hostile_filters_get_a_clear_400_page(web, filled, path):
    web.login_as("pimpinan" if path.startswith("/pelayanan") else "dinkes")
    r = web.get(path)
    assert r.status_code == 400 and "Isian formulir atau alamat tidak dapat dibaca" in r.text
    assert "<script>alert" not in r.text


def test_html_and_sql_in_a_free_text_filter_are_shown_escaped_and_never_run(web_server, web, filled):
    web.login_as("pimpinan")
    r = web.get(f"/pelayanan?{NOV}&layanan=<b>x</b>' OR '1'='1")
    assert r.status_code == 200 and "<b>x</b>" not in r.text and "&lt;b&gt;x&lt;/b&gt;" in r.text
    assert "Belum ada data untuk pilihan ini." in r.text  # nothing matched: the text was a value, not SQL
    assert web.get(f"/pelayanan?{NOV}").text.count("Distrik Mimika Baru") >= 1  # and nothing was dropped
