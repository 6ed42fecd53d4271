"""The Pelayanan and Dinkes pages in a real browser (Debian's Chromium, driven by Playwright) against the real
server process, filled by real desktop syncs: a year of two distrik offices' requests and complaints, and
three years of two puskesmas' malaria (so the threshold line has earlier years). Each page is looked at
for what a reader needs (the chart, the numbers, the list over the threshold) and photographed: into a
temporary folder, or docs/screenshots/web-*.png with LAYAN_REFRESH_SCREENSHOTS=1."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest

from desktop.domain import complaints, services, syncing
from desktop.domain.health import patients, visits
from tests.unit.test_health_support import add_user
from tests.unit.test_services_samples import SIGNER, required_documents, sample
from tests.web.conftest import PASSWORD, ROLE_USERS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt install chromium)")


@pytest.fixture
def shots(tmp_path) -> Path:
    if os.environ.get("LAYAN_REFRESH_SCREENSHOTS") == "1":
        return ROOT / "docs" / "screenshots"
    return tmp_path


HOME = {"DST-MB": ("Koperapoka", "Mimika Baru"), "DST-KK": ("Karang Senang", "Kuala Kencana")}


def service_request(store, office, code, intake: dt.date, finished: dt.date | None = None):
    """A request of a resident of the office's own distrik; finished on ``finished`` or left open."""
    kampung, distrik = HOME[office]
    req = services.new_request(store, code, sample(code, kampung=kampung, distrik=distrik), actor="admin", today=intake)
    services.verify(store, req["id"], actor="admin", dokumen=required_documents(code), today=intake)
    services.process(store, req["id"], actor="admin", today=intake)
    if finished:
        services.complete(store, req["id"], actor="kepala", today=finished)
    return req


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error


@pytest.fixture(scope="module")
def year_of_work(web_server, tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("LAYAN_TOKEN_STORE", "file")
    rnd = random.Random(26)
    folder = tmp_path_factory.mktemp("pcs")
    for code, name, kind in (("DST-MB", "Distrik Mimika Baru", "distrik"), ("DST-KK", "Distrik Kuala Kencana", "distrik"),
                             ("PKM-WANIA", "Puskesmas Wania", "puskesmas"),
                             ("PKM-TIMIKA", "Puskesmas Timika", "puskesmas")):
        web_server.cli("office", "add", "--code", code, "--name", name, "--kind", kind)
    for code in ("DST-MB", "DST-KK"):
        pc = web_server.desktop_pc(folder / code, code)
        for key, value in SIGNER.items():
            pc.set_meta(key, value)
        for month in range(1, 12):
            for week in range(rnd.randint(1, 3)):
                intake = dt.date(2026, month, 2 + 7 * week)
                service = rnd.choice(("domisili", "keterangan_usaha", "sktm"))
                if month == 11 and week == 0:
                    service_request(pc, code, service, intake)  # open, past due
                else:
                    service_request(pc, code, service, intake, intake + dt.timedelta(days=rnd.choice((1, 1, 2, 3, 6))))
            day = dt.date(2026, month, rnd.randint(1, 20))
            c = complaints.new_complaint(pc, {"tanggal": day.isoformat(), "channel": "langsung", "pelapor_nama": "Warga",
                                              "kategori": rnd.choice(("Infrastruktur", "Air bersih", "Kesehatan")),
                                              "uraian": "Uraian"}, actor="admin", today=day)
            if month % 3:
                complaints.advance(pc, c["id"], "diverifikasi", actor="admin",
                                   today=day + dt.timedelta(days=rnd.choice((1, 2, 9))))
        sync_ok(pc)
        pc.close()
    for code, spike in (("PKM-WANIA", 6), ("PKM-TIMIKA", 0)):
        pc = web_server.desktop_pc(folder / code, code, kind="puskesmas")
        nurse = add_user(pc, "perawat", "nakes", code)
        made = 0
        for year in (2024, 2025, 2026):
            for week in range(1, 49, 2):
                cases = rnd.choice((0, 1, 1, 2)) + (spike if year == 2026 and week in (45, 47) else 0)
                for _ in range(cases):
                    made += 1
                    if made % 20 == 0:
                        sync_ok(pc)  # a new block of record numbers
                    pid = patients.register_patient(pc, nurse, {"nama": "Pasien", "jenis_kelamin": rnd.choice("LP"),
                                                                "tanggal_lahir": f"{rnd.randint(1950, 2020)}-06-15"},
                                                    confirmed_new=True).record_id
                    day = dt.date.fromisocalendar(year, week, rnd.randint(1, 5))
                    visits.register_visit(pc, nurse, {"patient_id": pid, "tanggal": day.isoformat(), "unit": "malaria",
                                                      "diagnosa": [], "malaria": {
                                                          "pemeriksaan": "rdt", "hasil": "positif",
                                                          "spesies": rnd.choice(("falciparum", "vivax")),
                                                          "pengobatan": "DHP"}})
                    if year == 2026 and day.month == 11:
                        visits.register_visit(pc, nurse, {"patient_id": pid, "tanggal": day.isoformat(),
                                                          "unit": "dewasa", "diagnosa": [rnd.choice(
                                                              ("J06.9", "A09", "I10", "K30"))]})
        sync_ok(pc)
        pc.close()
    mp.undo()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def login(browser, web_server, role: str):
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    page.goto(web_server.url + "/masuk")
    page.fill("#username", ROLE_USERS[role])
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("text=Masuk sebagai").count() == 1, page.content()[:500]
    return page


def test_pelayanan_in_a_browser(browser, web_server, year_of_work, shots):
    page = login(browser, web_server, "pimpinan")
    page.goto(web_server.url + "/pelayanan?dari=2026-01&sampai=2026-11")
    assert page.locator("h1").inner_text() == "Efektivitas pelayanan"
    assert page.locator("svg.chart rect").count() > 10
    assert page.locator("text=Distrik Kuala Kencana").count() >= 1
    page.screenshot(path=str(shots / "web-pelayanan.png"), full_page=True)
    with page.expect_navigation():
        page.click("div.summary a >> nth=3")  # "Terbuka, lewat batas"
    assert "Data di balik angka" in page.locator("h1").inner_text()
    assert page.locator("tbody tr").count() == 2  # one open request per distrik in November
    page.screenshot(path=str(shots / "web-pelayanan-rincian.png"), full_page=True)
    page.close()


def test_dinkes_in_a_browser(browser, web_server, year_of_work, shots):
    page = login(browser, web_server, "dinkes")
    page.goto(web_server.url + "/dinkes?bulan=2026-11")
    assert page.locator("h1").inner_text() == "LB1 Kabupaten Mimika"
    assert page.locator("td.code", has_text="B50").count() == 1
    page.screenshot(path=str(shots / "web-dinkes-lb1.png"), full_page=True)
    page.goto(web_server.url + "/dinkes/malaria?tahun=2026&tempat=PKM-WANIA")
    chart = page.locator("svg.chart")
    assert chart.locator("polyline[stroke-dasharray]").count() >= 1  # the threshold line
    assert chart.locator("circle").count() >= 1  # the weeks over it, marked
    over = [tuple(row.locator("td").all_inner_texts()[:2]) for row in page.locator("tr.late").all()]
    assert ("Puskesmas Wania", "45") in over and ("Puskesmas Wania", "47") in over  # the outbreak weeks
    page.screenshot(path=str(shots / "web-dinkes-malaria.png"), full_page=True)
    page.close()
