"""Encryption at rest: a plaintext Layan database (or backup) becomes a SQLCipher one, in place.

The move is crash-safe: the encrypted copy is written beside the file under another name, synced to
disk, and only then renamed over the plaintext file. A process killed at any moment leaves either the
old plaintext file whole (and the next start simply encrypts it again) or the new encrypted one whole.
The key is kept (``keys.save_key``) before the first encrypted byte is written, so an encrypted file
never exists without its key.
"""

from __future__ import annotations

import os
from pathlib import Path

from .driver import sqlite3

PLAINTEXT_HEADER = b"SQLite format 3\x00"
PARTIAL_SUFFIX = ".encrypting"


def is_plaintext(path: Path | str) -> bool:
    """True for an unencrypted SQLite file (SQLCipher files start with random salt, not this header)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(PLAINTEXT_HEADER)) == PLAINTEXT_HEADER
    except FileNotFoundError:
        return False


def key_pragma(key: bytes) -> str:
    """The PRAGMA that opens a SQLCipher database with a raw 256-bit key (no passphrase derivation)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory; its renames are durable once MoveFileEx returns
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def encrypt_in_place(path: Path | str, key: bytes) -> bool:
    """Encrypts the plaintext database at ``path`` with ``key``; False when it was not plaintext."""
    path = Path(path)
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    partial.unlink(missing_ok=True)  # a copy left by a process killed half-way: start it again
    if not is_plaintext(path):
        return False
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        # Fold the WAL into the main file: after the rename only the main file's pages count.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(partial),))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(user_version)}")
        conn.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    os.chmod(partial, 0o600)
    with open(partial, "rb+") as handle:
        os.fsync(handle.fileno())
    # The WAL is empty after the checkpoint; remove it and the shared-memory index so that no stale
    # plaintext frame is ever replayed onto the encrypted file.
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(partial, path)
    _fsync_dir(path.parent)
    return True
