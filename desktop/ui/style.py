"""The application's look: Fusion (the same on every Windows version) plus resources/qss/layan.qss."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from sync.schema import resources_dir


def stylesheet() -> str:
    path = resources_dir() / "qss" / "layan.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
