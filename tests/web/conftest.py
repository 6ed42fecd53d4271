"""Fixtures for the centre's web pages: the real server process (tests/integration/conftest.py) with
a central office PUSAT and one centre user per role, and ``WebSession``, a cookie-keeping HTTP client
that reads CSRF tokens off the forms like a browser would."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.integration.conftest import ServerProc, pg_base_url  # noqa: F401 - a fixture for tests/web

PASSWORD = "rahasia-pusat-1"
ROLE_USERS = {"it": "ita", "pimpinan": "bupati", "dinkes": "surveilans", "organisasi": "ortala"}
_CSRF_RE = re.compile(r'name="csrf" value="([^"]+)"')


def add_centre_users(server: ServerProc) -> None:
    """PUSAT and a user per role: the IT user by ``layan-server user add`` as IT would, the others directly."""
    from sync.passwords import hash_password
    from sync.server.web import accounts

    server.storage.add_office("PUSAT", "Diskominfo Mimika", "central")
    server.cli("user", "add", "--office", "PUSAT", "--username", ROLE_USERS["it"], "--role", "it",
               "--full-name", "Pengguna it", "--password-stdin", input=PASSWORD + "\n")
    for role, username in ROLE_USERS.items():
        if role != "it":
            accounts.add_user(server.storage, "PUSAT", username, role, hash_password(PASSWORD), f"Pengguna {role}")


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


# --- a centre filled by real desktop syncs ---------------------------------------------------------
PUBLIC_URL = "https://layan.mimikakab.go.id"


@dataclass
class Centre:
    """What ``centre`` made: the server, the offices, and the records the PCs synced."""
    server: ServerProc
    offices: dict  # role in the story -> office code
    done: dict  # a completed service request (its certificate issued after the public address arrived)
    waiting: dict  # a request still in process
    complaint: dict  # a named complaint, acted on
    payload: str  # the certificate's QR text
    receipt_qr: str  # the waiting request's receipt QR text
    pc_silent_id: str  # the device that last synced long ago
    pc_folder: Path  # the busy office's PC (closed; its data folder stays)
    forwarded: dict  # an anonymous complaint forwarded to the silent office


def _sync_ok(store) -> None:
    from desktop.domain import syncing

    report = syncing.run_sync(store)
    assert report.ok and report.waiting == 0, report.error


@pytest.fixture(scope="module")
def centre(tmp_path_factory) -> Centre:
    """A real server with PUSAT's centre users, a distrik whose PC synced requests, a certificate and a
    complaint; a second distrik whose PC has been silent for 10 days; a puskesmas without any PC yet.
    The centre's public address is published before the certificate is issued."""
    from desktop.domain import complaints, services
    from sync.server.storage import devices
    from tests.integration.updates_helpers import fake_dist
    from tests.unit.test_services_samples import SIGNER, TODAY, required_documents, sample

    saved = os.environ.get("LAYAN_TOKEN_STORE")
    os.environ["LAYAN_TOKEN_STORE"] = "file"  # CI has no OS keyring: the documented fallback
    folder = tmp_path_factory.mktemp("centre")
    srv = ServerProc(folder / "server").start()
    try:
        add_centre_users(srv)
        offices = {"busy": "DST-MB", "silent": "DST-AG", "new": "PKM-JL"}
        srv.storage.add_office("DST-MB", "Distrik Mimika Baru", "distrik")
        srv.storage.add_office("DST-AG", "Distrik Agimuga", "distrik")
        srv.storage.add_office("PKM-JL", "Puskesmas Jila", "puskesmas")
        pc = srv.desktop_pc(folder / "pc-mb", "DST-MB")
        quiet = srv.desktop_pc(folder / "pc-ag", "DST-AG")
        try:
            for key, value in SIGNER.items():
                pc.set_meta(key, value)
            waiting = services.new_request(pc, "domisili", sample("domisili", nama="Yohanes Beanal",
                                                                  nik="9404010101700001"), actor="admin", today=TODAY)
            services.verify(pc, waiting["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
            complaint = complaints.new_complaint(pc, {
                "channel": "langsung", "anonim": False, "pelapor_nama": "Maria Beanal",
                "pelapor_kontak": "0812 3456 7890", "kategori": "Infrastruktur", "kampung": "Kwamki",
                "distrik": "Kwamki Narama", "uraian": "Jalan kampung rusak berat sejak banjir"}, actor="admin",
                today=TODAY)
            complaints.advance(pc, complaint["id"], "diverifikasi", actor="admin", today=TODAY)
            forwarded = complaints.new_complaint(pc, {
                "channel": "telepon", "anonim": True, "kategori": "Kesehatan", "kampung": "Kwamki",
                "uraian": "Puskesmas tutup siang hari"}, actor="admin", today=TODAY)
            complaints.forward(pc, forwarded["id"], "DST-AG", actor="admin", today=TODAY)
            _sync_ok(pc)
            srv.cli("config", "set", "public_url", PUBLIC_URL)
            _sync_ok(pc)  # the PC learns the public address
            done = services.new_request(pc, "sktm", sample("sktm"), actor="admin", today=TODAY)
            services.verify(pc, done["id"], actor="admin", dokumen=required_documents("sktm"), today=TODAY)
            services.process(pc, done["id"], actor="admin", today=TODAY)
            done = services.complete(pc, done["id"], actor="admin", today=TODAY)
            payload = services.certificate_context(pc, done["id"])["verifikasi"]["qr"]
            receipt_qr = services.receipt_context(pc, waiting["id"])["kode_lacak_qr"]
            _sync_ok(pc)
            _sync_ok(quiet)
            quiet_id = quiet.meta("server_device_id")
            srv.cli("config", "set", "sync_interval_min", "60", "--scope", "DST-AG")  # Agimuga has not seen it
        finally:
            pc.close()
            quiet.close()
        srv.cli("release", "init-keys")  # IT publishes 0.2.0; both PCs run 0.1.0
        srv.cli("release", "publish", str(fake_dist(folder / "dist", "0.2.0")), "--version", "0.2.0")
        with srv.storage.write() as conn:  # ten days have passed for Agimuga's PC
            conn.execute(devices.update().where(devices.c.id == quiet_id)
                         .values(last_seen_ms=devices.c.last_seen_ms - 10 * 86_400_000))
        yield Centre(srv, offices, done, waiting, complaint, payload, receipt_qr, quiet_id, folder / "pc-mb",
                     forwarded)
    finally:
        srv.stop()
        if saved is None:
            os.environ.pop("LAYAN_TOKEN_STORE", None)
        else:
            os.environ["LAYAN_TOKEN_STORE"] = saved
