"""The visit form's vital signs: five fields with their units beside them, what was typed as numbers, and
what ``vitals.check`` says about each value, shown under its field as soon as the field is left (an
impossible value as an error, an unusual one as a note; the form asks about notes before saving)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from desktop.domain.health import vitals
from desktop.tasks import current_language, pick

from ..widgets.field_form import FieldForm
from .common import ParseError, field_error, parse_number, parse_pressure, show_note

NUMBER_FIELDS = ("berat_kg", "tinggi_cm", "suhu_c", "nadi")
INTEGER_FIELDS = ("nadi",)
PRESSURE = ("sistolik", "diastolik")


class VitalSigns(FieldForm):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.age_years: int | None = None  # the patient's age on the visit day (set by the form)
        self.berat = self._number_field(self.tr("kg"), "65,5")
        self.tinggi = self._number_field(self.tr("cm"), "160")
        self.suhu = self._number_field("°C", "37,5")
        self.tensi = self._number_field("mmHg", "120/80")
        self.nadi = self._number_field(self.tr("/menit"), "80")
        self.add_field("berat_kg", self.tr("&Berat"), self.berat[0], hint=self.berat[1])
        self.add_field("tinggi_cm", self.tr("Tinggi"), self.tinggi[0], hint=self.tinggi[1])
        self.add_field("suhu_c", self.tr("&Suhu"), self.suhu[0], hint=self.suhu[1])
        self.add_field("tensi", self.tr("T&ensi"), self.tensi[0], hint=self.tensi[1])
        self.add_field("nadi", self.tr("&Nadi"), self.nadi[0], hint=self.nadi[1])
        for key in self.fields:
            self.fields[key].editingFinished.connect(lambda key=key: self.show_findings(key))

    def _number_field(self, unit: str, placeholder: str) -> tuple[QLineEdit, QLabel]:
        line = QLineEdit()
        line.setMaxLength(9)
        line.setMaximumWidth(110)
        line.setPlaceholderText(placeholder)
        hint = QLabel(unit)
        hint.setObjectName("hint")
        return line, hint

    def lines(self) -> list[QLineEdit]:
        return [self.berat[0], self.tinggi[0], self.suhu[0], self.tensi[0], self.nadi[0]]

    def values(self) -> tuple[dict, list]:
        """The typed vital signs as numbers, and the fields where what was typed is not a number."""
        out: dict = {}
        errors: list = []
        for key in NUMBER_FIELDS:
            try:
                out[key] = parse_number(self.fields[key].text(), integer=key in INTEGER_FIELDS)
            except ParseError as exc:
                errors.append(field_error(key, exc.message))
        try:
            out["sistolik"], out["diastolik"] = parse_pressure(self.tensi[0].text())
        except ParseError as exc:
            errors.append(field_error("tensi", exc.message))
        return out, errors

    def fill(self, visit: dict) -> None:
        for key in NUMBER_FIELDS:
            value = visit.get(key)
            self.fields[key].setText("" if value is None else vitals.number_text(value, current_language()))
        if visit.get("sistolik") is not None and visit.get("diastolik") is not None:
            self.tensi[0].setText(f"{visit['sistolik']}/{visit['diastolik']}")

    def show_findings(self, key: str) -> None:
        """Shows under field ``key`` what ``vitals.check`` says about the value typed there."""
        values, problems = self.values()
        if problems:
            return  # a typing problem: shown when saving
        fields = PRESSURE if key == "tensi" else (key,)
        findings = [f for f in vitals.check(values, self.age_years) if f.field in fields]
        hard = [f for f in findings if f.level == vitals.HARD]
        if hard:
            self.set_error(key, pick(hard[0].message, hard[0].message_en))
        else:
            show_note(self, key, pick(findings[0].message, findings[0].message_en) if findings else "")
