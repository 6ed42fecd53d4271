"""People at the office (desktop/domain/users.py), what a PC accepts of users a server sends
(desktop/store/replica.py), and the password rules (sync/passwords.py), on real store files."""

from __future__ import annotations

import json

import pytest

from desktop.domain import office, open_store, users
from desktop.store.db import StoreError
from desktop.store.records import ValidationError
from desktop.store.replica import StoreReplica
from sync import passwords
from sync.passwords import hash_password, needs_rehash, verify_password

STAMP = "1795817093777-00000-server"
PASSWORD = "Rahasia-2026"
U_OTHER = "01a2b000-0000-7000-8000-000000000001"
U_BLANK = "01a2b000-0000-7000-8000-000000000002"
U_BAD = "01a2b000-0000-7000-8000-000000000003"
U_GOOD = "01a2b000-0000-7000-8000-000000000004"
U1 = "01a2b000-0000-7000-8000-000000000005"
U2 = "01a2b000-0000-7000-8000-000000000006"


@pytest.fixture
def pkm(tmp_path):
    """A puskesmas set up offline, never enrolled: a local admin only."""
    store = open_store(tmp_path / "pkm")
    office.initialize(store, code="PKM-TJ", name="Puskesmas Timika Jaya", kind="puskesmas",
                      admin_username="admin", admin_password=PASSWORD)
    yield store
    store.close()


def admin_of(store):
    return users.authenticate(store, "admin", PASSWORD)


def user_change(user_id, fields, *, office_id="PKM-TJ", rev=3, deleted=False):
    return {"collection": "users", "id": user_id, "office_id": office_id, "rev": rev, "hlc": STAMP,
            "deleted": deleted, "fields": fields}


NAKES = {"username": "bidan", "full_name": "Bidan Maria", "role": "nakes", "active": True}


# -- passwords -----------------------------------------------------------------------------------

def test_new_hashes_cost_2_17_unless_a_test_asks_for_less(monkeypatch):
    monkeypatch.delenv(passwords.TEST_COST_ENV)
    assert passwords.cost() == 2**17
    monkeypatch.setenv(passwords.TEST_COST_ENV, "1024")
    assert hash_password("abcdefgh").startswith("scrypt$1024$8$1$")
    monkeypatch.setenv(passwords.TEST_COST_ENV, str(2**30))  # never more than the real cost, nor junk
    assert passwords.cost() == 2**17


def test_old_hashes_verify_and_ask_for_a_rehash(monkeypatch):
    old = hash_password("abcdefgh", n=2**14)
    assert verify_password("abcdefgh", old)
    monkeypatch.delenv(passwords.TEST_COST_ENV)
    assert needs_rehash(old)
    assert not needs_rehash(f"scrypt${2**17}$8$1$" + old.split("$", 4)[4])


def test_malformed_or_ruinous_hashes_are_refused_without_hashing():
    good = hash_password("abcdefgh")
    salt_and_hash = good.split("$", 4)[4]
    for bad in (None, "", "scrypt$", "bcrypt$1$2$3$4$5", f"scrypt${2**30}$8$1${salt_and_hash}",
                f"scrypt$1000$8$1${salt_and_hash}", f"scrypt$1024$99$1${salt_and_hash}", "scrypt$1024$8$1$!!!$???"):
        assert not passwords.is_well_formed(bad)
        assert not verify_password("abcdefgh", bad)


def test_passwords_need_eight_characters_everywhere(tmp_path, pkm):
    store = open_store(tmp_path / "other")
    with pytest.raises(StoreError, match="minimal 8"):
        office.initialize(store, code="DST-MB", name="Distrik", kind="distrik", admin_username="admin",
                          admin_password="1234567")
    store.close()
    with pytest.raises(ValidationError) as err:
        users.add_user(pkm, admin_of(pkm), username="bidan", full_name="", role="nakes", password="1234567")
    assert err.value.errors[0].field == "password"


# -- managing users at the office ----------------------------------------------------------------

def test_admin_adds_a_nakes_who_logs_in_and_whose_record_waits_in_the_outbox(pkm):
    user_id = users.add_user(pkm, admin_of(pkm), username=" Bidan ", full_name="Bidan Maria", role="nakes",
                             password="Bidan-2026")
    nakes = users.authenticate(pkm, "bidan", "Bidan-2026")
    assert nakes["id"] == user_id and nakes["role"] == "nakes" and nakes["full_name"] == "Bidan Maria"
    [entry] = [e for e in pkm.outbox() if e["collection"] == "users"]  # the local admin never goes up
    assert entry["record_id"] == user_id and entry["actor"] == "admin"
    assert entry["fields"]["username"] == "bidan" and verify_password("Bidan-2026", entry["fields"]["password_hash"])
    history = pkm.history("users", user_id)
    assert history[0]["action"] == "create" and history[0]["actor"] == "admin"
    assert "Bidan-2026" not in json.dumps(history) and "scrypt" not in json.dumps(history)
    listed = {u["username"]: u for u in users.list_users(pkm)}
    assert listed["bidan"]["last_login_at"] and listed["admin"]["last_login_at"]


def test_roles_fit_the_office_and_only_admin_or_kepala_manage(pkm, tmp_path):
    admin = admin_of(pkm)
    users.add_user(pkm, admin, username="operator1", full_name="", role="operator", password="Operator-1")
    operator = users.authenticate(pkm, "operator1", "Operator-1")
    with pytest.raises(StoreError, match="Hanya admin"):
        users.add_user(pkm, operator, username="x1", full_name="", role="admin", password="Operator-1")
    with pytest.raises(ValidationError):
        users.add_user(pkm, admin, username="operator1", full_name="", role="nakes", password="Operator-1")  # taken
    distrik = open_store(tmp_path / "dst")
    office.initialize(distrik, code="DST-MB", name="Distrik", kind="distrik", admin_username="admin",
                      admin_password=PASSWORD)
    try:
        with pytest.raises(ValidationError) as err:  # no nakes at a distrik office
            users.add_user(distrik, admin_of(distrik), username="bidan", full_name="", role="nakes",
                           password="Bidan-2026")
        assert err.value.errors[0].field == "role"
        assert "nakes" not in users.roles_here(distrik) and "nakes" in users.roles_here(pkm)
    finally:
        distrik.close()


def test_disable_reset_and_enable(pkm):
    admin = admin_of(pkm)
    user_id = users.add_user(pkm, admin, username="bidan", full_name="", role="nakes", password="Bidan-2026")
    users.set_active(pkm, admin, user_id, False)
    assert users.authenticate(pkm, "bidan", "Bidan-2026") is None
    assert pkm.read().execute("SELECT password_hash FROM users WHERE id = ?", (user_id,)).fetchone()[0] is None
    users.set_password(pkm, admin, user_id, "Baru-2026!")
    assert users.set_active(pkm, admin, user_id, True) is False  # it has a password again
    assert users.authenticate(pkm, "bidan", "Bidan-2026") is None
    assert users.authenticate(pkm, "bidan", "Baru-2026!")["username"] == "bidan"
    actions = [h["action"] for h in pkm.history("users", user_id)]
    assert actions == ["create", "disable", "password", "enable"]
    fields = [e["fields"] for e in pkm.outbox() if e["record_id"] == user_id]
    assert fields[1] == {"active": False} and set(fields[2]) == {"password_hash"} and fields[3] == {"active": True}
    users.set_active(pkm, admin, user_id, False)
    assert users.set_active(pkm, admin, user_id, True) is True  # enabled, but no password here until one is given
    assert users.authenticate(pkm, "bidan", "Baru-2026!") is None


def test_nobody_disables_themself_or_the_last_admin(pkm):
    admin = admin_of(pkm)
    with pytest.raises(StoreError, match="sendiri"):
        users.set_active(pkm, admin, admin["id"], False)
    kepala_id = users.add_user(pkm, admin, username="kapus", full_name="", role="kepala", password="Kepala-2026")
    kepala = users.authenticate(pkm, "kapus", "Kepala-2026")
    with pytest.raises(StoreError, match="terakhir"):
        users.set_active(pkm, kepala, admin["id"], False)
    with pytest.raises(StoreError, match="terakhir"):
        users.set_role(pkm, kepala, admin["id"], "operator")
    users.add_user(pkm, admin, username="admin2", full_name="", role="admin", password="Admin2-2026")
    users.set_active(pkm, kepala, admin["id"], False)  # another admin is active now
    assert users.authenticate(pkm, "admin", PASSWORD) is None
    users.set_active(pkm, kepala, kepala_id, True)


def test_failed_logins_wait_longer_and_a_restart_does_not_reset(tmp_path, pkm):
    for _ in range(users.FREE_FAILURES):
        assert users.login(pkm, "admin", "salah-salah") == users.LoginResult(None, 0)
    result = users.login(pkm, "admin", PASSWORD)  # even the right password waits now
    assert result.user is None and 0 < result.wait_seconds <= users.FIRST_WAIT_S
    data_dir = pkm.data_dir
    pkm.close()
    again = open_store(data_dir)
    try:
        assert 0 < users.seconds_to_wait(again, "admin") <= users.FIRST_WAIT_S
        row = again.read().execute("SELECT failures, last_failed_ms FROM login_failures").fetchone()
        later = row["last_failed_ms"] + users.FIRST_WAIT_S * 1000
        assert users.seconds_to_wait(again, "admin", now_ms=later) == 0
        assert users.wait_after(6) == 2 * users.FIRST_WAIT_S and users.wait_after(40) == users.MAX_WAIT_S
        # unknown names wait too: the delay tells nothing about which names exist
        for _ in range(users.FREE_FAILURES):
            users.login(again, "tidak-ada", "x")
        assert users.login(again, "tidak-ada", "x").wait_seconds > 0
    finally:
        again.close()


def test_a_cheap_hash_is_replaced_at_the_next_login(pkm, monkeypatch):
    monkeypatch.setenv(passwords.TEST_COST_ENV, "2048")
    users.add_user(pkm, admin_of(pkm), username="bidan", full_name="", role="nakes", password="Bidan-2026")
    with pkm.transaction() as tx:
        tx.execute("UPDATE users SET password_hash = ? WHERE username = 'bidan'", (hash_password("Bidan-2026", n=1024),))
    assert users.authenticate(pkm, "bidan", "Bidan-2026") is not None
    stored = pkm.read().execute("SELECT password_hash FROM users WHERE username = 'bidan'").fetchone()[0]
    assert stored.startswith("scrypt$2048$") and verify_password("Bidan-2026", stored)
    last = [e for e in pkm.outbox() if e["collection"] == "users"][-1]
    assert last["actor"] == "bidan" and set(last["fields"]) == {"password_hash"}  # the centre gets it too


# -- what the PC accepts from a server ------------------------------------------------------------

def refused(store) -> list[dict]:
    return [dict(r) for r in store.read().execute("SELECT * FROM refused_changes ORDER BY rowid")]


def test_users_of_another_office_or_without_one_are_set_aside_never_stored(pkm):
    replica = StoreReplica(pkm)
    hashed = hash_password("Curian-2026")
    replica.apply_changes([
        user_change(U_OTHER, {**NAKES, "username": "mata2", "password_hash": hashed}, office_id="PKM-XX"),
        user_change(U_BLANK, {**NAKES, "username": "kosong", "password_hash": hashed}, office_id=""),
        user_change(U_BAD, {**NAKES, "username": "rusak", "password_hash": "scrypt$1$2$3$x$y"}),
        user_change(U_GOOD, {**NAKES, "password_hash": hash_password("Bidan-2026")}),
    ], cursor=4)
    names = {u["username"] for u in users.list_users(pkm)}
    assert names == {"admin", "bidan"}
    kept = refused(pkm)
    assert [r["id"] for r in kept] == [U_OTHER, U_BLANK, U_BAD]
    assert "PKM-XX" in kept[0]["reason"] and kept[0]["reason_en"]
    assert all("scrypt$" not in r["body"] for r in kept)  # no hash kept even aside
    assert replica.cursor() == 4  # the rest went on


def test_an_incoming_change_cannot_blank_or_move_a_users_office_nor_plant_a_bad_hash(pkm):
    replica = StoreReplica(pkm)
    replica.apply_changes([user_change(U1, {**NAKES, "password_hash": hash_password("Bidan-2026")})], cursor=1)
    replica.apply_changes([user_change(U1, {**NAKES, "password_hash": hash_password("Jahat-2026")},
                                       office_id="", rev=4),
                           user_change(U1, {"password_hash": "scrypt$x"}, rev=5)], cursor=5)
    row = pkm.read().execute("SELECT office_id FROM users WHERE id = ?", (U1,)).fetchone()
    assert row["office_id"] == "PKM-TJ"
    assert users.authenticate(pkm, "bidan", "Bidan-2026") is not None
    assert users.authenticate(pkm, "bidan", "Jahat-2026") is None
    [kept] = refused(pkm)  # one row per record: its latest refusal
    assert kept["rev"] == 5 and "Hash kata sandi tidak sah" in kept["reason"]


def test_a_central_disable_stops_the_login_and_a_pending_local_edit_survives(pkm):
    replica = StoreReplica(pkm)
    replica.apply_changes([user_change(U1, {**NAKES, "password_hash": hash_password("Bidan-2026")})], cursor=1)
    users.set_password(pkm, admin_of(pkm), U1, "Lokal-2026")  # not pushed yet
    replica.apply_changes([user_change(U1, {**NAKES, "active": False,
                                              "password_hash": hash_password("Pusat-2026")}, rev=6)], cursor=6)
    assert users.authenticate(pkm, "bidan", "Lokal-2026") is None  # disabled centrally
    row = pkm.read().execute("SELECT active, rev, password_hash FROM users WHERE id = ?", (U1,)).fetchone()
    assert row["active"] == 0 and row["rev"] == 6 and verify_password("Lokal-2026", row["password_hash"])
    replica.apply_changes([user_change(U2, {**NAKES, "username": "perawat", "password_hash": hash_password("P-2026-ok")}),
                           user_change(U2, {**NAKES, "username": "perawat", "active": False,
                                              "password_hash": hash_password("P-2026-ok")}, rev=7)], cursor=7)
    row = pkm.read().execute("SELECT active, password_hash FROM users WHERE id = ?", (U2,)).fetchone()
    assert row["active"] == 0 and row["password_hash"] is None  # no hash kept of who may not log in
    replica.apply_changes([user_change(U1, {}, rev=7, deleted=True)], cursor=7)
    row = pkm.read().execute("SELECT active, password_hash FROM users WHERE id = ?", (U1,)).fetchone()
    assert row["active"] == 0 and row["password_hash"] is None


def test_the_migration_drops_hashes_of_other_offices(tmp_path):
    """A PC synced before this check may hold other offices' users: they go when it opens."""
    from desktop.store import db

    store = open_store(tmp_path / "old")
    office.initialize(store, code="PKM-TJ", name="Puskesmas", kind="puskesmas", admin_username="admin",
                      admin_password=PASSWORD)
    store.close()
    conn = db.connect(tmp_path / "old" / db.DB_FILENAME)
    with conn:
        conn.execute("INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only) "
                     "VALUES ('x', 'PKM-XX', 'asing', 'Asing', 'nakes', 'h', 1, 0)")
        conn.execute("INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only) "
                     "VALUES ('y', NULL, 'kosong', 'Kosong', 'nakes', 'h', 1, 0)")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm008_people_accounts'")
        for table in ("login_failures", "refused_changes"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("CREATE TABLE users_old AS SELECT id, office_id, username, full_name, role, password_hash, "
                     "active, local_only FROM users")
        conn.execute("DROP TABLE users")
        conn.execute("ALTER TABLE users_old RENAME TO users")
    conn.close()
    store = open_store(tmp_path / "old")
    try:
        assert [u["username"] for u in users.list_users(store)] == ["admin"]
    finally:
        store.close()


def test_anyone_changes_their_own_password_knowing_the_current_one(pkm):
    user_id = users.add_user(pkm, admin_of(pkm), username="bidan", full_name="", role="nakes", password="Bidan-2026")
    nakes = users.authenticate(pkm, "bidan", "Bidan-2026")
    with pytest.raises(ValidationError) as err:
        users.change_own_password(pkm, nakes, "salah-salah", "Sendiri-2026")
    assert err.value.errors[0].field == "current"
    users.change_own_password(pkm, nakes, "Bidan-2026", "Sendiri-2026")
    assert users.authenticate(pkm, "bidan", "Sendiri-2026") is not None
    last = [e for e in pkm.outbox() if e["record_id"] == user_id][-1]
    assert last["actor"] == "bidan" and set(last["fields"]) == {"password_hash"}  # the server lets a user do this
