"""The two kinds of failure (DESIGN.md): known ones become a short message in the user's
language; anything else is a bug and gets a crash dialog with "Salin detail".

Modelled on qutebrowser's ``misc/sql.py`` (known SQLite errors are user errors, the rest are
bugs) and Anki's ``qt/aqt/errors.py``.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
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
    parent = parent if isinstance(parent, QWidget) else None
    message = known_message(exc)
    if message is not None:
        QMessageBox.warning(parent, QCoreApplication.translate("errors", "Tidak berhasil"), message)
        return
    log.error("unexpected error", exc_info=exc)
    CrashDialog(exc, parent).exec()


def crash_details(exc: BaseException) -> str:
    """What a clerk copies into a message to IT: version, platform and the traceback."""
    import platform  # here: only a crash report needs them (platform compiles ~10 regexes)
    import traceback

    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return (f"Layan {__version__}\nPython {platform.python_version()} — {platform.platform()}\n\n{trace}")


class CrashDialog(QDialog):
    """A bug: say so plainly, keep the details one click from the clipboard."""

    def __init__(self, exc: BaseException, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Terjadi kesalahan program"))
        self.details = crash_details(exc)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Maaf, terjadi kesalahan dalam program. Data yang sudah tersimpan tetap aman.\n"
            "Salin detail di bawah ini dan kirimkan ke petugas TI (Diskominfo)."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(self.details)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 220)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Tutup"))
        self.copy_button = QPushButton(self.tr("Salin detail"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.copy_button.setFocus()  # Qt's OtherFocusReason

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Tersalin"))
