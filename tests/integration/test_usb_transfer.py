"""A complaint or service request forwarded at an office that syncs only by USB stick moves to its
new office like an online forward: the request file asks for the move, `layan-server usb import`
performs it after applying the file's changes, and the reply brings the read-only stub back.
Real server process, real desktop stores, the real CLIs on a temp "stick"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.domain import complaints, services, usb_sync
from tests.integration.test_desktop_sync import new_office, pc, sync_ok
from tests.unit.test_services_samples import sample


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def layan(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LAYAN_TOKEN_STORE": "file", "LAYAN_LANG": "en"})


def test_a_forward_at_a_usb_only_office_arrives_and_its_stub_follows_the_new_office(server, tmp_path):
    office_a, office_b = new_office(server), new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")  # enrolled while IT was there; then only the stick
    receiver = pc(server, tmp_path, office_b, "receiver")
    stick = tmp_path / "stick"
    try:
        complaint = complaints.new_complaint(sender, {
            "channel": "langsung", "pelapor_nama": "Yohanes Magal", "kategori": "Kesehatan",
            "uraian": "Obat di pustu habis"}, actor="op")
        request = services.new_request(sender, "sktm", sample("sktm"), actor="op")
        kept = services.new_request(sender, "domisili", sample("domisili"), actor="op")
        complaints.forward(sender, complaint["id"], office_b, actor="op", note="Wilayah kantor B")
        services.forward(sender, request["id"], office_b, actor="op")
        sender.close()

        export = layan("--data-dir", tmp_path / "sender", "usb", "export", stick)
        assert export.returncode == 0 and "2 forwarded complaints/requests go along" in export.stdout, export
        out = server.cli("usb", "import", str(stick))
        assert "2 forwarded records moved, 0 not" in out.stdout, out.stdout
        assert server.storage.record(complaint["id"])["office_id"] == office_b
        assert server.storage.record(request["id"])["office_id"] == office_b
        assert server.storage.record(kept["id"])["office_id"] == office_a

        imported = layan("--data-dir", tmp_path / "sender", "usb", "import", stick)
        assert imported.returncode == 0, imported
        assert "2 forwarded complaints/requests were moved to their new office" in imported.stdout
        assert "have not moved yet" not in imported.stderr

        from desktop.domain import open_store

        sender = open_store(tmp_path / "sender")
        stub = sender.get(complaints.COMPLAINTS, complaint["id"])
        assert (stub["readonly"], stub["office_id"]) == (1, office_b)
        assert sender.get(services.SERVICE_REQUESTS, request["id"])["readonly"] == 1
        assert sender.get(services.SERVICE_REQUESTS, kept["id"])["readonly"] == 0
        assert complaints.pending_forwards(sender) == [] and services.pending_forwards(sender) == []
        assert sender.outbox_size() == 0

        # The new office has it, whole, and acts on it; the sender's stub follows by the next stick.
        sync_ok(receiver)
        arrived = receiver.get(complaints.COMPLAINTS, complaint["id"])
        assert (arrived["office_id"], arrived["readonly"], arrived["pelapor_nama"]) == (office_b, 0, "Yohanes Magal")
        assert [e["status"] for e in complaints.events(receiver, complaint["id"])][-1] == "diteruskan"
        complaints.advance(receiver, complaint["id"], "ditindaklanjuti", actor="op-b", note="Dicek ke pustu")
        sync_ok(receiver)
        usb_sync.export_request(sender, stick)
        server.cli("usb", "import", str(stick))
        report = usb_sync.import_replies(sender, stick)
        assert report.files >= 1 and report.forwards_waiting == 0
        assert sender.get(complaints.COMPLAINTS, complaint["id"])["status"] == "ditindaklanjuti"
    finally:
        sender.close()
        receiver.close()


def test_a_forward_the_centre_cannot_perform_is_said_plainly_and_stays_actionable(server, tmp_path):
    from sync import usb

    office_a, office_b = new_office(server), new_office(server)
    sender = pc(server, tmp_path, office_a, "sender")
    stick = tmp_path / "stick"
    try:
        complaint = complaints.new_complaint(sender, {
            "channel": "langsung", "pelapor_nama": "Maria", "kategori": "Kesehatan", "uraian": "Antrian"}, actor="op")
        complaints.forward(sender, complaint["id"], office_b, actor="op")
        path = usb_sync.export_request(sender, stick).path
        # The centre no longer knows the target (an office code retired since this PC learned it):
        # the file is re-signed with the office's own key, as its PC would have written it.
        device_id, key = usb_sync._device(sender)
        body = usb.verify(usb.read_unverified(path), key, path)
        assert body["transfers"] == [{"collection": complaints.COMPLAINTS, "id": complaint["id"], "to_office": office_b}]
        body["transfers"][0]["to_office"] = "D-RETIRED"
        usb.write_bundle(path, usb.REQUEST, device_id, body, key)

        out = server.cli("usb", "import", str(stick))
        assert "0 forwarded records moved, 1 not" in out.stdout
        report = usb_sync.import_replies(sender, stick)
        assert report.transferred == 0 and report.forwards_waiting == 1
        assert report.transfer_refusals == [(f"{complaint['id']}: Kantor tujuan D-RETIRED tidak ada.",
                                             f"{complaint['id']}: No office D-RETIRED.")]
        stub = sender.get(complaints.COMPLAINTS, complaint["id"])
        assert (stub["readonly"], stub["office_id"]) == (0, office_a)  # still here, still the office's to act on
        # The clerk re-targets it (or the next export asks again); nothing was lost.
        complaints.forward(sender, complaint["id"], office_b, actor="op", note="Coba lagi")
        assert len(usb_sync.forwards_waiting(sender)) == 1
    finally:
        sender.close()
