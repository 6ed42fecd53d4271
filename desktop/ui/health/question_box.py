"""The health forms' one way to ask before saving: a box listing what looks wrong, "yes" and "back".

Window-modal but not blocking (``open``), so the form stays responsive and tests can answer it. The
callbacks run after the box has closed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.tasks import pick


def ask_box(parent: QWidget, name: str, title: str, text: str, items: list, yes_text: str, no_text: str,
            on_yes: Callable[[], None], on_no: Callable[[], None], *, default_yes: bool) -> QMessageBox:
    """``items`` have ``message``/``message_en`` (FieldError, Question); ``text`` has a {lines} slot."""
    lines = "\n".join(f"• {pick(i.message, i.message_en)}" for i in items)
    box = QMessageBox(QMessageBox.Icon.Question, title, text.format(lines=lines), parent=parent)
    box.setObjectName(name)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(no_text, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes if default_yes else no)
    box.finished.connect(lambda _result: on_yes() if box.clickedButton() is yes else on_no())
    box.open()
    return box
