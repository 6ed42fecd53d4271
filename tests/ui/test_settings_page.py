"""Pengaturan: numbering template checked at the field, backup now."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.store import backup


def test_bad_template_shows_at_the_field(qtbot, main_window, store):
    page = main_window.show_module("pengaturan")
    qtbot.waitUntil(lambda: page.template.text() != "")
    assert page.template.text() == "{klasifikasi}/{nomor}/{kode_unit}/{tahun}"
    page.template.setText("{klasifikasi}/{tahun}")  # no {nomor}
    qtbot.mouseClick(page.save_numbering_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.numbering_form.error_text("template")))
    assert "Format nomor tidak valid" in page.numbering_form.error_text("template")
    assert store.meta("numbering_template") == "{klasifikasi}/{nomor}/{kode_unit}/{tahun}"


def test_good_template_is_saved(qtbot, main_window, store):
    page = main_window.show_module("pengaturan")
    qtbot.waitUntil(lambda: page.template.text() != "")
    page.template.setText("{nomor}/{kode_unit}/{bulan_romawi}/{tahun}")
    page.kode_unit.setText("DST-MB/SEKR")
    assert page.preview.text().startswith("Contoh: 0015/DST-MB/SEKR/")
    qtbot.mouseClick(page.save_numbering_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: store.meta("numbering_kode_unit") == "DST-MB/SEKR")
    assert store.meta("numbering_template") == "{nomor}/{kode_unit}/{bulan_romawi}/{tahun}"


def test_backup_now_writes_a_checked_file(qtbot, main_window, tmp_path):
    page = main_window.show_module("pengaturan")
    target = tmp_path / "usb" / "cadangan.sqlite3"
    page.make_backup(str(target))
    qtbot.waitUntil(lambda: page.backup_result.text() != "")
    assert page.backup_result.text() == f"Cadangan tersimpan: {target}"
    assert backup.check_backup_file(target, main_window.store.data_dir)["office_code"] == "DST-MB"
