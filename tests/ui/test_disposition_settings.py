"""Pengaturan → Disposisi: the office keeps its own list of recipients and instructions, and the
disposisi form offers exactly that list."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from desktop.domain import disposition_lists
from desktop.ui.forms.disposition_settings_box import DispositionSettingsBox


def test_the_office_edits_its_pick_lists_in_settings(qtbot, main_window, store):
    page = main_window.show_module("pengaturan")
    box = page.findChild(DispositionSettingsBox)
    assert box is not None
    qtbot.waitUntil(lambda: "Sekretaris Distrik" in box.kepada.toPlainText())
    box.kepada.setPlainText("Sekretaris Distrik\nKasi Trantib\n\nKepala Kampung Kwamki Baru")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.meta(disposition_lists.META_KEPADA) is not None)
    assert json.loads(store.meta(disposition_lists.META_KEPADA)) == [
        "Sekretaris Distrik", "Kasi Trantib", "Kepala Kampung Kwamki Baru"]
    qtbot.waitUntil(lambda: box.result.text() == "Daftar disposisi tersimpan.")

    from .test_letter_form import open_first_letter

    _change, _dialog, panel = open_first_letter(qtbot, main_window, store)
    shown = [panel.kepada.list.item(i).text() for i in range(panel.kepada.list.count())]
    assert shown == ["Sekretaris Distrik", "Kasi Trantib", "Kepala Kampung Kwamki Baru"]


def test_a_bad_list_shows_at_the_field_and_saves_nothing(qtbot, main_window, store):
    page = main_window.show_module("pengaturan")
    box = page.findChild(DispositionSettingsBox)
    qtbot.waitUntil(lambda: box.instruksi.toPlainText() != "")
    box.instruksi.setPlainText("x" * 130)
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(box.form.error_text(disposition_lists.META_INSTRUKSI)))
    assert "lebih dari 120" in box.form.error_text(disposition_lists.META_INSTRUKSI)
    assert store.meta(disposition_lists.META_INSTRUKSI) is None
