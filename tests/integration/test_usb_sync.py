"""Sync by USB stick: an office without a link exports, IT imports at the server, the office imports
the reply — real server (SQLite and PostgreSQL), real `layan-server usb import`, real desktop stores."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from desktop.domain import letters, numbering, syncing, usb_sync
from desktop.store.db import StoreError
from sync import usb

KELUAR = {"tanggal_surat": "2026-11-27", "tujuan": "Bupati Mimika", "perihal": "Laporan bulanan", "sifat": "biasa",
          "klasifikasi": "400.12"}
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")  # CI has no OS keyring: the documented fallback


def pc(server, tmp_path, office: str, name: str, *, initialize: bool = True):
    return server.desktop_pc(tmp_path / name, office, initialize=initialize)


def sync_ok(store):
    report = syncing.run_sync(store)
    assert report.ok, report.error
    return report


def perihal(store) -> dict[str, str]:
    return {r["id"]: r["perihal"] for r in store.read().execute("SELECT id, perihal FROM letters WHERE deleted = 0")}


def server_import(server, stick, check: bool = True):
    return server.cli("usb", "import", str(stick), check=check)


def layan(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LAYAN_TOKEN_STORE": "file"})


def test_a_round_trip_by_stick_converges_with_an_online_pc(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")  # enrolled while IT was there; the link then went
    online = pc(server, tmp_path, office, "online", initialize=False)
    stick = tmp_path / "stick"
    try:
        assert usb_sync.key_store(remote).load()  # the key for USB files came with the enrollment
        made = [letters.register_outgoing(remote, {**KELUAR, "perihal": f"Laporan {i}"}, actor="op").record_id
                for i in range(30)]
        incoming = letters.register_incoming(remote, MASUK, actor="op").record_id
        from_online = letters.register_incoming(online, {**MASUK, "perihal": "Surat dari PC daring"}, actor="op2")
        sync_ok(online)
        server.cli("config", "set", "kop_kota", "Agimuga", "--scope", office)

        result = usb_sync.export_request(remote, stick)
        assert result.changes == 31 and result.path.parent == stick / "layan-sync" and result.left_out == 0
        assert remote.outbox_size() == 31  # nothing is dropped until the server's reply says it took it

        out = server_import(server, stick)
        assert "31 applied" in out.stdout, out.stdout
        replies = usb.bundle_files(stick, usb.REPLY_SUFFIX)
        assert len(replies) == 1

        report = usb_sync.import_replies(remote, stick)
        assert (report.files, report.acknowledged, report.rejected, report.error) == (1, 31, 0, None)
        assert remote.outbox_size() == 0
        assert remote.get("letters", from_online.record_id)["perihal"] == "Surat dari PC daring"
        assert remote.meta("kop_kota") == "Agimuga"  # configuration travels on the stick too
        sync_ok(online)
        assert perihal(online) == perihal(remote)
        assert set(made) | {incoming} <= set(perihal(online))

        # Importing the same files again changes nothing on either side.
        audit = remote.read().execute("SELECT count(*) FROM audit").fetchone()[0]
        out = server_import(server, stick)
        assert "0 applied, 31 already had" in out.stdout, out.stdout
        again = usb_sync.import_replies(remote, stick)
        assert again.files == 1 and again.pulled == 0
        assert remote.read().execute("SELECT count(*) FROM audit").fetchone()[0] == audit
        assert perihal(online) == perihal(remote)

        # The CLI does the same for a clerk (and says what to do next).
        letters.register_outgoing(remote, {**KELUAR, "perihal": "Lewat CLI"}, actor="op")
        exported = layan("--data-dir", remote.data_dir, "usb", "export", stick)
        assert exported.returncode == 0, exported.stderr
        assert "layan usb import" in exported.stdout
        server_import(server, stick)
        imported = layan("--data-dir", remote.data_dir, "usb", "import", stick)
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert remote.outbox_size() == 0
    finally:
        for store in (remote, online):
            store.close()


def test_number_blocks_come_by_stick(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    try:
        year = 2026
        used = 0
        while numbering.remaining(remote.read(), numbering.SERIES_KELUAR, year):
            letters.register_outgoing(remote, KELUAR, actor="op")
            used += 1
        with pytest.raises(StoreError):  # no number left and no link: refused plainly, nothing saved
            letters.register_outgoing(remote, KELUAR, actor="op")
        import datetime as dt

        usb_sync.export_request(remote, tmp_path / "stick", today=dt.date(year, 11, 27))
        server_import(server, tmp_path / "stick")
        report = usb_sync.import_replies(remote, tmp_path / "stick")
        assert report.blocks >= 1
        assert numbering.remaining(remote.read(), numbering.SERIES_KELUAR, year) > 0
        letters.register_outgoing(remote, KELUAR, actor="op")  # numbering goes on
        assert remote.outbox_size() == 1
    finally:
        remote.close()


def test_an_old_reply_never_rolls_back_what_a_later_online_sync_brought(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    online = pc(server, tmp_path, office, "online", initialize=False)
    stick = tmp_path / "stick"
    try:
        rid = letters.register_incoming(online, {**MASUK, "perihal": "Versi 1"}, actor="op2").record_id
        sync_ok(online)
        usb_sync.export_request(remote, stick)
        server_import(server, stick)  # the reply carries "Versi 1"
        letters.update_letter(online, rid, {"perihal": "Versi 2"}, actor="op2")
        sync_ok(online)
        sync_ok(remote)  # the link came back for a moment: remote has "Versi 2"
        assert remote.get("letters", rid)["perihal"] == "Versi 2"
        report = usb_sync.import_replies(remote, stick)
        assert report.files == 1 and report.pulled == 0
        assert remote.get("letters", rid)["perihal"] == "Versi 2"
    finally:
        for store in (remote, online):
            store.close()


def tamper(path, change) -> None:
    """Edits a sync file's header or body, keeping its old signature (as a forger would have to)."""
    head, _, payload = path.read_bytes()[len(usb.MAGIC_V2):].partition(b"\n")
    doc = {**json.loads(head), "body": json.loads(gzip.decompress(payload))}
    change(doc)
    payload = gzip.compress(json.dumps(doc.pop("body")).encode())
    path.write_bytes(usb.MAGIC_V2 + json.dumps({**doc, "size": len(payload)}).encode() + b"\n" + payload)


def signed_file(path, server, device_id: str, payload: bytes, kind: str = usb.REQUEST) -> None:
    """A format-2 file with ``payload`` as its compressed body, correctly signed with the device's key."""
    from sync.server.usb_import import device_key

    header = {"kind": kind, "device_id": device_id, "size": len(payload)}
    header["mac"] = usb._mac_v2(device_key(server.data_dir, device_id), header, payload)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(usb.MAGIC_V2 + json.dumps(header).encode() + b"\n" + payload)


def test_files_are_checked_before_they_are_inflated_and_a_bad_one_never_stops_the_next(server, tmp_path):
    """Findings 8: the reader inflated up to 512 MiB before checking the signature, and 1e400 in one
    file aborted the import, so the later files on the stick were never read."""
    import zlib

    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    stick = tmp_path / "stick"
    folder = stick / usb.FOLDER
    device_id = remote.meta("server_device_id")
    try:
        # 576 MiB of zeros in ~0.6 MiB, with a made-up signature: refused by its signature, never inflated.
        bomb = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        payload = b"".join([bomb.compress(b"\0" * (1 << 24)) for _ in range(36)] + [bomb.flush()])
        (folder).mkdir(parents=True)
        (folder / "0-bomb.request.layan").write_bytes(
            usb.MAGIC_V2 + json.dumps({"kind": "request", "device_id": device_id, "size": len(payload),
                                       "mac": "0" * 64}).encode() + b"\n" + payload)
        # A correctly signed file whose body holds 1e400.
        body = json.dumps({"created_ms": 1, "cursor": 0, "blocks": [], "pages": [[{
            "mseq": 1, "collection": "letters", "id": "01a21f0b-0000-7000-8000-000000000001", "op": "put",
            "base_rev": 0, "hlc": "1764000000000-00000-x", "actor": "op", "fields": {"lampiran": 1}}]]})
        signed_file(folder / "1-infinite.request.layan", server, device_id,
                    gzip.compress(body.replace('"lampiran": 1', '"lampiran": 1e400').encode()))
        # And after them, a good file.
        letters.register_incoming(remote, MASUK, actor="op")
        good = usb_sync.export_request(remote, stick).path
        assert good.name > "1"  # read after the two bad files
        out = server_import(server, stick, check=False)
        assert out.returncode == 1
        assert "0-bomb.request.layan: REFUSED" in out.stderr and "signature does not match" in out.stderr
        assert "1-infinite.request.layan: REFUSED" in out.stderr and "damaged" in out.stderr
        assert f"{good.name}: office {office}, 1 applied" in out.stdout
        report = usb_sync.import_replies(remote, stick)
        assert report.files == 1 and remote.outbox_size() == 0
    finally:
        remote.close()


def test_a_pc_not_yet_updated_writes_format_1_and_gets_its_reply_in_format_1(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    stick = tmp_path / "stick"
    try:
        letters.register_incoming(remote, MASUK, actor="op")
        device_id, key = usb_sync._device(remote)
        replica = syncing.replica_for(remote)
        body = {"created_ms": 1, "app_version": "0.1.0", "schema_v": 1, "cursor": 0, "blocks": [],
                "pages": [replica.pending_mutations(1000)]}
        usb.write_bundle(stick / usb.FOLDER / f"old{usb.REQUEST_SUFFIX}", usb.REQUEST, device_id, body, key, version=1)
        server_import(server, stick)
        reply = usb.bundle_files(stick, usb.REPLY_SUFFIX)[0]
        assert not reply.read_bytes().startswith(usb.MAGIC_V2)
        assert usb.read_unverified(reply)["format"] == 1
        report = usb_sync.import_replies(remote, stick)
        assert report.files == 1 and report.acknowledged == 1 and remote.outbox_size() == 0
    finally:
        remote.close()


def test_changed_damaged_foreign_and_revoked_files_are_refused_and_change_nothing(server, tmp_path):
    office, other_office = server.new_office("distrik"), server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    other = pc(server, tmp_path, other_office, "other")
    stick = tmp_path / "stick"
    try:
        letters.register_incoming(remote, MASUK, actor="op")
        request = usb_sync.export_request(remote, stick).path

        # A request edited on the way (a letter's subject changed): refused, nothing applied.
        tamper(request, lambda d: d["body"]["pages"][0][0]["fields"].update(perihal="Diubah di jalan"))
        out = server_import(server, stick, check=False)
        assert out.returncode == 1 and "signature does not match" in out.stderr
        assert not usb.bundle_files(stick, usb.REPLY_SUFFIX)
        # A request claiming to come from another office's device, signed with our key: refused too.
        request = usb_sync.export_request(remote, stick).path
        other_id = other.meta("server_device_id")
        tamper(request, lambda d: d.update(device_id=other_id))
        out = server_import(server, stick, check=False)
        assert out.returncode == 1 and "signature does not match" in out.stderr
        for p in (stick / "layan-sync").iterdir():
            p.unlink()

        # A damaged (cut) reply and a changed reply are refused at the office; the outbox stays.
        request = usb_sync.export_request(remote, stick).path
        server_import(server, stick)
        reply = usb.bundle_files(stick, usb.REPLY_SUFFIX)[0]
        good = reply.read_bytes()
        reply.write_bytes(good[: len(good) // 2])
        report = usb_sync.import_replies(remote, stick)
        assert report.files == 0 and "rusak atau tidak lengkap" in report.skipped[0][1]
        reply.write_bytes(good)
        tamper(reply, lambda d: d["body"]["replies"][0].update(acked_mseq=10**6))
        report = usb_sync.import_replies(remote, stick)
        assert report.files == 0 and "tidak cocok" in report.skipped[0][1]
        assert remote.outbox_size() == 1
        cli = layan("--data-dir", remote.data_dir, "usb", "import", stick)
        assert cli.returncode == 1 and "dilewati" in cli.stderr
        # Another PC's reply on the same stick is left alone.
        reply.write_bytes(good)
        report = usb_sync.import_replies(other, stick)
        assert report.files == 0 and report.other_pcs == 1 and not report.skipped

        # Garbage, and a file that is not gzip at all.
        (stick / "layan-sync" / "junk.request.layan").write_bytes(b"not a sync file")
        out = server_import(server, stick, check=False)
        assert out.returncode == 1 and "damaged or incomplete" in out.stderr

        # A revoked device's file is refused.
        for p in (stick / "layan-sync").iterdir():
            p.unlink()
        usb_sync.export_request(remote, stick)
        server.cli("revoke", remote.meta("server_device_id"))
        out = server_import(server, stick, check=False)
        assert out.returncode == 1 and "revoked" in out.stderr
        assert remote.outbox_size() == 1
    finally:
        for store in (remote, other):
            store.close()


def test_a_pc_without_its_usb_key_is_told_to_sync_once_online(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    try:
        usb_sync.key_store(remote).clear()  # e.g. enrolled by an older version
        with pytest.raises(StoreError, match="sinkronkan sekali lewat jaringan"):
            usb_sync.export_request(remote, tmp_path / "stick")
        sync_ok(remote)  # the first online sync fetches it
        assert usb_sync.key_store(remote).load()
        assert usb_sync.export_request(remote, tmp_path / "stick").changes == 0
    finally:
        remote.close()


def test_a_stick_that_cannot_be_written_says_so_and_keeps_everything(server, tmp_path):
    office = server.new_office("distrik")
    remote = pc(server, tmp_path, office, "remote")
    try:
        letters.register_incoming(remote, MASUK, actor="op")
        not_a_folder = tmp_path / "E"
        not_a_folder.write_text("a file where the stick should be")
        with pytest.raises(StoreError, match="Periksa USB-nya") as caught:
            usb_sync.export_request(remote, not_a_folder)
        assert "Check the stick" in caught.value.message_en
        assert remote.outbox_size() == 1 and remote.meta(usb_sync.LAST_EXPORT_META) is None
        cli = layan("--data-dir", remote.data_dir, "usb", "export", not_a_folder)
        assert cli.returncode != 0 and "Periksa USB-nya" in cli.stderr
    finally:
        remote.close()
