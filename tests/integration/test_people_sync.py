"""People made at the office travel by sync through the real server: an office-made user reaches the
centre and the office's other PC; a central disable stops the login on every PC after its sync; the
server refuses users changes their author may not make (sync/server/users.py)."""

from __future__ import annotations

import pytest

from desktop.domain import office as office_mod
from desktop.domain import open_store, syncing, users
from sync.passwords import hash_password, verify_password
from tests.integration.conftest import new_id

ADMIN_PASSWORD = "Admin-Kantor-1"


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error
    return report


def offline_puskesmas(server, folder, office: str):
    """Installed offline with a local admin (first start), enrolled later."""
    store = open_store(folder)
    office_mod.initialize(store, code=office, name=f"Puskesmas {office}", kind="puskesmas",
                          admin_username="admin", admin_password=ADMIN_PASSWORD)
    return store


def server_user(server, office: str, username: str) -> dict:
    [user] = [u for u in server.storage.list_users(office) if u["username"] == username]
    return user


def test_office_made_user_reaches_the_centre_and_the_other_pc_and_a_central_disable_reaches_both(server, tmp_path):
    office = server.new_office("puskesmas")
    pc1 = offline_puskesmas(server, tmp_path / "pc1", office)
    pc2 = None
    try:
        admin = users.authenticate(pc1, "admin", ADMIN_PASSWORD)
        user_id = users.add_user(pc1, admin, username="bidan", full_name="Bidan Maria", role="nakes",
                                 password="Bidan-2026")  # before the PC was ever enrolled
        syncing.enroll(pc1, server.url, server.enroll_code(office), device_name="pc1")
        report = sync_ok(pc1)
        assert report.rejected == 0 and pc1.outbox_size() == 0
        on_server = server.storage.record(user_id)
        assert on_server["office_id"] == office and on_server["fields"]["role"] == "nakes"
        assert verify_password("Bidan-2026", on_server["fields"]["password_hash"])

        pc2 = server.desktop_pc(tmp_path / "pc2", office, kind="puskesmas", initialize=False)
        sync_ok(pc2)
        assert users.authenticate(pc2, "bidan", "Bidan-2026")["full_name"] == "Bidan Maria"

        # A reset at the office reaches the other PC too.
        users.set_password(pc1, admin, user_id, "Baru-Bidan-1")
        sync_ok(pc1)
        sync_ok(pc2)
        assert users.authenticate(pc2, "bidan", "Bidan-2026") is None
        assert users.authenticate(pc2, "bidan", "Baru-Bidan-1") is not None

        # Disabled centrally: no login on either PC after its next sync.
        server.cli("user", "disable", "--office", office, "bidan")
        for store in (pc1, pc2):
            assert users.authenticate(store, "bidan", "Baru-Bidan-1") is not None  # not yet synced
            sync_ok(store)
            assert users.authenticate(store, "bidan", "Baru-Bidan-1") is None
        server.cli("user", "enable", "--office", office, "bidan")
        server.cli("user", "passwd", "--office", office, "bidan", "--password-stdin", input="Pusat-Bidan-1\n")
        sync_ok(pc2)
        assert users.authenticate(pc2, "bidan", "Pusat-Bidan-1") is not None
        short = server.cli("user", "passwd", "--office", office, "bidan", "--password-stdin", input="pendek\n",
                           check=False)
        assert short.returncode != 0 and "8" in short.stderr
    finally:
        pc1.close()
        if pc2 is not None:
            pc2.close()


def test_a_disable_at_the_office_stops_the_login_on_the_other_pc(server, tmp_path):
    office = server.new_office("puskesmas")
    server.cli("user", "add", "--office", office, "--username", "kapus", "--role", "kepala",
               "--password-stdin", input="Kepala-2026\n")
    server.cli("user", "add", "--office", office, "--username", "perawat", "--role", "nakes",
               "--password-stdin", input="Perawat-2026\n")
    pc1 = server.desktop_pc(tmp_path / "pc1", office, kind="puskesmas", initialize=False)
    pc2 = server.desktop_pc(tmp_path / "pc2", office, kind="puskesmas", initialize=False)
    try:
        sync_ok(pc1)
        sync_ok(pc2)
        kepala = users.authenticate(pc1, "kapus", "Kepala-2026")
        perawat = next(u for u in users.list_users(pc1) if u["username"] == "perawat")
        users.set_active(pc1, kepala, perawat["id"], False)
        assert sync_ok(pc1).rejected == 0
        assert server_user(server, office, "perawat")["active"] is False
        assert users.authenticate(pc2, "perawat", "Perawat-2026") is not None
        sync_ok(pc2)
        assert users.authenticate(pc2, "perawat", "Perawat-2026") is None
    finally:
        pc1.close()
        pc2.close()


def test_the_server_refuses_user_changes_their_author_may_not_make(server):
    office, other = server.new_office("puskesmas"), server.new_office("distrik")
    server.cli("user", "add", "--office", office, "--username", "kapus", "--role", "kepala",
               "--password-stdin", input="Kepala-2026\n")
    server.cli("user", "add", "--office", office, "--username", "operator1", "--role", "operator",
               "--password-stdin", input="Operator-26\n")
    server.cli("user", "add", "--office", other, "--username", "camat", "--role", "admin",
               "--password-stdin", input="Camat-2026!\n")
    dev, dev_other = server.new_device(office), server.new_device(other)
    hashed = hash_password("Apa-saja-1")
    nakes = {"username": "bidan", "full_name": "Bidan", "role": "nakes", "password_hash": hashed, "active": True}

    def status(device, actor, *mutations):
        device.actor = actor
        return [(r["status"], (r.get("errors") or [{}])[0].get("field")) for r in device.sync(*mutations)["results"]]

    # An operator may not make users; nor a name that is not a user of the office.
    assert status(dev, "operator1", dev.mut("users", new_id(), nakes))[0][0] == "rejected"
    assert status(dev, "orang-luar", dev.mut("users", new_id(), nakes))[0][0] == "rejected"
    # Malformed: a bad hash, a role unknown to a distrik office, a deletion.
    assert status(dev, "kapus", dev.mut("users", new_id(), {**nakes, "password_hash": "scrypt$1"}))[0] == \
        ("rejected", "password_hash")
    assert status(dev_other, "camat", dev_other.mut("users", new_id(), nakes))[0] == ("rejected", "role")
    # The kepala may; the record lands in the device's office whatever the device claims.
    uid = new_id()
    assert status(dev, "kapus", dev.mut("users", uid, nakes))[0][0] == "applied"
    assert server.storage.record(uid)["office_id"] == office
    assert status(dev, "kapus", dev.mut("users", new_id(), {**nakes}))[0] == ("rejected", "username")  # taken
    # Another office's device cannot touch this office's user; nobody renames or deletes one.
    assert status(dev_other, "camat", dev_other.mut("users", uid, {"active": False}, base_rev=1))[0][0] == "rejected"
    assert status(dev, "kapus", dev.mut("users", uid, {"username": "lain"}, base_rev=1))[0] == ("rejected", "username")
    assert status(dev, "kapus", dev.mut("users", uid, op="delete", base_rev=1))[0][0] == "rejected"
    # A user may change their own password hash (the rehash at login), nothing else.
    assert status(dev, "bidan", dev.mut("users", uid, {"password_hash": hash_password("Bidan-baru-1")},
                                         base_rev=1))[0][0] == "applied"
    assert status(dev, "bidan", dev.mut("users", uid, {"role": "kepala"}, base_rev=1))[0][0] == "rejected"
    # The same username in another office is fine (usernames are per office).
    assert status(dev_other, "camat", dev_other.mut("users", new_id(), {**nakes, "role": "operator"}))[0][0] == \
        "applied"
    assert server_user(server, other, "bidan")["role"] == "operator"
    # Users of one office never reach a device of another.
    assert {c["fields"].get("username") for c in dev_other.pull_all().values() if c["collection"] == "users"} == \
        {"camat", "bidan"}


def test_server_usernames_move_from_server_wide_to_per_office_on_open(tmp_path):
    """A server database from before usernames were per office: its `usernames` rows are copied once."""
    from sqlalchemy import text

    from sync.server.storage import Storage

    storage = Storage.open(tmp_path / "srv")
    storage.add_office("PKM-TJ", "Puskesmas", "puskesmas")
    rid = storage.add_user("PKM-TJ", "bidan", "nakes", hash_password("Bidan-2026"))
    with storage.write() as conn:
        conn.execute(text("CREATE TABLE usernames (username VARCHAR(64) PRIMARY KEY, office_code VARCHAR(40) "
                          "NOT NULL, record_id VARCHAR(64) NOT NULL)"))
        conn.execute(text("INSERT INTO usernames VALUES ('bidan', 'PKM-TJ', :rid)"), {"rid": rid})
        conn.execute(text("DELETE FROM office_usernames"))
    storage.close()
    storage = Storage.open(tmp_path / "srv")
    try:
        with pytest.raises(Exception, match="taken"):
            storage.add_user("PKM-TJ", "bidan", "nakes", hash_password("Lain-2026!"))
        assert storage.update_user("PKM-TJ", "bidan", {"active": False})["active"] is False
    finally:
        storage.close()
