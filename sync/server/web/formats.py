"""Dates and numbers as the offices write them: ``27 November 2026``, ``1.234`` (English: ``1,234``).
The centre shows times in WIT (UTC+9), Mimika's time zone."""

from __future__ import annotations

import datetime as dt

from sync.server.web.texts import MONTHS

WIT = dt.timezone(dt.timedelta(hours=9), "WIT")


def _as_datetime(value) -> dt.datetime | dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, (int, float)):  # epoch milliseconds
        return dt.datetime.fromtimestamp(value / 1000, WIT)
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date(value, lang: str = "id") -> str:
    d = _as_datetime(value)
    if d is None:
        return "–" if value in (None, "") else str(value)
    return f"{d.day} {MONTHS['en' if lang == 'en' else 'id'][d.month - 1]} {d.year}"


def datetime(value, lang: str = "id") -> str:
    d = _as_datetime(value)
    if not isinstance(d, dt.datetime):
        return date(value, lang)
    return f"{date(d, lang)} {d:%H.%M} WIT" if lang != "en" else f"{date(d, lang)} {d:%H:%M} WIT"


def number(value, lang: str = "id", decimals: int = 0) -> str:
    if value is None or value == "":
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
