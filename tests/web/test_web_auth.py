"""Centre users and sessions against the real server process: login, roles, CSRF, lockout, expiry."""

from __future__ import annotations

from sqlalchemy import select, update

from sync.server.web.tables import web_audit, web_sessions, web_users
from tests.web.conftest import PASSWORD, ROLE_USERS, WebSession


def test_login_opens_the_role_s_first_page_and_logout_ends_the_session(web_server, web):
    r = web.get("/it/perangkat", allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/masuk?sesi=perlu&next=%2Fit%2Fperangkat")
    r = web.login("ita", next="/it/perangkat")
    assert r.status_code == 303 and r.headers["location"] == "/it/perangkat"
    cookie = r.headers["set-cookie"]
    assert "layan_sesi=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = web.get("/it/perangkat")
    assert page.status_code == 200 and "Perangkat &amp; kantor" in page.text and "Pengguna it" in page.text
    assert page.headers["cache-control"] == "no-store" and "frame-ancestors 'none'" in page.headers[
        "content-security-policy"]
    r = web.post("/keluar", {"csrf": web.csrf("/it/perangkat")}, allow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/masuk?keluar=1"
    assert web.get("/it/perangkat", allow_redirects=False).status_code == 303
    with web_server.storage.read() as conn:
        events = [e for (e,) in conn.execute(select(web_audit.c.event).where(web_audit.c.username == "ita"))]
    assert events[-2:] == ["login", "logout"]


def test_the_session_id_is_kept_hashed_and_a_stolen_database_row_opens_nothing(web_server, web):
    r = web.login("ita")
    sid = r.cookies["layan_sesi"]
    with web_server.storage.read() as conn:
        hashes = [h for (h,) in conn.execute(select(web_sessions.c.id_hash))]
    assert sid not in hashes and len(hashes) >= 1
    thief = WebSession(web.base)
    thief.http.cookies.set("layan_sesi", hashes[-1])
    assert thief.get("/it/perangkat", allow_redirects=False).status_code == 303


def test_each_role_is_refused_pages_of_other_roles(web):
    web.login_as("pimpinan")
    r = web.get("/it/perangkat")
    assert r.status_code == 403 and "Bukan untuk peran Anda" in r.text and "Pimpinan" in r.text
    assert "Perangkat" not in r.text.split("<main")[0]  # the menu shows no IT link either


def test_a_form_without_the_session_s_token_is_refused_and_changes_nothing(web_server, web):
    web.login_as("it")
    for data in ({}, {"csrf": "forged"}, {"csrf": WebSession(web.base).csrf("/masuk")}):
        r = web.post("/keluar", data, allow_redirects=False)
        assert r.status_code == 403 and "Formulir kedaluwarsa" in r.text
    assert web.get("/it/perangkat").status_code == 200  # still logged in: the logout was refused
    r = web.post("/keluar", {"csrf": web.csrf("/it/perangkat")}, headers={"Origin": "https://evil.example"},
                 allow_redirects=False)
    assert r.status_code == 403


def test_the_login_form_needs_its_token_too(web):
    r = web.post("/masuk", {"username": "ita", "password": PASSWORD, "csrf": "x"}, allow_redirects=False)
    assert r.status_code == 403 and "layan_sesi" not in r.headers.get("set-cookie", "")


def test_five_wrong_passwords_lock_the_account_in_the_database(web_server, web):
    web_server.cli("user", "add", "--office", "PUSAT", "--username", "dicoba", "--role", "organisasi",
                   "--password-stdin", input=PASSWORD + "\n")
    for _ in range(4):
        r = web.login("dicoba", "salah-sekali")
        assert r.status_code == 401 and "Nama pengguna atau kata sandi salah." in r.text
    r = web.login("dicoba", "salah-sekali")
    assert r.status_code == 401 and "Akun dikunci sampai" in r.text
    r = web.login("dicoba", PASSWORD)  # even the right password waits for the lock
    assert r.status_code == 401 and "Akun dikunci sampai" in r.text
    with web_server.storage.read() as conn:
        row = conn.execute(select(web_users).where(web_users.c.username == "dicoba")).one()
    assert row.failed_logins == 5 and row.locked_until_ms is not None
    web_server.cli("user", "enable", "--office", "PUSAT", "dicoba")  # IT lifts the lock
    assert web.login("dicoba", PASSWORD).status_code == 303


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(web):
    r = web.login("tidak-ada", "apa-saja-123")
    assert r.status_code == 401 and "Nama pengguna atau kata sandi salah." in r.text


def _age_session(web_server, role: str) -> None:
    with web_server.storage.write() as conn:
        conn.execute(update(web_sessions).where(web_sessions.c.username == ROLE_USERS[role])
                     .values(last_ms=web_sessions.c.last_ms - 31 * 60_000))


def test_an_idle_session_expires_with_a_clear_message(web_server, web):
    web.login_as("dinkes")
    _age_session(web_server, "dinkes")
    r = web.get("/it/perangkat", allow_redirects=False)
    assert r.status_code == 303 and "sesi=habis" in r.headers["location"]
    assert "Sesi Anda berakhir" in web.get(r.headers["location"]).text
    web.login_as("dinkes")
    _age_session(web_server, "dinkes")
    assert "Sesi Anda berakhir" in web.get("/").text


def test_a_form_sent_after_the_session_expired_leads_to_the_login(web_server, web):
    web.login_as("organisasi")
    token = web.csrf("/")
    with web_server.storage.write() as conn:
        conn.execute(update(web_sessions).where(web_sessions.c.username == ROLE_USERS["organisasi"])
                     .values(created_ms=web_sessions.c.created_ms - 13 * 3_600_000))  # past the absolute limit
    r = web.post("/keluar", {"csrf": token}, allow_redirects=False)
    assert r.status_code == 303 and "sesi=habis" in r.headers["location"]


def test_a_citizen_at_the_root_sees_the_public_pages(web):
    page = web.get("/")
    assert page.status_code == 200 and 'href="/lacak"' in page.text and 'href="/verifikasi"' in page.text
    assert 'href="/masuk"' in page.text


def test_next_never_leads_off_the_site(web):
    r = web.login("ita", next="//evil.example/x")
    assert r.headers["location"] == "/"
    r = web.login("ita", next="https://evil.example/")
    assert r.headers["location"] == "/"


def test_english_on_request_and_remembered(web):
    page = web.get("/masuk?lang=en")
    assert "Log in to the Layan Centre" in page.text and 'lang="en"' in page.text
    assert "Log in to the Layan Centre" in web.get("/masuk").text
    assert "Masuk ke Layan Pusat" in web.get("/masuk?lang=id").text


def test_unknown_pages_and_bad_forms_get_a_page_not_a_traceback(web):
    r = web.get("/tidak/ada/<script>")
    assert r.status_code == 404 and "Halaman tidak ditemukan" in r.text and "<script>" not in r.text
    r = web.get("/v1/tidak-ada")
    assert r.status_code == 404 and r.json()["error"] == "not_found"  # the sync API keeps its JSON
    token = web.csrf("/masuk")
    r = web.post("/masuk", {"username": "x" * 300, "password": "p", "csrf": token}, allow_redirects=False)
    assert r.status_code == 400 and "Isian tidak valid" in r.text


def test_a_centre_role_needs_a_central_office(web_server):
    web_server.cli("office", "add", "--code", "DST-X1", "--name", "Distrik X", "--kind", "distrik")
    res = web_server.cli("user", "add", "--office", "DST-X1", "--username", "salah", "--role", "it",
                         "--password-stdin", input=PASSWORD + "\n", check=False)
    assert res.returncode != 0 and "central office" in res.stderr


def test_html_and_sql_typed_into_the_login_form_are_shown_escaped(web_server, web):
    hostile = "<script>alert(1)</script>' OR '1'='1"
    r = web.login(hostile, "' OR 1=1 --")
    assert r.status_code == 401 and "<script>alert(1)" not in r.text and "&lt;script&gt;" in r.text
    it = WebSession(web.base).login_as("it")
    log = it.get("/it/masuk").text
    assert "<script>alert(1)" not in log and "&lt;script&gt;alert(1)&lt;/script&gt;" in log
    with web_server.storage.read() as conn:
        assert conn.execute(select(web_users.c.username).where(web_users.c.username.like("%script%"))).first() is None


def test_cookies_are_secure_unless_plain_http_on_loopback(web):
    r = web.get("/masuk", headers={"Host": "layan.mimikakab.go.id"})
    assert "layan_pra=" in r.headers["set-cookie"] and "Secure" in r.headers["set-cookie"]
    r = WebSession(web.base).get("/masuk")
    assert "layan_pra=" in r.headers["set-cookie"] and "Secure" not in r.headers["set-cookie"]


def test_disabling_a_centre_user_ends_their_sessions(web_server, web):
    web_server.cli("user", "add", "--office", "PUSAT", "--username", "sementara", "--role", "it",
                   "--password-stdin", input=PASSWORD + "\n")
    assert web.login("sementara").status_code == 303
    assert web.get("/it/perangkat").status_code == 200
    web_server.cli("user", "disable", "--office", "PUSAT", "sementara")
    assert web.get("/it/perangkat", allow_redirects=False).status_code == 303
    r = web.login("sementara")
    assert r.status_code == 401 and "dinonaktifkan" in r.text


def test_a_centre_user_name_is_not_shared_with_an_office_user(web_server):
    web_server.cli("user", "add", "--office", "PUSAT", "--username", "operator1", "--role", "operator",
                   "--password-stdin", input=PASSWORD + "\n")  # a desktop user of the central office
    res = web_server.cli("user", "add", "--office", "PUSAT", "--username", "operator1", "--role", "pimpinan",
                         "--password-stdin", input=PASSWORD + "\n", check=False)
    assert res.returncode == 1 and "taken" in res.stderr
