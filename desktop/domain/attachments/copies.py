"""Decrypted copies of attachments for the system's own viewer (a PDF reader, the photo app).

They live in ``<data folder>/lihat`` (owner-only, like the data folder) rather than the shared temp
folder, and are removed once no viewer needs them any more: at the next copy after an hour, and
when Layan closes (a file a viewer still holds open on Windows is removed at a later sweep).

No Qt here.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

from .files import safe_file_name

FOLDER = "lihat"
KEEP_SECONDS = 3600


def view_copy(data_dir: Path | str, name: str, mime: str, data: bytes) -> Path:
    """Writes ``data`` to a fresh private folder under the data folder, with a safe name; returns the file."""
    root = Path(data_dir) / FOLDER
    sweep(data_dir)
    folder = root / secrets.token_hex(6)
    folder.mkdir(mode=0o700, parents=True)
    os.chmod(root, 0o700)
    target = folder / safe_file_name(name, mime)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return target


def sweep(data_dir: Path | str, older_than: float = KEEP_SECONDS) -> int:
    """Removes view copies older than ``older_than`` seconds (0: all); returns how many folders went."""
    root = Path(data_dir) / FOLDER
    if not root.is_dir():
        return 0
    cutoff = time.time() - older_than
    removed = 0
    for folder in root.iterdir():
        try:
            if older_than == 0 or folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder)
                removed += 1
        except OSError:  # still open in a viewer (Windows): the next sweep takes it
            continue
    return removed
