"""Checks on a visit before it is saved, beyond its fields' formats.

Refused (``errors``): a visit dated in the future (the PC's date, never before nik.CLOCK_FLOOR), and
impossible vital signs (``vitals.hard_errors``). Every save path calls it: the form, an import, an edit.

Asked (``questions``, the form shows them together and saves when the nakes says yes): a back-dated
visit (pusling or late entry), no diagnosis, a second visit of the same patient the same day, a unit
that does not fit the patient's age, unusual vital signs. Each question has a ``key`` so the form can
ask a back-dated date only once per session.
No Qt here (domain layer). Messages are (Indonesian, English) pairs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop.domain import nik as nik_rules
from desktop.store.records import Store
from sync.schema import FieldError

from . import ages, units, vitals

_MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


@dataclass(frozen=True)
class Question:
    key: str  # "backdated:2026-12-05", "no_diagnosis", "same_day", "unit_age", "vital:suhu_c" …
    field: str  # the form field it is about
    message: str
    message_en: str


def current_day() -> dt.date:
    """Today for these checks: the PC's date (never before nik.CLOCK_FLOOR), or the corrected clock's
    when the app has one and it is later (a PC clock behind must not make today's visit "future")."""
    day = nik_rules.effective_today()
    try:
        from desktop.domain import wall_clock  # type: ignore[attr-defined]
    except ImportError:
        return day
    return max(day, wall_clock.today())


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_text(day: dt.date, lang: str = "id") -> str:
    months = _MONTHS_ID if lang == "id" else _MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def date_errors(tanggal, today: dt.date | None = None) -> list[FieldError]:
    """A visit date in the future is refused (it would be counted in a month that has not happened)."""
    day = _day(tanggal) if tanggal else None
    if day is None:
        return []  # a missing or malformed date: the defaults and the schema deal with it
    today = today or current_day()
    if day > today:
        return [FieldError(
            "tanggal",
            f"Tanggal kunjungan {date_text(day)} ada di masa depan (hari ini {date_text(today)}). "
            "Periksa tanggal kunjungan dan tanggal komputer.",
            f"The visit date {date_text(day, 'en')} is in the future (today is {date_text(today, 'en')}). "
            "Check the visit date and the PC's date.")]
    return []


def errors(record: dict, *, today: dt.date | None = None) -> list[FieldError]:
    """What refuses a save: a future date, impossible vital signs."""
    out = date_errors(record.get("tanggal"), today) if "tanggal" in record else []
    return out + vitals.hard_errors(record)


def backdated_question(tanggal, today: dt.date | None = None) -> Question | None:
    day = _day(tanggal) if tanggal else None
    today = today or current_day()
    if day is None or day >= today:
        return None
    days = (today - day).days
    ago_id = "kemarin" if days == 1 else f"{days} hari lalu"
    ago_en = "yesterday" if days == 1 else f"{days} days ago"
    return Question(f"backdated:{day.isoformat()}", "tanggal",
                    f"Kunjungan tanggal {date_text(day)} ({ago_id})? Ya untuk pusling / input susulan.",
                    f"A visit dated {date_text(day, 'en')} ({ago_en})? Yes for outreach (pusling) or late entry.")


def same_day_visits(store: Store, patient_id: str, tanggal: str, *, exclude_id: str | None = None) -> int:
    """How many other visits this patient already has on ``tanggal``."""
    row = store.read().execute(
        "SELECT COUNT(*) FROM visits WHERE patient_id = ? AND tanggal = ? AND deleted = 0 AND id IS NOT ?",
        (patient_id, tanggal, exclude_id)).fetchone()
    return int(row[0])


def questions(record: dict, patient: dict | None, unit_list: list[units.Unit], *, same_day: int = 0,
              today: dt.date | None = None) -> list[Question]:
    """What to ask before saving ``record`` (a new visit's fields, or an edit's changed fields)."""
    out: list[Question] = []
    if "tanggal" in record:
        back = backdated_question(record.get("tanggal"), today)
        if back is not None:
            out.append(back)
    if same_day:
        day = _day(record.get("tanggal")) or (today or current_day())
        out.append(Question("same_day", "tanggal",
                            f"Pasien ini sudah punya {same_day} kunjungan pada {date_text(day)}. Simpan kunjungan kedua?",
                            f"This patient already has {same_day} visit(s) on {date_text(day, 'en')}. "
                            "Save a second visit?"))
    if "diagnosa" in record and not record.get("diagnosa"):
        out.append(Question("no_diagnosis", "diagnosa", "Belum ada diagnosa. Simpan tanpa diagnosa?",
                            "No diagnosis yet. Save without a diagnosis?"))
    age = ages.age_on(patient or {}, record.get("tanggal") or (today or current_day()))
    if "unit" in record and record.get("unit"):
        unit = next((u for u in unit_list if u.code == record["unit"]), None)
        problem = units.age_mismatch(unit, age) if unit is not None else None
        if problem is not None:
            out.append(Question("unit_age", "unit", *problem))
    changed_vitals = {k: v for k, v in record.items() if k in vitals.HARD_LIMITS}
    if changed_vitals:
        for finding in vitals.warnings(record, age.years if age else None):
            out.append(Question(f"vital:{finding.field}", finding.field, finding.message, finding.message_en))
    return out


__all__ = ["Question", "backdated_question", "current_day", "date_errors", "date_text", "errors", "questions", "same_day_visits"]
