"""The office database's encryption key: 256 random bits kept in the OS credential store.

The key never lies beside the data it protects when the PC has an OS keyring (Windows Credential
Manager, macOS Keychain, Secret Service): the data folder only holds ``database-key.id``, the name
of the keyring entry, which is not secret. A PC with no keyring backend (and every CI machine) keeps
the key in ``database-key`` with owner-only permissions instead, and the app says so plainly — the
same rule as the device token (desktop/domain/credentials.py).

For recovery the key is also wrapped for IT (``recovery.py``): a backup can then be restored on a new
PC with IT's private recovery key, and nowhere else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

SERVICE = "layan"
KEY_ID_FILE = "database-key.id"
FALLBACK_FILE = "database-key"
KEY_BYTES = 32

_cache: dict[Path, bytes] = {}  # data folder -> key: a read connection must not ask the keyring each time


def keyring_backend():
    """The usable keyring backend, or None (no backend, or only the 'fail'/plaintext ones)."""
    if os.environ.get("LAYAN_TOKEN_STORE") == "file":
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring installation must not stop the office's work
        return None
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    # The 'fail' backend stores nothing; keyrings.alt's plaintext one would store the secret in clear.
    if isinstance(backend, fail.Keyring) or "plaintext" in name:
        return None
    if "chainer" in name and not getattr(backend, "backends", None):
        return None
    return backend


def write_private(path: Path, data: bytes) -> None:
    """Writes ``data`` to ``path`` whole (temp file + rename), readable by this OS user only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, stat.S_IRUSR | stat.S_IWUSR)
    os.replace(tmp, path)


def _account(data_dir: Path) -> str | None:
    try:
        key_id = (data_dir / KEY_ID_FILE).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    return f"database-key:{key_id}" if key_id else None


def load_key(data_dir: Path | str) -> bytes | None:
    """The data folder's key, or None when it has none (yet)."""
    data_dir = Path(data_dir).resolve()
    if data_dir in _cache:
        return _cache[data_dir]
    key = None
    account = _account(data_dir)
    # Only a folder whose key is in the keyring asks for it: loading the keyring costs ~0.5 s at start-up.
    backend = keyring_backend() if account is not None else None
    if backend is not None:
        stored = backend.get_password(SERVICE, account)
        key = bytes.fromhex(stored) if stored else None
    if key is None:
        try:
            key = bytes.fromhex((data_dir / FALLBACK_FILE).read_text(encoding="ascii").strip())
        except (FileNotFoundError, ValueError):
            key = None
    if key is not None and len(key) == KEY_BYTES:
        _cache[data_dir] = key
        return key
    return None


def save_key(data_dir: Path | str, key: bytes) -> None:
    """Keeps ``key`` for the data folder: in the keyring when there is one, else in the owner-only file."""
    data_dir = Path(data_dir).resolve()
    backend = keyring_backend()
    if backend is not None:
        import secrets  # here: hmac and OpenSSL's hashes (~5 ms) are not needed to open a store

        key_id = secrets.token_hex(16)
        backend.set_password(SERVICE, f"database-key:{key_id}", key.hex())
        write_private(data_dir / KEY_ID_FILE, key_id.encode("ascii"))
    else:
        write_private(data_dir / FALLBACK_FILE, key.hex().encode("ascii"))
    _cache[data_dir] = key


def load_or_create_key(data_dir: Path | str) -> bytes:
    key = load_key(data_dir)
    if key is None:
        import secrets

        key = secrets.token_bytes(KEY_BYTES)
        save_key(data_dir, key)
    return key


def uses_keyring() -> bool:
    return keyring_backend() is not None


def forget_cached_keys() -> None:
    """For a restore that brings another key: the next connection reads the key again."""
    _cache.clear()
