"""The application's look: Fusion (the same on every Windows version) plus resources/qss/layan.qss."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from sync.schema import resources_dir


def stylesheet() -> str:
    """The QSS with ``@ICONS@`` pointing at resources/icons (QSS urls are relative to the CWD)."""
    path = resources_dir() / "qss" / "layan.qss"
    if not path.exists():
        return ""
    icons = (resources_dir() / "icons").as_posix()
    return path.read_text(encoding="utf-8").replace("@ICONS@", icons)


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
