"""The visit form's questions before saving.

The rules are the domain's (``visit_checks.questions``, ``vitals.check``); this module only shows them:
all questions of one save in one box ("Ya, simpan" is the default: Enter saves, Esc goes back to the
field of the first question). A back-dated day that was confirmed is not asked again in this session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .question_box import ask_box

# Back-dated days the nakes confirmed in this session ("backdated:2026-12-05"): asked once per day.
confirmed_keys: set[str] = set()


def pending(questions: list) -> list:
    return [q for q in questions if q.key not in confirmed_keys]


def ask(parent: QWidget, questions: list, on_yes: Callable[[], None], on_no: Callable[[str], None]) -> QMessageBox:
    """Shows the questions in one box ("Ya, simpan" is the default); ``on_no`` gets the first question's field."""
    def yes() -> None:
        confirmed_keys.update(q.key for q in questions if q.key.startswith("backdated:"))
        on_yes()

    return ask_box(parent, "visitQuestions", QCoreApplication.translate("VisitQuestions", "Periksa sebelum menyimpan"),
                   QCoreApplication.translate("VisitQuestions", "{lines}\n\nSimpan kunjungan ini?"), questions,
                   QCoreApplication.translate("VisitQuestions", "Ya, simpan"),
                   QCoreApplication.translate("VisitQuestions", "Tidak, kembali"),
                   yes, lambda: on_no(questions[0].field), default_yes=True)
