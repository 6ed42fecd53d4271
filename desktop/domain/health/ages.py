"""A patient's age on a given day, and the LB1 age groups.

LB1 age groups (12): 0–7 hari, 8–28 hari, 1–11 bulan, 1–4, 5–9, 10–14, 15–19, 20–44, 45–54, 55–59,
60–69, 70+ tahun — the columns of the LB1 form of the puskesmas reporting system (SP2TP/SP3, carried
on in the SIKDA Generik and e-Puskesmas LB1 exports; Permenkes 31/2019 keeps LB1 as the monthly
morbidity report). The exact bounds used here: 0–7 days, 8–28 days, 29 days up to the first
birthday, then full years.

A patient registered with an age instead of a birth date (``umur_tahun`` stated on ``umur_tanggal``)
ages with the calendar: on a later day the age is umur_tahun + full years since umur_tanggal. A baby
(under one year) needs a birth date: days cannot be estimated from a year count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

AGE_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("0-7h", "0–7 hari", "0–7 days"),
    ("8-28h", "8–28 hari", "8–28 days"),
    ("1-11b", "1–11 bulan", "1–11 months"),
    ("1-4t", "1–4 tahun", "1–4 years"),
    ("5-9t", "5–9 tahun", "5–9 years"),
    ("10-14t", "10–14 tahun", "10–14 years"),
    ("15-19t", "15–19 tahun", "15–19 years"),
    ("20-44t", "20–44 tahun", "20–44 years"),
    ("45-54t", "45–54 tahun", "45–54 years"),
    ("55-59t", "55–59 tahun", "55–59 years"),
    ("60-69t", "60–69 tahun", "60–69 years"),
    ("70+t", "70+ tahun", "70+ years"),
)
AGE_GROUP_CODES = tuple(g[0] for g in AGE_GROUPS)
_YEAR_BOUNDS = ((1, 4, "1-4t"), (5, 9, "5-9t"), (10, 14, "10-14t"), (15, 19, "15-19t"), (20, 44, "20-44t"),
                (45, 54, "45-54t"), (55, 59, "55-59t"), (60, 69, "60-69t"))


@dataclass(frozen=True)
class Age:
    years: int
    days: int | None  # known only with a birth date

    def text(self, lang: str = "id") -> str:
        if self.days is not None and self.years == 0:
            if self.days < 29:
                return f"{self.days} hari" if lang == "id" else f"{self.days} days"
            months = max(1, self.days // 30)
            return f"{months} bulan" if lang == "id" else f"{months} months"
        return f"{self.years} tahun" if lang == "id" else f"{self.years} years"


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def full_years(start: dt.date, end: dt.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def age_on(patient: dict, day: dt.date | str) -> Age | None:
    """The patient's age on ``day``; None when neither a birth date nor an age is known."""
    day = _date(day)
    if day is None:
        return None
    born = _date(patient.get("tanggal_lahir"))
    if born is not None:
        if born > day:
            return Age(0, 0)  # a visit recorded before the birth date: a typing error, counted as newborn
        return Age(full_years(born, day), (day - born).days)
    years = patient.get("umur_tahun")
    if years is None:
        return None
    stated = _date(patient.get("umur_tanggal"))
    if stated is not None and day > stated:
        years += full_years(stated, day)
    return Age(int(years), None)


def group_of(age: Age | None) -> str | None:
    """The LB1 age group code of ``age``; None when it cannot be placed (no age, or a baby without birth date)."""
    if age is None:
        return None
    if age.years == 0:
        if age.days is None:
            return None
        if age.days <= 7:
            return "0-7h"
        if age.days <= 28:
            return "8-28h"
        return "1-11b"
    for low, high, code in _YEAR_BOUNDS:
        if low <= age.years <= high:
            return code
    return "70+t"


def lb1_group(patient: dict, day: dt.date | str) -> str | None:
    return group_of(age_on(patient, day))
