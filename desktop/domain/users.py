"""Users who may log in on this PC. Passwords are scrypt hashes (sync.passwords), so login works
offline; central users arrive by sync, the first-start administrator is local until enrollment."""

from __future__ import annotations

from desktop.store.db import StoreError
from desktop.store.records import Store, WriteTx, new_id
from sync.passwords import hash_password, verify_password

ROLES = ("operator", "kepala", "nakes", "admin")
ROLE_LABELS = {"operator": ("Operator", "Operator"), "kepala": ("Kepala", "Head"),
               "nakes": ("Tenaga Kesehatan", "Health staff"), "admin": ("Admin Kantor", "Office admin")}
MIN_PASSWORD = 6


def create_local_admin(tx: WriteTx, *, office_id: str, username: str, password: str, full_name: str) -> str:
    username = username.strip().lower()
    if not username or len(password) < MIN_PASSWORD:
        raise StoreError(f"Nama pengguna wajib diisi dan kata sandi minimal {MIN_PASSWORD} karakter.",
                         f"A username is required and the password needs at least {MIN_PASSWORD} characters.")
    user_id = new_id()
    tx.execute(
        "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only) "
        "VALUES (?, ?, ?, ?, 'admin', ?, 1, 1)",
        (user_id, office_id, username, full_name, hash_password(password)),
    )
    return user_id


def authenticate(store: Store, username: str, password: str) -> dict | None:
    """The user's row when the password matches an active account, else None (no hint which part failed)."""
    row = store.read().execute(
        "SELECT * FROM users WHERE username = ? AND active = 1", ((username or "").strip().lower(),)
    ).fetchone()
    if row is None or not verify_password(password, row["password_hash"]):
        return None
    return {k: row[k] for k in row.keys() if k != "password_hash"}


def list_users(store: Store) -> list[dict]:
    rows = store.read().execute("SELECT id, username, full_name, role, active, local_only FROM users ORDER BY username")
    return [dict(r) for r in rows]
