"""Where this PC keeps its device token: the OS keyring, or a protected file when there is none.

The token is the office's key to the server. It goes to the OS keyring (Windows Credential
Manager, macOS Keychain, Secret Service) through ``keyring``. Some office PCs — and every CI
machine — have no keyring backend; then the token goes to ``DATA_DIR/device-token`` with
permissions 0600 (owner only) and the user is told so plainly (``TokenStore.warning``). It never
lands silently in plain text, and never in the database or a backup file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop.store.keys import keyring_backend  # the same rule for every secret of this PC

SERVICE = "layan"
FALLBACK_FILE = "device-token"


class TokenStore:
    """One secret of this device: its token (``secret="token"``) or its USB-file key (``"usb-key"``)."""

    def __init__(self, data_dir: Path | str, device_id: str, secret: str = "token"):
        self.data_dir = Path(data_dir)
        self.account = f"device:{device_id}" if secret == "token" else f"device:{device_id}:{secret}"
        self.fallback = FALLBACK_FILE if secret == "token" else f"device-{secret}"
        self.backend = keyring_backend()

    @property
    def uses_keyring(self) -> bool:
        return self.backend is not None

    @property
    def warning(self) -> tuple[str, str] | None:
        """The message to show when the token is in the fallback file (Indonesian, English)."""
        if self.uses_keyring:
            return None
        path = self.data_dir / self.fallback
        return (
            f"Keyring sistem operasi tidak tersedia: token perangkat disimpan di {path} "
            "yang hanya bisa dibaca oleh pengguna Windows/Linux ini. Jangan salin folder data ke orang lain.",
            f"No OS keyring is available: the device token is kept in {path}, readable only by this "
            "OS user. Do not copy the data folder to anyone.",
        )

    def save(self, token: str) -> None:
        if self.backend is not None:
            self.backend.set_password(SERVICE, self.account, token)
            return
        path = self.data_dir / self.fallback
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
        os.chmod(tmp, stat.S_IRUSR | stat.S_IWUSR)
        os.replace(tmp, path)

    def load(self) -> str | None:
        if self.backend is not None:
            return self.backend.get_password(SERVICE, self.account)
        path = self.data_dir / self.fallback
        try:
            return path.read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None

    def clear(self) -> None:
        if self.backend is not None:
            try:
                self.backend.delete_password(SERVICE, self.account)
            except Exception:  # already gone
                pass
        (self.data_dir / self.fallback).unlink(missing_ok=True)
