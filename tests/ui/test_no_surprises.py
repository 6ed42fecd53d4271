"""No surprises at the desk: the wheel scrolls the page and never changes a field the clerk is not in;
a field's error goes as soon as it is changed; an empty register says why and what to press; coloured
rows have a legend; type-ahead matches anywhere with a list wide enough to read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QScrollArea, QSpinBox, QVBoxLayout, QWidget

from desktop.domain import letters
from desktop.ui.widgets.completion import make_completer
from desktop.ui.widgets.date_field import DateField
from desktop.ui.widgets.wheel_guard import install_wheel_guard

from .conftest import wait_loaded
from .test_letter_form import active

ROOT = Path(__file__).resolve().parents[2]


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over ``widget`` (negative: towards the user, i.e. scroll down)."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(pos, widget.mapToGlobal(pos), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def long_page(qtbot):
    area = QScrollArea()
    body = QWidget()
    column = QVBoxLayout(body)
    combo = QComboBox()
    combo.addItems(["A4", "F4", "Letter"])
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(50)
    date = DateField()
    for widget in (combo, spin, date):
        column.addWidget(widget)
        column.addSpacing(900)  # a page taller than the window
    area.setWidget(body)
    area.setWidgetResizable(True)
    area.resize(400, 300)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, spin, date


def test_the_wheel_over_an_unfocused_field_scrolls_the_page(qtbot, qapp):
    install_wheel_guard(qapp)
    area, combo, spin, date = long_page(qtbot)
    before_date = date.date()
    area.setFocus()
    scroll = area.verticalScrollBar()
    assert scroll.value() == 0
    wheel(combo)
    assert combo.currentText() == "A4"  # Ukuran kertas stays A4
    assert scroll.value() > 0  # the page moved instead
    wheel(spin)
    assert spin.value() == 50
    wheel(date)
    assert date.date() == before_date


def test_the_wheel_still_works_in_the_field_that_has_focus(qtbot, qapp):
    install_wheel_guard(qapp)
    _area, combo, spin, _date = long_page(qtbot)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentText() == "F4"
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, 1)
    assert spin.value() == 51


@pytest.fixture
def wheel_display():
    from .test_screenshots import run_xvfb

    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed (apt-get install xdotool)")
    yield from run_xvfb("1024x768")


@pytest.mark.xvfb
@pytest.mark.parametrize("guard", ["early", "late"])
def test_a_real_wheel_over_an_unfocused_field_scrolls_the_page(wheel_display, tmp_path, guard):
    """A real mouse wheel (xdotool under Xvfb: spontaneous events, as a clerk's mouse sends them). Qt gave the combo
    box the focus before the guard saw the wheel, and Ukuran kertas changed all the same; the synthetic events above
    never showed it. "late": the guard installed after the page was shown, as the main window does."""
    done = tmp_path / "done"
    env = {**os.environ, "DISPLAY": wheel_display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.wheel_app", guard, str(done)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        where = json.loads(child.stdout.readline())  # the fields' centres, once the page is shown
        x, y = where["combo"]
        xdotool = ["xdotool", "mousemove", "--sync", str(x), str(y), "click", "--repeat", "2", "--delay", "150", "5"]
        subprocess.run(xdotool, env=env, check=True, timeout=30)
        done.touch()
        out, err = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err[-2000:]
    shown = json.loads(out.strip().splitlines()[-1])
    assert shown["combo"] == "A4" and shown["focus"] == "QScrollArea", shown  # Ukuran kertas stays A4, unfocused
    assert shown["scrolled"] > 0, shown  # the page moved instead


def test_an_error_goes_once_the_field_is_changed(qtbot, main_window, store):
    page = main_window.show_module("surat_masuk")
    dialog = active(qtbot, page.new_letter())
    with qtbot.waitSignal(dialog.save_failed):
        dialog.save()
    form = dialog.form
    assert form.error_text("perihal") and form.error_text("asal")
    assert form.fields["perihal"].property("invalid") is True
    qtbot.keyClicks(form.fields["perihal"], "Undangan")
    assert form.error_text("perihal") == ""
    assert not form.errors["perihal"].isVisibleTo(form)
    assert form.fields["perihal"].property("invalid") is False
    assert form.error_text("asal")  # only the changed field's error goes


def test_an_empty_register_says_why_and_what_to_press(qtbot, main_window, store):
    page = main_window.show_module("surat_masuk")
    wait_loaded(qtbot, page.model)
    hint = page.empty_hint
    qtbot.waitUntil(hint.isVisible)
    assert "Belum ada surat masuk" in hint.text() and "Ctrl+N" in hint.text()
    letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                      "perihal": "Jadwal vaksinasi", "sifat": "biasa"}, actor="admin")
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.waitUntil(lambda: not hint.isVisible())
    qtbot.keyClicks(page.search, "tidakadayangbegini")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and not page.model.loading)
    qtbot.waitUntil(hint.isVisible)
    assert "cocok" in hint.text() and "Ctrl+F" in hint.text()


def test_the_service_registers_say_why_they_are_empty_and_explain_their_colours(qtbot, main_window):
    from desktop.ui.registers.register_base import EmptyTableHint

    for module, word in (("permohonan", "Belum ada permohonan"), ("pengaduan", "Belum ada pengaduan")):
        page = main_window.show_module(module)
        wait_loaded(qtbot, page.model)
        qtbot.waitUntil(page.empty_hint.isVisible)
        assert word in page.empty_hint.text()
        assert isinstance(page.empty_hint, EmptyTableHint)
        legend = page.findChild(QWidget, "colourLegend")
        assert legend is not None and legend.isVisible()
        texts = " ".join(legend.entries)
        assert "Dialihkan" in texts and ("Terlambat" in texts or "Lewat batas" in texts)
        assert all(entry in legend.text() for entry in legend.entries)
    page = main_window.show_module("surat_masuk")
    legend = page.findChild(QWidget, "colourLegend")
    assert "Sangat segera" in legend.entries and "Sangat segera" in legend.text()


def test_type_ahead_matches_anywhere_and_its_list_is_wide_enough(qtbot, main_window):
    from desktop.ui.services.complaint_form import ComplaintDialog

    page = main_window.show_module("pengaduan")
    dialog = active(qtbot, page.new_record())
    assert isinstance(dialog, ComplaintDialog)
    kategori = dialog.kategori
    kategori.setFocus()
    qtbot.keyClicks(kategori.lineEdit(), "jalan")  # inside "Infrastruktur (jalan, jembatan, air, listrik)"
    completer = kategori.completer()
    qtbot.waitUntil(lambda: completer.popup().isVisible())
    found = [completer.completionModel().index(r, 0).data() for r in range(completer.completionModel().rowCount())]
    assert found == ["Infrastruktur (jalan, jembatan, air, listrik)"]
    popup = completer.popup()
    needed = popup.fontMetrics().horizontalAdvance(found[0])
    assert popup.width() >= needed  # the longest entry is readable in full
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_klasifikasi_type_ahead_finds_words_inside_names(qtbot, main_window):
    page = main_window.show_module("surat_masuk")
    dialog = active(qtbot, page.new_letter())
    field = dialog.form.fields["klasifikasi"]
    field.line.setFocus()
    qtbot.keyClicks(field.line, "layanan publik")
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    entries = field.suggestions.stringList()
    assert any(e.startswith("000.8.3.4") for e in entries)  # Pelayanan Publik
    widest = max(popup.fontMetrics().horizontalAdvance(e) for e in entries)
    assert popup.width() >= widest
    qtbot.keyClick(popup, Qt.Key.Key_Escape)


def test_one_completer_helper_is_case_insensitive_and_matches_inside(qtbot):
    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    qtbot.addWidget(line)
    model = QStringListModel(["Surat Keterangan Tidak Mampu (SKTM)", "Surat Keterangan Domisili"])
    completer = make_completer(model, line)
    line.setCompleter(completer)
    completer.setCompletionPrefix("sktm")
    assert completer.completionCount() == 1
    completer.setCompletionPrefix("DOMISILI")
    assert completer.currentCompletion() == "Surat Keterangan Domisili"
