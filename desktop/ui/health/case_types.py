"""Under the visit's diagnosis list: the case type of each diagnosis ("Otomatis: baru/lama" from the
patient's history, by the rules of desktop/domain/health/casetypes.py) with an override and its reason,
and the malaria code advice when the diagnosis and the test disagree (the domain's own message).

The automatic value is only shown, never stored: the reports derive it again, so a later correction
of an earlier visit changes it. An override (Baru/Lama with a reason) is saved on that diagnosis.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.health import casetypes
from desktop.tasks import pick

from ..i18n import format_date


def diagnosis_keys(entries) -> list[tuple]:
    """Comparable form of a diagnosis list (codes as text, or dicts with an override)."""
    out = []
    for e in entries or []:
        d = {"kode": e} if isinstance(e, str) else e
        override = casetypes.override_of(d)
        out.append((d.get("kode"), override, (d.get("kasus_alasan") or None) if override else None))
    return out


class _CaseRow(QWidget):
    changed = Signal()

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(code)
        self.label.setObjectName("hint")
        self.choice = QComboBox()
        self.choice.addItem(self.tr("Otomatis"), None)
        self.choice.addItem(self.tr("Baru"), "baru")
        self.choice.addItem(self.tr("Lama"), "lama")
        self.choice.setAccessibleName(self.tr("Kasus {code}").format(code=code))
        self.reason = QLineEdit()
        self.reason.setMaxLength(300)
        self.reason.setPlaceholderText(self.tr("alasan diubah, mis. kontrol dari RSUD"))
        self.reason.setVisible(False)
        row.addWidget(self.label, 1)
        row.addWidget(self.choice)
        row.addWidget(self.reason, 1)
        self.setFocusProxy(self.choice)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self.reason.textEdited.connect(lambda _t: self.changed.emit())

    def _choice_changed(self, _index: int) -> None:
        self.reason.setVisible(self.choice.currentData() is not None)
        self.changed.emit()

    def set_auto(self, case: casetypes.CaseType | None) -> None:
        if case is None:
            self.label.setText(self.code)
            return
        if case.auto == "baru":
            text = self.tr("{code} — Otomatis: baru").format(code=self.code)
        elif case.rule == "chronic":
            text = self.tr("{code} — Otomatis: lama (penyakit kronis, pertama {date})").format(
                code=self.code, date=format_date(case.since))
        else:
            text = self.tr("{code} — Otomatis: lama (kasus yang sama sejak {date})").format(
                code=self.code, date=format_date(case.since))
        self.label.setText(text)

    def set_override(self, kasus: str | None, reason: str | None) -> None:
        self.choice.setCurrentIndex(max(0, self.choice.findData(kasus)))
        self.reason.setText(reason or "")

    def entry(self) -> str | dict:
        kasus = self.choice.currentData()
        if kasus is None:
            return self.code
        return {"kode": self.code, "kasus": kasus, "kasus_alasan": self.reason.text().strip()}


class CaseTypeList(QWidget):
    """One row per diagnosis: the automatic case type, an override (Otomatis/Baru/Lama) and its reason."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseTypes")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.rows: dict[str, _CaseRow] = {}

    def set_codes(self, codes: list[str]) -> None:
        """Rows for these codes, in order; an override already chosen for a code stays."""
        for code in list(self.rows):
            if code not in codes:
                row = self.rows.pop(code)
                self._layout.removeWidget(row)
                row.hide()  # gone now, not only when the event loop gets to deleteLater
                row.deleteLater()
        for code in codes:
            if code not in self.rows:
                row = _CaseRow(code, self)
                row.changed.connect(self.changed)
                self.rows[code] = row
            self._layout.removeWidget(self.rows[code])
            self._layout.addWidget(self.rows[code])
            self.rows[code].show()  # a child added to a visible parent shows only when told to
        self.setFocusProxy(self.rows[codes[0]] if codes else None)

    def set_diagnoses(self, diagnoses: list[dict]) -> None:
        """A saved visit's diagnoses, with their overrides."""
        self.set_codes([d["kode"] for d in diagnoses])
        for d in diagnoses:
            override = casetypes.override_of(d)
            self.rows[d["kode"]].set_override(override, d.get("kasus_alasan") if override else None)

    def set_preview(self, cases: list[casetypes.CaseType]) -> None:
        by_code = {c.code: c for c in cases}
        for code, row in self.rows.items():
            row.set_auto(by_code.get(code))

    def entries(self, codes: list[str]) -> list[str | dict]:
        """The visit's diagnoses for the domain: a code, or a dict with the override and its reason."""
        return [self.rows[c].entry() if c in self.rows else c for c in codes]

    def row_text(self, code: str) -> str:
        return self.rows[code].label.text()

    def shown_codes(self) -> list[str]:
        """The codes whose rows are on screen, top to bottom."""
        items = (self._layout.itemAt(i).widget() for i in range(self._layout.count()))
        return [w.code for w in items if isinstance(w, _CaseRow) and not w.isHidden()]


class CodeAdvice(QWidget):
    """The domain's message when diagnosis and malaria test disagree, with the code it offers."""

    use_code = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setObjectName("fieldError")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.clicked.connect(lambda: self.use_code.emit(self._code))
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self._code = ""
        self.hide()

    def show_problems(self, errors: list, warnings: list, code: str | None) -> None:
        problems = errors or warnings
        if not problems:
            self.hide()
            return
        self.text.setObjectName("fieldError" if errors else "hint")
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        self.text.setText(" ".join(pick(p.message, p.message_en) for p in problems))
        self._code = code or ""
        self.button.setVisible(bool(errors and code))
        self.button.setText(self.tr("Pakai {code}").format(code=self._code))
        self.show()
