"""Attachment bytes between real desktop stores through the real server: records first, then the
bytes up; another PC of the office prefetches recent ones or fetches one on demand; nothing is
asked again once acknowledged; a quota refusal is said and keeps the bytes on the PC."""

from __future__ import annotations

import pytest

from desktop.domain import attachment_sync, attachments, letters, syncing
from desktop.store.attachment_blobs import blob_store
from tests.integration.test_desktop_sync import MASUK, pc, sync_ok
from tests.unit import attachment_samples as samples


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def clerk(store) -> dict:
    return {"id": "op", "username": "op", "role": "admin", "office_id": store.office()["code"], "active": 1}


def attach_scan(store, seed: int = 1) -> dict:
    letter = letters.register_incoming(store, MASUK, actor="op").record_id
    scan = samples.jpeg(samples.scanned_page(dpi=150, seed=seed))
    return attachments.attach(store, clerk(store), "letters", letter, attachments.inspect_bytes("surat.jpg", scan))


def test_bytes_follow_the_records_to_the_other_pc(server, tmp_path):
    office = server.new_office()
    pc1 = pc(server, tmp_path, office, "pc1")
    pc2 = pc(server, tmp_path, office, "pc2", initialize=False)
    try:
        rec = attach_scan(pc1)
        state = attachment_sync.state(pc1)
        assert state.waiting == 1 and state.waiting_bytes == rec["size"]
        sync_ok(pc1)
        assert attachment_sync.state(pc1).waiting == 0 and attachment_sync.state(pc1).last_error is None
        stored = server.storage.record(rec["id"])
        assert stored["fields"]["sha256"] == rec["sha256"]
        sync_ok(pc2)  # the record arrives, and its bytes with it (created today: prefetched)
        assert blob_store(pc2.data_dir).read(rec["sha256"]) == blob_store(pc1.data_dir).read(rec["sha256"])
        assert attachment_sync.state(pc2).missing_here == 0
        # Acknowledged bytes are not asked about again: a quiet sync makes no blob request.
        before = server.storage.count()
        report = sync_ok(pc1)
        assert report.requests == 1 and server.storage.count() == before
    finally:
        pc1.close()
        pc2.close()


def test_on_demand_fetch_when_outside_the_prefetch(server, tmp_path, monkeypatch):
    office = server.new_office()
    pc1 = pc(server, tmp_path, office, "pc1")
    pc2 = pc(server, tmp_path, office, "pc2", initialize=False)
    try:
        rec = attach_scan(pc1, seed=2)
        sync_ok(pc1)
        monkeypatch.setattr(attachment_sync, "PREFETCH_BUDGET", 0)
        sync_ok(pc2)
        assert not blob_store(pc2.data_dir).has(rec["sha256"])
        assert attachment_sync.state(pc2).missing_here == 1
        assert attachment_sync.fetch(pc2, rec["sha256"])  # the viewer asks
        assert blob_store(pc2.data_dir).read(rec["sha256"]) == blob_store(pc1.data_dir).read(rec["sha256"])
    finally:
        pc1.close()
        pc2.close()


def test_quota_refusal_is_said_and_records_still_sync(server, tmp_path):
    office = server.new_office()
    server.cli("blobs", "quota", "1KB", "--office", office)
    pc1 = pc(server, tmp_path, office, "pc1")
    try:
        rec = attach_scan(pc1, seed=3)
        report = syncing.run_sync(pc1)
        assert report.ok and report.waiting == 0  # the records went through
        assert server.storage.record(rec["id"]) is not None
        state = attachment_sync.state(pc1)
        assert state.waiting == 1 and "penuh" in state.last_error and "full" in state.last_error_en
        assert blob_store(pc1.data_dir).has(rec["sha256"])  # kept on the PC
        server.cli("blobs", "quota", "default", "--office", office)
        sync_ok(pc1)
        assert attachment_sync.state(pc1).waiting == 0 and attachment_sync.state(pc1).last_error is None
    finally:
        pc1.close()


def test_one_refused_upload_is_named_and_the_others_still_go(server, tmp_path):
    office = server.new_office()
    pc1 = pc(server, tmp_path, office, "pc1")
    try:
        fine = attach_scan(pc1, seed=5)
        bad = attach_scan(pc1, seed=6)  # the newest: tried first
        # This PC's row disagrees with the record the server holds (its size): the server refuses
        # those bytes. The other scan of the same run still goes up, and the page names the refused one.
        with pc1.transaction() as tx:
            tx.execute("UPDATE attachments SET size = size + 1 WHERE id = ?", (bad["id"],))
        report = syncing.run_sync(pc1)
        assert report.ok
        state = attachment_sync.state(pc1)
        assert (state.waiting, state.last_error) == (1, None)
        assert [sha for sha, _ in attachment_sync.pending_uploads(pc1)] == [bad["sha256"]]
        assert len(state.refused) == 1 and state.refused[0][0] == "surat.jpg"
        assert "Ukuran unggahan" in state.refused[0][1] and "length" in state.refused[0][2]
        from sync.server.blob_meta import BlobMeta

        assert BlobMeta(server.storage).office_has(office, fine["sha256"])  # the good one went up
        assert not BlobMeta(server.storage).office_has(office, bad["sha256"])
    finally:
        pc1.close()
