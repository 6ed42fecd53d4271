"""Attachment bytes under faults, with real processes: the link cut again and again, kill -9 of the
uploading PC, kill -9 of the server mid-upload and right after its acknowledgement, two uploaders
of the same bytes at once. Bytes are counted: a resume re-sends at most the chunk in flight; a
blob is never visible without all its bytes, never lost once acknowledged, never stored twice."""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.domain import attachment_sync, letters, syncing
from desktop.store.attachment_blobs import blob_store
from sync.blob_transfer import BlobTransfer
from sync.client import SyncClient
from tests.integration.test_blob_server import attach, patch, status
from tests.integration.test_desktop_sync import MASUK, pc
from tests.tools.linkemu import LinkEmulator

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 64 * 1024


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def pc_with_blob(server, tmp_path, size: int, name: str = "pc1"):
    """An enrolled PC holding one attachment of ``size`` random bytes, its record already synced."""
    store = pc(server, tmp_path, server.new_office(), name)
    data = os.urandom(size)
    sha = blob_store(store.data_dir).put_bytes(data)
    letter = letters.register_incoming(store, MASUK, actor="op").record_id
    store.save("attachments", {"owner_collection": "letters", "owner_id": letter, "name": "scan.pdf",
                               "mime": "application/pdf", "size": size, "sha256": sha, "pages": 1}, actor="op")
    return store, data, sha


def records_only(store):
    """Record sync alone (the bytes are moved by the test itself)."""
    from sync.engine import sync_once

    client = syncing.make_client(store)
    try:
        assert sync_once(syncing.replica_for(store), client).ok
    finally:
        client.close()


def server_bytes(server, sha: str) -> bytes | None:
    path = server.data_dir / "blobs" / sha[:2] / sha[2:4] / sha
    return path.read_bytes() if path.exists() else None


def staged_size(server, office: str, sha: str) -> int:
    path = server.data_dir / "blob-staging" / office / f"{sha}.part"
    return path.stat().st_size if path.exists() else 0


def test_link_cut_again_and_again_resends_at_most_the_chunk_in_flight(fresh_server, tmp_path):
    server = fresh_server()
    store, data, sha = pc_with_blob(server, tmp_path, 400_000)
    try:
        records_only(store)
        with LinkEmulator(server.port, seed=3) as link:
            link.cut_after(upstream_bytes=100_000, every=True)  # every connection dies after 100 KB up
            client = SyncClient(f"http://127.0.0.1:{link.port}", syncing.tokens(store).load(), retries=0,
                                timeout=(5, 30))
            transfer = BlobTransfer(client, blob_store(store.data_dir), chunk_bytes=CHUNK, backoff=0.01)
            report = transfer.report
            for _ in range(20):  # each run resumes where the server stands
                transfer.upload([(sha, len(data))])
                if sha in report.uploaded:
                    break
                report.error = None
            client.close()
            cuts = link.stats.cuts
        assert sha in report.uploaded and server_bytes(server, sha) == data
        assert cuts >= 3
        assert report.resent <= cuts * CHUNK  # at most the chunk in flight, per cut
        assert report.bytes_up == len(data) + report.resent  # every other byte went exactly once
    finally:
        store.close()


KILLED_UPLOADER = r"""
import sys
from desktop.domain import open_store, syncing
from desktop.store.attachment_blobs import blob_store
from sync.blob_transfer import BlobTransfer
from sync.client import SyncClient

folder, url, sha, size, log = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
store = open_store(folder)
blobs = blob_store(store.data_dir)

class Logged:  # the store as it is, saying which bytes are about to be sent
    def __getattr__(self, name):
        return getattr(blobs, name)
    def read(self, sha, offset=0, length=None):
        with open(log, "a") as f:
            f.write(f"{offset} {length}\n")
        return blobs.read(sha, offset, length)

client = SyncClient(url, syncing.tokens(store).load(), retries=0)
BlobTransfer(client, Logged(), chunk_bytes=int(sys.argv[6])).upload([(sha, size)])
"""


def test_kill_9_of_the_uploading_pc_resends_at_most_one_chunk(fresh_server, tmp_path):
    server = fresh_server()
    store, data, sha = pc_with_blob(server, tmp_path, 300_000)
    office = store.office()["code"]
    log = tmp_path / "sent.log"
    try:
        records_only(store)
        with LinkEmulator(server.port, rate_bps=400_000, seed=4) as link:  # 50 KB/s: six seconds of upload
            proc = subprocess.Popen([sys.executable, "-c", KILLED_UPLOADER, str(store.data_dir),
                                     f"http://127.0.0.1:{link.port}", sha, str(len(data)), str(log), str(CHUNK)],
                                    cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
            try:
                for _ in range(600):  # until the server holds a good part, but not all
                    if staged_size(server, office, sha) >= 100_000 or proc.poll() is not None:
                        break
                    time.sleep(0.02)
            finally:
                proc.kill()  # SIGKILL: the PC loses power mid-upload
                proc.wait()
            link.kill_connections()
        assert server_bytes(server, sha) is None  # not visible: not all bytes arrived
        # The server lets go of the cut request once it notices; then it holds a durable offset.
        for _ in range(500):
            held = status_of(store, sha)
            if held.get("state") == "partial" and server_let_go(server, office, sha):
                break
            time.sleep(0.02)
        offset = held["offset"]
        attempted = max(int(o) + int(n) for o, n in (line.split() for line in log.read_text().splitlines()))
        assert 100_000 <= offset < len(data)
        assert attempted - offset <= CHUNK  # what the killed PC had in flight: at most one chunk
        report = attachment_sync.after_records(store, syncing.make_client(store))
        assert sha in report.uploaded and report.resent == 0
        assert report.bytes_up == len(data) - offset  # the resume sends only what the server lacks
        assert server_bytes(server, sha) == data
    finally:
        store.close()


def server_let_go(server, office: str, sha: str) -> bool:
    """True once no request of the server holds the staged upload (its lock is free): the server has
    noticed the cut connection. Until then a resumed chunk would be refused as busy, and sent again."""
    lock_path = server.data_dir / "blob-staging" / office / ".locks" / sha[:2]
    if not lock_path.exists():
        return True
    fd = os.open(lock_path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # closing drops the lock at once
    return True


def status_of(store, sha: str) -> dict:
    client = syncing.make_client(store)
    try:
        return BlobTransfer(client, blob_store(store.data_dir)).status([sha])[sha]
    finally:
        client.close()


def test_kill_9_of_the_server_mid_upload_and_after_the_ack(fresh_server):
    server = fresh_server()
    port = server.port
    dev = server.new_device(server.new_office())
    data = os.urandom(200_000)
    _, sha = attach(dev, data)
    assert patch(dev, sha, 0, data[:120_000], len(data)).headers["Upload-Offset"] == "120000"
    server.kill()  # power cut at the centre
    server.start(port=port)
    assert status(dev, sha)[sha] == {"state": "partial", "offset": 120_000}  # acknowledged bytes survived
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").status_code == 404  # still not visible
    r = patch(dev, sha, 120_000, data[120_000:], len(data))
    assert r.status_code == 204 and r.headers["Blob-State"] == "stored"
    server.kill()  # right after the acknowledgement
    server.start(port=port)
    assert status(dev, sha)[sha] == {"state": "stored", "size": len(data)}
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == data
    assert not list((server.data_dir / "blob-staging").rglob("*.part"))


def test_same_bytes_from_two_pcs_at_once_are_stored_once(fresh_server):
    server = fresh_server()
    office = server.new_office()
    devices = [server.new_device(office), server.new_device(office), server.new_device(server.new_office())]
    data = os.urandom(500_000)
    sha = hashlib.sha256(data).hexdigest()
    for dev in devices:
        attach(dev, data)
    errors: list[BaseException] = []

    def send(dev):  # a resuming uploader: two PCs of one office share the server's offset
        try:
            offset = 0
            for _ in range(2000):
                r = patch(dev, sha, offset, data[offset:offset + 32 * 1024], len(data))
                if r.status_code == 204 and r.headers["Blob-State"] == "stored":
                    return
                if r.status_code == 204:
                    offset = int(r.headers["Upload-Offset"])
                elif r.status_code == 409:
                    offset = r.json().get("offset", offset)
                    time.sleep(0.005)
                else:
                    raise AssertionError(r.text)
            raise AssertionError("no end")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=send, args=(d,)) for d in devices]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    files = [p for p in (server.data_dir / "blobs").rglob("*") if p.is_file()]
    assert [p.name for p in files] == [sha] and files[0].read_bytes() == data
    for dev in devices:
        assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == data
    assert not list((server.data_dir / "blob-staging").rglob("*.part"))
