"""Writing a file whole: a power cut or a pulled USB stick mid-write leaves the old file (or none),
never half a file. Shared by the server and the desktop (no Qt, no desktop imports)."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """Writes ``data`` to a temporary file beside ``path``, fsyncs it, then renames it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
