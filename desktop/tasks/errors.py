"""The two kinds of failure (DESIGN.md): known ones become a short message in the user's
language; anything else is a bug and gets a crash dialog with "Salin detail" (crash_dialog.py).

Modelled on qutebrowser's ``misc/sql.py`` (known SQLite errors are user errors, the rest are
bugs) and Anki's ``qt/aqt/errors.py``.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.store.db import StoreError, translate_sqlite_error
from desktop.store.driver import sqlite3

from .language import error_text

log = logging.getLogger(__name__)


def known_message(exc: BaseException) -> str | None:
    """A short message for an error the user can understand and act on; None for a bug."""
    if isinstance(exc, StoreError):
        return error_text(exc)
    if isinstance(exc, sqlite3.Error):
        translated = translate_sqlite_error(exc)
        if isinstance(translated, StoreError):
            return error_text(translated)
        return None
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return QCoreApplication.translate("errors", "Penyimpanan penuh. Kosongkan ruang disk lalu coba lagi.")
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return QCoreApplication.translate("errors", "Tidak ada izin menulis ke folder itu: %1").replace("%1", str(exc.filename or ""))
    try:
        import requests
    except ImportError:  # pragma: no cover - requests is a dependency
        return None
    if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
        return QCoreApplication.translate("errors", "Tidak dapat terhubung ke server. Data tetap aman di komputer ini; "
                   "sinkronisasi dicoba lagi nanti.")
    return None


def show_failure(parent, exc: BaseException) -> None:
    """Shows ``exc`` to the user: a short warning when known, else the crash dialog."""
    # The dialogs load with the first failure: PySide sets up each class and its enums on first use, and the
    # first screen needs neither (desktop/ui/main_window.py).
    from PySide6.QtWidgets import QMessageBox

    from .crash_dialog import CrashDialog

    parent = parent if isinstance(parent, QWidget) else None
    message = known_message(exc)
    if message is not None:
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "Tidak berhasil"), message)
        return
    log.error("unexpected error", exc_info=exc)
    CrashDialog(exc, parent).exec()
