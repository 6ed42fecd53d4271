"""The server clears attachment bytes nothing names any more on its own: only after a grace period,
never an upload under way, never a blob a record names again. The collection runs against the
real server's database (SQLite and PostgreSQL) with a given clock, and inside a real server process
on its own timer."""

from __future__ import annotations

import os

import pytest

from sync.protocol import now_ms
from sync.server import blob_gc
from sync.server.blob_meta import BlobMeta
from sync.server.blobs import Staging, backend_from
from tests.integration.conftest import advisory_locks_waiting, new_id, wait_until
from tests.integration.test_blob_server import attach, patch, status, stored_files, upload

HOUR = blob_gc.HOUR_MS


def orphan(server, dev) -> tuple[str, bytes]:
    """A blob stored whole whose only attachment record was then deleted."""
    data = os.urandom(20_000)
    rid, sha = attach(dev, data)
    upload(dev, data)
    dev.sync(dev.mut("attachments", rid, op="delete", base_rev=server.storage.record(rid)["rev"]))
    return sha, data


def collect(server, at: int):
    return blob_gc.collect(server.storage, backend_from(server.data_dir), Staging(server.data_dir / "blob-staging"),
                           grace_ms=24 * HOUR, now=at)


@pytest.mark.parametrize("fresh_server", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_an_orphan_goes_after_the_grace_and_nothing_else_does(fresh_server):
    server = fresh_server()
    dev = server.new_device(server.new_office())
    meta = BlobMeta(server.storage)
    gone, _ = orphan(server, dev)
    again, again_data = orphan(server, dev)
    kept = os.urandom(20_000)
    _, kept_sha = attach(dev, kept)
    upload(dev, kept)
    flying = os.urandom(300_000)  # an upload under way: a third of its bytes are at the server
    _, flying_sha = attach(dev, flying)
    assert patch(dev, flying_sha, 0, flying[:100_000], len(flying)).status_code == 204

    t0 = now_ms()
    first = collect(server, t0)
    assert sorted(first.noted) == sorted([gone, again]) and first.removed == []
    assert meta.stored_size(gone) == 20_000  # seen, kept for the grace
    attach(dev, again_data)  # the clerk attaches the same scan again within the grace
    assert collect(server, t0 + 24 * HOUR - 1).removed == []
    assert collect(server, t0 + 24 * HOUR).removed == [gone]
    assert meta.stored_size(gone) is None
    if server.backend == "sqlite":
        assert gone not in stored_files(server) and again in stored_files(server)
    assert dev.raw(f"/v1/blobs/{again}", method="GET").content == again_data
    assert dev.raw(f"/v1/blobs/{kept_sha}", method="GET").content == kept
    # The upload under way goes on where it was and finishes whole.
    assert status(dev, flying_sha)[flying_sha] == {"state": "partial", "offset": 100_000}
    r = patch(dev, flying_sha, 100_000, flying[100_000:], len(flying))
    assert r.status_code == 204 and r.headers["Blob-State"] == "stored"
    assert dev.raw(f"/v1/blobs/{flying_sha}", method="GET").content == flying


def test_the_server_collects_on_its_own(fresh_server, monkeypatch):
    """A server started with a short period and no grace clears an orphan without anyone asking,
    and the upload under way is untouched. (Waits for the collection, asserts on its result.)"""
    monkeypatch.setenv(blob_gc.EVERY_ENV, str(1 / 3600))  # every second
    monkeypatch.setenv(blob_gc.GRACE_ENV, "0")
    server = fresh_server()
    dev = server.new_device(server.new_office())
    meta = BlobMeta(server.storage)
    flying = os.urandom(200_000)
    _, flying_sha = attach(dev, flying)
    assert patch(dev, flying_sha, 0, flying[:64_000], len(flying)).status_code == 204
    gone, _ = orphan(server, dev)
    wait_until(lambda: meta.stored_size(gone) is None, limit_s=120)
    assert meta.stored_size(gone) is None and gone not in stored_files(server)
    assert status(dev, flying_sha)[flying_sha] == {"state": "partial", "offset": 64_000}
    assert patch(dev, flying_sha, 64_000, flying[64_000:], len(flying)).headers["Blob-State"] == "stored"


def test_one_worker_of_several_claims_each_run(server):
    t0 = now_ms() + 10 * 365 * 24 * HOUR  # after any claim the module's server made on its own
    every = 24 * HOUR
    assert blob_gc.claim_run(server.storage, every, now=t0)
    assert not blob_gc.claim_run(server.storage, every, now=t0 + 1)
    assert not blob_gc.claim_run(server.storage, every, now=t0 + every - 1)
    assert blob_gc.claim_run(server.storage, every, now=t0 + every)


@pytest.mark.postgres
def test_a_page_naming_a_blob_while_the_gc_removes_it_is_waited_for(fresh_server):
    """PostgreSQL: a sync page naming an orphan again is applied (not yet committed) while the collection
    removes that orphan. The collection waits for the page's commit, sees the record and keeps the blob, so
    the "stored" the PC is told stays true. The page is held open from a second connection by the lock of a
    patient it also carries (the projections take it after the blob's lock)."""
    import threading

    from sqlalchemy import text

    from tests.integration.test_blob_server import attachment

    server = fresh_server("postgres")
    dev = server.new_device(server.new_office("puskesmas"))
    person = {"no_rm": "RM-000001", "nama": "Yance", "jenis_kelamin": "L", "tanggal_lahir": "2018-03-01"}
    first = new_id()
    dev.sync(dev.mut("patients", first, person))
    data = os.urandom(20_000)
    rid, sha = attach(dev, data, owner="patients", owner_id=first)
    upload(dev, data)
    dev.sync(dev.mut("attachments", rid, op="delete", base_rev=server.storage.record(rid)["rev"]))
    t0 = now_ms()
    assert collect(server, t0).noted == [sha]

    second = new_id()
    page = [dev.mut("patients", second, {**person, "no_rm": "RM-000002"}),
            dev.mut("attachments", new_id(), attachment(sha, len(data), owner="patients", owner_id=second))]
    done: dict = {}

    with server.storage.engine.connect() as holder, holder.begin():
        holder.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"pj_patient:{second}"})
        applying = threading.Thread(target=lambda: done.setdefault("page", dev.sync(*page)))
        applying.start()
        # the page is written and waits for the patient's lock:
        wait_until(lambda: advisory_locks_waiting(server.storage) >= 1)
        gc = threading.Thread(target=lambda: done.setdefault("gc", collect(server, t0 + 24 * HOUR)))
        gc.start()
        wait_until(lambda: advisory_locks_waiting(server.storage) >= 2 or not gc.is_alive())
        assert gc.is_alive(), "the collection did not wait for the page naming the blob"
    applying.join(60)
    gc.join(60)
    assert all(r["status"] == "applied" for r in done["page"]["results"])
    assert done["gc"].removed == [] and BlobMeta(server.storage).stored_size(sha) == 20_000
    assert status(dev, sha)[sha]["state"] == "stored"
    assert dev.raw(f"/v1/blobs/{sha}", method="GET").content == data
