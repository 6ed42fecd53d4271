"""A forwarded complaint or service request takes its scans along: the attachment records move to the
new office with it (online and by USB stick), the new office's PCs list them and download the
bytes, the old office keeps them read-only, and a third office is still refused. Real server
process, real desktop stores."""

from __future__ import annotations

import pytest

from desktop.domain import attachment_sync, attachments, complaints, services, syncing, usb_sync
from desktop.store.attachment_blobs import blob_store
from sync.blob_transfer import BlobTransfer
from tests.integration.test_desktop_sync import new_office, pc, sync_ok
from tests.integration.test_usb_sync import server_import
from tests.unit import attachment_samples as samples
from tests.unit.test_services_samples import sample


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def clerk(store) -> dict:
    return {"id": "op", "username": "op", "role": "admin", "office_id": store.office()["code"], "active": 1}


def scan(store, coll: str, owner_id: str, seed: int) -> dict:
    page = samples.jpeg(samples.scanned_page(dpi=150, seed=seed))
    return attachments.attach(store, clerk(store), coll, owner_id, attachments.inspect_bytes(f"foto-{seed}.jpg", page))


def new_complaint(store) -> dict:
    return complaints.new_complaint(store, {"channel": "langsung", "pelapor_nama": "Yohanes Magal",
                                            "kategori": "Infrastruktur", "uraian": "Jalan rusak"}, actor="op")


def refused_elsewhere(server, tmp_path, sha: str, size: int) -> bool:
    """A PC of a third office cannot fetch the bytes, however it learned the sha256."""
    other = pc(server, tmp_path, new_office(server), "other")
    try:
        client = syncing.make_client(other)
        try:
            return not BlobTransfer(client, blob_store(other.data_dir)).download(sha, size)
        finally:
            client.close()
    finally:
        other.close()


def test_a_forwarded_complaint_takes_its_scans_online(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")
    receiver = pc(server, tmp_path, office_b, "receiver")
    try:
        item = new_complaint(sender)
        before = scan(sender, "complaints", item["id"], seed=1)
        sync_ok(sender)  # this one reached the server before the forward
        after = scan(sender, "complaints", item["id"], seed=2)  # this one goes up after the move
        complaints.forward(sender, item["id"], office_b, actor="op", note="Wilayah kantor B")
        sync_ok(sender)
        for rec in (before, after):
            moved = server.storage.record(rec["id"])
            assert moved["office_id"] == office_b, moved
        assert attachment_sync.state(sender).waiting == 0  # the late scan went up all the same
        stub = sender.get("attachments", after["id"])
        assert (stub["office_id"], stub["readonly"]) == (office_b, 1)

        sync_ok(receiver)  # the records arrive; their bytes are prefetched (made today)
        listed = {a["id"] for a in attachments.list_for(receiver, clerk(receiver), "complaints", item["id"])}
        assert listed == {before["id"], after["id"]}
        for rec in (before, after):
            assert blob_store(receiver.data_dir).read(rec["sha256"]) == blob_store(sender.data_dir).read(rec["sha256"])
        assert attachment_sync.state(receiver).missing_here == 0
        assert refused_elsewhere(server, tmp_path, before["sha256"], before["size"])
    finally:
        sender.close()
        receiver.close()


def test_a_forwarded_request_takes_its_scans_by_stick(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")  # enrolled while IT was there; then only the stick
    receiver = pc(server, tmp_path, office_b, "receiver")
    stick = tmp_path / "stick"
    try:
        request = services.new_request(sender, "sktm", sample("sktm"), actor="op")
        rec = scan(sender, "service_requests", request["id"], seed=3)
        services.forward(sender, request["id"], office_b, actor="op")
        usb_sync.export_request(sender, stick)
        out = server_import(server, stick)
        assert "1 forwarded records moved" in out.stdout and "attachments: 1 stored" in out.stdout, out.stdout
        assert server.storage.record(rec["id"])["office_id"] == office_b
        usb_sync.import_replies(sender, stick)
        assert sender.get("attachments", rec["id"])["readonly"] == 1
        assert attachment_sync.pending_uploads(sender) == []

        sync_ok(receiver)
        listed = attachments.list_for(receiver, clerk(receiver), "service_requests", request["id"])
        assert [a["id"] for a in listed] == [rec["id"]]
        assert blob_store(receiver.data_dir).read(rec["sha256"]) == blob_store(sender.data_dir).read(rec["sha256"])
        assert refused_elsewhere(server, tmp_path, rec["sha256"], rec["size"])
    finally:
        sender.close()
        receiver.close()


def test_an_office_still_cannot_fetch_bytes_it_never_held(server, tmp_path):
    """The credit goes only with a forward: a record at another office naming the same sha256 is not
    enough (the forwarding office's refusal path stays as it was)."""
    office_a = new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")
    try:
        item = new_complaint(sender)
        rec = scan(sender, "complaints", item["id"], seed=4)
        sync_ok(sender)
        assert refused_elsewhere(server, tmp_path, rec["sha256"], rec["size"])
    finally:
        sender.close()
