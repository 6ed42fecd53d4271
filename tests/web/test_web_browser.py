"""The centre's pages in a real browser: Debian's Chromium driven by Playwright, against one real server
filled by real desktop syncs (tests/web/conftest.py ``centre``). Screenshots at 1366×768 go to a temporary
folder, or to docs/screenshots/web-*.png with LAYAN_REFRESH_SCREENSHOTS=1."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from desktop.domain import tracking
from tests.web.conftest import PASSWORD, PUBLIC_URL, ROLE_USERS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="Chromium is not installed (scripts/system-deps.sh installs it)")


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("LAYAN_REFRESH_SCREENSHOTS") == "1":
        return DOCS_SCREENSHOTS
    return tmp_path_factory.mktemp("web-shots")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, centre):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=centre.server.url,
                                  locale="id-ID")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


def focused(page, element_id: str) -> None:
    """Waits until the page put the keyboard focus on ``element_id`` (autofocus), as a clerk expects."""
    page.wait_for_function(f"document.activeElement && document.activeElement.id === '{element_id}'")


def log_in(page, role: str, password: str = PASSWORD) -> None:
    page.goto("/masuk")
    focused(page, "username")
    page.keyboard.type(ROLE_USERS[role])  # the user name field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def shot(page, folder: Path, name: str) -> Path:
    path = folder / f"web-{name}.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 5_000
    return path


def test_it_logs_in_and_sees_offices_devices_and_history(page, centre, shots):
    page.goto("/it/perangkat")
    assert page.url.endswith("/masuk?sesi=perlu&next=%2Fit%2Fperangkat")
    focused(page, "username")
    shot(page, shots, "masuk")
    page.keyboard.type(ROLE_USERS["it"])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/it/perangkat")
    assert page.locator("h1").inner_text() == "Perangkat & kantor"
    silent = page.locator("tr.late", has_text="Distrik Agimuga")
    assert silent.count() == 1 and "diam 10 hari" in silent.inner_text()
    assert page.locator("tr", has_text="pc-mb").locator(".badge.green").inner_text() == "terkini"
    background = silent.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert background == "rgb(253, 236, 234)"  # red, from the package's own stylesheet
    shot(page, shots, "it-perangkat")
    with page.expect_navigation():
        page.locator("tr", has_text="pc-mb").get_by_role("link", name="riwayat").click()
    assert "Riwayat sinkronisasi pc-mb" in page.locator("h1").inner_text()
    assert page.locator("tbody tr").count() >= 1
    shot(page, shots, "it-riwayat")
    with page.expect_navigation():
        page.get_by_role("link", name="Rilis & konfigurasi").click()
    assert PUBLIC_URL in page.content()
    shot(page, shots, "it-rilis")
    with page.expect_navigation():
        page.get_by_role("link", name="Catatan masuk").click()
    assert page.locator("td", has_text="bupati").count() >= 1
    shot(page, shots, "it-catatan-masuk")
    page.goto("/it/perangkat?lang=en")  # the English switch, kept for the next pages
    assert page.locator("h1").inner_text() == "Devices & offices"
    assert "silent 10 days" in page.locator("tr.late", has_text="Distrik Agimuga").inner_text()
    page.goto("/it/rilis")
    assert page.locator("h1").inner_text() == "Releases & configuration"
    shot(page, shots, "it-rilis-en")


def test_a_form_with_a_forged_token_is_refused(page, centre, shots):
    log_in(page, "it")
    page.locator("input[name=csrf]").first.evaluate("el => el.value = 'palsu'")
    with page.expect_navigation():
        page.get_by_role("button", name="Keluar").click()
    assert page.locator("h1").inner_text() == "Formulir kedaluwarsa"
    shot(page, shots, "csrf-ditolak")
    page.goto("/it/perangkat")
    assert page.locator("h1").inner_text() == "Perangkat & kantor"  # still logged in: nothing happened


def test_pimpinan_is_refused_from_it_pages(page, centre, shots):
    log_in(page, "pimpinan")
    response = page.goto("/it/perangkat")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Bukan untuk peran Anda"
    assert page.get_by_role("link", name="Perangkat & kantor").count() == 0
    shot(page, shots, "ditolak-peran")


def test_wrong_password_then_lockout_message(page, centre):
    log_in(page, "organisasi", "bukan-sandinya")
    assert page.locator(".error").inner_text() == "Nama pengguna atau kata sandi salah."


def test_a_citizen_tracks_a_receipt_code(page, centre, shots):
    page.goto("/")
    shot(page, shots, "beranda")
    with page.expect_navigation():
        page.get_by_role("link", name="Lacak permohonan atau pengaduan").click()
    focused(page, "kode")
    page.keyboard.type(tracking.display(centre.waiting["tracking_code"]).lower())  # the code field has the focus
    with page.expect_navigation():
        page.keyboard.press("Enter")
    text = page.locator("main").inner_text()
    assert "Surat Keterangan Domisili" in text and "Distrik Mimika Baru" in text
    assert [li.inner_text().split(" · ")[0] for li in page.locator("ol.steps li").all()] == ["Diterima", "Diverifikasi"]
    assert "Yohanes" not in text and "Y****** B*****" in text
    shot(page, shots, "lacak")
    page.goto(centre.receipt_qr.replace(PUBLIC_URL, "") + "?lang=en")  # the receipt's QR, in English
    assert "Service request" in page.locator("main").inner_text()


def test_a_certificate_qr_is_verified_and_a_forged_one_refused(page, centre, shots):
    page.goto(centre.payload.replace(PUBLIC_URL, ""))
    assert page.locator(".ok").inner_text().startswith("ASLI")
    assert centre.done["nomor_surat"] in page.locator("dl.facts").inner_text()
    shot(page, shots, "verifikasi-asli")
    forged = centre.payload[:-4] + ("0000" if not centre.payload.endswith("0000") else "1111")
    page.goto(forged.replace(PUBLIC_URL, ""))
    assert page.locator(".error").inner_text().startswith("TIDAK VALID")
    shot(page, shots, "verifikasi-palsu")
