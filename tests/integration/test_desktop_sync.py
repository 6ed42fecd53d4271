"""The desktop's real store syncing through the real server: enrollment, letters from two PCs of one
office and another office, edits, deletes, conflicts, users, number blocks, revocation, `layan sync`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.domain import letters, numbering, open_store, syncing, users
from desktop.domain.conflicts import open_conflicts, restore_conflict
from desktop.store.db import StoreError

ROOT = Path(__file__).resolve().parents[2]
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}
KELUAR = {"tanggal_surat": "2026-11-27", "tujuan": "Bupati Mimika", "perihal": "Laporan", "sifat": "biasa",
          "klasifikasi": "400.12"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def new_office(server, kind="distrik") -> str:
    return server.new_office(kind)


def enroll_code(server, office: str) -> str:
    return server.cli("enroll-code", "--office", office).stdout.strip().split()[-1]


def pc(server, tmp_path, office: str, name: str, *, initialize: bool = True):
    from desktop.domain import office as office_mod

    store = open_store(tmp_path / name)
    if initialize:
        office_mod.initialize(store, code=office, name=f"Kantor {office}", kind="distrik")
    syncing.enroll(store, server.url, enroll_code(server, office), device_name=name)
    return store


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error
    assert report.waiting == 0
    return report


def visible_letters(store) -> dict:
    return {r["id"]: (r["perihal"], r["seq"], r["nomor_surat"], r["deleted"])
            for r in store.read().execute("SELECT * FROM letters ORDER BY id")}


def test_two_pcs_and_two_offices_converge(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    pc1 = pc(server, tmp_path, office_a, "pc1")
    pc2 = pc(server, tmp_path, office_a, "pc2", initialize=False)  # takes its office from the server
    pc3 = pc(server, tmp_path, office_b, "pc3")
    try:
        assert pc2.office()["code"] == office_a
        for store in (pc1, pc2, pc3):
            sync_ok(store)  # first sync also fetches number blocks
        # Offline work on every PC.
        made = {}
        for i in range(5):
            for store in (pc1, pc2, pc3):
                c = letters.register_outgoing(store, {**KELUAR, "perihal": f"{store.data_dir.name} {i}"}, actor="op")
                made[c.record_id] = store
        incoming = letters.register_incoming(pc1, MASUK, actor="op")
        letters.add_disposition(pc1, incoming.record_id, {"kepada": "Sekdis", "instruksi": "Proses"}, actor="kepala")
        for store in (pc1, pc2, pc3, pc1, pc2):
            sync_ok(store)
        a1, a2, b = visible_letters(pc1), visible_letters(pc2), visible_letters(pc3)
        assert a1 == a2 and len(a1) == 11
        assert len(b) == 5 and not set(b) & set(a1)  # office B never sees office A's letters
        numbers = [v[2] for v in a1.values() if v[2]]
        assert len(numbers) == len(set(numbers)) == 10  # no outgoing number repeated across PCs
        assert len(letters.dispositions(pc2, incoming.record_id)) == 1
        # Edits and deletes flow too.
        letters.update_letter(pc2, incoming.record_id, {"perihal": "Undangan (revisi)"}, actor="op2")
        victim = next(rid for rid, s in made.items() if s is pc1)
        pc1.delete("letters", victim, actor="op")
        for store in (pc2, pc1, pc2):
            sync_ok(store)
        assert visible_letters(pc1) == visible_letters(pc2)
        assert pc1.get("letters", incoming.record_id)["perihal"] == "Undangan (revisi)"
        # Pulled with compact stamps, the per-field stamps are still the server's, field for field.
        for store in (pc1, pc2):
            assert store.get("letters", incoming.record_id)["field_hlc"] == \
                server.storage.record(incoming.record_id)["field_hlc"]
        assert pc2.get("letters", victim, include_deleted=True)["deleted"] == 1
        assert any(h["source"] == "sync" for h in pc1.history("letters", incoming.record_id))
    finally:
        for store in (pc1, pc2, pc3):
            store.close()


def test_concurrent_edit_becomes_a_conflict_that_can_be_restored(server, tmp_path):
    office = new_office(server)
    pc1, pc2 = pc(server, tmp_path, office, "pc1"), pc(server, tmp_path, office, "pc2", initialize=False)
    try:
        sync_ok(pc1)
        sync_ok(pc2)
        c = letters.register_incoming(pc1, MASUK, actor="op1")
        sync_ok(pc1)
        sync_ok(pc2)
        letters.update_letter(pc1, c.record_id, {"perihal": "Versi PC1"}, actor="op1")
        letters.update_letter(pc2, c.record_id, {"perihal": "Versi PC2"}, actor="op2")
        stamps = {"Versi PC1": pc1.outbox()[-1]["hlc"], "Versi PC2": pc2.outbox()[-1]["hlc"]}
        winner = max(stamps, key=stamps.get)  # concurrent edits: the later HLC stamp wins
        loser = min(stamps, key=stamps.get)
        sync_ok(pc1)
        sync_ok(pc2)
        sync_ok(pc1)
        assert pc1.get("letters", c.record_id)["perihal"] == pc2.get("letters", c.record_id)["perihal"] == winner
        [conflict] = open_conflicts(pc1)  # only the clerk's field: no noise about updated_at/updated_by
        assert conflict["field"] == "perihal" and conflict["lost_value"] == loser
        assert conflict["lost_actor"] == ("op1" if loser == "Versi PC1" else "op2")
        assert conflict["won_value"] == winner
        restore_conflict(pc1, conflict["id"], actor="kepala")
        assert pc1.get("letters", c.record_id)["perihal"] == loser
        sync_ok(pc1)
        sync_ok(pc2)
        assert pc2.get("letters", c.record_id)["perihal"] == loser
        assert open_conflicts(pc2) == []
    finally:
        pc1.close()
        pc2.close()


def test_central_users_log_in_offline(server, tmp_path):
    office = new_office(server)
    server.cli("user", "add", "--office", office, "--username", "siti", "--role", "kepala",
               "--full-name", "Siti Kepala", "--password-stdin", input="Rahasia-123\n")
    store = pc(server, tmp_path, office, "pc1")
    try:
        sync_ok(store)
        user = users.authenticate(store, "siti", "Rahasia-123")
        assert user is not None and user["role"] == "kepala" and user["full_name"] == "Siti Kepala"
        assert users.authenticate(store, "siti", "salah") is None
    finally:
        store.close()


def test_number_blocks_come_from_the_server_and_never_overlap(server, tmp_path):
    office = new_office(server)
    pc1, pc2 = pc(server, tmp_path, office, "pc1"), pc(server, tmp_path, office, "pc2", initialize=False)
    try:
        year = 2026
        blocks = [store.read().execute('SELECT start, "end" FROM number_blocks WHERE series = ? AND year = ?',
                                       (numbering.SERIES_KELUAR, year)).fetchall() for store in (pc1, pc2)]
        ranges = [set(range(s, e + 1)) for rows in blocks for s, e in rows]
        assert len(ranges) == 2 and all(len(r) == syncing.BLOCK_SIZE for r in ranges)
        assert not ranges[0] & ranges[1]  # enrollment fetched disjoint blocks for both PCs
        # A PC that used up its block offline is told to sync; the sync brings a fresh block.
        for _ in range(syncing.BLOCK_SIZE):
            letters.register_outgoing(pc1, KELUAR, actor="op")
        with pytest.raises(StoreError, match="Sinkronkan"):
            letters.register_outgoing(pc1, KELUAR, actor="op")
        sync_ok(pc1)
        change = letters.register_outgoing(pc1, KELUAR, actor="op")
        assert pc1.get("letters", change.record_id)["seq"] not in ranges[1] | ranges[0]
    finally:
        pc1.close()
        pc2.close()


def test_standalone_numbers_are_kept_when_the_office_enrolls(server, tmp_path):
    from desktop.domain import office as office_mod

    office = new_office(server)
    store = open_store(tmp_path / "pc1")
    try:
        office_mod.initialize(store, code=office, name="A", kind="distrik")
        for _ in range(3):
            letters.register_outgoing(store, KELUAR, actor="op")  # standalone: numbers 1..3
        syncing.enroll(store, server.url, enroll_code(server, office))
        change = letters.register_outgoing(store, KELUAR, actor="op")
        assert store.get("letters", change.record_id)["seq"] == 4  # the server's block starts above them
        second = pc(server, tmp_path, office, "pc2", initialize=False)
        try:
            c2 = letters.register_outgoing(second, KELUAR, actor="op")
            assert second.get("letters", c2.record_id)["seq"] > 3 + syncing.BLOCK_SIZE
        finally:
            second.close()
    finally:
        store.close()


def test_enrolling_a_pc_of_another_office_is_refused(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    from desktop.domain import office as office_mod

    store = open_store(tmp_path / "pc")
    try:
        office_mod.initialize(store, code=office_a, name="A", kind="distrik")
        with pytest.raises(StoreError, match=office_b):
            syncing.enroll(store, server.url, enroll_code(server, office_b))
        assert not syncing.is_enrolled(store)
        with pytest.raises(StoreError, match="Kode pendaftaran"):
            syncing.enroll(store, server.url, "SALAH-KODE")
    finally:
        store.close()


def test_revoked_device_is_refused_and_keeps_its_data(server, tmp_path):
    office = new_office(server)
    store = pc(server, tmp_path, office, "pc1")
    try:
        sync_ok(store)
        letters.register_incoming(store, MASUK, actor="op")
        server.cli("revoke", store.meta("server_device_id"))
        report = syncing.run_sync(store)
        assert not report.ok and "dicabut" in report.error.message
        assert store.count("letters") == 1 and store.outbox_size() == 1
        assert "dicabut" in store.meta("last_sync_error")
    finally:
        store.close()


def test_layan_enroll_and_sync_commands(server, tmp_path):
    office = new_office(server)
    data = tmp_path / "cli-pc"
    env = {**os.environ, "LAYAN_TOKEN_STORE": "file", "LAYAN_DATA_DIR": str(tmp_path / "unused")}

    def layan(*args):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "--data-dir", str(data), *args],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)

    proc = layan("enroll", "--server", server.url, "--code", enroll_code(server, office))
    assert proc.returncode == 0, proc.stderr
    assert office in proc.stdout
    assert "keyring" in proc.stderr.lower()  # told plainly where the token went
    store = open_store(data)
    letters.register_incoming(store, MASUK, actor="op")  # enrollment already fetched number blocks
    store.close()
    proc = layan("sync")
    assert proc.returncode == 0, proc.stderr
    assert "Sinkronisasi selesai" in proc.stdout
    proc = layan("status")
    assert '"waiting_to_sync": 0' in proc.stdout


def test_forwarded_complaint_moves_whole_and_its_status_flows_back(server, tmp_path):
    from desktop.domain import complaints

    office_a, office_b = new_office(server), new_office(server)
    sender, receiver = pc(server, tmp_path, office_a, "sender"), pc(server, tmp_path, office_b, "receiver")
    try:
        complaint = complaints.new_complaint(sender, {
            "channel": "langsung", "anonim": False, "pelapor_nama": "Maria Beanal", "pelapor_kontak": "0812 3456 7890",
            "kategori": "Infrastruktur", "kampung": "Kwamki", "distrik": "Kwamki Narama",
            "uraian": "Jalan kampung rusak berat sejak banjir"}, actor="op")
        complaints.advance(sender, complaint["id"], "diverifikasi", actor="op")
        complaints.forward(sender, complaint["id"], office_b, actor="op")
        sync_ok(sender)  # pushes, asks the server to transfer, pulls the read-only stub back
        stub = sender.get("complaints", complaint["id"])
        assert stub["readonly"] == 1 and stub["office_id"] == office_b
        assert complaints.pending_forwards(sender) == []
        sync_ok(receiver)
        moved = receiver.get("complaints", complaint["id"])
        assert moved["office_id"] == office_b and not moved["readonly"]
        assert moved["uraian"] == "Jalan kampung rusak berat sejak banjir"
        history = [e["status"] for e in complaints.events(receiver, complaint["id"])]
        assert history[:3] == ["masuk", "diverifikasi", "diteruskan"]  # the whole history came along
        # The receiving office acts; the sender's stub follows.
        complaints.advance(receiver, complaint["id"], "ditindaklanjuti", actor="op-b")
        sync_ok(receiver)
        sync_ok(sender)
        assert sender.get("complaints", complaint["id"])["status"] == "ditindaklanjuti"
        with pytest.raises(StoreError, match="hanya bisa dibaca"):
            complaints.advance(sender, complaint["id"], "selesai", actor="op")
    finally:
        sender.close()
        receiver.close()
