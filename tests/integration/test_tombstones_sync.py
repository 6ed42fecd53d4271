"""Deleted records keep no personal fields, end to end (sync/tombstones.py): two real desktop PCs of a
puskesmas and the real server, over SQLite and PostgreSQL. After a patient is deleted on one PC, its
NIK, name and address are gone from both PCs' decrypted files, from the server's database and from
what the server sends; a concurrent edit of the deleted patient on the other PC never brings it back,
is shown as a conflict without values, and every PC converges."""

from __future__ import annotations

import json

import psycopg
import pytest

from desktop.domain import syncing
from desktop.domain.conflicts import open_conflicts, restore_conflict
from desktop.domain.health import patients
from desktop.store import keys
from desktop.store.db import StoreError
from tests.tools.sqlcipher_pages import decrypted

NIK = "9404014101900001"
NAME = "Maria Waropenawanggi"
ADDRESS = "Jalan Cenderawasih Ujung 17"
KEPT_NAME = "Yosep Kogoyawanggi"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def sync_ok(store) -> None:
    report = syncing.run_sync(store)
    assert report.ok, report.error
    assert report.waiting == 0


def on_disk(store) -> bytes:
    return decrypted(store.path, keys.load_key(store.data_dir))


def server_text(server) -> str:
    """Everything the server's database holds, as a thief of the disk would read it: SQLite's file and
    WAL as raw bytes (the server stopped: its WAL folded in); PostgreSQL's rows of every table."""
    if server.db_url is None:
        server.stop()
        return b"".join(p.read_bytes() for p in server.data_dir.glob("layan-server.sqlite3*")).decode("latin-1")
    url = server.db_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return "\n".join(str(row[0]) for t in tables for row in conn.execute(f'SELECT row_to_json(t)::text FROM "{t}" t'))


@pytest.mark.parametrize("fresh_server", BACKENDS, indirect=True)
def test_a_deleted_patient_leaves_no_nik_or_name_on_the_pcs_or_the_server(fresh_server, tmp_path):
    server = fresh_server()
    office = server.new_office("puskesmas")
    pc1 = server.desktop_pc(tmp_path / "pc1", office, kind="puskesmas")
    pc2 = server.desktop_pc(tmp_path / "pc2", office, kind="puskesmas", initialize=False)
    nakes = {"username": "bidan", "role": "nakes", "office_id": office, "active": 1}
    try:
        pid = patients.register_patient(pc1, nakes, {"nama": NAME, "nik": NIK, "jenis_kelamin": "P",
                                                     "tanggal_lahir": "1990-01-01", "kampung": "Kwamki"}).record_id
        patients.update_patient(pc1, nakes, pid, {"alamat": ADDRESS})
        no_rm = pc1.get("patients", pid)["no_rm"]
        patients.register_patient(pc1, nakes, {"nama": KEPT_NAME, "jenis_kelamin": "L", "umur_tahun": 40})
        for store in (pc1, pc2):
            sync_ok(store)
        assert pc2.get("patients", pid)["nama"] == NAME and server.storage.record(pid)["fields"]["nik"] == NIK
        assert NAME.encode() in on_disk(pc2)  # the checks below can fail

        pc2.delete("patients", pid, actor="bidan")
        for store in (pc2, pc1):
            sync_ok(store)

        for store in (pc1, pc2):
            row = store.get("patients", pid, include_deleted=True)
            assert row["deleted"] == 1 and row["no_rm"] == no_rm  # the number is never given again
            assert row["nama"] is None and row["nik"] is None and row["alamat"] is None
            data = on_disk(store)
            for needle in (NIK, NAME, ADDRESS):
                assert needle.encode() not in data, (store.data_dir.name, needle)
        rec = server.storage.record(pid)
        assert rec["deleted"] is True and rec["fields"]["no_rm"] == no_rm
        assert not {"nama", "nik", "alamat", "tanggal_lahir", "kampung"} & set(rec["fields"])
        newcomer = server.new_device(office)
        sent = newcomer.pull_all()[pid]
        assert sent["deleted"] is True and "nama" not in sent["fields"] and "nama" not in sent["field_hlc"]
        text = server_text(server)
        assert KEPT_NAME in text  # a patient not deleted: the check reads what is there
        for needle in (NIK, NAME, ADDRESS):
            assert needle not in text, needle
    finally:
        pc1.close()
        pc2.close()


@pytest.mark.parametrize("edit_first", [False, True], ids=["delete-first", "edit-first"])
def test_a_concurrent_edit_never_revives_a_deleted_patient_and_both_pcs_converge(server, tmp_path, edit_first):
    office = server.new_office("puskesmas")
    pc1 = server.desktop_pc(tmp_path / "pc1", office, kind="puskesmas")
    pc2 = server.desktop_pc(tmp_path / "pc2", office, kind="puskesmas", initialize=False)
    nakes = {"username": "bidan", "role": "nakes", "office_id": office, "active": 1}
    try:
        pid = patients.register_patient(pc1, nakes, {"nama": NAME, "nik": NIK, "jenis_kelamin": "P",
                                                     "tanggal_lahir": "1990-01-01"}).record_id
        for store in (pc1, pc2):
            sync_ok(store)
        # Offline at the same time: PC 1 deletes the patient, PC 2 (later by the clock) edits the address.
        pc1.delete("patients", pid, actor="kepala")
        patients.update_patient(pc2, nakes, pid, {"alamat": ADDRESS})
        order = (pc2, pc1, pc2, pc1) if edit_first else (pc1, pc2, pc1, pc2)
        for store in order:
            sync_ok(store)

        rec = server.storage.record(pid)
        assert rec["deleted"] is True and "alamat" not in rec["fields"] and "nama" not in rec["fields"]
        for store in (pc1, pc2):
            row = store.get("patients", pid, include_deleted=True)
            assert row["deleted"] == 1 and row["alamat"] is None and row["nama"] is None
            assert store.read().execute("SELECT count(*) FROM rejected").fetchone()[0] == 0
            assert ADDRESS.encode() not in on_disk(store) and NAME.encode() not in on_disk(store)
            [conflict] = open_conflicts(store, "patients", pid)
            # The clerk sees who edited which field of the deleted patient, when; never the value.
            assert conflict["kind"] == "edit_vs_delete" and conflict["lost_actor"] == "bidan"
            assert conflict["lost_value"] == ["alamat"] and ADDRESS not in json.dumps(conflict)
            with pytest.raises(StoreError, match="dihapus"):
                restore_conflict(store, conflict["id"], actor="bidan")
        same = "SELECT id, no_rm, nama, alamat, deleted FROM patients ORDER BY id"
        assert [tuple(r) for r in pc1.read().execute(same)] == [tuple(r) for r in pc2.read().execute(same)]
    finally:
        pc1.close()
        pc2.close()


def _old_style_tombstone(server, device, office: str, *, before_upgrade: bool) -> tuple[str, str]:
    """A patient deleted by an older server (its fields kept), with a conflict that recorded its name;
    returns (patient id, conflict id). ``before_upgrade``: the database was never opened by a server that
    strips (else the one-off strip is done, and only ``strip-tombstones`` strips it)."""
    from sqlalchemy import delete, update

    from sync.server.storage import meta_table, records
    from tests.integration.conftest import new_id

    pid, cid = new_id(), new_id()
    device.sync(device.mut("patients", pid, {"no_rm": "RM-000009", "nama": NAME, "nik": NIK, "jenis_kelamin": "P",
                                             "tanggal_lahir": "1990-01-01"}))
    device.sync(device.mut("conflicts", cid, {"collection": "patients", "record_id": pid, "field": "nama",
                                              "lost_value": NAME, "won_value": "Maria W."}))
    with server.storage.write() as conn:
        conn.execute(update(records).where(records.c.id == pid).values(deleted=True))
        if before_upgrade:
            conn.execute(delete(meta_table).where(meta_table.c.key == "tombstones_stripped"))
    return pid, cid


@pytest.mark.parametrize("fresh_server", BACKENDS, indirect=True)
def test_tombstones_stored_before_are_stripped_at_start_and_on_demand(fresh_server):
    server = fresh_server()
    office = server.new_office("puskesmas")
    device = server.new_device(office)
    pid, cid = _old_style_tombstone(server, device, office, before_upgrade=False)
    assert server.storage.record(pid)["fields"]["nama"] == NAME
    out = server.cli("strip-tombstones").stdout
    assert "stripped 1 deleted records and 1 conflicts" in out
    server.stop()  # its Storage is opened again below, as a restarted server would

    server.start()
    device = server.new_device(office)
    pid2, _ = _old_style_tombstone(server, device, office, before_upgrade=True)
    server.stop()
    server.start()  # the one-off strip runs when the database is opened
    for rid in (pid, pid2):
        rec = server.storage.record(rid)
        assert rec["deleted"] is True and rec["fields"]["no_rm"] == "RM-000009"
        assert "nama" not in rec["fields"] and "nik" not in rec["fields"] and "nama" not in rec["field_hlc"]
    conflict = server.storage.record(cid)["fields"]
    assert conflict["field"] == "nama" and conflict["lost_value"] is None and conflict["won_value"] is None
    assert NAME not in server_text(server) and NIK not in server_text(server)
