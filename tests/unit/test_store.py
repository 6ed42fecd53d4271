"""The store's invariants on real SQLite files: one save = row + outbox + audit, or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import uuid

import pytest
import sqlite_utils

from desktop.domain import letters
from desktop.store import db as dbmod
from desktop.store.db import DiskFullError, NotALayanDatabase, StoreError
from desktop.store.db import connect as connect_db
from desktop.store.driver import sqlite3
from desktop.store.records import RecordNotFound, ValidationError

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Sekretariat Daerah", "perihal": "Undangan rapat", "sifat": "segera"}


def counts(store) -> tuple[int, int, int]:
    conn = store.read()
    return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("letters", "outbox", "audit"))


def test_save_writes_row_outbox_and_audit_together(store):
    before = counts(store)
    change = letters.register_incoming(store, MASUK, actor="admin")
    assert counts(store) == (before[0] + 1, before[1] + 1, before[2] + 1)
    record = store.get("letters", change.record_id)
    assert uuid.UUID(record["id"]).version == 7
    assert record["seq"] == 1 and record["year"] == 2026 and record["office_id"] == "DST-MB"
    [entry] = [e for e in store.outbox() if e["record_id"] == change.record_id]
    assert entry["op"] == "put" and entry["base_rev"] == 0
    assert entry["fields"]["perihal"] == "Undangan rapat"
    assert entry["hlc"] == record["hlc"]


def test_edit_sends_only_changed_fields_and_mseq_rises_by_one(store):
    change = letters.register_incoming(store, MASUK, actor="admin")
    letters.update_letter(store, change.record_id, {"perihal": "Undangan rapat koordinasi", "asal": MASUK["asal"]},
                          actor="operator1")
    entries = store.outbox()
    assert [e["mseq"] for e in entries] == list(range(entries[0]["mseq"], entries[0]["mseq"] + len(entries)))
    last = entries[-1]
    assert set(last["fields"]) == {"perihal", "updated_at", "updated_by"}
    history = store.history("letters", change.record_id)
    assert history[-1]["actor"] == "operator1"
    assert history[-1]["changes"] == {"perihal": ["Undangan rapat", "Undangan rapat koordinasi"]}


def test_unchanged_save_writes_nothing(store):
    change = letters.register_incoming(store, MASUK, actor="admin")
    before = counts(store)
    result = letters.update_letter(store, change.record_id, {"perihal": MASUK["perihal"]}, actor="admin")
    assert result.action == "none"
    assert counts(store) == before


def test_failure_between_row_and_outbox_leaves_neither(store):
    """A real SQLite failure on the outbox insert must roll back the row and the audit entry too."""
    conn = connect_db(store.path)
    conn.execute("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'injected'); END")
    conn.commit()
    conn.close()
    before = counts(store)
    with pytest.raises(sqlite3.IntegrityError, match="injected"):
        letters.register_incoming(store, MASUK, actor="admin")
    assert counts(store) == before
    assert store.read().execute("SELECT count(*) FROM letters_fts WHERE letters_fts MATCH 'undangan'").fetchone()[0] == 0
    # The number was not burnt either: the next letter still gets agenda number 1.
    conn = connect_db(store.path)
    conn.execute("DROP TRIGGER fail_outbox")
    conn.commit()
    conn.close()
    change = letters.register_incoming(store, MASUK, actor="admin")
    assert store.get("letters", change.record_id)["seq"] == 1


def test_validation_error_names_the_field_and_changes_nothing(store):
    before = counts(store)
    with pytest.raises(ValidationError) as info:
        letters.register_incoming(store, {**MASUK, "perihal": "", "tanggal_terima": "2026-02-30"}, actor="admin")
    fields = {e.field for e in info.value.errors}
    assert {"perihal", "tanggal_terima"} <= fields
    assert "wajib diisi" in info.value.message
    assert counts(store) == before


def test_unknown_fields_are_kept(store):
    change = store.save("letters", {**MASUK, "direction": "masuk", "year": 2026, "seq": 5, "nomor_lama": "A/1"},
                        actor="admin")
    assert store.get("letters", change.record_id)["nomor_lama"] == "A/1"
    store.save("letters", {"perihal": "Baru"}, record_id=change.record_id, actor="admin")
    assert store.get("letters", change.record_id)["nomor_lama"] == "A/1"


def test_delete_is_a_tombstone_with_outbox_and_audit(store):
    change = letters.register_incoming(store, MASUK, actor="admin")
    store.delete("letters", change.record_id, actor="admin")
    with pytest.raises(RecordNotFound):
        store.get("letters", change.record_id)
    assert store.get("letters", change.record_id, include_deleted=True)["deleted"] == 1
    assert store.outbox()[-1]["op"] == "delete"
    assert store.history("letters", change.record_id)[-1]["action"] == "delete"


def test_disposisi_is_append_only(store):
    letter = letters.register_incoming(store, MASUK, actor="admin")
    d = letters.add_disposition(store, letter.record_id, {"kepada": "Sekretaris Distrik", "instruksi": "Tindak lanjuti"},
                                actor="kepala")
    with pytest.raises(StoreError, match="tidak bisa diubah"):
        store.save("dispositions", {"catatan": "ubah"}, record_id=d.record_id, actor="kepala")
    [only] = letters.dispositions(store, letter.record_id)
    assert only["created_by"] == "kepala" and only["kepada"] == "Sekretaris Distrik"


def test_full_disk_gives_a_clear_message_and_keeps_earlier_data(store):
    kept = letters.register_incoming(store, MASUK, actor="admin")
    pages = store._write_conn.execute("PRAGMA page_count").fetchone()[0]
    store._write_conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk full" (SQLITE_FULL)
    with pytest.raises(DiskFullError) as info:
        with store.transaction() as tx:
            for _ in range(200):
                letters.register(tx, "masuk", {**MASUK, "keterangan": "x" * 2000}, actor="admin")
    assert "Penyimpanan penuh" in info.value.message
    assert store.count("letters") == 1
    assert store.get("letters", kept.record_id)["perihal"] == MASUK["perihal"]


def test_other_sqlite_file_is_refused(tmp_path):
    other = tmp_path / "layan.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE foo(x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotALayanDatabase):
        dbmod.open_database(other)


def test_migration_from_previous_schema_version_keeps_data(tmp_path):
    path = tmp_path / "layan.sqlite3"
    conn = dbmod.connect(path)
    db = sqlite_utils.Database(conn)
    dbmod.migration_set().apply(db, stop_before="m002_numbering_and_rejections")
    assert not db["number_blocks"].exists()
    conn.execute("INSERT INTO meta VALUES ('office_code', 'DST-MB')")
    conn.execute("INSERT INTO letters(id, office_id, direction, year, seq, perihal, sifat) "
                 "VALUES ('01', 'DST-MB', 'masuk', 2025, 7, 'Lama', 'biasa')")
    conn.close()
    conn = dbmod.open_database(path)
    names = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == [fn.__name__ for fn in dbmod.MIGRATIONS]
    assert conn.execute("SELECT perihal FROM letters WHERE id = '01'").fetchone()[0] == "Lama"
    assert conn.execute("SELECT count(*) FROM number_blocks").fetchone()[0] == 0
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migration_from_empty_creates_every_collection_table(tmp_path):
    from sync.schema import collections

    conn = dbmod.open_database(tmp_path / "layan.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(collections()) <= tables
    assert {"meta", "outbox", "audit", "users", "number_blocks", "rejected"} <= tables
    assert conn.execute("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID


BURST = textwrap.dedent("""
    import sys
    from desktop.domain import letters, open_store
    store = open_store(sys.argv[1])
    for i in range(100000):
        change = letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "A",
                                                    "perihal": f"burst {i}", "sifat": "biasa"}, actor="admin")
        print(change.record_id, flush=True)  # printed only after COMMIT returned: acknowledged
""")


def test_kill_9_during_a_burst_loses_no_acknowledged_save(data_dir):
    proc = subprocess.Popen([sys.executable, "-c", BURST, str(data_dir)], stdout=subprocess.PIPE, text=True)
    acknowledged = []
    try:
        for line in proc.stdout:
            acknowledged.append(line.strip())
            if len(acknowledged) >= 150:
                break
    finally:
        proc.kill()  # SIGKILL: no cleanup, no checkpoint
        proc.wait()
        proc.stdout.close()
    assert len(acknowledged) >= 150
    conn = connect_db(data_dir / "layan.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    present = {r[0] for r in conn.execute("SELECT id FROM letters")}
    assert set(acknowledged) <= present
    # And each acknowledged letter still has its outbox entry: nothing to sync was lost either.
    queued = {r[0] for r in conn.execute("SELECT record_id FROM outbox")}
    assert set(acknowledged) <= queued
    seqs = [r[0] for r in conn.execute("SELECT seq FROM letters WHERE direction = 'masuk' ORDER BY seq")]
    assert seqs == list(range(1, len(seqs) + 1))
    conn.close()


def test_status_json_counts(store):
    from desktop.domain import status

    letters.register_incoming(store, MASUK, actor="admin")
    summary = status.summary(store)
    assert summary["office"]["code"] == "DST-MB"
    assert summary["counts"]["surat_masuk"] == 1
    assert summary["waiting_to_sync"] == 1
    json.dumps(summary)


def test_a_field_added_to_a_schema_becomes_a_column_on_open(store, tmp_path, monkeypatch):
    """Additive schema change (a newer release or a pushed schema): no rebuild, the data stays."""
    import shutil

    from sync import schema

    change = letters.register_incoming(store, MASUK, actor="admin")
    store.close()
    resources = tmp_path / "resources"
    shutil.copytree(schema.resources_dir(), resources)
    path = resources / "schema" / "letters.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["properties"]["nomor_srikandi"] = {"type": "string", "x-label": {"id": "Nomor SRIKANDI", "en": "SRIKANDI no."}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("LAYAN_RESOURCES", str(resources))
    schema.collections.cache_clear()
    try:
        from desktop.domain import open_store

        reopened = open_store(store.data_dir)
        columns = {r[1] for r in reopened.read().execute("PRAGMA table_info(letters)")}
        assert "nomor_srikandi" in columns
        reopened.save("letters", {"nomor_srikandi": "S-1"}, record_id=change.record_id, actor="admin")
        assert reopened.get("letters", change.record_id)["nomor_srikandi"] == "S-1"
        assert reopened.get("letters", change.record_id)["perihal"] == MASUK["perihal"]
        reopened.close()
    finally:
        monkeypatch.delenv("LAYAN_RESOURCES")
        schema.collections.cache_clear()
