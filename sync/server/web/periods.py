"""The dashboards' filter values, read from the query string and checked: a month ``2026-11``, a year, a
distrik from the Mimika reference, a short free text. Anything else is a 400 page that says so (the text
is never put into SQL: every value reaches the database as a bound parameter)."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import HTTPException

from sync.server import places
from sync.server.web.texts import MONTHS

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def bad() -> HTTPException:
    return HTTPException(400)


def month(value: str | None, default: str) -> str:
    if value in (None, ""):
        return default
    if not _MONTH.match(value) or not 2000 <= int(value[:4]) <= 2100:
        raise bad()
    return value


def year(value: str | None, default: int) -> int:
    if value in (None, ""):
        return default
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise bad()
    return int(value)


def distrik(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    if value not in places.distrik_names() and value != places.UNKNOWN:
        raise bad()
    return value


def text(value: str | None, size: int = 80) -> str | None:
    if value in (None, ""):
        return None
    if len(value) > size:
        raise bad()
    return value


def this_month(today: dt.date | None = None) -> str:
    return (today or dt.date.today()).isoformat()[:7]


def month_label(value: str, lang: str = "id") -> str:
    return f"{MONTHS['en' if lang == 'en' else 'id'][int(value[5:7]) - 1]} {value[:4]}"


def short_month(value: str, lang: str = "id") -> str:
    return f"{MONTHS['en' if lang == 'en' else 'id'][int(value[5:7]) - 1][:3]} {value[2:4]}"
