"""sync/workdays.py: the one working-day count the desktop (SLA due dates) and the server share."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import reference
from sync import workdays

HOLIDAYS = workdays.load_holidays()


def test_the_bundled_table_is_what_the_desktop_uses():
    assert HOLIDAYS == reference.holidays()
    assert dt.date(2026, 3, 19) in HOLIDAYS  # Nyepi


def test_counts_by_hand():
    # Mon 16 March 2026 → Wed 25 March 2026: Tue 17 and Wed 25 (18–24: Nyepi, Idul Fitri, cuti bersama
    # and a weekend are all off) → 2 working days.
    assert workdays.working_days_between(dt.date(2026, 3, 16), dt.date(2026, 3, 25), HOLIDAYS) == 2
    # Friday → next Monday: one working day; the same day or backwards: none.
    assert workdays.working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 30), HOLIDAYS) == 1
    assert workdays.working_days_between(dt.date(2026, 11, 27), dt.date(2026, 11, 27), HOLIDAYS) == 0
    assert workdays.working_days_between(dt.date(2026, 11, 30), dt.date(2026, 11, 27), HOLIDAYS) == 0
    assert reference.working_days_between(dt.date(2026, 3, 16), dt.date(2026, 3, 25)) == 2


def test_add_working_days_keeps_its_behaviour():
    assert workdays.add_working_days(dt.date(2026, 11, 27), 1, HOLIDAYS) == dt.date(2026, 11, 30)
    assert workdays.add_working_days(dt.date(2026, 3, 17), 1, HOLIDAYS) == dt.date(2026, 3, 25)
    assert workdays.add_working_days(dt.date(2026, 3, 14), 0, HOLIDAYS) == dt.date(2026, 3, 14)
    assert workdays.add_working_days(dt.date(2026, 3, 25), -1, HOLIDAYS) == dt.date(2026, 3, 17)
    assert reference.add_working_days(dt.date(2026, 3, 17), 1) == dt.date(2026, 3, 25)


@given(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)), st.integers(0, 60))
def test_between_is_the_inverse_of_add(start, n):
    end = workdays.add_working_days(start, n, HOLIDAYS)
    assert workdays.working_days_between(start, end, HOLIDAYS) == n


@given(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)), st.integers(0, 90))
def test_between_counts_day_by_day(start, span):
    end = start + dt.timedelta(days=span)
    slow = sum(1 for i in range(1, span + 1) if workdays.is_working_day(start + dt.timedelta(days=i), HOLIDAYS))
    assert workdays.working_days_between(start, end, HOLIDAYS) == slow
