"""Centre users (roles it, pimpinan, dinkes, organisasi), their server-side sessions, lockout after
failed logins and the login audit. No web framework here: the CLI uses it too.

A session id is 32 random bytes in an HttpOnly cookie; the database keeps its SHA-256 and the
session's CSRF token. A session ends after ``IDLE_MS`` without a request or ``ABSOLUTE_MS`` after
login, whichever comes first. ``MAX_FAILURES`` wrong passwords in a row lock the account for
``LOCK_MS`` (kept in the database, so a restart does not reset it); a login during the lock is
refused even with the right password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from sync.passwords import hash_password, needs_rehash, verify_password
from sync.protocol import now_ms
from sync.server.storage import ConflictError, NotFoundError, Storage, StorageError, office_usernames, offices
from sync.server.web.tables import web_audit, web_sessions, web_users
from sync.users import USERNAME_RE

ROLES = ("it", "pimpinan", "dinkes", "organisasi")
CENTRE_KIND = "central"
IDLE_MS = 30 * 60_000
ABSOLUTE_MS = 12 * 3_600_000
MAX_FAILURES = 5
LOCK_MS = 15 * 60_000
_DUMMY_HASH = None  # a hash to verify against for unknown usernames, so both take the same time


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


@dataclass
class Login:
    """The outcome of a login attempt: a session (id for the cookie) or why not."""
    session_id: str | None = None
    user: dict | None = None
    refusal: str | None = None  # wrong, locked, disabled
    locked_until_ms: int | None = None


def _public(row) -> dict:
    return {"username": row.username, "office": row.office_code, "role": row.role,
            "full_name": row.full_name, "active": row.active, "last_login_ms": row.last_login_ms,
            "locked_until_ms": row.locked_until_ms, "must_change": bool(row.must_change_password)}


_TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud or copied by hand without doubt


def temporary_password() -> str:
    """A password IT hands over once, like ``k7qm-p3xa-9rtw`` (12 characters, about 59 bits); the user must
    replace it at their next login."""
    chars = [secrets.choice(_TEMP_ALPHABET) for _ in range(12)]
    return "-".join("".join(chars[i:i + 4]) for i in (0, 4, 8))


def add_user(storage: Storage, office: str, username: str, role: str, password_hash: str,
             full_name: str = "", *, must_change: bool = False, by: tuple[str, str] | None = None) -> dict:
    """``by``: (IT username, address) when added from the IT console, audited in the same transaction."""
    if role not in ROLES:
        raise StorageError(f"Peran pusat harus salah satu dari {', '.join(ROLES)}.",
                           f"A centre role must be one of {', '.join(ROLES)}.")
    if not USERNAME_RE.match(username):
        raise StorageError("Nama pengguna: 3-32 huruf kecil, angka, '.', '_' atau '-'.",
                           "Username: 3-32 of a-z 0-9 . _ -.")
    with storage.write() as conn:
        kind = conn.execute(select(offices.c.kind).where(offices.c.code == office)).scalar()
        if kind is None:
            raise NotFoundError(f"Kantor {office} tidak ada.", f"No office {office}.")
        if kind != CENTRE_KIND:
            raise StorageError(f"Pengguna pusat hanya untuk kantor pusat ({office} adalah {kind}).",
                               f"Centre users belong to a central office ({office} is a {kind}).")
        office_user = conn.execute(select(office_usernames.c.username).where(
            office_usernames.c.office_code == office, office_usernames.c.username == username)).first()
        if office_user or conn.execute(select(web_users.c.username).where(web_users.c.username == username)).first():
            raise ConflictError(f"Nama pengguna {username} sudah dipakai.", f"Username {username} is taken.")
        conn.execute(insert(web_users).values(username=username, office_code=office, role=role,
                                              full_name=full_name, password_hash=password_hash, active=True,
                                              failed_logins=0, created_ms=now_ms(), must_change_password=must_change))
        if by:
            audit(conn, by[0], "user_added", by[1], f"{username} ({role}, {office})")
    return {"username": username, "office": office, "role": role, "full_name": full_name}


def get_user(storage: Storage, username: str) -> dict | None:
    with storage.read() as conn:
        row = conn.execute(select(web_users).where(web_users.c.username == username)).first()
    return _public(row) if row else None


def list_users(storage: Storage, office: str | None = None) -> list[dict]:
    with storage.read() as conn:
        stmt = select(web_users).order_by(web_users.c.office_code, web_users.c.username)
        if office:
            stmt = stmt.where(web_users.c.office_code == office)
        return [_public(r) for r in conn.execute(stmt)]


def update_user(storage: Storage, office: str, username: str, fields: dict, *,
                by: tuple[str, str] | None = None) -> bool:
    """``active``, ``password_hash`` and/or ``must_change_password``; False when the user is not a centre
    user of ``office``. Disabling or a new password ends the user's sessions; enabling lifts a lock.
    ``by``: (IT username, address) when changed from the IT console, audited in the same transaction."""
    values = dict(fields)
    if values.get("active") or "password_hash" in values:
        values.update(failed_logins=0, locked_until_ms=None)
    with storage.write() as conn:
        res = conn.execute(update(web_users).where(web_users.c.username == username,
                                                   web_users.c.office_code == office).values(**values))
        if res.rowcount != 1:
            return False
        if values.get("active") is False or "password_hash" in values:
            conn.execute(delete(web_sessions).where(web_sessions.c.username == username))
        if by:
            event = ("password_reset" if "password_hash" in values
                     else "user_enabled" if values.get("active") else "user_disabled")
            audit(conn, by[0], event, by[1], username)
    return True


def change_own_password(storage: Storage, username: str, old: str, new: str, session_id: str,
                        address: str) -> tuple[str, str] | None:
    """The user replaces their password (a temporary one, or any): None when done, else why not (id, en).
    Their other sessions end; this one goes on."""
    from sync.passwords import too_short

    with storage.read() as conn:
        row = conn.execute(select(web_users.c.password_hash).where(web_users.c.username == username)).first()
    if row is None or not verify_password(old, row.password_hash):
        return ("Kata sandi lama salah.", "The current password is wrong.")
    if problem := too_short(new):
        return problem
    if new == old:
        return ("Kata sandi baru harus berbeda dari yang lama.", "The new password must differ from the old one.")
    with storage.write() as conn:
        conn.execute(update(web_users).where(web_users.c.username == username).values(
            password_hash=hash_password(new), must_change_password=False))
        conn.execute(delete(web_sessions).where(web_sessions.c.username == username,
                                                web_sessions.c.id_hash != _sha(session_id)))
        audit(conn, username, "password_changed", address)
    return None


def audit(conn, username: str, event: str, address: str, detail: str = "") -> None:
    conn.execute(insert(web_audit).values(at_ms=now_ms(), username=username[:64], event=event,
                                          address=address[:64], detail=detail[:500]))


def recent_audit(storage: Storage, limit: int = 50) -> list[dict]:
    with storage.read() as conn:
        rows = conn.execute(select(web_audit).order_by(web_audit.c.id.desc()).limit(limit))
        return [dict(r._mapping) for r in rows]


def login(storage: Storage, username: str, password: str, address: str) -> Login:
    """Checks the password (scrypt, outside the write lock), then records the outcome in one transaction."""
    global _DUMMY_HASH
    username = username.strip().lower()[:64]
    with storage.read() as conn:
        row = conn.execute(select(web_users).where(web_users.c.username == username)).first()
    if row is None:
        _DUMMY_HASH = _DUMMY_HASH or hash_password(secrets.token_hex(8))
        verify_password(password, _DUMMY_HASH)
        with storage.write() as conn:
            audit(conn, username or "-", "login_failed", address, "unknown user")
        return Login(refusal="wrong")
    now = now_ms()
    if row.locked_until_ms and row.locked_until_ms > now:
        with storage.write() as conn:
            audit(conn, username, "login_locked", address)
        return Login(refusal="locked", locked_until_ms=row.locked_until_ms)
    good = verify_password(password, row.password_hash)
    with storage.write() as conn:
        if not good:
            failures = conn.execute(select(web_users.c.failed_logins).where(
                web_users.c.username == username)).scalar_one() + 1
            locked = now + LOCK_MS if failures >= MAX_FAILURES else None
            conn.execute(update(web_users).where(web_users.c.username == username)
                         .values(failed_logins=failures, locked_until_ms=locked))
            audit(conn, username, "locked" if locked else "login_failed", address, f"failures={failures}")
            return Login(refusal="locked" if locked else "wrong", locked_until_ms=locked)
        if not row.active:
            audit(conn, username, "login_disabled", address)
            return Login(refusal="disabled")
        values = {"failed_logins": 0, "locked_until_ms": None, "last_login_ms": now}
        if needs_rehash(row.password_hash):
            values["password_hash"] = hash_password(password)
        conn.execute(update(web_users).where(web_users.c.username == username).values(**values))
        session_id = secrets.token_urlsafe(32)
        conn.execute(insert(web_sessions).values(id_hash=_sha(session_id), username=username,
                                                 csrf=secrets.token_urlsafe(32), created_ms=now, last_ms=now,
                                                 address=address[:64]))
        conn.execute(delete(web_sessions).where(web_sessions.c.last_ms < now - IDLE_MS))
        audit(conn, username, "login", address)
    return Login(session_id=session_id, user=_public(row))


@dataclass
class Session:
    user: dict
    csrf: str
    expired: bool = False


def session(storage: Storage, session_id: str | None) -> Session | None:
    """The live session for the cookie value (its idle clock restarted), or None; an expired one is
    removed and returned with ``expired=True`` so the login page can say why."""
    if not session_id or len(session_id) > 100:
        return None
    key = _sha(session_id)
    now = now_ms()
    with storage.read() as conn:
        row = conn.execute(select(web_sessions, web_users.c.office_code, web_users.c.role, web_users.c.full_name,
                                  web_users.c.active, web_users.c.last_login_ms, web_users.c.locked_until_ms,
                                  web_users.c.must_change_password)
                           .join(web_users, web_users.c.username == web_sessions.c.username)
                           .where(web_sessions.c.id_hash == key)).first()
    if row is None:
        return None
    user = {"username": row.username, "office": row.office_code, "role": row.role, "full_name": row.full_name,
            "active": row.active, "last_login_ms": row.last_login_ms, "locked_until_ms": row.locked_until_ms,
            "must_change": bool(row.must_change_password)}
    if not row.active or now - row.last_ms > IDLE_MS or now - row.created_ms > ABSOLUTE_MS:
        with storage.write() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == key))
            audit(conn, row.username, "expired", row.address)
        return Session(user=user, csrf="", expired=True)
    if now - row.last_ms > 60_000:  # restart the idle clock at most once a minute: spare the writes
        with storage.write() as conn:
            conn.execute(update(web_sessions).where(web_sessions.c.id_hash == key).values(last_ms=now))
    return Session(user=user, csrf=row.csrf)


def logout(storage: Storage, session_id: str | None, address: str) -> None:
    if not session_id or len(session_id) > 100:
        return
    with storage.write() as conn:
        key = _sha(session_id)
        who = conn.execute(select(web_sessions.c.username).where(web_sessions.c.id_hash == key)).scalar()
        if who is not None:
            conn.execute(delete(web_sessions).where(web_sessions.c.id_hash == key))
            audit(conn, who, "logout", address)
