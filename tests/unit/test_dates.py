"""Dates as clerks type them (domain/dates.py): the typed-only forms, two-digit years, and the reason
given for a day that cannot be. The forms the importers read are tested in test_import_values.py."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import dates

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize("typed,expected", [
    ("5/12/2026", "2026-12-05"), ("05-12-26", "2026-12-05"), ("5.12.2026", "2026-12-05"),
    ("5 des 2026", "2026-12-05"), ("5 Desember 2026", "2026-12-05"), ("2026-12-05", "2026-12-05"),
    ("05122026", "2026-12-05"), ("051226", "2026-12-05"), ("0512", "2026-12-05"), ("5/12", "2026-12-05"),
    ("5 des", "2026-12-05"), ("5", "2026-12-05"), ("  5 / 12 / 2026 ", "2026-12-05"), ("5 Dec 2026", "2026-12-05"),
    ("Sabtu, 5 Desember 2026", "2026-12-05"), ("12/05/75", "1975-05-12"), ("1/1/46", "2046-01-01"),
    ("1/1/47", "1947-01-01"),
])
def test_typed(typed, expected):
    assert dates.parse_typed(typed, TODAY).isoformat() == expected


def test_nothing_typed_is_no_date():
    assert dates.parse_typed("   ", TODAY) is None


@pytest.mark.parametrize("typed,reason,reason_en", [
    ("31/02/2026", "Februari 2026 hanya 28 hari.", "February 2026 has only 28 days."),
    ("29/02/2026", "2026 bukan tahun kabisat: Februari 2026 hanya 28 hari.",
     "2026 is not a leap year: February 2026 has only 28 days."),
    ("31/04/2026", "April 2026 hanya 30 hari.", "April 2026 has only 30 days."),
    ("5/13/2026", "Bulan 13 tidak ada: bulan ditulis 1 sampai 12.", "There is no month 13: months are 1 to 12."),
    ("00122026", "Tanggal 0 tidak ada.", "There is no day 0."),
    ("5/12/3026", "Tahun 3026 di luar jangkauan (1900–2200).", "The year 3026 is out of range (1900–2200)."),
    ("kemarin", "Tanggal tidak dikenali. Tulis misalnya 5/12/2026, 5 Des 2026 atau 2026-12-05.",
     "Date not recognised. Write e.g. 5/12/2026, 5 Dec 2026 or 2026-12-05."),
    ("46353", "Tanggal tidak dikenali. Tulis misalnya 5/12/2026, 5 Des 2026 atau 2026-12-05.",
     "Date not recognised. Write e.g. 5/12/2026, 5 Dec 2026 or 2026-12-05."),
])
def test_reasons(typed, reason, reason_en):
    with pytest.raises(dates.DateError) as info:
        dates.parse_typed(typed, TODAY)
    assert (info.value.message, info.value.message_en) == (reason, reason_en)


def test_a_leap_day_is_a_day():
    assert dates.parse_typed("29/2/2028", TODAY) == dt.date(2028, 2, 29)


def test_long_form():
    assert dates.format_long("2026-12-05") == "5 Desember 2026"
    assert dates.format_long(dt.date(2026, 12, 5), "en") == "5 December 2026"
    assert dates.format_long(None) == ""
