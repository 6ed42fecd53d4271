"""Per-PC preferences (language, window geometry, column widths) in QSettings, as an INI file.

Tests point it at a temporary folder with ``QSettings.setPath(IniFormat, UserScope, tmp)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "Layan"
APPLICATION = "Layan"
LANGUAGE_KEY = "ui/language"


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def saved_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, "id")
    return value if value in ("id", "en") else "id"


def save_language(lang: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()
