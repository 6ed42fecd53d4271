"""Encryption at rest (DESIGN.md invariant 9): the office database, its WAL and every backup are
SQLCipher files; a plaintext database from an earlier version is encrypted in place, and a process
killed at any moment of that move leaves one whole database. Real files, real SQLCipher."""

from __future__ import annotations

import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.domain import letters, open_store, services
from desktop.store import backup, keys
from desktop.store.db import DB_FILENAME, StoreError, WrongKeyError
from desktop.store.driver import sqlite3
from desktop.store.encryption import is_plaintext
from tests.unit.test_services_samples import TODAY, sample

ROOT = Path(__file__).resolve().parents[2]
NIK = "9404014101900001"
NAME = "Yohana Magai"
SECRET_NOTE = "Undangan rapat rahasia Kampung Nawaripi"


def write_personal_data(store) -> None:
    services.new_request(store, "domisili", sample("domisili", nik=NIK, nama=NAME), actor="admin", today=TODAY)
    letters.register_incoming(store, {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial",
                                      "perihal": SECRET_NOTE, "sifat": "biasa"}, actor="admin")


def readable_anywhere(folder: Path, *needles: str) -> list[str]:
    """The files under ``folder`` in which any needle is found as plain bytes (what `strings` would show)."""
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}: {n}" for n in needles if n.encode() in data]
    return hits


def make_plaintext_copy(data_dir: Path, target: Path) -> None:
    """The same office as it was stored before encryption at rest: a plain SQLite file, no key."""
    target.mkdir(parents=True)
    key = keys.load_key(data_dir)
    conn = sqlite3.connect(str(data_dir / DB_FILENAME))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target / DB_FILENAME),))
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {user_version}")
    conn.execute("PRAGMA plain.application_id = 1279351118")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    assert is_plaintext(target / DB_FILENAME)


def test_no_nik_name_or_note_is_readable_in_the_database_its_wal_or_a_backup(store, data_dir, tmp_path):
    write_personal_data(store)
    daily = backup.daily_backup(store)
    copy = backup.backup_to(store, tmp_path / "usb" / "cadangan.sqlite3")
    assert (data_dir / (DB_FILENAME + "-wal")).exists()  # the writes are still in the WAL: it is checked too
    assert readable_anywhere(data_dir, NIK, NAME, SECRET_NOTE) == []
    assert readable_anywhere(copy.parent, NIK, NAME, SECRET_NOTE) == []
    assert not is_plaintext(data_dir / DB_FILENAME) and not is_plaintext(daily) and not is_plaintext(copy)
    # ... and the data is all there for the office itself.
    assert backup.check_backup_file(copy, data_dir)["office_code"] == "DST-MB"
    assert store.read().execute("SELECT count(*) FROM service_requests WHERE nik = ?", (NIK,)).fetchone()[0] == 1


def test_the_data_folder_database_and_backups_are_owner_only(store, data_dir):
    write_personal_data(store)
    made = backup.daily_backup(store)
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(data_dir) == 0o700
    assert mode(data_dir / DB_FILENAME) == 0o600
    assert mode(data_dir / "backups") == 0o700
    assert mode(made) == 0o600
    assert mode(data_dir / keys.FALLBACK_FILE) == 0o600  # no OS keyring on this machine: the owner-only file


def test_a_plaintext_database_and_its_old_backups_are_encrypted_in_place(store, data_dir, tmp_path):
    write_personal_data(store)
    store.close()
    old = tmp_path / "old"
    make_plaintext_copy(data_dir, old)
    (old / "backups").mkdir()
    shutil.copyfile(old / DB_FILENAME, old / "backups" / "daily-2026-11-30.sqlite3")
    assert readable_anywhere(old, NIK)  # the starting point really is readable

    migrated = open_store(old)
    try:
        assert migrated.read().execute("SELECT nama FROM service_requests WHERE nik = ?", (NIK,)).fetchone()[0] == NAME
        assert migrated.count("letters") == 1
    finally:
        migrated.close()
    assert readable_anywhere(old, NIK, NAME, SECRET_NOTE) == []
    assert not is_plaintext(old / DB_FILENAME) and not is_plaintext(old / "backups" / "daily-2026-11-30.sqlite3")
    assert backup.check_backup_file(old / "backups" / "daily-2026-11-30.sqlite3", old)["office_code"] == "DST-MB"


def test_another_programs_sqlite_file_is_refused_not_encrypted(tmp_path):
    foreign = tmp_path / DB_FILENAME
    conn = sqlite3.connect(str(foreign))
    conn.execute("CREATE TABLE foo(x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError):
        open_store(tmp_path)
    assert is_plaintext(foreign)  # left as it was


def test_without_its_key_the_database_does_not_open_and_says_why(store, data_dir):
    write_personal_data(store)
    store.close()
    (data_dir / keys.FALLBACK_FILE).write_text("ab" * 32)  # another key (a lost or replaced key)
    keys.forget_cached_keys()
    with pytest.raises(WrongKeyError) as err:
        open_store(data_dir)
    assert "kunci" in err.value.message and "recovery key" in err.value.message_en


def test_a_missing_key_is_said_plainly_and_no_new_key_is_made(store, data_dir):
    write_personal_data(store)
    store.close()
    (data_dir / keys.FALLBACK_FILE).unlink()  # the key is gone (another Windows user, a wiped keyring)
    keys.forget_cached_keys()
    with pytest.raises(WrongKeyError) as err:
        open_store(data_dir)
    assert "tidak ditemukan" in err.value.message
    assert not (data_dir / keys.FALLBACK_FILE).exists()


def test_a_backup_from_another_pc_is_refused_here_with_a_clear_message(store, tmp_path):
    write_personal_data(store)
    foreign = backup.backup_to(store, tmp_path / "lain.sqlite3")
    store.close()
    other = tmp_path / "other-pc"
    other_store = open_store(other)  # a new PC: its own key
    other_store.close()
    before = (other / DB_FILENAME).read_bytes()
    with pytest.raises(StoreError) as err:
        backup.restore_from(other, foreign)
    assert "kunci lain" in err.value.message
    assert (other / DB_FILENAME).read_bytes() == before


def test_an_old_plaintext_backup_is_restored_and_then_encrypted(store, data_dir, tmp_path):
    write_personal_data(store)
    store.close()
    old = tmp_path / "old"
    make_plaintext_copy(data_dir, old)
    backup.restore_from(data_dir, old / DB_FILENAME)
    restored = open_store(data_dir)
    try:
        assert restored.count("letters") == 1
    finally:
        restored.close()
    assert readable_anywhere(data_dir, NIK, NAME) == []


# --- kill -9 during the move to an encrypted file -------------------------------------------------

MIGRATE = textwrap.dedent("""
    import sys
    from desktop.domain import open_store
    print("ready", flush=True)
    open_store(sys.argv[1]).close()
    print("done", flush=True)
""")


def big_plaintext_office(store, data_dir: Path, target: Path, letters_count: int) -> None:
    with store.transaction() as tx:
        for i in range(letters_count):
            letters.register(tx, "masuk", {"tanggal_terima": "2026-11-27", "asal": f"Dinas {i}",
                                           "perihal": f"{SECRET_NOTE} {i} " + "x" * 400, "sifat": "biasa"},
                             actor="admin")
    store.close()
    make_plaintext_copy(data_dir, target)
    shutil.copyfile(data_dir / keys.FALLBACK_FILE, target / keys.FALLBACK_FILE)


@pytest.mark.slow
def test_kill_9_at_any_moment_of_the_migration_leaves_one_whole_database(store, data_dir, tmp_path):
    source = tmp_path / "source"
    big_plaintext_office(store, data_dir, source, 2000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LAYAN_TOKEN_STORE": "file"}

    # How long a whole migration takes here, from "ready" to "done": the kills are spread over it.
    trial = tmp_path / "trial"
    shutil.copytree(source, trial)
    proc = subprocess.Popen([sys.executable, "-c", MIGRATE, str(trial)], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    assert proc.stdout.readline().strip() == "done"
    span = time.monotonic() - started
    proc.wait()
    proc.stdout.close()

    rng = random.Random(20261207)
    outcomes = set()
    for attempt in range(10):
        folder = tmp_path / f"kill-{attempt}"
        shutil.copytree(source, folder)
        proc = subprocess.Popen([sys.executable, "-c", MIGRATE, str(folder)], stdout=subprocess.PIPE, text=True,
                                env=env)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(span * rng.uniform(0.0, 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        outcomes.add("plaintext" if is_plaintext(folder / DB_FILENAME) else "encrypted")
        keys.forget_cached_keys()
        reopened = open_store(folder)  # whatever was left opens, whole, with every letter
        try:
            assert reopened.count("letters") == 2000
            assert reopened.read().execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            reopened.close()
        assert not is_plaintext(folder / DB_FILENAME)
        assert not list(folder.glob("*.encrypting"))
    print(f"migration {span:.2f}s; left after the kills: {sorted(outcomes)}")


# --- recovery with IT's key -------------------------------------------------------------------------

def it_key_pair(tmp_path: Path) -> tuple[Path, str]:
    """IT's recovery key pair as `openssl genpkey -algorithm X25519` makes it (PEM files)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    private = X25519PrivateKey.generate()
    path = tmp_path / "it-recovery.pem"
    path.write_bytes(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    public = private.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return path, public


def run_layan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "LAYAN_TOKEN_STORE": "file"})


def test_a_backup_from_another_pc_is_restored_with_it_recovery_key_and_nowhere_else(store, tmp_path):
    from sync import config

    private_pem, public_pem = it_key_pair(tmp_path)
    assert config.value_errors("recovery_public_key", public_pem) == []
    store.set_meta("recovery_public_key", public_pem)  # as the central setting puts it in force
    write_personal_data(store)
    stick = backup.backup_to(store, tmp_path / "usb" / "cadangan.sqlite3")
    sealed = Path(str(stick) + backup.SIDE_SUFFIX)
    assert sealed.exists() and NIK.encode() not in sealed.read_bytes()
    store.close()

    new_pc = tmp_path / "new-pc"
    open_store(new_pc).close()
    without = run_layan("--data-dir", str(new_pc), "restore", str(stick))
    assert without.returncode == 1 and "kunci lain" in without.stderr

    (tmp_path / "another-it").mkdir()
    wrong_private, _ = it_key_pair(tmp_path / "another-it")  # someone else's key pair
    wrong = run_layan("--data-dir", str(new_pc), "restore", str(stick), "--recovery-key", str(wrong_private))
    assert wrong.returncode == 1 and "tidak cocok" in wrong.stderr

    done = run_layan("--data-dir", str(new_pc), "restore", str(stick), "--recovery-key", str(private_pem))
    assert done.returncode == 0, done.stderr
    keys.forget_cached_keys()
    restored = open_store(new_pc)  # with the new PC's own key
    try:
        assert restored.read().execute("SELECT nama FROM service_requests WHERE nik = ?", (NIK,)).fetchone()[0] == NAME
    finally:
        restored.close()
    assert readable_anywhere(new_pc, NIK, NAME) == []
