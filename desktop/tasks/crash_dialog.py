"""The crash dialog: a bug said plainly, its details one click from the clipboard (errors.show_failure)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__


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
