"""sync/blobs.py: the content-addressed, encrypted store of attachment bytes, on real files."""

from __future__ import annotations

import hashlib
import os
import secrets
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sync.blobs import CHUNK, BlobError, BlobStore, derive_blob_key

ROOT = Path(__file__).resolve().parents[2]
KEY = bytes(range(32))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_files(root: Path) -> list[Path]:
    return [p for p in (root / "objects").rglob("*") if p.is_file()]


@pytest.fixture(params=["encrypted", "plain"])
def store(request, tmp_path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", KEY if request.param == "encrypted" else None)


def test_put_returns_sha_and_reads_back(store):
    data = secrets.token_bytes(3 * CHUNK + 123)
    digest = store.put_bytes(data)
    assert digest == sha(data)
    assert store.has(digest) and store.size(digest) == len(data)
    assert store.read(digest) == data


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK])
def test_sizes_at_chunk_edges(store, size):
    data = secrets.token_bytes(size)
    digest = store.put_bytes(data)
    assert store.size(digest) == size
    assert store.read(digest) == data


def test_same_bytes_are_stored_once(store, tmp_path):
    data = b"surat undangan rapat " * 5000
    first = store.put_bytes(data)
    source = tmp_path / "scan.pdf"
    source.write_bytes(data)
    assert store.put_file(source) == first
    assert store.put_bytes(data) == first
    assert len(stored_files(store.root)) == 1
    assert store.total_bytes() == len(data)
    assert list((store.root / "tmp").iterdir()) == []


def test_range_reads_cross_chunks(store):
    data = secrets.token_bytes(5 * CHUNK + 77)
    digest = store.put_bytes(data)
    for offset, length in [(0, 10), (CHUNK - 5, 10), (CHUNK, CHUNK), (2 * CHUNK + 3, 2 * CHUNK), (len(data) - 1, 50),
                           (len(data), 10), (17, None), (0, 0)]:
        expected = data[offset:] if length is None else data[offset : offset + length]
        assert store.read(digest, offset, length) == expected
    with pytest.raises(BlobError):
        store.read(digest, len(data) + 1)


def test_encrypted_bytes_hold_no_plaintext(tmp_path):
    store = BlobStore(tmp_path / "blobs", KEY)
    text = b"NIK 9109012345678901 Yohanes Beanal, Kwamki Narama " * 2000
    digest = store.put_bytes(text)
    raw = stored_files(store.root)[0].read_bytes()
    assert b"Yohanes" not in raw and b"9109012345678901" not in raw
    # A partial download is sealed too.
    store.append_partial(sha(b"x" + text), 0, b"x" + text[:5000])
    assert b"Yohanes" not in next((store.root / "partial").iterdir()).read_bytes()
    # Another key (another office, or the raw database key itself) cannot read it.
    with pytest.raises(BlobError):
        BlobStore(tmp_path / "blobs", bytes(32)).read(digest)
    assert derive_blob_key(KEY) != KEY


def test_a_changed_byte_is_noticed(tmp_path):
    store = BlobStore(tmp_path / "blobs", KEY)
    digest = store.put_bytes(secrets.token_bytes(2 * CHUNK))
    path = stored_files(store.root)[0]
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(BlobError):
        store.read(digest)


def test_a_cut_off_blob_is_noticed(tmp_path):
    store = BlobStore(tmp_path / "blobs", KEY)
    digest = store.put_bytes(secrets.token_bytes(3 * CHUNK))
    path = stored_files(store.root)[0]
    sealed = CHUNK + 28
    path.write_bytes(path.read_bytes()[: -sealed])  # drop the last whole chunk
    with pytest.raises(BlobError):
        store.read(digest)


def test_partial_download_resumes_and_becomes_visible_only_when_whole(store):
    data = secrets.token_bytes(3 * CHUNK + 999)
    digest = sha(data)
    assert store.partial_size(digest) == 0
    pieces = [data[:1000], data[1000 : CHUNK + 5], data[CHUNK + 5 : 3 * CHUNK], data[3 * CHUNK :]]
    offset = 0
    for piece in pieces[:2]:
        offset = store.append_partial(digest, offset, piece)
    assert not store.has(digest)
    # A reopened store (the PC restarted) knows how far it got.
    again = BlobStore(store.root, KEY if store.encrypted else None)
    assert again.partial_size(digest) == offset == CHUNK + 5
    with pytest.raises(BlobError):
        again.append_partial(digest, 0, pieces[2])  # out of order: refused, nothing written
    assert again.partial_size(digest) == offset
    for piece in pieces[2:]:
        offset = again.append_partial(digest, offset, piece)
    assert not again.has(digest)
    again.finish_partial(digest)
    assert again.has(digest) and again.read(digest) == data
    assert again.read(digest, CHUNK - 3, 10) == data[CHUNK - 3 : CHUNK + 7]
    assert list((again.root / "partial").iterdir()) == []


def test_sha_mismatch_discards_the_partial(store):
    data = secrets.token_bytes(CHUNK + 10)
    claimed = sha(b"something else")
    store.append_partial(claimed, 0, data)
    with pytest.raises(BlobError) as raised:
        store.finish_partial(claimed)
    assert "sha256" in raised.value.message
    assert not store.has(claimed)
    assert store.partial_size(claimed) == 0
    assert stored_files(store.root) == []


def test_a_torn_frame_is_dropped(tmp_path):
    store = BlobStore(tmp_path / "blobs", KEY)
    data = secrets.token_bytes(5000)
    digest = sha(data)
    store.append_partial(digest, 0, data[:3000])
    part = next((store.root / "partial").iterdir())
    with open(part, "ab") as handle:  # a crash in the middle of the next append
        handle.write(b"\x00\x00\x07\xd0" + b"half a frame")
    assert store.partial_size(digest) == 3000
    store.append_partial(digest, 3000, data[3000:])
    store.finish_partial(digest)
    assert store.read(digest) == data


def test_names_that_are_not_sha256_are_refused(store):
    for bad in ["../../etc/passwd", "ABC", "g" * 64, "a" * 63]:
        with pytest.raises(BlobError):
            store.has(bad)
        with pytest.raises(BlobError):
            store.append_partial(bad, 0, b"x")


def test_remove_and_permissions(store):
    digest = store.put_bytes(b"kartu keluarga")
    blob = stored_files(store.root)[0]
    assert stat.S_IMODE(blob.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    store.remove(digest)
    assert not store.has(digest)
    with pytest.raises(BlobError):
        store.read(digest)
    assert store.total_bytes() == 0


PUT_FROM_PIPE = """
import sys
from pathlib import Path
from sync.blobs import BlobStore
store = BlobStore(Path(sys.argv[1]), bytes(range(32)))
store.put_file(Path(sys.argv[2]))
print("done", flush=True)
"""


def test_kill_9_during_put_leaves_nothing_visible(tmp_path):
    """The writer is killed while the bytes stream in (from a pipe it is still reading)."""
    root = tmp_path / "blobs"
    BlobStore(root, KEY)
    fifo = tmp_path / "scan.fifo"
    os.mkfifo(fifo)
    data = secrets.token_bytes(40 * CHUNK)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", PUT_FROM_PIPE, str(root), str(fifo)], env=env,
                            stdout=subprocess.PIPE)
    try:
        with open(fifo, "wb") as pipe:
            pipe.write(data[: 20 * CHUNK])
            pipe.flush()
            deadline = time.monotonic() + 30
            while not any(p.stat().st_size > CHUNK for p in (root / "tmp").iterdir()):
                assert time.monotonic() < deadline, "the writer never started writing"
                time.sleep(0.01)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    except BrokenPipeError:
        pass
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    store = BlobStore(root, KEY)
    assert not store.has(sha(data))
    assert list(store.shas()) == []
    assert stored_files(root) == []
    assert store.total_bytes() == 0
    # The same bytes put again are whole.
    assert store.put_bytes(data) == sha(data)
    assert store.read(sha(data)) == data


def test_stale_temporary_files_are_swept(tmp_path):
    store = BlobStore(tmp_path / "blobs", KEY)
    old = store.root / "tmp" / "123-dead.tmp"
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    fresh = store.root / "tmp" / "456-busy.tmp"
    fresh.write_bytes(b"writing")
    BlobStore(store.root, KEY)
    assert not old.exists() and fresh.exists()


def test_copy_into_another_store_same_key_and_other_key(tmp_path):
    source = BlobStore(tmp_path / "a", KEY)
    items = [secrets.token_bytes(n) for n in (10, CHUNK + 1, 3 * CHUNK)]
    shas = [source.put_bytes(data) for data in items]
    same = BlobStore(tmp_path / "b", KEY)
    assert source.copy_into(same) == 3
    assert source.copy_into(same) == 0  # already there: nothing copied twice
    other = BlobStore(tmp_path / "c", bytes(32))
    assert source.copy_into(other) == 3
    for digest, data in zip(shas, items, strict=True):
        assert same.read(digest) == data and other.read(digest) == data
