"""Users who may log in on this PC, and their management at the office (Pengaturan → Pengguna,
``layan user``).

Passwords are scrypt hashes (sync.passwords), so login works offline. The first-start administrator
is local (``local_only``: never sent to the server). Every other user made or changed here goes into
the outbox like any record, so once the PC is enrolled it reaches the centre and the office's other
PCs; the server checks that the author may do it (sync/server/users.py). Users made centrally arrive
by sync (desktop/store/replica.py checks them first).

Hashing takes a noticeable moment (~0.3 s): it runs before the write transaction, never inside it,
and callers run these functions on a worker (the GUI through WriteOp).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache

from desktop.store.db import StoreError
from desktop.store.records import Change, Store, ValidationError, WriteTx, new_id, now_iso
from sync import users as rules
from sync.passwords import MIN_LENGTH, hash_password, needs_rehash, too_short, verify_password
from sync.schema import FieldError

from .roles import ROLE_LABELS, ROLES  # noqa: F401  (users.ROLES, users.ROLE_LABELS for its callers)

MIN_PASSWORD = MIN_LENGTH
COLLECTION = rules.COLLECTION

# Failed logins: the first FREE_FAILURES cost nothing; after that each attempt waits, doubling from
# FIRST_WAIT_S up to MAX_WAIT_S (a guessed password then takes hours per thousand tries).
FREE_FAILURES = 5
FIRST_WAIT_S = 30
MAX_WAIT_S = 15 * 60


@dataclass(frozen=True)
class LoginResult:
    user: dict | None  # the user's row (no hash) when the login succeeded
    wait_seconds: int = 0  # > 0: too many failures; nothing was checked, try again after this


def _check_password(password: str) -> None:
    problem = too_short(password)
    if problem:
        raise ValidationError([FieldError("password", *problem)])


def _taken(username: str) -> ValidationError:
    return ValidationError([FieldError("username", f"Nama pengguna {username} sudah dipakai.",
                                       f"The username {username} is taken.")])


def create_local_admin(tx: WriteTx, *, office_id: str, username: str, password: str, full_name: str) -> str:
    username = rules.normalize_username(username)
    if not username:
        raise StoreError("Nama pengguna wajib diisi.", "A username is required.")
    _check_password(password)
    user_id = new_id()
    tx.execute(
        "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only, updated_at) "
        "VALUES (?, ?, ?, ?, 'admin', ?, 1, 1, ?)",
        (user_id, office_id, username, full_name, hash_password(password), now_iso()),
    )
    tx.audit(COLLECTION, user_id, "create", {"username": [None, username], "role": [None, "admin"]},
             actor=username)
    return user_id


def add_first_admin(store: Store, *, username: str, full_name: str, password: str) -> str:
    """A local admin for an office that has no active admin or kepala (set up without one)."""
    _check_password(password)
    username = rules.normalize_username(username)
    _raise_field_errors(rules.field_errors({"username": username}, creating=False))
    with store.transaction() as tx:
        if tx.execute("SELECT 1 FROM users WHERE active = 1 AND role IN ('admin', 'kepala')").fetchone():
            raise StoreError("Kantor ini sudah mempunyai admin; masuklah sebagai admin untuk menambah pengguna.",
                             "This office already has an admin; log in as the admin to add users.")
        if tx.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
            raise _taken(username)
        return create_local_admin(tx, office_id=store.office_id, username=username, password=password,
                                  full_name=(full_name or "").strip() or username)


# -- login ---------------------------------------------------------------------------------------------

def wait_after(failures: int) -> int:
    """Seconds to wait after ``failures`` failed logins in a row."""
    if failures < FREE_FAILURES:
        return 0
    return min(FIRST_WAIT_S * 2 ** (failures - FREE_FAILURES), MAX_WAIT_S)


def seconds_to_wait(store: Store, username: str, now_ms: int | None = None) -> int:
    row = store.read().execute("SELECT failures, last_failed_ms FROM login_failures WHERE username = ?",
                               (rules.normalize_username(username),)).fetchone()
    if row is None:
        return 0
    now_ms = int(time.time() * 1000) if now_ms is None else now_ms
    # A clock set back must not make the wait endless: it is never longer than MAX_WAIT_S from now.
    left_ms = min(row["last_failed_ms"] + wait_after(row["failures"]) * 1000 - now_ms, MAX_WAIT_S * 1000)
    return max((left_ms + 999) // 1000, 0)


@cache
def _dummy_hash() -> str:
    return hash_password(new_id())


def login(store: Store, username: str, password: str) -> LoginResult:
    """Checks the password of an active account, offline. A success records the last login and
    replaces a hash cheaper than today's; a failure counts towards the growing wait."""
    username = rules.normalize_username(username)
    wait = seconds_to_wait(store, username)
    if wait:
        return LoginResult(None, wait)
    row = store.read().execute("SELECT * FROM users WHERE username = ? AND active = 1 AND office_id = ?",
                               (username, store.office_id)).fetchone()
    # An unknown or disabled name costs the same hashing time as a wrong password: timing tells nothing.
    ok = verify_password(password, row["password_hash"] if row is not None and row["password_hash"] else _dummy_hash())
    ok = ok and row is not None and bool(row["password_hash"])
    if not ok:
        with store.transaction() as tx:
            tx.execute("INSERT INTO login_failures(username, failures, last_failed_ms) VALUES (?, 1, ?) "
                       "ON CONFLICT(username) DO UPDATE SET failures = failures + 1, "
                       "last_failed_ms = excluded.last_failed_ms", (username, int(time.time() * 1000)))
        return LoginResult(None, 0)
    new_hash = hash_password(password) if needs_rehash(row["password_hash"]) else None
    with store.transaction() as tx:
        tx.execute("DELETE FROM login_failures WHERE username = ?", (username,))
        tx.execute("UPDATE users SET last_login_at = ? WHERE id = ?", (now_iso(), row["id"]))
        if new_hash is not None:
            _write_user(tx, dict(row), {"password_hash": new_hash}, actor=username, audit_action="rehash")
    user = {k: row[k] for k in row.keys() if k != "password_hash"}
    return LoginResult(user, 0)


def authenticate(store: Store, username: str, password: str) -> dict | None:
    """The user's row when the password matches an active account, else None (no hint which part failed)."""
    return login(store, username, password).user


# -- reading -------------------------------------------------------------------------------------------

def list_users(store: Store) -> list[dict]:
    rows = store.read().execute(
        "SELECT id, office_id, username, full_name, role, active, local_only, last_login_at, updated_at, rev, "
        "password_hash IS NOT NULL AS has_password FROM users ORDER BY username")
    return [dict(r) for r in rows]


def may_manage(user: dict | None) -> bool:
    return bool(user) and user.get("role") in rules.MANAGER_ROLES


def roles_here(store: Store) -> tuple[str, ...]:
    """The roles a user of this office may have (nakes only at a puskesmas)."""
    return rules.roles_for((store.office() or {}).get("kind"))


# -- managing (admin and kepala of the office) ----------------------------------------------------------

def _require_manager(store: Store, actor: dict) -> None:
    # The role as stored now, not as it was at login: a kepala demoted since cannot go on managing.
    row = store.read().execute("SELECT role, active FROM users WHERE id = ?", (actor.get("id"),)).fetchone()
    if row is None or not row["active"] or row["role"] not in rules.MANAGER_ROLES:
        raise StoreError("Hanya admin kantor atau kepala yang dapat mengatur pengguna.",
                         "Only the office admin or the head can manage users.")


def _get(store: Store, user_id: str) -> dict:
    row = store.read().execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    if row is None:
        raise StoreError("Pengguna tidak ditemukan.", "User not found.")
    return dict(row)


def _raise_field_errors(errors: list[dict]) -> None:
    if errors:
        raise ValidationError([FieldError(e["field"], e["message"], e["message_en"]) for e in errors])


def _write_user(tx: WriteTx, before: dict | None, changed: dict, *, actor: str, audit_action: str) -> None:
    """Writes one user row, its audit entry (never the hash itself) and, unless the user is the
    local first-start admin, its outbox entry."""
    stamp = tx.store.clock.now()
    now = now_iso()
    if before is None:
        user_id = changed.pop("id")
        tx.execute(
            "INSERT INTO users(id, office_id, username, full_name, role, password_hash, active, local_only, rev, "
            "hlc, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
            (user_id, tx.store.office_id, changed["username"], changed["full_name"], changed["role"],
             changed["password_hash"], int(changed["active"]), stamp, now))
        local_only, base_rev = False, 0
    else:
        user_id = before["id"]
        sets = ", ".join(f"[{k}] = ?" for k in changed)
        values = [int(v) if isinstance(v, bool) else v for v in changed.values()]
        tx.execute(f"UPDATE users SET {sets}, hlc = ?, updated_at = ? WHERE id = ?", [*values, stamp, now, user_id])
        local_only, base_rev = bool(before["local_only"]), before.get("rev") or 0
    if not local_only:
        tx._outbox(COLLECTION, user_id, "put", base_rev, changed, stamp, actor)  # noqa: SLF001 - same store layer
    audited = {}
    for name, value in changed.items():
        old = None if before is None else before[name]
        if name == "password_hash":  # the audit says that it changed, never the hash
            audited[name] = [None if old is None else "***", "***"]
        else:
            audited[name] = [bool(old) if name == "active" and old is not None else old, value]
    tx.audit(COLLECTION, user_id, audit_action, audited, actor=actor, stamp=stamp)
    tx.changes.changes.append(Change(COLLECTION, user_id, "create" if before is None else "update", tuple(changed)))


def add_user(store: Store, actor: dict, *, username: str, full_name: str, role: str, password: str) -> str:
    """A new user of this office; returns its id."""
    _require_manager(store, actor)
    username = rules.normalize_username(username)
    full_name = (full_name or "").strip() or username
    fields = {"username": username, "full_name": full_name, "role": role, "active": True}
    errors = rules.field_errors(fields, creating=False, office_kind=(store.office() or {}).get("kind"))
    if not username:
        errors.insert(0, {"field": "username", "message": "Nama pengguna wajib diisi.",
                          "message_en": "A username is required."})
    _raise_field_errors(errors)
    _check_password(password)
    if store.read().execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
        raise _taken(username)
    fields["password_hash"] = hash_password(password)  # before the transaction: it takes a while
    user_id = new_id()
    with store.transaction() as tx:
        if tx.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
            raise _taken(username)
        _write_user(tx, None, {"id": user_id, **fields}, actor=actor["username"], audit_action="create")
    return user_id


def set_password(store: Store, actor: dict, user_id: str, password: str) -> None:
    """A new password for a user of this office (a reset by the admin or kepala)."""
    _require_manager(store, actor)
    _check_password(password)
    _get(store, user_id)
    new_hash = hash_password(password)
    with store.transaction() as tx:
        before = dict(tx.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone())
        _write_user(tx, before, {"password_hash": new_hash}, actor=actor["username"], audit_action="password")
        tx.execute("DELETE FROM login_failures WHERE username = ?", (before["username"],))


def change_own_password(store: Store, user: dict, current: str, new: str) -> None:
    """Anyone changes their own password, knowing the current one (wrong guesses count as failed logins)."""
    _check_password(new)
    result = login(store, user["username"], current)
    if result.user is None or result.user["id"] != user.get("id"):
        message = (f"Terlalu banyak percobaan yang salah. Coba lagi dalam {result.wait_seconds} detik.",
                   f"Too many failed attempts. Try again in {result.wait_seconds} seconds.") if result.wait_seconds \
            else ("Kata sandi sekarang salah.", "The current password is wrong.")
        raise ValidationError([FieldError("current", *message)])
    set_own_password(store, result.user, new)


def set_own_password(store: Store, user: dict, new: str) -> None:
    """A new password for ``user``, who has just logged in (``login`` checked the current one)."""
    _check_password(new)
    new_hash = hash_password(new)
    with store.transaction() as tx:
        before = dict(tx.execute("SELECT * FROM users WHERE id = ?", (user["id"],)).fetchone())
        _write_user(tx, before, {"password_hash": new_hash}, actor=user["username"], audit_action="password")


def set_active(store: Store, actor: dict, user_id: str, active: bool) -> bool:
    """Disables or enables a user. Nobody disables themself, nor the office's last active admin.

    A disabled user's hash leaves this PC (the server keeps it). Returns True when an enabled user has
    no password here: until the next sync brings it back, they need a new one (``set_password``)."""
    _require_manager(store, actor)
    target = _get(store, user_id)
    if not active:
        if target["id"] == actor.get("id"):
            raise StoreError("Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account.")
        if target["role"] == "admin" and target["active"]:
            others = store.read().execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id != ?",
                                          (user_id,)).fetchone()[0]
            if not others:
                raise StoreError("Admin aktif terakhir tidak dapat dinonaktifkan.",
                                 "The last active admin cannot be disabled.")
    if bool(target["active"]) != bool(active):
        with store.transaction() as tx:
            _write_user(tx, target, {"active": bool(active)}, actor=actor["username"],
                        audit_action="enable" if active else "disable")
            if not active:
                tx.execute("UPDATE users SET password_hash = NULL WHERE id = ?", (user_id,))
    return bool(active) and not target["password_hash"]


def set_role(store: Store, actor: dict, user_id: str, role: str, full_name: str | None = None) -> None:
    """Changes a user's role (and full name). The last active admin keeps the admin role."""
    _require_manager(store, actor)
    target = _get(store, user_id)
    changed = {"role": role}
    if full_name is not None and full_name.strip() and full_name.strip() != target["full_name"]:
        changed["full_name"] = full_name.strip()
    _raise_field_errors(rules.field_errors(changed, creating=False, office_kind=(store.office() or {}).get("kind")))
    if target["role"] == "admin" and role != "admin" and target["active"]:
        others = store.read().execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id != ?",
                                      (user_id,)).fetchone()[0]
        if not others:
            raise StoreError("Admin aktif terakhir harus tetap admin.", "The last active admin must stay an admin.")
    changed = {k: v for k, v in changed.items() if target.get(k) != v}
    if not changed:
        return
    with store.transaction() as tx:
        _write_user(tx, target, changed, actor=actor["username"], audit_action="update")
