"""Backup and restore: a restore refuses a bad file and then leaves the current data untouched."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from desktop.domain import letters, open_store
from desktop.store import backup, keys
from desktop.store.db import StoreError

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


def test_backup_then_restore_brings_back_the_data(store, data_dir, tmp_path):
    kept = letters.register_incoming(store, MASUK, actor="admin")
    target = backup.backup_to(store, tmp_path / "b.sqlite3")
    letters.register_incoming(store, {**MASUK, "perihal": "Setelah cadangan"}, actor="admin")
    store.close()
    safety = backup.restore_from(data_dir, target)
    assert safety.exists()
    restored = open_store(data_dir)
    try:
        assert restored.count("letters") == 1
        assert restored.get("letters", kept.record_id)["perihal"] == "Undangan"
    finally:
        restored.close()


@pytest.mark.parametrize("kind", ["garbage", "truncated", "other-sqlite"])
def test_restore_refuses_a_bad_file_and_keeps_current_data(store, data_dir, tmp_path, kind):
    letters.register_incoming(store, MASUK, actor="admin")
    good = backup.backup_to(store, tmp_path / "good.sqlite3")
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "garbage":
        bad.write_bytes(b"not a database at all" * 100)
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    else:
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE meta(key, value)")
        conn.commit()
        conn.close()
    store.close()
    before = (data_dir / "layan.sqlite3").read_bytes()
    with pytest.raises(StoreError):
        backup.restore_from(data_dir, bad)
    assert (data_dir / "layan.sqlite3").read_bytes() == before
    reopened = open_store(data_dir)
    try:
        assert reopened.count("letters") == 1
    finally:
        reopened.close()


def test_daily_backup_runs_once_a_day_and_rotates(store):
    made = [backup.daily_backup(store, keep=3, today=dt.date(2026, 11, d)) for d in range(20, 26)]
    assert all(made)
    assert backup.daily_backup(store, keep=3, today=dt.date(2026, 11, 25)) is None
    names = sorted(p.name for p in (store.data_dir / "backups").glob("daily-*"))
    assert names == ["daily-2026-11-23.sqlite3", "daily-2026-11-24.sqlite3", "daily-2026-11-25.sqlite3"]
    backup.check_backup_file(store.data_dir / "backups" / names[-1], store.data_dir)


ADMIN = {"id": "admin", "username": "admin", "role": "admin", "office_id": "DST-MB", "active": 1}


def test_attachments_are_backed_up_sealed_and_restored(store, data_dir, tmp_path):
    import shutil

    from desktop.domain import attachments
    from desktop.store.attachment_blobs import forget_blob_stores
    from tests.unit import attachment_samples as samples

    letter = letters.register_incoming(store, MASUK, actor="admin").record_id
    data = samples.small_png()
    record = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", data))
    first = backup.backup_to(store, tmp_path / "usb" / "a.sqlite3")
    second = backup.backup_to(store, tmp_path / "usb" / "b.sqlite3")
    beside = [p for p in (tmp_path / "usb" / "blobs" / "objects").rglob("*") if p.is_file()]
    assert len(beside) == 1 and first.exists() and second.exists()  # two backups share one copy
    assert b"IHDR" not in beside[0].read_bytes()  # still sealed
    store.close()
    shutil.rmtree(data_dir / "blobs")  # the disk lost the scans
    forget_blob_stores()
    backup.restore_from(data_dir, second)
    restored = open_store(data_dir)
    try:
        assert attachments.read_bytes(restored, ADMIN, restored.get("attachments", record["id"])) == data
    finally:
        restored.close()


def test_attachments_of_another_pcs_backup_come_back_with_it_recovery_key(store, tmp_path):
    from desktop.domain import attachments
    from desktop.store import keys
    from desktop.store.attachment_blobs import forget_blob_stores
    from tests.unit import attachment_samples as samples
    from tests.unit.test_encryption_at_rest import it_key_pair

    private_pem, public_pem = it_key_pair(tmp_path)
    store.set_meta("recovery_public_key", public_pem)
    letter = letters.register_incoming(store, MASUK, actor="admin").record_id
    data = samples.small_png()
    record = attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes("kk.png", data))
    stick = backup.backup_to(store, tmp_path / "usb" / "cadangan.sqlite3")
    store.close()
    new_pc = tmp_path / "new-pc"
    open_store(new_pc).close()
    backup.restore_from(new_pc, stick, recovery_key=private_pem.read_bytes())
    keys.forget_cached_keys()
    forget_blob_stores()
    restored = open_store(new_pc)
    try:
        again = restored.get("attachments", record["id"])
        assert attachments.read_bytes(restored, ADMIN, again) == data  # re-sealed with the new PC's key
    finally:
        restored.close()


def test_rotated_backups_take_the_bytes_only_they_named(store, data_dir):
    """A scan deleted after the 20th lives on in the backups beside it until the last backup that
    names it rotates out; a scan still attached, and one a kept backup names, stay."""
    from desktop.domain import attachments
    from desktop.store.attachment_blobs import blob_store
    from tests.unit import attachment_samples as samples

    def attach(seed: int) -> dict:
        letter = letters.register_incoming(store, MASUK, actor="admin").record_id
        page = samples.jpeg(samples.scanned_page(dpi=100, seed=seed))
        return attachments.attach(store, ADMIN, "letters", letter, attachments.inspect_bytes(f"s{seed}.jpg", page))

    def beside() -> set[str]:
        return {p.name for p in (data_dir / "backups" / "blobs" / "objects").rglob("*") if p.is_file()}

    gone, stays = attach(1), attach(2)
    backup.daily_backup(store, keep=2, today=dt.date(2026, 11, 20))
    assert beside() == {gone["sha256"], stays["sha256"]}
    attachments.remove(store, ADMIN, gone["id"])
    assert not blob_store(data_dir).has(gone["sha256"])  # only the backups have it now
    backup.daily_backup(store, keep=2, today=dt.date(2026, 11, 21))
    assert beside() == {gone["sha256"], stays["sha256"]}  # the 20th still names it
    backup.daily_backup(store, keep=2, today=dt.date(2026, 11, 22))  # the 20th rotates out
    assert beside() == {stays["sha256"]}


def test_pruning_keeps_everything_when_a_backup_there_cannot_be_read(store, data_dir):
    from desktop.domain import attachments
    from tests.unit import attachment_samples as samples

    letter = letters.register_incoming(store, MASUK, actor="admin").record_id
    rec = attachments.attach(store, ADMIN, "letters", letter,
                             attachments.inspect_bytes("kk.png", samples.small_png()))
    backup.daily_backup(store, keep=1, today=dt.date(2026, 11, 20))
    attachments.remove(store, ADMIN, rec["id"])
    (data_dir / "backups" / "layan-lain.sqlite3").write_bytes(b"not a database, or another key" * 100)
    backup.daily_backup(store, keep=1, today=dt.date(2026, 11, 21))
    kept = {p.name for p in (data_dir / "backups" / "blobs" / "objects").rglob("*") if p.is_file()}
    assert kept == {rec["sha256"]}  # it might be that file's: nothing is removed
    (data_dir / "backups" / "layan-lain.sqlite3").unlink()
    assert backup.prune_backup_blobs(data_dir / "backups", keys.load_key(data_dir)) == 1
