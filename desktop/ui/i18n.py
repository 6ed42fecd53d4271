"""Language: the Qt translator (Indonesian is the source language, English is layan_en.qm),
the default QLocale (month names, thousands separators), and formatting of dates and numbers.

``27 November 2026`` in both languages (Indonesian or English month names), ``1.234`` in
Indonesian and ``1,234`` in English, both from QLocale.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTimeZone, QTranslator

from desktop.tasks.language import current_language, pick  # noqa: F401  (re-exported for the UI)
from sync.resources import resources_dir

LANGUAGES = ("id", "en")
DATE_FORMAT = "d MMMM yyyy"
TIME_FORMATS = {"id": "HH.mm", "en": "HH:mm"}
EDIT_DATE_FORMAT = "dd MMMM yyyy"

_installed: list[QTranslator] = []


def locale_for(lang: str) -> QLocale:
    if lang == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


def translations_dir():
    return resources_dir() / "i18n"


def install_language(lang: str) -> bool:
    """Makes ``lang`` the UI language for widgets created from now on. False if the .qm is missing."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    lang = lang if lang in LANGUAGES else "id"
    QLocale.setDefault(locale_for(lang))
    if lang == "id":
        return True
    ok = True
    for name in ("layan", "qtbase"):
        translator = QTranslator(app)
        directory = translations_dir() if name == "layan" else _qt_translations_dir()
        if translator.load(f"{name}_{lang}", str(directory)):
            app.installTranslator(translator)
            _installed.append(translator)
        elif name == "layan":
            ok = False
    return ok


def _qt_translations_dir() -> str:
    from PySide6.QtCore import QLibraryInfo

    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def format_date(value: str | dt.date | None) -> str:
    """An ISO date (``2026-11-27``) as ``27 November 2026``; empty for nothing or garbage."""
    if not value:
        return ""
    if isinstance(value, str):
        date = QDate.fromString(value[:10], "yyyy-MM-dd")
    else:
        date = QDate(value.year, value.month, value.day)
    return QLocale().toString(date, DATE_FORMAT) if date.isValid() else str(value)


def format_datetime(value: str | None) -> str:
    """A stored UTC timestamp (``2026-11-27T05:03:00.000Z``) in local time: ``27 November 2026 14.03``."""
    if not value:
        return ""
    parsed = _parse_iso(value)
    if parsed is None:
        return value
    stamp = QDateTime.fromSecsSinceEpoch(int(parsed.timestamp()), QTimeZone.utc())
    pattern = f"{DATE_FORMAT} {TIME_FORMATS[current_language()]}"
    return QLocale().toString(stamp.toLocalTime(), pattern)


def _parse_iso(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def format_number(value: int) -> str:
    return QLocale().toString(int(value))
