"""The store as a sync replica: pages apply atomically with the cursor; unpushed local edits survive."""

from __future__ import annotations

import stat

import pytest

from desktop.domain import letters
from desktop.domain.credentials import FALLBACK_FILE, TokenStore
from desktop.store.db import connect as connect_db
from desktop.store.replica import StoreReplica
from sync.passwords import hash_password

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}
STAMP = "1795817093777-00000-server"


def server_change(record_id, fields, rev, **extra):
    return {"collection": "letters", "id": record_id, "office_id": "DST-MB", "rev": rev, "hlc": STAMP,
            "deleted": False, "fields": fields, "field_hlc": {k: STAMP for k in fields}, **extra}


def test_pending_mutations_follow_the_outbox(store):
    change = letters.register_incoming(store, MASUK, actor="admin")
    replica = StoreReplica(store)
    [m] = replica.pending_mutations(10)
    assert m["id"] == change.record_id and m["mseq"] == 1 and m["op"] == "put" and m["actor"] == "admin"
    assert replica.outbox_size() == 1


def test_acknowledge_drops_applied_and_keeps_rejected_with_reasons(store):
    for i in range(3):
        letters.register_incoming(store, {**MASUK, "perihal": f"Surat {i}"}, actor="admin")
    replica = StoreReplica(store)
    replica.acknowledge(2, [{"mseq": 1, "status": "applied", "rev": 10},
                            {"mseq": 2, "status": "rejected", "errors": [{"field": "sifat", "message": "salah"}]}])
    assert [m["mseq"] for m in replica.pending_mutations(10)] == [3]
    row = store.read().execute("SELECT * FROM rejected").fetchone()
    assert row["mseq"] == 2 and "salah" in row["errors"]


def test_apply_changes_creates_records_and_advances_cursor_together(store):
    replica = StoreReplica(store)
    rid = "01a21f0b-0000-7000-8000-000000000001"
    fields = {**MASUK, "direction": "masuk", "year": 2026, "seq": 9, "updated_by": "pc2", "catatan_baru": "x"}
    replica.apply_changes([server_change(rid, fields, rev=5)], cursor=5)
    record = store.get("letters", rid)
    assert record["seq"] == 9 and record["rev"] == 5 and record["catatan_baru"] == "x"
    assert replica.cursor() == 5
    assert store.history("letters", rid)[-1]["source"] == "sync"
    assert replica.outbox_size() == 0  # applying server changes never queues them back up


def test_a_change_the_store_cannot_take_is_set_aside_and_the_page_goes_on(store):
    conn = connect_db(store.path)
    conn.execute("CREATE TRIGGER fail_second BEFORE INSERT ON letters WHEN NEW.seq = 2 "
                 "BEGIN SELECT RAISE(ABORT, 'injected'); END")
    conn.commit()
    conn.close()
    replica = StoreReplica(store)
    pages = [server_change(f"01a21f0b-0000-7000-8000-00000000000{n}", {**MASUK, "direction": "masuk",
                                                                       "year": 2026, "seq": n}, rev=n)
             for n in (1, 2)]
    assert replica.apply_changes(pages, cursor=2) == 1
    assert replica.cursor() == 2
    assert store.count("letters") == 1
    reason = store.read().execute("SELECT reason_en FROM refused_changes").fetchone()[0]
    assert "injected" in reason


def test_a_failing_disk_changes_nothing_not_even_the_cursor(store):
    """Trouble that is not the change's fault (disk full, I/O) fails the whole page: it is retried."""
    from desktop.store.driver import sqlite3

    conn = connect_db(store.path)
    conn.execute("CREATE TRIGGER fail_second BEFORE INSERT ON letters WHEN NEW.seq = 2 "
                 "BEGIN SELECT no_such_function(); END")
    conn.commit()
    conn.close()
    replica = StoreReplica(store)
    pages = [server_change(f"01a21f0b-0000-7000-8000-00000000000{n}", {**MASUK, "direction": "masuk",
                                                                       "year": 2026, "seq": n}, rev=n)
             for n in (1, 2)]
    with pytest.raises(sqlite3.OperationalError):
        replica.apply_changes(pages, cursor=2)
    assert replica.cursor() == 0
    assert store.count("letters") == 0


def test_a_duplicate_number_from_sync_does_not_block_sync(store):
    letters.register_incoming(store, MASUK, actor="admin")
    replica = StoreReplica(store)
    other = server_change("01a21f0b-0000-7000-8000-000000000009", {**MASUK, "direction": "masuk", "year": 2026,
                                                                   "seq": 1}, rev=3)
    replica.apply_changes([other], cursor=3)
    assert replica.cursor() == 3 and store.count("letters") == 2


def test_unpushed_local_edit_is_not_overwritten_by_an_incoming_change(store):
    change = letters.register_incoming(store, MASUK, actor="admin")
    replica = StoreReplica(store)
    replica.acknowledge(1, [{"mseq": 1, "status": "applied", "rev": 3}])
    letters.update_letter(store, change.record_id, {"perihal": "Edit lokal"}, actor="admin")
    replica.apply_changes([server_change(change.record_id, {"perihal": "Edit server", "asal": "Bupati"}, rev=4)],
                          cursor=4)
    record = store.get("letters", change.record_id)
    assert record["perihal"] == "Edit lokal"  # pending: the push decides
    assert record["asal"] == "Bupati"  # not pending: the server's value lands
    assert record["rev"] == 4


def test_users_arrive_with_password_hash_and_replace_the_local_admin(store):
    from desktop.domain import users

    replica = StoreReplica(store)
    replica.apply_changes([{"collection": "users", "id": "01a21f0b-0000-7000-8000-0000000000a1", "office_id": "DST-MB", "rev": 1, "hlc": STAMP,
                            "deleted": False, "fields": {"username": "admin", "full_name": "Admin Pusat",
                                                         "role": "kepala", "password_hash": hash_password("baru123"),
                                                         "active": True}}], cursor=1)
    assert users.authenticate(store, "admin", "rahasia1") is None
    user = users.authenticate(store, "admin", "baru123")
    assert user["role"] == "kepala" and user["local_only"] == 0


def test_unknown_collection_is_kept_verbatim(store):
    replica = StoreReplica(store)
    replica.apply_changes([{"collection": "inventaris", "id": "01a21f0b-0000-7000-8000-0000000000b1", "office_id": "DST-MB", "rev": 7,
                            "hlc": STAMP, "deleted": False, "fields": {"nama": "Laptop"}}], cursor=7)
    row = store.read().execute("SELECT body FROM unknown_records WHERE id = '01a21f0b-0000-7000-8000-0000000000b1'").fetchone()
    assert "Laptop" in row[0]


def test_clock_offset_is_learned_from_server_time(store):
    replica = StoreReplica(store)
    ten_years = 10 * 365 * 24 * 3600 * 1000
    replica.observe_server_time(server_ms=1_800_000_000_000, sent_ms=1_800_000_000_000 - ten_years - 100,
                                received_ms=1_800_000_000_000 - ten_years + 100)
    assert store.clock.offset_ms == ten_years
    assert int(store.meta("clock_offset_ms")) == ten_years


def test_token_without_keyring_goes_to_an_owner_only_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")
    tokens = TokenStore(tmp_path, "dev1")
    assert not tokens.uses_keyring and "keyring" in tokens.warning[0].lower()
    tokens.save("s3cret")
    path = tmp_path / FALLBACK_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert TokenStore(tmp_path, "dev1").load() == "s3cret"
    tokens.clear()
    assert tokens.load() is None


def test_an_edit_queued_behind_unpushed_edits_claims_only_what_they_had_seen(store):
    """The incoming change at rev 4 was not applied to the pending field, so a second local edit of it
    must not tell the server "I saw rev 4" (it would overwrite rev 4's value without a conflict)."""
    change = letters.register_incoming(store, MASUK, actor="admin")
    replica = StoreReplica(store)
    replica.acknowledge(1, [{"mseq": 1, "status": "applied", "rev": 3}])
    replica.apply_changes([server_change(change.record_id, {"perihal": MASUK["perihal"]}, rev=3)], cursor=3)
    letters.update_letter(store, change.record_id, {"perihal": "Edit lokal 1"}, actor="admin")
    replica.apply_changes([server_change(change.record_id, {"perihal": "Edit kantor lain"}, rev=4)], cursor=4)
    letters.update_letter(store, change.record_id, {"perihal": "Edit lokal 2"}, actor="admin")
    assert [m["base_rev"] for m in replica.pending_mutations(10)] == [3, 3]


def test_the_outbox_is_found_by_record_through_an_index(store):
    """Applying a change asks which outbox entries wait for its record: an index lookup, whatever the
    outbox length (was a full scan per record: quadratic for a PC offline for weeks)."""
    plan = store.read().execute(
        "EXPLAIN QUERY PLAN SELECT fields FROM outbox WHERE collection = ? AND record_id = ?",
        ("letters", "x")).fetchall()
    assert any("outbox_by_record" in row[-1] for row in plan), plan


def test_an_exact_acknowledgement_sets_the_rev_of_the_row(store):
    rid = letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinsos", "perihal": "A",
                                            "sifat": "biasa"}, actor="op").record_id
    replica = StoreReplica(store)
    (m,) = [m for m in replica.pending_mutations(10) if m["id"] == rid]
    replica.acknowledge(m["mseq"], [{"mseq": m["mseq"], "status": "applied", "rev": 41, "exact": True}])
    assert store.read().execute("SELECT rev FROM letters WHERE id = ?", (rid,)).fetchone()[0] == 41
    assert replica.outbox_size() == 0 and replica.no_echo


def test_storing_a_rev_leaves_the_search_index_alone_and_an_edit_still_reindexes(store):
    rid = letters.register_incoming(store, {**MASUK, "perihal": "Undangan musrenbang"}, actor="op").record_id
    au = store.read().execute("SELECT sql FROM sqlite_master WHERE name = 'letters_au'").fetchone()[0]
    assert 'AFTER UPDATE OF "nomor_surat"' in au  # not on every column (rev, field_hlc, ...)
    with store.transaction() as tx:
        tx.execute("UPDATE letters SET rev = 7 WHERE id = ?", (rid,))
    letters.update_letter(store, rid, {"perihal": "Rapat stunting"}, actor="op")

    def found(word):
        return store.read().execute("SELECT count(*) FROM letters_fts WHERE letters_fts MATCH ?", (word,)).fetchone()[0]

    assert found("stunting") == 1 and found("musrenbang") == 0
