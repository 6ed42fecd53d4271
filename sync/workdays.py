"""Working days (hari kerja) for SLA deadlines: Monday to Friday, minus the days off listed in the
holidays reference (resources/reference/holidays.json: libur nasional and cuti bersama by SKB 3
Menteri). One small pure module so the desktop and the central server count deadlines the same way.

The holiday set is passed in (the desktop reads the office's pushed copy of the reference through
desktop/domain/reference.py; ``load_holidays`` reads a file for anyone else). No Qt, no desktop.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path

from .schema import resources_dir


def load_holidays(path: Path | str | None = None) -> frozenset[dt.date]:
    """The days off listed in a holidays reference file (default: the bundled one)."""
    path = Path(path) if path is not None else resources_dir() / "reference" / "holidays.json"
    with path.open(encoding="utf-8") as f:
        items = json.load(f)["items"]
    return frozenset(dt.date.fromisoformat(raw["date"]) for raw in items)


def _date(day: dt.date) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def is_working_day(day: dt.date, holidays: Collection[dt.date]) -> bool:
    """Monday to Friday and not a listed day off."""
    day = _date(day)
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: dt.date, n: int, holidays: Collection[dt.date]) -> dt.date:
    """The date n working days after start (start itself is not counted).

    add_working_days(friday, 1) is the next Monday (if that is not a holiday); n == 0 returns
    start unchanged, even when start is not a working day; a negative n counts backwards.
    """
    step = dt.timedelta(days=1 if n >= 0 else -1)
    day = _date(start)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date]) -> int:
    """Working days after start up to and including end (0 when end is not after start).

    The inverse of ``add_working_days``: a request received on start and finished on end took this
    many working days, and it met an SLA of N days when the result is at most N.
    """
    start, end = _date(start), _date(end)
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + dt.timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    weekdays_off = _weekdays_off(holidays if isinstance(holidays, frozenset) else frozenset(holidays))
    return count - (bisect.bisect_right(weekdays_off, end) - bisect.bisect_right(weekdays_off, start))


@lru_cache(maxsize=8)
def _weekdays_off(holidays: frozenset[dt.date]) -> tuple[dt.date, ...]:
    """The holidays that fall on a weekday, sorted (a report counts thousands of spans)."""
    return tuple(sorted(h for h in holidays if h.weekday() < 5))
