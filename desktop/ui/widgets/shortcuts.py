"""Keyboard shortcuts made from the text of their keys, for the widgets of the first screen.

``QShortcut(QKeySequence("Ctrl+1"), parent)`` sets up PySide's QKeySequence class with its 76 enum members (~5M
instructions of a cold start; docs/BENCHMARKS.md, "The cold main window, a sixth pass"), and so does a text handed
to QShortcut's constructor (its overloads are checked against QKeySequence.StandardKey). A shortcut made with its
parent alone and given its keys as the ``key`` property is the same shortcut: Qt reads the text into the key
sequence in C++. Code that runs after the first paint may use QKeySequence as usual.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QWidget

from ..qt_values import WIDGET_SHORTCUT


def shortcut(parent: QWidget, keys: str, activated: Callable[[], None], *, widget_only: bool = False) -> QShortcut:
    """A shortcut for ``keys`` (Qt's portable text: "Ctrl+N", "Return") on ``parent``'s window, or only while
    ``parent`` has the focus (``widget_only``)."""
    made = QShortcut(parent)
    made.setProperty("key", keys)
    if widget_only:
        made.setProperty("context", WIDGET_SHORTCUT)
    made.activated.connect(activated)
    return made
