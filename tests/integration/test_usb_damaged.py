"""Damaged files on a USB stick: a flipped byte in the compressed data, a cut file, a format this
version does not know, an empty file. Both imports (`layan-server usb import` at the centre,
`layan usb import` at the office) refuse THAT file, by name and with a plain reason, and go on
with the other files on the stick. Real files on a temp "stick", the real server process."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys

import pytest

from desktop.domain import letters, usb_sync
from sync import usb

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def layan(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "LAYAN_TOKEN_STORE": "file", "LANG": "C"})


def flip_compressed_byte(data: bytes) -> bytes:
    """One byte flipped in the middle of the compressed body (after a format-2 header, or inside a
    format-1 gzip stream past its 10-byte gzip header)."""
    start = data.index(b"\n", len(usb.MAGIC_V2)) + 1 if data.startswith(usb.MAGIC_V2) else 10
    at = start + (len(data) - start) // 2
    return data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1:]


def damaged_copies(folder, good: bytes, v1: bytes, suffix: str) -> dict[str, bytes]:
    """Every kind of damage, named so that each sorts BEFORE the good file (read first)."""
    files = {
        f"0-flipped{suffix}": flip_compressed_byte(good),
        f"0-flipped-v1{suffix}": flip_compressed_byte(v1),
        f"0-cut{suffix}": good[: len(good) * 2 // 3],
        f"0-cut-v1{suffix}": v1[: len(v1) // 2],
        f"0-newer-format{suffix}": b"LAYAN-USB/3\n" + good[len(usb.MAGIC_V2):],
        f"0-empty{suffix}": b"",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files


def test_the_centre_refuses_each_damaged_request_by_name_and_answers_the_good_one(server, tmp_path):
    office = server.new_office("distrik")
    remote = server.desktop_pc(tmp_path / "remote", office)
    stick = tmp_path / "stick"
    folder = stick / usb.FOLDER
    try:
        letters.register_incoming(remote, MASUK, actor="op")
        good = usb_sync.export_request(remote, stick).path
        device_id, key = usb_sync._device(remote)
        v1 = usb.write_bundle(tmp_path / "v1", usb.REQUEST, device_id,
                              usb.verify(usb.read_unverified(good), key, good), key, version=1).read_bytes()
        bad = damaged_copies(folder, good.read_bytes(), v1, usb.REQUEST_SUFFIX)

        out = server.cli("usb", "import", str(stick), check=False)
        assert out.returncode == 1
        assert "Traceback" not in out.stderr and "zlib" not in out.stderr and "could not be processed" not in out.stderr
        refused = {line.split(":")[0]: line for line in out.stderr.splitlines() if ": REFUSED: " in line}
        assert set(refused) == set(bad), out.stderr
        assert "signature does not match (the file is damaged" in refused["0-flipped.request.layan"]
        assert "damaged or incomplete (corrupt gzip body)" in refused["0-flipped-v1.request.layan"]
        assert "cut short" in refused["0-cut.request.layan"]
        assert "damaged or incomplete (truncated gzip body)" in refused["0-cut-v1.request.layan"]
        assert "made by a newer Layan" in refused["0-newer-format.request.layan"]
        assert "the file is empty" in refused["0-empty.request.layan"]
        # The Indonesian reason is beside the English one.
        assert "berkas rusak atau diubah" in refused["0-flipped.request.layan"]
        # The good file after them was applied and answered; the damaged ones got no reply.
        assert f"{good.name}: office {office}, 1 applied" in out.stdout
        replies = [p.name for p in usb.bundle_files(stick, usb.REPLY_SUFFIX)]
        assert replies == [good.name.replace(usb.REQUEST_SUFFIX, usb.REPLY_SUFFIX)]
    finally:
        remote.close()


def test_the_office_skips_each_damaged_reply_by_name_and_applies_the_good_one(server, tmp_path):
    office = server.new_office("distrik")
    remote = server.desktop_pc(tmp_path / "remote", office)
    stick = tmp_path / "stick"
    folder = stick / usb.FOLDER
    try:
        letters.register_incoming(remote, MASUK, actor="op")
        request = usb_sync.export_request(remote, stick).path
        server.cli("usb", "import", str(stick))
        request.unlink()
        reply = usb.bundle_files(stick, usb.REPLY_SUFFIX)[0]
        device_id, key = usb_sync._device(remote)
        body = usb.verify(usb.read_unverified(reply), key, reply)
        v1 = gzip.compress(usb._canonical({"format": usb.FORMAT, "kind": usb.REPLY, "device_id": device_id,
                                           "body": body, "mac": "0" * 64}), mtime=0)
        bad = damaged_copies(folder, reply.read_bytes(), v1, usb.REPLY_SUFFIX)
        remote.close()

        cli = layan("--data-dir", tmp_path / "remote", "--lang", "en", "usb", "import", stick)
        assert "Traceback" not in cli.stderr and "zlib" not in cli.stderr, cli.stderr
        skipped = {line.split(" skipped: ")[0]: line for line in cli.stderr.splitlines() if " skipped: " in line}
        assert set(skipped) == set(bad), cli.stderr
        assert "signature does not match (the file is damaged" in skipped["0-flipped.reply.layan"]
        assert "corrupt gzip body" in skipped["0-flipped-v1.reply.layan"]
        assert "cut short" in skipped["0-cut.reply.layan"]
        assert "truncated gzip body" in skipped["0-cut-v1.reply.layan"]
        assert "Update Layan on this computer" in skipped["0-newer-format.reply.layan"]
        assert "the file is empty" in skipped["0-empty.reply.layan"]
        assert "1 replies applied: 1 changes taken by the server" in cli.stdout, cli.stdout
        assert cli.returncode == 1  # something on the stick was refused: said, and the exit says it too

        cli = layan("--data-dir", tmp_path / "remote", "usb", "import", stick)  # Indonesian by default
        assert "0-empty.reply.layan dilewati: Berkas 0-empty.reply.layan rusak atau tidak lengkap (berkasnya kosong" \
            in cli.stderr, cli.stderr
    finally:
        remote.close()
