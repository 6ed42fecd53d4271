"""The application's look: Fusion (the same on every Windows version), the base font and ink colour, plus
resources/qss/layan.qss for what differs from them.

The base font and colour go through ``QApplication.setFont`` and the palette, not a ``QWidget { … }`` rule:
a rule that matches every widget makes the style sheet engine set a font and palette on each one as it is
built (8–12 ms of the main window's start; docs/BENCHMARKS.md "Start")."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from sync.resources import resources_dir


def stylesheet() -> str:
    """The QSS with ``@ICONS@`` pointing at resources/icons (QSS urls are relative to the CWD)."""
    path = resources_dir() / "qss" / "layan.qss"
    if not path.exists():
        return ""
    icons = (resources_dir() / "icons").as_posix()
    return path.read_text(encoding="utf-8").replace("@ICONS@", icons)


BASE_POINT_SIZE = 10
INK = "#1f2933"  # the text colour of every widget the style sheet gives no colour of its own


STYLE = "Fusion"


def new_application(argv: list[str]) -> QApplication:
    """A QApplication made in Layan's style. Named on Qt's command line, the style is made without PySide
    wrapping it: ``app.setStyle`` returns the style object, and its wrapper sets up QStyle's enums (~6–10 ms of
    the start)."""
    return QApplication([*argv[:1], "-style", STYLE])


def apply_style(app: QApplication, *, style_set: bool = False) -> None:
    """``style_set``: the app was made by new_application."""
    if not style_set:
        app.setStyle(STYLE)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)  # also replaces the platform's per-class fonts (menus, headers, message boxes)
    app.setPalette(ink_palette(app.palette()))
    app.setStyleSheet(stylesheet())


def ink_palette(palette: QPalette) -> QPalette:
    """``palette`` with the text roles in Layan's ink, in every state (as the style sheet's ``color`` did:
    a disabled label is not greyed; inputs and buttons have their own colour when disabled), and the
    placeholder text at half opacity, as Qt derives it from a style sheet's colour."""
    ink = QColor(INK)
    placeholder = QColor(INK)  # not QColor(ink): that overload check builds PySide's whole Qt namespace (~15 ms)
    placeholder.setAlpha((ink.alpha() + 1) // 2)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(group, role, ink)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, placeholder)
    return palette
