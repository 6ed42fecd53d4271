"""Centre users from the IT console (web/it_users.py) and one's own password (web/password.py), against the
real server: add (a temporary password shown once, to be replaced at the first login), disable and enable,
reset, each a CSRF-checked POST written to the audit log; an IT user cannot disable or reset themselves;
hostile input gets a clear page and changes nothing. The last test does add + disable + the refused login in
Chromium (screenshots as in test_web_browser.py)."""

from __future__ import annotations

import re

import pytest

from sync.server.web import accounts
from tests.web.conftest import PASSWORD, ROLE_USERS, WebSession
from tests.web.test_web_browser import CHROMIUM, browser, focused, shot, shots  # noqa: F401 - fixtures

_TEMP_RE = re.compile(r'<code id="temp-password">([^<]+)</code>')


def it_web(server) -> WebSession:
    return WebSession(server.url).login_as("it")


def post(web: WebSession, path: str, **fields):
    return web.post(path, {"csrf": web.csrf("/it/pengguna"), **fields}, allow_redirects=False)


def add(web: WebSession, username: str, role: str = "dinkes", **extra) -> str:
    r = post(web, "/it/pengguna/tambah", username=username, full_name="Petugas Baru", role=role, office="PUSAT",
             **extra)
    assert r.status_code == 200, r.text
    return _TEMP_RE.search(r.text).group(1)


def events(server, event: str) -> list[dict]:
    return [e for e in accounts.recent_audit(server.storage, 500) if e["event"] == event]


def test_a_new_user_gets_a_temporary_password_and_must_replace_it(web_server):
    it = it_web(web_server)
    temp = add(it, "surveilans2")
    assert len(temp) >= 12 and temp not in it.get("/it/pengguna").text  # shown once, on the answer only
    assert accounts.get_user(web_server.storage, "surveilans2")["must_change"] is True
    assert [e["detail"] for e in events(web_server, "user_added")] == ["surveilans2 (dinkes, PUSAT)"]

    new = WebSession(web_server.url)
    assert new.login("surveilans2", temp, next="/dinkes").status_code == 303
    r = new.get("/dinkes", allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/sandi"  # every page asks for a new password first
    form = new.get("/sandi")
    assert "Kata sandi Anda sementara" in form.text
    token = new.csrf("/sandi")
    wrong = new.post("/sandi", {"csrf": token, "old": "salah-sekali", "new": "sandi-baru-1", "again": "sandi-baru-1"})
    assert wrong.status_code == 400 and "Kata sandi lama salah." in wrong.text
    short = new.post("/sandi", {"csrf": token, "old": temp, "new": "pendek", "again": "pendek"})
    assert short.status_code == 400 and "minimal 8 karakter" in short.text
    differ = new.post("/sandi", {"csrf": token, "old": temp, "new": "sandi-baru-1", "again": "sandi-baru-2"})
    assert differ.status_code == 400 and "tidak sama" in differ.text
    done = new.post("/sandi", {"csrf": token, "old": temp, "new": "sandi-baru-1", "again": "sandi-baru-1"},
                    allow_redirects=False)
    assert done.status_code == 303
    assert new.get("/dinkes").status_code == 200  # the same session goes on
    assert accounts.get_user(web_server.storage, "surveilans2")["must_change"] is False
    assert WebSession(web_server.url).login("surveilans2", temp).status_code == 401
    assert WebSession(web_server.url).login("surveilans2", "sandi-baru-1").status_code == 303
    assert events(web_server, "password_changed")[0]["username"] == "surveilans2"


def test_disable_ends_the_sessions_and_refuses_the_login_enable_lets_in_again(web_server):
    it = it_web(web_server)
    user = WebSession(web_server.url).login_as("organisasi")
    assert user.get("/pelayanan").status_code == 200
    r = post(it, "/it/pengguna/nonaktif", username=ROLE_USERS["organisasi"])
    assert r.status_code == 200 and "ortala dinonaktifkan" in r.text
    assert user.get("/pelayanan", allow_redirects=False).status_code == 303  # to the login page
    refused = WebSession(web_server.url).login(ROLE_USERS["organisasi"])
    assert refused.status_code == 401 and "Akun ini dinonaktifkan" in refused.text
    assert post(it, "/it/pengguna/aktif", username=ROLE_USERS["organisasi"]).status_code == 200
    assert WebSession(web_server.url).login(ROLE_USERS["organisasi"]).status_code == 303
    assert [e["detail"] for e in events(web_server, "user_disabled")] == ["ortala"]
    assert [e["username"] for e in events(web_server, "user_enabled")] == ["ita"]


def test_a_reset_gives_a_new_temporary_password(web_server):
    it = it_web(web_server)
    r = post(it, "/it/pengguna/sandi", username=ROLE_USERS["pimpinan"])
    temp = _TEMP_RE.search(r.text).group(1)
    assert WebSession(web_server.url).login(ROLE_USERS["pimpinan"]).status_code == 401  # the old one is gone
    fresh = WebSession(web_server.url)
    assert fresh.login(ROLE_USERS["pimpinan"], temp).status_code == 303
    assert fresh.get("/pelayanan", allow_redirects=False).headers["location"] == "/sandi"
    token = fresh.csrf("/sandi")
    fresh.post("/sandi", {"csrf": token, "old": temp, "new": PASSWORD, "again": PASSWORD})  # back for other tests
    assert fresh.get("/pelayanan").status_code == 200


def test_it_cannot_disable_or_reset_itself(web_server):
    it = it_web(web_server)
    for action in ("nonaktif", "sandi"):
        r = post(it, f"/it/pengguna/{action}", username=ROLE_USERS["it"])
        assert r.status_code == 400 and "akun Anda sendiri" in r.text
    assert it.get("/it/pengguna").status_code == 200  # still logged in, still active
    english = it.get("/it/pengguna?lang=en").text
    assert "Add a user" in english and "Reset password" in english and "My password" in english
    assert "Change password" in it.get("/sandi").text  # the language is kept


def test_bad_input_gets_a_clear_answer_and_changes_nothing(web_server):
    it = it_web(web_server)
    def users():
        return [(u["username"], u["role"], u["active"], u["must_change"]) for u in accounts.list_users(web_server.storage)]

    before = users()
    for fields, message in (
            ({"username": "<script>alert(1)</script>", "role": "dinkes", "office": "PUSAT"}, "Nama pengguna: 3-32"),
            ({"username": "baru1", "role": "admin' OR 1=1 --", "office": "PUSAT"}, "Pilih peran pengguna."),
            ({"username": "baru1", "role": "dinkes", "office": "DST-X"}, "Pilih kantor pusat."),
            ({"username": ROLE_USERS["dinkes"], "role": "dinkes", "office": "PUSAT"}, "sudah dipakai")):
        r = post(it, "/it/pengguna/tambah", full_name="<b>x</b>", **fields)
        assert r.status_code == 400 and message in r.text and "<script>alert" not in r.text and "<b>x</b>" not in r.text
    assert post(it, "/it/pengguna/nonaktif", username="tidak-ada").status_code == 404
    forged = it.post("/it/pengguna/nonaktif", {"csrf": "palsu", "username": ROLE_USERS["dinkes"]})
    assert forged.status_code == 403
    pimpinan = WebSession(web_server.url).login_as("pimpinan")
    assert post(pimpinan, "/it/pengguna/tambah", username="baru2", role="it", office="PUSAT").status_code == 403
    assert users() == before


@pytest.mark.skipif(not __import__("os").path.exists(CHROMIUM), reason="Chromium is not installed")
def test_in_the_browser_it_adds_and_disables_a_user_who_is_then_refused(browser, web_server, shots):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768}, base_url=web_server.url, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto("/masuk?next=/it/pengguna")
    focused(page, "username")
    page.keyboard.type(ROLE_USERS["it"])
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Pengguna pusat"
    page.locator("#username").fill("kasubag")
    page.locator("#full_name").fill("Kasubag Pelaporan")
    page.locator("#role").select_option("organisasi")
    with page.expect_navigation():
        page.get_by_role("button", name="Tambah").click()
    temp = page.locator("#temp-password").inner_text()
    assert len(temp) >= 12
    shot(page, shots, "it-pengguna-sandi")
    with page.expect_navigation():
        page.get_by_role("link", name="Kembali ke daftar pengguna").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Nonaktifkan kasubag").click()
    row = page.locator("tr", has_text="kasubag")
    assert "nonaktif" in row.inner_text() and row.get_by_role("button", name="Aktifkan kasubag").count() == 1
    assert page.get_by_role("button", name="Nonaktifkan ita").count() == 0  # never oneself
    shot(page, shots, "it-pengguna")
    context.close()

    context = browser.new_context(base_url=web_server.url, locale="id-ID")
    page = context.new_page()
    page.goto("/masuk")
    page.locator("#username").fill("kasubag")
    page.locator("#password").fill(temp)
    with page.expect_navigation():
        page.locator("#password").press("Enter")
    assert page.locator(".error").inner_text() == "Akun ini dinonaktifkan. Hubungi IT."
    context.close()


def test_a_database_from_before_temporary_passwords_gets_the_column(tmp_path):
    from sqlalchemy import text

    from sync.passwords import hash_password
    from sync.server.storage import Storage

    storage = Storage.open(tmp_path)
    storage.add_office("PUSAT", "Diskominfo", "central")
    accounts.add_user(storage, "PUSAT", "lama", "it", hash_password(PASSWORD))
    with storage.write() as conn:
        conn.execute(text("ALTER TABLE web_users DROP COLUMN must_change_password"))
    storage.close()
    storage = Storage.open(tmp_path)  # the next start adds it back, false for the users already there
    try:
        assert accounts.get_user(storage, "lama")["must_change"] is False
    finally:
        storage.close()
