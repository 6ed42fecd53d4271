"""The one "discard unsaved input?" question every form asks on Esc or close."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_to_discard(parent: QWidget, title: str, text: str) -> bool:
    """True when the clerk chooses to throw the input away; "keep" is the default button."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    discard = box.addButton(QCoreApplication.translate("DiscardQuestion", "Ya, buang"),
                            QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QCoreApplication.translate("DiscardQuestion", "Tidak, kembali"),
                         QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard
