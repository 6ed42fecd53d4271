"""The visit's unit: proposed from the patient's age and complaint (``units.suggest_unit``), never just
carried from the last patient; the hint beside it says why ("saran: sesuai umur", "saran: keluhan
“diare”", "saran: unit terakhir Anda") or that the unit does not serve this age. Once the nakes picks a
unit, suggestions no longer change it. The nakes' last unit is remembered per user (a tie-breaker only)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLabel

from desktop.domain.health import ages, units
from desktop.tasks import current_language

from ..settings import app_settings


def unit_setting_key(user: dict) -> str:
    return f"health/last_unit/{user.get('username') or user.get('id')}"


def remembered_unit(user: dict) -> str | None:
    value = app_settings().value(unit_setting_key(user))
    return value if isinstance(value, str) and value else None


def remember_unit(user: dict, code: str) -> None:
    settings = app_settings()
    settings.setValue(unit_setting_key(user), code)
    settings.sync()


class UnitChooser(QObject):
    def __init__(self, combo: QComboBox, hint: QLabel, user: dict):
        super().__init__(combo)
        self.combo, self.hint, self.user = combo, hint, user
        self.unit_list: list[units.Unit] = []
        self.chosen = False  # the nakes picked the unit (or it is an existing visit's)
        self.reason = ("", "")
        combo.activated.connect(self._picked)
        combo.currentIndexChanged.connect(lambda _i: self.update_hint(self._age))
        self._age: ages.Age | None = None

    def set_units(self, unit_list: list[units.Unit]) -> None:
        self.unit_list = unit_list
        lang = current_language()
        for unit in unit_list:
            self.combo.addItem(unit.name(lang), unit.code)

    def keep(self) -> None:
        """An existing visit: its unit stays, no suggestion."""
        self.chosen = True

    def suggest(self, age: ages.Age | None, complaint: str) -> None:
        self._age = age
        if not self.chosen:
            code, reason, detail = units.suggest_unit(self.unit_list, age.years if age else None, complaint,
                                                      remembered_unit(self.user))
            index = self.combo.findData(code) if code else -1
            if index >= 0 and index != self.combo.currentIndex():
                self.combo.setCurrentIndex(index)
            self.reason = (reason, detail)
        self.update_hint(age)

    def _picked(self, _index: int) -> None:
        self.chosen = True
        self.reason = ("", "")
        self.update_hint(self._age)

    def update_hint(self, age: ages.Age | None) -> None:
        self._age = age
        unit = next((u for u in self.unit_list if u.code == self.combo.currentData()), None)
        reason, detail = self.reason
        if unit is not None and age is not None and not unit.fits_age(age.years):
            text = self.tr("tidak sesuai umur ({range})").format(range=unit.age_range_text(current_language()))
        elif reason == "keluhan":
            text = self.tr("saran: keluhan “{word}”").format(word=detail)
        elif reason == "umur":
            text = self.tr("saran: sesuai umur")
        elif reason == "terakhir":
            text = self.tr("saran: unit terakhir Anda")
        else:
            text = ""
        self.hint.setText(text)
