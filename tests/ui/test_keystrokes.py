"""A clerk's keystrokes, counted: a surat masuk whose letter date is not today, and a permohonan's
intake dated yesterday, entered with no mouse. Every key goes to whatever has the keyboard
(the focused widget, or an open popup), as on a real desk; control keys (Tab, Enter, arrows,
shortcuts) are counted, the text typed is not."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain import letters, services, wall_clock
from desktop.ui.forms.letter_dialog import LetterDialog
from desktop.ui.services.request_form import RequestDialog
from tests.unit.test_services_samples import sample

from .conftest import wait_loaded

MAX_CONTROL_KEYS = 12
NIK_MARIA = "9404014101900001"


class Keyboard:
    """Types into whatever has the keyboard and counts the control keys pressed."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.control_keys: list[str] = []
        self.window = None  # the form being filled

    @staticmethod
    def target():
        return QApplication.activePopupWidget() or QApplication.focusWidget()

    def settle(self) -> None:
        """The offscreen platform makes a shown popup (the service suggestions) the active window,
        late, even after it has closed; a desktop gives the keyboard back to the form. So does this."""
        QApplication.processEvents()
        active = QApplication.activeWindow()
        if QApplication.activePopupWidget() is None and active is not None and not active.isVisible():
            window = QApplication.focusWidget().window() if QApplication.focusWidget() else self.window
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.settle()
        target = self.target()
        assert target is not None, "nothing has the keyboard"
        self.control_keys.append(f"{modifier.name}+{key.name}" if modifier.value else key.name)
        self.qtbot.keyClick(target, key, modifier)

    def type(self, text: str) -> None:
        self.settle()
        target = self.target()
        assert target is not None, "nothing has the keyboard"
        self.qtbot.keyClicks(target, text)


def window_active(qtbot, window) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_surat_masuk_dated_earlier_takes_at_most_12_control_keys(qtbot, main_window, store):
    page = main_window.show_module("surat_masuk")
    wait_loaded(qtbot, page.model)
    page.table.setFocus()
    window_active(qtbot, main_window)
    keys = Keyboard(qtbot)

    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Surat masuk baru
    dialog = page.findChild(LetterDialog)
    window_active(qtbot, dialog)
    assert keys.target() is dialog.form.fields["tanggal_terima"]  # received today: left as it is
    keys.press(Qt.Key.Key_Tab)
    keys.type("005/123/DINSOS/2026")
    keys.press(Qt.Key.Key_Tab)
    keys.type("20/11/26")  # Tanggal Surat: not today
    keys.press(Qt.Key.Key_Tab)
    keys.type("Dinas Sosial Kabupaten Mimika")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Undangan rapat koordinasi bantuan sosial")
    with qtbot.waitSignal(dialog.saved):
        keys.press(Qt.Key.Key_Return)
    keys.press(Qt.Key.Key_Escape)  # the saved letter's form closes
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = store.find(letters.LETTERS, "direction = 'masuk'")
    assert len(saved) == 1
    letter = saved[0]
    assert letter["tanggal_surat"] == "2026-11-20"
    assert letter["tanggal_terima"] == wall_clock.today().isoformat()
    assert letter["nomor_surat"] == "005/123/DINSOS/2026" and letter["asal"] == "Dinas Sosial Kabupaten Mimika"
    assert letter["perihal"] == "Undangan rapat koordinasi bantuan sosial" and letter["seq"] == 1
    assert len(keys.control_keys) <= MAX_CONTROL_KEYS, keys.control_keys


def test_a_permohonan_intake_dated_yesterday_takes_at_most_12_control_keys(qtbot, main_window, store):
    services.new_request(store, "domisili", {**sample("domisili"), "nik": NIK_MARIA}, actor="admin")  # a resident known
    page = main_window.show_module("permohonan")
    wait_loaded(qtbot, page.model)
    page.table.setFocus()
    window_active(qtbot, main_window)
    keys = Keyboard(qtbot)

    keys.press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Permohonan baru
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, RequestDialog)
    window_active(qtbot, dialog)
    keys.window = dialog
    popup = dialog.service.completer().popup()
    assert keys.target() in (dialog.service, dialog.service.lineEdit())
    keys.press(Qt.Key.Key_Tab)  # Tanggal, just below the service
    assert keys.target() is dialog.tanggal
    yesterday = wall_clock.today() - dt.timedelta(days=1)
    keys.type(f"{yesterday.day}/{yesterday.month}/{yesterday.year}")
    keys.press(Qt.Key.Key_Backtab)
    keys.type("domisili")
    qtbot.waitUntil(popup.isVisible)
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Return)  # the service is chosen: on to the NIK
    qtbot.waitUntil(lambda: not popup.isVisible() and QApplication.focusWidget() is dialog.nik)
    with qtbot.waitSignal(dialog.resident_looked_up):
        keys.type(NIK_MARIA)
    keys.press(Qt.Key.Key_Return)  # Enter saves, or goes to what is still missing: Keperluan
    qtbot.waitUntil(lambda: keys.target() is dialog.keperluan)
    keys.type("Melamar pekerjaan")
    with qtbot.waitSignal(dialog.saved):
        keys.press(Qt.Key.Key_Return)

    request = store.get(services.SERVICE_REQUESTS, dialog.record["id"])
    assert request["tanggal"] == yesterday.isoformat()
    assert request["nik"] == NIK_MARIA and request["nama"] == sample("domisili")["nama"]
    assert request["keperluan"] == "Melamar pekerjaan"
    assert len(keys.control_keys) <= MAX_CONTROL_KEYS, keys.control_keys
