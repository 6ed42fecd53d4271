"""Finding 2: "Daftarkan ulang…" moved a PC to any server with no question. Moving now takes an
admin login, and the changes not yet sent to the old server are first written to a USB sync file
for it; the new server then receives them too. Real servers, real store."""

from __future__ import annotations

import pytest

from desktop.domain import letters, open_store, syncing, usb_sync
from desktop.domain import office as office_mod
from desktop.store.db import StoreError
from sync import usb

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def test_moving_needs_an_admin_and_takes_the_unsent_changes_along(server, fresh_server, tmp_path):
    office = server.new_office()
    other = fresh_server()
    other.storage.add_office(office, f"Kantor {office}", "distrik")
    store = open_store(tmp_path / "pc")
    try:
        office_mod.initialize(store, code=office, name=f"Kantor {office}", kind="distrik",
                              admin_username="kepala", admin_password="rahasia123")
        syncing.enroll(store, server.url, server.enroll_code(office), device_name="pc")
        made = {letters.register_incoming(store, {**MASUK, "perihal": f"Surat {i}"}, actor="op").record_id
                for i in range(2)}
        plan = syncing.move_plan(store, other.url)
        assert plan == {"old_server": server.url, "new_server": other.url, "waiting": 2}

        code = other.enroll_code(office)
        with pytest.raises(StoreError, match="login admin"):
            syncing.enroll(store, other.url, code)  # the plain enrollment no longer moves a PC
        with pytest.raises(StoreError, match="login admin"):
            syncing.move_to_server(store, other.url, code, username="kepala", password="salah",
                                   usb_folder=tmp_path / "stick")
        with pytest.raises(StoreError, match="folder USB"):
            syncing.move_to_server(store, other.url, code, username="kepala", password="rahasia123", usb_folder=None)
        assert store.meta(syncing.SERVER_META) == server.url

        moved = syncing.move_to_server(store, other.url, code, username="kepala", password="rahasia123",
                                       usb_folder=tmp_path / "stick")
        assert moved.old_server == server.url and moved.exported.changes == 2
        assert usb.bundle_files(tmp_path / "stick", usb.REQUEST_SUFFIX) == [moved.exported.path]
        assert store.meta(syncing.SERVER_META) == other.url
        assert {e["record_id"] for e in store.outbox()} == made  # kept, renumbered for the new server
        report = syncing.run_sync(store)
        assert report.ok and report.waiting == 0, report.error
        assert all(other.storage.record(rid) for rid in made)
        # IT imports the file into the old server: it gets them too.
        server.cli("usb", "import", str(tmp_path / "stick"))
        assert all(server.storage.record(rid) for rid in made)
        assert usb_sync.key_store(store).load()  # a new key for the new server's USB files
    finally:
        store.close()
