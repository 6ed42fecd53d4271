"""Attachment bytes by USB stick, real server (`layan-server usb import`) and real desktop stores: the
office's pending blobs ride with the request within the stick's cap and a plain list says what did
not fit; the centre checks and stores them; the reply brings the blobs the office lacks. The files
are encrypted on the stick, and a changed one is refused without harming the rest."""

from __future__ import annotations

import os

import pytest

from desktop.domain import attachment_sync, attachment_usb, letters, syncing, usb_sync
from desktop.store.attachment_blobs import blob_store
from sync import usb_blobs
from tests.integration.test_usb_sync import MASUK, pc, server_import, sync_ok


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def attach_bytes(store, size: int, name: str) -> tuple[str, bytes]:
    data = os.urandom(size)
    sha = blob_store(store.data_dir).put_bytes(data)
    letter = letters.register_incoming(store, MASUK, actor="op").record_id
    store.save("attachments", {"owner_collection": "letters", "owner_id": letter, "name": name,
                               "mime": "application/pdf", "size": size, "sha256": sha, "pages": 1}, actor="op")
    return sha, data


def test_blobs_travel_by_stick_within_the_cap_both_ways(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    online = pc(server, tmp_path, office, "online", initialize=False)
    stick = tmp_path / "stick"
    try:
        remote.set_meta(attachment_usb.CAP_META, "1")  # a 1 MB stick budget
        small = [attach_bytes(remote, 300_000, f"surat-{i}.pdf") for i in range(2)]
        big_sha, big = attach_bytes(remote, 700_000, "kk-besar.pdf")
        usb_sync.export_request(remote, stick)
        report = attachment_usb.last_export(remote)
        # Newest first: the big one fits, then one small one; the other small one is named as left out.
        assert report.carried == 2 and report.carried_bytes == 1_000_000
        assert [name for name, _ in report.left_out] == ["surat-0.pdf"]
        on_stick = usb_blobs.listed(usb_blobs.folder_of(stick), syncing.replica_for(remote).device_id(), "up")
        assert sorted(on_stick) == sorted([big_sha, small[1][0]])
        device = syncing.replica_for(remote).device_id()
        raw = (usb_blobs.folder_of(stick) / usb_blobs.blob_name(device, big_sha, "up")).read_bytes()
        assert big[:64] not in raw  # encrypted on the stick
        out = server_import(server, stick)
        assert "attachments: 2 stored" in out.stdout
        usb_sync.import_replies(remote, stick)
        assert attachment_usb.last_import(remote).acknowledged == 2
        assert [sha for sha, _ in attachment_sync.pending_uploads(remote)] == [small[0][0]]
        assert usb_blobs.listed(usb_blobs.folder_of(stick), syncing.replica_for(remote).device_id(), "up") == []
        # The online PC of the office receives the records and the bytes the stick brought.
        sync_ok(online)
        assert blob_store(online.data_dir).read(big_sha) == big
        # The other way: a scan made on the online PC reaches the remote office by stick.
        there_sha, there = attach_bytes(online, 200_000, "dari-kantor.pdf")
        sync_ok(online)
        usb_sync.export_request(remote, stick)  # carries the last small blob and asks for what it lacks
        server_import(server, stick)
        usb_sync.import_replies(remote, stick)  # brings the record; its bytes come with the next round
        usb_sync.export_request(remote, stick)
        server_import(server, stick)
        usb_sync.import_replies(remote, stick)
        assert blob_store(remote.data_dir).read(there_sha) == there
        assert attachment_sync.pending_uploads(remote) == []
        assert attachment_usb.last_import(remote).received == 1
    finally:
        remote.close()
        online.close()


def test_a_changed_blob_file_is_refused_and_nothing_half_stored(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    stick = tmp_path / "stick"
    try:
        bad_sha, _ = attach_bytes(remote, 50_000, "diubah.pdf")
        good_sha, good = attach_bytes(remote, 40_000, "utuh.pdf")
        usb_sync.export_request(remote, stick)
        device = syncing.replica_for(remote).device_id()
        path = usb_blobs.folder_of(stick) / usb_blobs.blob_name(device, bad_sha, "up")
        raw = bytearray(path.read_bytes())
        raw[-1] ^= 1
        path.write_bytes(bytes(raw))
        out = server_import(server, stick)
        assert "1 stored, 1 refused" in out.stdout and "refused" in out.stdout
        usb_sync.import_replies(remote, stick)
        imported = attachment_usb.last_import(remote)
        assert imported.acknowledged == 1 and imported.refused[0][0] == "diubah.pdf"
        assert [sha for sha, _ in attachment_sync.pending_uploads(remote)] == [bad_sha]  # sent again later
        assert not any(p.name == bad_sha for p in (server.data_dir / "blobs").rglob("*"))
        assert any(p.name == good_sha for p in (server.data_dir / "blobs").rglob("*"))
    finally:
        remote.close()


def test_the_stick_cap_can_be_published_centrally(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    try:
        server.cli("config", "set", "usb_blob_cap_mb", "0", "--scope", office)
        sync_ok(remote)  # the setting arrives; then the office goes offline
        attach_bytes(remote, 10_000, "tanpa-ruang.pdf")
        usb_sync.export_request(remote, tmp_path / "stick")
        assert attachment_usb.cap_bytes(remote) == 0
        assert attachment_usb.last_export(remote).left_out == [("tanpa-ruang.pdf", 10_000)]
    finally:
        remote.close()
