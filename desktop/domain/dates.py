"""Dates as people write them: the one parser behind the importers and the date field.

Day first, always (``5/12/2026`` is 5 December), Indonesian or English month names, two-digit
years (``26`` → 2026). ``parse_date`` takes what an agenda book or a spreadsheet holds;
``parse_typed`` adds what a clerk types in a hurry (``05122026``, ``5/12`` for this year, ``5``
for this month). A date that cannot be is refused with the reason (``Februari 2026 hanya 28
hari``), in Indonesian and English, so the field can say why.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    1: ("januari", "january", "jan"),
    2: ("februari", "pebruari", "february", "feb", "peb"),
    3: ("maret", "march", "mar"),
    4: ("april", "apr"),
    5: ("mei", "may"),
    6: ("juni", "june", "jun"),
    7: ("juli", "july", "jul"),
    8: ("agustus", "august", "agu", "agt", "ags", "aug"),
    9: ("september", "sept", "sep"),
    10: ("oktober", "october", "okt", "oct"),
    11: ("november", "nopember", "nov", "nop"),
    12: ("desember", "december", "des", "dec"),
}
MONTH_NAMES_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                  "Oktober", "November", "Desember")
MONTH_NAMES_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
_MONTH_BY_NAME = {name: number for number, names in MONTHS.items() for name in names}
_WEEKDAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's 1900 date system (serial 1 = 1900-01-01, with its leap bug)
_SERIAL_RANGE = (18264, 73050)  # 1950-01-01 .. 2099-12-31: a bare number outside is not a date
YEAR_RANGE = (1900, 2200)
# A two-digit year is taken in the century that puts it at most this many years after today:
# in 2026, "26" and "46" are 2026 and 2046, "75" is 1975 (a birth year).
TWO_DIGIT_YEARS_AHEAD = 20

EXAMPLES = ("Tulis misalnya 5/12/2026, 5 Des 2026 atau 2026-12-05.",
            "Write e.g. 5/12/2026, 5 Dec 2026 or 2026-12-05.")


class DateError(ValueError):
    """Not a date; ``message``/``message_en`` say why (a sentence that can stand at the field)."""

    def __init__(self, message: str, message_en: str, *, recognised: bool = False):
        super().__init__(message)
        self.message = message
        self.message_en = message_en
        # True when the text has the shape of a date but names a day that does not exist (31/02).
        self.recognised = recognised


def _unrecognised() -> DateError:
    return DateError("Tanggal tidak dikenali. " + EXAMPLES[0], "Date not recognised. " + EXAMPLES[1])


def full_year(year: int, today: dt.date | None = None, years_ahead: int = TWO_DIGIT_YEARS_AHEAD) -> int:
    """``26`` → 2026; ``75`` → 1975 (see TWO_DIGIT_YEARS_AHEAD; a birth date passes ``years_ahead=0``:
    in 2026, "27" is 1927); four digits stay as they are."""
    if year >= 100:
        return year
    limit = (today or dt.date.today()).year + years_ahead
    century = limit - limit % 100
    year += century
    return year if year <= limit else year - 100


def days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def make_date(year: int, month: int, day: int, today: dt.date | None = None,
              years_ahead: int = TWO_DIGIT_YEARS_AHEAD) -> dt.date:
    """The date, or DateError naming the part that cannot be (month 13, 31 February, year 3026)."""
    year = full_year(year, today, years_ahead)
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise DateError(f"Tahun {year} di luar jangkauan ({YEAR_RANGE[0]}–{YEAR_RANGE[1]}).",
                        f"The year {year} is out of range ({YEAR_RANGE[0]}–{YEAR_RANGE[1]}).", recognised=True)
    if not 1 <= month <= 12:
        raise DateError(f"Bulan {month} tidak ada: bulan ditulis 1 sampai 12.",
                        f"There is no month {month}: months are 1 to 12.", recognised=True)
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        name_id, name_en = MONTH_NAMES_ID[month - 1], MONTH_NAMES_EN[month - 1]
        if month == 2 and day == 29:
            raise DateError(f"{year} bukan tahun kabisat: Februari {year} hanya 28 hari.",
                            f"{year} is not a leap year: February {year} has only 28 days.", recognised=True)
        if day == 0:
            raise DateError("Tanggal 0 tidak ada.", "There is no day 0.", recognised=True)
        raise DateError(f"{name_id} {year} hanya {last} hari.", f"{name_en} {year} has only {last} days.",
                        recognised=True)
    return dt.date(year, month, day)


def _from_serial(serial: float) -> dt.date:
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise _unrecognised()
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


# Patterns as text: re compiles each on first use and keeps it (re's own cache), so a start that parses no
# date (the main window's first screen) does not compile all seven (~1 ms).
_TIME = r"(?:[ t]+[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2}(?:\.[0-9]+)?)?(?:z|[+-][0-9]{2}:?[0-9]{2})?)?"
_ISO = r"([0-9]{4})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})" + _TIME
_DMY = r"([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})\s*[-/.]\s*([0-9]{4}|[0-9]{2})" + _TIME
_D_MONTH_Y = r"([0-9]{1,2})(?:\s+|\s*[-/.]\s*)([a-z]+)\.?(?:\s+|\s*[-/.,]\s*)([0-9]{4}|[0-9]{2})"
_MONTH_D_Y = r"([a-z]+)\.?\s+([0-9]{1,2}),?\s+([0-9]{4})"
_WEEKDAY_PREFIX = r"^(?:" + "|".join(re.escape(w) for w in _WEEKDAYS) + r")\s*,?\s*"
# Typed only: no year (this year), or digits without separators.
_DM = r"([0-9]{1,2})\s*[-/.]\s*([0-9]{1,2})"
_D_MONTH = r"([0-9]{1,2})(?:\s+|\s*[-/.]\s*)([a-z]+)\.?"


def _normal(text: str) -> str:
    return re.sub(_WEEKDAY_PREFIX, "", " ".join(text.split()).casefold())


def parse_date(value: object, today: dt.date | None = None, years_ahead: int = TWO_DIGIT_YEARS_AHEAD) -> dt.date:
    """A date as offices write it in agenda books and spreadsheets. Raises DateError.

    ``today`` and ``years_ahead`` only decide the century of a two-digit year (``full_year``).
    """
    if isinstance(value, dt.datetime):
        return make_date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return make_date(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _unrecognised()
    if isinstance(value, int | float):
        return _from_serial(value)
    text = " ".join(value.split()).casefold()
    if re.fullmatch(r"[0-9]{5}(?:\.[0-9]+)?", text):
        return _from_serial(float(text))
    text = _normal(text)
    if m := re.fullmatch(_ISO, text):
        return make_date(int(m[1]), int(m[2]), int(m[3]), today, years_ahead)
    if m := re.fullmatch(_DMY, text):
        return make_date(int(m[3]), int(m[2]), int(m[1]), today, years_ahead)
    if (m := re.fullmatch(_D_MONTH_Y, text)) and m[2] in _MONTH_BY_NAME:
        return make_date(int(m[3]), _MONTH_BY_NAME[m[2]], int(m[1]), today, years_ahead)
    if (m := re.fullmatch(_MONTH_D_Y, text)) and m[1] in _MONTH_BY_NAME:
        return make_date(int(m[3]), _MONTH_BY_NAME[m[1]], int(m[2]), today, years_ahead)
    raise _unrecognised()


def parse_typed(text: str, today: dt.date, years_ahead: int = TWO_DIGIT_YEARS_AHEAD) -> dt.date | None:
    """What a clerk types in a date field; None for nothing typed. Raises DateError.

    Beyond ``parse_date``: ``05122026`` and ``051226`` (day, month, year without separators),
    ``0512`` or ``5/12`` or ``5 des`` (this year), ``5`` (this month). A bare five-digit number
    is not taken as a spreadsheet serial here: typed, it is a slip.
    """
    normal = _normal(text)
    if not normal:
        return None
    if normal.isdigit():
        if len(normal) == 8:
            return make_date(int(normal[4:]), int(normal[2:4]), int(normal[:2]), today, years_ahead)
        if len(normal) == 6:
            return make_date(int(normal[4:]), int(normal[2:4]), int(normal[:2]), today, years_ahead)
        if len(normal) == 4:
            return make_date(today.year, int(normal[2:]), int(normal[:2]), today)
        if len(normal) <= 2:
            return make_date(today.year, today.month, int(normal), today)
        raise _unrecognised()
    if m := re.fullmatch(_DM, normal):
        return make_date(today.year, int(m[2]), int(m[1]), today)
    if (m := re.fullmatch(_D_MONTH, normal)) and m[2] in _MONTH_BY_NAME:
        return make_date(today.year, _MONTH_BY_NAME[m[2]], int(m[1]), today)
    return parse_date(text, today, years_ahead)


def format_long(value: dt.date | str | None, lang: str = "id") -> str:
    """``2026-12-05`` → ``5 Desember 2026`` (``lang="en"``: ``5 December 2026``); "" for nothing."""
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    months = MONTH_NAMES_EN if lang == "en" else MONTH_NAMES_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"
