"""Which language the user sees, for texts that arrive from the domain in two languages.

The GUI's language is the default QLocale (desktop.ui.i18n sets it with the translator), so the
tasks layer can pick ``message`` or ``message_en`` without importing the UI.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def current_language() -> str:
    return "en" if QLocale().language() == QLocale.Language.English else "id"


def pick(text_id: str, text_en: str | None) -> str:
    """The Indonesian text, or its English twin when the UI is in English."""
    if current_language() == "en" and text_en:
        return text_en
    return text_id


def error_text(exc: BaseException) -> str:
    """A StoreError's message (or FieldError's) in the user's language."""
    return pick(getattr(exc, "message", str(exc)), getattr(exc, "message_en", None))
