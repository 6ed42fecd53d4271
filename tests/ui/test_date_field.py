"""The date field as a clerk uses it: typed dates in the ways people write them, one Tab to leave,
the reason at the field for a day that cannot be, stepping keys, the calendar, English month
names, and "today" from the corrected clock. Real widgets, real key events, Qt offscreen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.domain import wall_clock
from desktop.ui import i18n
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.field_form import FieldForm


@pytest.fixture(autouse=True)
def clean_clock():
    yield
    wall_clock.set_pc_now(None)
    wall_clock.adopt(None)


@pytest.fixture
def form(qtbot):
    """A form with a required date, an optional date and a text field after them."""
    form = FieldForm()
    form.add_field("tanggal", "Tanggal", DateField())
    form.add_field("kontrol", "Kontrol", DateField(optional=True))
    form.add_field("catatan", "Catatan", QLineEdit())
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(form.isVisible)
    form.activateWindow()
    form.fields["tanggal"].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fields["tanggal"])
    return form


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("typed", ["5/12/2026", "05-12-26", "5.12.2026", "5 des 2026", "2026-12-05", "05122026",
                                   "5 Desember 2026", "05/12/2026", "Sabtu, 5 Desember 2026"])
def test_dates_as_people_type_them(qtbot, form, typed):
    field = form.fields["tanggal"]
    qtbot.keyClicks(field, typed)  # the date shown is selected on entry: typing replaces it
    assert field.value() == "2026-12-05"  # read before leaving too (Ctrl+S from the field)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert focused() is form.fields["kontrol"]  # one Tab
    assert field.text() == "5 Desember 2026"
    assert field.value() == "2026-12-05" and field.valid() and not form.errors["tanggal"].isVisibleTo(form)


def test_one_tab_leaves_an_empty_optional_field_and_a_filled_one(qtbot, form):
    qtbot.keyClick(form.fields["tanggal"], Qt.Key.Key_Tab)
    assert focused() is form.fields["kontrol"]
    assert form.fields["kontrol"].is_empty()
    qtbot.keyClick(form.fields["kontrol"], Qt.Key.Key_Tab)
    assert focused() is form.fields["catatan"]
    assert form.fields["kontrol"].value() is None
    qtbot.keyClick(form.fields["catatan"], Qt.Key.Key_Backtab)
    qtbot.keyClicks(form.fields["kontrol"], "1/1/27")
    qtbot.keyClick(form.fields["kontrol"], Qt.Key.Key_Tab)
    assert focused() is form.fields["catatan"]
    assert form.fields["kontrol"].value() == "2027-01-01"


def test_an_impossible_date_says_why_at_the_field_and_keeps_the_text(qtbot, form):
    field = form.fields["tanggal"]
    changes = []
    field.dateChanged.connect(changes.append)
    qtbot.keyClicks(field, "31/02/2026")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert focused() is form.fields["kontrol"]  # leaving is allowed: the form refuses to save it
    assert field.text() == "31/02/2026"
    assert not field.valid() and field.error() == "Februari 2026 hanya 28 hari."
    assert form.errors["tanggal"].isVisibleTo(form) and form.error_text("tanggal") == "Februari 2026 hanya 28 hari."
    assert field.property("invalid") is True
    assert field.value() == "31/02/2026"  # no other date slips through: the record's date check refuses it
    assert changes == []
    # Mended: the message goes as soon as the text is a date.
    qtbot.keyClick(form.fields["kontrol"], Qt.Key.Key_Backtab)
    assert field.text() == "31/02/2026"
    field.setCursorPosition(2)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "8")
    assert field.text() == "38/02/2026"  # a new error waits until the field is left
    qtbot.keyClick(field, Qt.Key.Key_Home)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, "2")
    assert field.text() == "28/02/2026"
    assert not form.errors["tanggal"].isVisibleTo(form) and not field.property("invalid")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "28 Februari 2026" and field.value() == "2026-02-28"


@pytest.mark.parametrize("typed,reason", [
    ("29/02/2026", "2026 bukan tahun kabisat: Februari 2026 hanya 28 hari."),
    ("31/11/2026", "November 2026 hanya 30 hari."),
    ("5/13/2026", "Bulan 13 tidak ada: bulan ditulis 1 sampai 12."),
    ("kemarin", "Tanggal tidak dikenali. Tulis misalnya 5/12/2026, 5 Des 2026 atau 2026-12-05."),
])
def test_reasons(qtbot, form, typed, reason):
    field = form.fields["tanggal"]
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert form.error_text("tanggal") == reason and field.text() == typed


def test_enter_does_not_go_past_an_impossible_date(qtbot, form):
    field = form.fields["tanggal"]
    entered = []
    field.returnPressed.connect(lambda: entered.append(True))
    qtbot.keyClicks(field, "30/02/2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert entered == [] and form.error_text("tanggal") == "Februari 2026 hanya 28 hari."
    field.selectAll()
    qtbot.keyClicks(field, "27/02/2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert entered == [True] and field.text() == "27 Februari 2026"


def test_stepping_keys_and_delete(qtbot, form):
    field = form.fields["tanggal"]
    field.set_value("2026-12-05")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.value() == "2026-12-06"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.value() == "2026-12-04"
    qtbot.keyClick(field, Qt.Key.Key_Plus)
    assert field.value() == "2026-12-05"
    qtbot.keyClick(field, Qt.Key.Key_Minus)
    assert field.value() == "2026-12-04"
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.value() == "2027-01-04"
    qtbot.keyClick(field, Qt.Key.Key_PageDown)
    assert field.value() == "2026-12-04"
    # "-" while typing separates the parts; it does not step.
    field.clear()
    qtbot.keyClicks(field, "05-12-26")
    assert field.text() == "05-12-26" and field.value() == "2026-12-05"
    # An optional field: Delete on the selected date empties it; Up starts from today.
    kontrol = form.fields["kontrol"]
    kontrol.setFocus()
    qtbot.keyClicks(kontrol, "5/12/2026")
    kontrol.selectAll()
    qtbot.keyClick(kontrol, Qt.Key.Key_Delete)
    assert kontrol.is_empty() and kontrol.value() is None
    qtbot.keyClick(kontrol, Qt.Key.Key_Up)
    assert kontrol.value() == wall_clock.today().isoformat()
    kontrol.clear_value()
    assert kontrol.value() is None


def test_calendar_by_keyboard(qtbot, form):
    field = form.fields["tanggal"]
    field.set_value("2026-12-05")
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field._popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.calendar.selectedDate().toString("yyyy-MM-dd") == "2026-12-05"
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Right)
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == "2026-12-06" and field.text() == "6 Desember 2026"
    qtbot.keyClick(field, Qt.Key.Key_F4)
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Escape)
    assert not popup.isVisible() and field.value() == "2026-12-06"


def test_english_month_names(qtbot):
    i18n.install_language("en")
    field = DateField()
    qtbot.addWidget(field)
    field.setText("5 des 2026")
    field.commit()
    assert field.text() == "5 December 2026"
    field.setText("31/04/2026")
    field.commit()
    assert field.error() == "April 2026 has only 30 days."


def test_the_old_api_still_works(qtbot):
    from PySide6.QtCore import QDate

    field = DateField(optional=True)
    qtbot.addWidget(field)
    assert field.value() is None and field.is_empty() and not field.date().isValid()
    with qtbot.waitSignal(field.dateChanged) as changed:
        field.setDate(QDate(2026, 11, 20))
    assert changed.args[0] == QDate(2026, 11, 20)
    assert field.value() == "2026-11-20" and field.date() == QDate(2026, 11, 20)
    field.set_value(None)
    assert field.value() is None
    required = DateField()
    qtbot.addWidget(required)
    required.set_value(None)  # a required date is not emptied by "no value"
    assert required.value() == wall_clock.today().isoformat()


def test_limits(qtbot, form):
    field = form.fields["tanggal"]
    field.set_maximum("2026-12-07")
    field.setText("8/12/2026")
    assert not field.commit()
    assert form.error_text("tanggal") == "Tanggal tidak boleh setelah 7 Desember 2026."


def test_today_is_the_corrected_today(qtbot):
    """A PC clock ten years ahead, with the offset learned: a new date field starts on the real day."""
    real = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)
    wall_clock.set_pc_now(lambda: real + dt.timedelta(days=3652))
    wall_clock.adopt(wall_clock.Reading(pc=wall_clock.pc_now(), now=real, basis=wall_clock.SERVER))
    field = DateField()
    qtbot.addWidget(field)
    assert field.value() == wall_clock.local(real).date().isoformat()
    field.setText("5/12")  # no year: the corrected year
    assert field.value() == "2026-12-05"
