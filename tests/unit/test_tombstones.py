"""Deleted records keep no personal fields on the PC (sync/tombstones.py, desktop/store/tombstones.py):
the row, the outbox, the audit, refusals and conflicts are stripped, and the decrypted file, free
pages and WAL included, no longer holds the NIK or the name. Real SQLCipher files."""

from __future__ import annotations

import json

from desktop.domain import services
from desktop.store import keys
from desktop.store.db import DB_FILENAME
from desktop.store.records import Store
from desktop.store.replica import StoreReplica
from sync import tombstones
from sync.schema import collections
from tests.tools.sqlcipher_pages import decrypted
from tests.unit.test_services_samples import TODAY, sample

NIK = "9404014101900001"
NAME = "Yohana Magaiwanggi"


def file_bytes(store: Store) -> bytes:
    return decrypted(store.path, keys.load_key(store.data_dir))


def new_request(store: Store) -> str:
    saved = services.new_request(store, "domisili", sample("domisili", nik=NIK, nama=NAME), actor="admin",
                                 today=TODAY)
    return saved["id"]


def test_the_keep_list_names_real_fields_and_never_a_personal_one():
    personal = {"nik", "no_kk", "nama", "nik_ibu", "alamat", "telepon", "pelapor_nama", "pelapor_kontak", "uraian",
                "perihal", "asal", "tujuan", "details", "diagnosa", "anamnesis", "catatan", "lost_value", "won_value"}
    for name, coll in collections().items():
        keep = tombstones.kept(name)
        assert not keep & personal, name
        assert keep - set(coll.properties) <= {"created_at", "created_by", "updated_at", "updated_by"}, name


def test_a_delete_strips_the_row_the_outbox_the_audit_and_the_file(store):
    rid = new_request(store)
    services_row = store.get("service_requests", rid)
    tracking = services_row["tracking_code"]
    assert NAME.encode() in file_bytes(store)  # the check below can fail: the name was there
    # Copies elsewhere: a refusal by the server and a conflict about it.
    with store.transaction() as tx:
        tx.execute("INSERT INTO rejected(mseq, collection, record_id, fields, errors, at) VALUES (999, "
                   "'service_requests', ?, ?, '[]', 'now')", (rid, json.dumps({"nama": NAME, "nik": NIK})))
    StoreReplica(store).apply_changes([{  # as the server sends it
        "collection": "conflicts", "id": "0193a000-0000-7000-8000-000000000001", "office_id": store.office_id,
        "rev": 3, "hlc": store.clock.now(), "deleted": False, "field_hlc": {},
        "fields": {"collection": "service_requests", "record_id": rid, "field": "nama", "kind": "field",
                   "lost_value": NAME + " lama", "won_value": NAME, "resolved": False}}], 3)
    store.delete("service_requests", rid, actor="admin")

    row = store.get("service_requests", rid, include_deleted=True)
    assert row["deleted"] == 1 and row["tracking_code"] == tracking
    assert row["nama"] is None and row["nik"] is None and row["alamat"] is None
    assert set(row["field_hlc"]) <= tombstones.kept("service_requests")
    # Never sent: the waiting create became a delete, so the server never gets the name either.
    entries = [e for e in store.outbox() if e["record_id"] == rid]
    assert {e["op"] for e in entries} == {"delete"}
    history = store.history("service_requests", rid)
    assert history and NAME not in json.dumps(history) and NIK not in json.dumps(history)
    [conflict] = store.find("conflicts", "record_id = ?", (rid,))
    assert conflict["lost_value"] is None and conflict["won_value"] is None and conflict["field"] == "nama"
    rejected = store.read().execute("SELECT fields FROM rejected WHERE mseq = 999").fetchone()[0]
    assert NAME not in rejected
    data = file_bytes(store)
    assert NAME.encode() not in data and NIK.encode() not in data
    assert not (store.data_dir / (DB_FILENAME + "-wal")).exists() or \
        (store.data_dir / (DB_FILENAME + "-wal")).stat().st_size == 0


def test_a_record_deleted_before_it_ever_reached_the_server_leaves_no_rejection(store):
    rid = new_request(store)
    store.delete("service_requests", rid, actor="admin")
    replica = StoreReplica(store)
    sent = replica.pending_mutations(100)
    results = [{"mseq": m["mseq"], "status": "rejected",
                "errors": [{"field": "", "message": "Data yang akan dihapus tidak ada di server.",
                            "message_en": "The record to delete does not exist on the server."}]}
               if m["id"] == rid else {"mseq": m["mseq"], "status": "applied", "rev": 1} for m in sent]
    replica.acknowledge(sent[-1]["mseq"], results)
    assert store.outbox_size() == 0
    assert store.read().execute("SELECT count(*) FROM rejected").fetchone()[0] == 0


def test_a_delete_that_arrives_by_sync_strips_the_row_and_waiting_edits(store):
    rid = new_request(store)
    replica = StoreReplica(store)
    sent = replica.pending_mutations(100)
    replica.acknowledge(sent[-1]["mseq"], [{"mseq": m["mseq"], "status": "applied", "rev": 5} for m in sent])
    row = store.get("service_requests", rid)
    replica.apply_changes([{"collection": "service_requests", "id": rid, "office_id": store.office_id, "rev": 5,
                            "hlc": row["hlc"], "deleted": False, "fields": {}, "field_hlc": {}}], 5)
    store.save("service_requests", {"alamat": "Jalan Baru 7"}, record_id=rid, actor="admin")  # waits to go up
    replica.apply_changes([{"collection": "service_requests", "id": rid, "office_id": store.office_id, "rev": 9,
                            "hlc": store.clock.now(), "deleted": True,
                            "fields": {"tracking_code": row["tracking_code"]}, "field_hlc": {}}], 9)
    after = store.get("service_requests", rid, include_deleted=True)
    assert after["deleted"] == 1 and after["nama"] is None and after["alamat"] is None
    [waiting] = [e for e in store.outbox() if e["record_id"] == rid]
    assert waiting["op"] == "put" and "alamat" not in waiting["fields"]
    assert NAME.encode() not in file_bytes(store) and b"Jalan Baru 7" not in file_bytes(store)


def test_m013_strips_tombstones_written_before(store):
    rid = new_request(store)
    with store.transaction() as tx:  # a delete as older versions made it: fields kept
        tx.execute("UPDATE service_requests SET deleted = 1 WHERE id = ?", (rid,))
        tx.execute("DELETE FROM _sqlite_migrations WHERE name = 'm013_strip_tombstones'")
    data_dir = store.data_dir
    store.close()
    reopened = Store(data_dir)
    try:
        row = reopened.get("service_requests", rid, include_deleted=True)
        assert row["nama"] is None and row["nik"] is None and row["tracking_code"]
        assert NAME not in json.dumps(reopened.history("service_requests", rid))
        assert NAME not in json.dumps(reopened.outbox())
    finally:
        reopened.close()

