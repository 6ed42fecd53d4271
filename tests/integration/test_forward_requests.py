"""A service request forwarded to another office, through the REAL server process and two real desktop
stores: it arrives there whole (data and status history), the sending office keeps a read-only stub
whose status follows the new office's work, and one sync transfers complaints and requests alike."""

from __future__ import annotations

import pytest

from desktop.domain import complaints, letters, services
from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound
from tests.integration.test_desktop_sync import new_office, pc, sync_ok
from tests.unit.test_services_samples import SIGNER, required_documents, sample


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def test_forwarded_request_moves_whole_and_its_status_flows_back(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    sender, receiver = pc(server, tmp_path, office_a, "sender"), pc(server, tmp_path, office_b, "receiver")
    try:
        for key, value in SIGNER.items():
            receiver.set_meta(key, value)
        request = services.new_request(sender, "domisili", sample("domisili", nama="Maria Beanal"), actor="op")
        services.verify(sender, request["id"], actor="op", dokumen=required_documents("domisili"))
        services.forward(sender, request["id"], office_b, actor="op", note="Pemohon tinggal di wilayah kantor B")
        sync_ok(sender)  # pushes, asks the server to transfer, pulls the read-only stub back
        stub = sender.get(services.SERVICE_REQUESTS, request["id"])
        assert (stub["readonly"], stub["office_id"], stub["status"]) == (1, office_b, "diverifikasi")
        assert services.pending_forwards(sender) == []
        on_server = server.storage.record(request["id"])
        assert on_server["office_id"] == office_b and on_server["fields"]["diteruskan_ke"] == office_b
        sent_events = services.events(sender, request["id"])
        assert all(server.storage.record(e["id"])["office_id"] == office_b for e in sent_events)

        sync_ok(receiver)
        moved = receiver.get(services.SERVICE_REQUESTS, request["id"])
        assert moved["office_id"] == office_b and not moved["readonly"]
        assert (moved["nama"], moved["nik"], moved["tracking_code"], moved["details"]) == (
            "Maria Beanal", request["nik"], request["tracking_code"], request["details"])
        history = services.events(receiver, request["id"])
        assert [e["status"] for e in history] == ["diterima", "diverifikasi", "diverifikasi"]  # the whole history
        assert (history[-1]["to_office"], history[-1]["from_office"], history[-1]["reason"]) == (
            office_b, office_a, "Pemohon tinggal di wilayah kantor B")
        assert services.pending_forwards(receiver) == []

        # The receiving office goes on from "diverifikasi" and issues the certificate in its own register.
        services.process(receiver, request["id"], actor="op-b")
        done = services.complete(receiver, request["id"], actor="op-b")
        assert done["nomor_surat"].split("/")[-2] == office_b
        assert receiver.get(letters.LETTERS, done["certificate_letter_id"])["office_id"] == office_b
        sync_ok(receiver)
        sync_ok(sender)
        followed = sender.get(services.SERVICE_REQUESTS, request["id"])
        assert (followed["status"], followed["nomor_surat"], followed["readonly"]) == ("selesai", done["nomor_surat"], 1)
        with pytest.raises(RecordNotFound):  # the certificate is a letter of B's register, not shared
            sender.get(letters.LETTERS, done["certificate_letter_id"])
        with pytest.raises(StoreError, match="hanya bisa dibaca"):
            services.update_request(sender, request["id"], {"nama": "Maria B."}, actor="op")
        assert sender.outbox_size() == 0
    finally:
        sender.close()
        receiver.close()


def test_one_sync_transfers_a_forwarded_complaint_and_request_together(server, tmp_path):
    office_a, office_b, office_c = new_office(server), new_office(server), new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")
    try:
        request = services.new_request(sender, "sktm", sample("sktm"), actor="op")
        kept = services.new_request(sender, "domisili", sample("domisili"), actor="op")
        complaint = complaints.new_complaint(sender, {
            "channel": "langsung", "pelapor_nama": "Yohanes Magal", "kategori": "Kesehatan",
            "uraian": "Obat di pustu habis"}, actor="op")
        services.forward(sender, request["id"], office_b, actor="op")
        services.forward(sender, request["id"], office_c, actor="op")  # re-targeted before the sync
        complaints.forward(sender, complaint["id"], office_b, actor="op")
        sync_ok(sender)
        assert server.storage.record(request["id"])["office_id"] == office_c
        assert server.storage.record(complaint["id"])["office_id"] == office_b
        assert server.storage.record(kept["id"])["office_id"] == office_a
        assert sender.get(services.SERVICE_REQUESTS, request["id"])["readonly"] == 1
        assert sender.get(complaints.COMPLAINTS, complaint["id"])["readonly"] == 1
        assert sender.get(services.SERVICE_REQUESTS, kept["id"])["readonly"] == 0
        assert services.pending_forwards(sender) == [] and complaints.pending_forwards(sender) == []
        receiver_c = pc(server, tmp_path, office_c, "receiver-c")
        try:
            sync_ok(receiver_c)
            arrived = receiver_c.get(services.SERVICE_REQUESTS, request["id"])
            assert arrived["office_id"] == office_c and arrived["status"] == "diterima" and not arrived["readonly"]
            assert [e.get("to_office") for e in services.events(receiver_c, request["id"])] == [
                None, office_b, office_c]
            with pytest.raises(RecordNotFound):  # the complaint went to B, not to C
                receiver_c.get(complaints.COMPLAINTS, complaint["id"])
        finally:
            receiver_c.close()
    finally:
        sender.close()
