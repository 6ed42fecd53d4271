"""Fixtures for the centre's web pages: the real server process (tests/integration/conftest.py) with
a central office PUSAT and one centre user per role, and ``WebSession``, a cookie-keeping HTTP client
that reads CSRF tokens off the forms like a browser would."""

from __future__ import annotations

import re

import pytest
import requests

from tests.integration.conftest import ServerProc

PASSWORD = "rahasia-pusat-1"
ROLE_USERS = {"it": "ita", "pimpinan": "bupati", "dinkes": "surveilans", "organisasi": "ortala"}
_CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def add_centre_users(server: ServerProc) -> None:
    server.cli("office", "add", "--code", "PUSAT", "--name", "Diskominfo Mimika", "--kind", "central")
    for role, username in ROLE_USERS.items():
        server.cli("user", "add", "--office", "PUSAT", "--username", username, "--role", role,
                   "--full-name", f"Pengguna {role}", "--password-stdin", input=PASSWORD + "\n")


class WebSession:
    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    def get(self, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", 30)
        return self.http.get(self.base + path, **kw)

    def post(self, path: str, data: dict, **kw) -> requests.Response:
        kw.setdefault("timeout", 30)
        return self.http.post(self.base + path, data=data, **kw)

    def csrf(self, path: str) -> str:
        return _CSRF_RE.search(self.get(path).text).group(1)

    def login(self, username: str, password: str = PASSWORD, next: str = "/") -> requests.Response:
        token = self.csrf("/masuk")
        return self.post("/masuk", {"username": username, "password": password, "csrf": token, "next": next},
                         allow_redirects=False)

    def login_as(self, role: str) -> WebSession:
        r = self.login(ROLE_USERS[role])
        assert r.status_code == 303, r.text
        return self


@pytest.fixture(scope="module")
def web_server(tmp_path_factory):
    """One real server (SQLite) per test module, with PUSAT and its four centre users."""
    srv = ServerProc(tmp_path_factory.mktemp("web-server")).start()
    add_centre_users(srv)
    yield srv
    srv.stop()


@pytest.fixture
def web(web_server) -> WebSession:
    return WebSession(web_server.url)
