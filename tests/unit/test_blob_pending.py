"""After each sync the PC asks only about attachments whose bytes are not settled: ``blob_pending``
(migration m015) is kept by triggers as records are saved, arrive, are deleted, and as bytes settle.
Real store file; the answers are compared with a full scan of the attachments table."""

from __future__ import annotations

import os

from desktop.domain import attachment_sync, letters
from desktop.store.attachment_blobs import blob_store

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


def attach(store, *, here: bool = True, size: int = 1000) -> tuple[str, str]:
    data = os.urandom(size)
    if here:
        sha = blob_store(store.data_dir).put_bytes(data)
    else:
        import hashlib

        sha = hashlib.sha256(data).hexdigest()
    letter = letters.register_incoming(store, MASUK, actor="op").record_id
    rid = store.save("attachments", {"owner_collection": "letters", "owner_id": letter, "name": "scan.pdf",
                                     "mime": "application/pdf", "size": size, "sha256": sha, "pages": 1},
                     actor="op").record_id
    return rid, sha


def pending(store) -> set[str]:
    return {r[0] for r in store.read().execute("SELECT sha256 FROM blob_pending")}


def by_full_scan(store) -> set[str]:
    """What the old code computed: every live attachment against blob_sync."""
    return {r[0] for r in store.read().execute(
        "SELECT sha256 FROM attachments WHERE deleted = 0 AND size > 0 AND sha256 IS NOT NULL "
        "AND sha256 NOT IN (SELECT sha256 FROM blob_sync)")}


def test_the_short_list_follows_saves_settles_and_deletes(store):
    up_rid, up_sha = attach(store)
    _, down_sha = attach(store, here=False)
    assert pending(store) == by_full_scan(store) == {up_sha, down_sha}
    todo = attachment_sync.unsettled(store)
    assert [sha for sha, _ in todo.uploads] == [up_sha] and [m[0] for m in todo.missing] == [down_sha]

    attachment_sync.mark_uploaded(store, up_sha)
    assert pending(store) == by_full_scan(store) == {down_sha}
    assert attachment_sync.pending_uploads(store) == []

    # A second record naming settled bytes is not pending; a deleted record leaves the list.
    _, again = attach(store)
    attachment_sync.mark_uploaded(store, again)
    gone_rid, gone_sha = attach(store)
    assert gone_sha in pending(store)
    store.delete("attachments", gone_rid, actor="op")
    assert pending(store) == by_full_scan(store) == {down_sha}
    store.delete("attachments", up_rid, actor="op")
    assert pending(store) == by_full_scan(store)


def test_a_record_that_arrives_by_sync_is_listed(store):
    from desktop.domain import syncing
    from sync.hlc import Stamp

    sha = "ab" * 32
    replica = syncing.replica_for(store)
    change = {"collection": "attachments", "id": "01a250e9-e126-7d37-abc7-8c4685865db2", "rev": 7,
              "office_id": store.office()["code"], "hlc": str(Stamp(1_790_000_000_000, 0, "srv")), "deleted": False,
              "fields": {"owner_collection": "letters", "owner_id": "01a250e9-e126-7d37-abc7-8c4685865db3",
                         "name": "kk.pdf", "mime": "application/pdf", "size": 5000, "sha256": sha, "pages": 1}}
    replica.apply_changes([change], 7)
    assert [r[0] for r in store.read().execute("SELECT reason_en FROM refused_changes")] == []
    assert pending(store) == by_full_scan(store) == {sha}
    assert attachment_sync.missing_here(store) == [(sha, 5000)]


def test_settled_attachments_are_not_read_after_a_sync(store):
    """The after-sync query's plan starts from blob_pending, never a scan of attachments."""
    plan = " ".join(r[3] for r in store.read().execute("EXPLAIN QUERY PLAN " + attachment_sync.UNSETTLED_SQL))
    assert "SCAN a" not in plan and "attachments_sha" in plan, plan


def test_many_unsettled_are_answered_by_one_listing_of_the_store(store, monkeypatch):
    here = [attach(store)[1] for _ in range(3)]
    away = [attach(store, here=False)[1] for _ in range(2)]
    one_by_one = attachment_sync.unsettled(store)
    monkeypatch.setattr(attachment_sync, "LIST_STORE_ABOVE", 0)
    listed = attachment_sync.unsettled(store)
    assert listed == one_by_one
    assert sorted(sha for sha, _ in listed.uploads) == sorted(here)
    assert sorted(m[0] for m in listed.missing) == sorted(away)
    assert blob_store(store.data_dir).present() >= set(here)
