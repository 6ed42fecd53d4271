"""Per-PC preferences (language, window geometry, column widths) in QSettings, as an INI file.

Tests point it at a temporary folder with ``QSettings.setPath(IniFormat, UserScope, tmp)``.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "Layan"
APPLICATION = "Layan"
LANGUAGE_KEY = "ui/language"
LAST_USER_KEY = "login/{office}/last_username"  # per office: a PC may hold a demo office and the real one


def app_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def saved_language() -> str:
    value = app_settings().value(LANGUAGE_KEY, "id")
    return value if value in ("id", "en") else "id"


def save_language(lang: str) -> None:
    settings = app_settings()
    settings.setValue(LANGUAGE_KEY, lang)
    settings.sync()


def last_username(office_code: str) -> str:
    """Who last logged in to ``office_code`` on this PC ("" if nobody yet)."""
    value = app_settings().value(LAST_USER_KEY.format(office=office_code), "")
    return value if isinstance(value, str) else ""


def remember_username(office_code: str, username: str) -> None:
    settings = app_settings()
    settings.setValue(LAST_USER_KEY.format(office=office_code), username)
    settings.sync()
