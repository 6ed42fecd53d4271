"""Pengaturan → Cetak: the signatory and letterhead saved to the store, errors at the field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import services
from desktop.ui.services.print_settings_box import PrintSettingsBox


def box_of(qtbot, main_window) -> PrintSettingsBox:
    page = main_window.show_module("pengaturan")
    box = page.findChild(PrintSettingsBox)
    assert box is not None
    qtbot.waitUntil(lambda: box.inputs["kop_kota"].text() == "Timika")  # defaults shown
    return box


def test_signatory_is_saved_and_used_for_certificates(qtbot, main_window, store):
    box = box_of(qtbot, main_window)
    assert box.inputs["ttd_jabatan"].text() == "Kepala Distrik Mimika Baru"
    assert services.default_signer(store) is None
    box.inputs["ttd_nama"].setText("Drs. Yakobus Beanal, M.Si")
    box.inputs["ttd_nip"].setText("197001012000031001")
    box.inputs["kertas"].setCurrentIndex(box.inputs["kertas"].findData("F4"))
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.result.text() == "Pengaturan cetak tersimpan.")
    signer = services.default_signer(store)
    assert (signer.nama, signer.nip, signer.jabatan) == ("Drs. Yakobus Beanal, M.Si", "197001012000031001",
                                                        "Kepala Distrik Mimika Baru")
    assert store.meta("kertas") == "F4"
    assert store.meta("kop_kota") is None  # unchanged defaults are not written


def test_a_bad_nip_is_refused_at_its_field(qtbot, main_window, store):
    box = box_of(qtbot, main_window)
    box.inputs["ttd_nama"].setText("Yakobus Beanal")
    box.inputs["ttd_nip"].setText("NIP-123")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(box.form.error_text("ttd_nip")))
    assert box.form.error_text("ttd_nip") == "NIP hanya berisi angka (18 digit)."
    assert store.meta("ttd_nama") is None  # all checked before anything is written


def test_other_signatories_are_kept_with_the_print_settings(qtbot, main_window, store):
    from desktop.ui.services.signers_editor import ATAS_NAMA, JABATAN, NAMA, NIP

    box = box_of(qtbot, main_window)
    table = box.signers.table
    assert table.rowCount() == 0
    row = box.signers.add_row()
    table.item(row, NAMA).setText("Agustinus Magai")
    table.item(row, NIP).setText("197805152006041010")
    table.item(row, JABATAN).setText("Sekretaris Distrik")
    table.item(row, ATAS_NAMA).setCheckState(Qt.CheckState.Checked)
    bad = box.signers.add_row()
    table.item(bad, NAMA).setText("Markus Tabuni")  # no position yet
    box.inputs["ttd_nama"].setText("Yakobus Beanal")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "baris 2: jabatan wajib diisi" in box.result.text())
    assert store.meta(services.META_TTD_LAIN) is None and store.meta("ttd_nama") is None  # nothing written

    table.item(bad, JABATAN).setText("Plh. Kepala Distrik Mimika Baru")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.result.text() == "Pengaturan cetak tersimpan.")
    assert [(s.nama, s.jabatan) for s in services.signers(store)] == [
        ("Yakobus Beanal", "Kepala Distrik Mimika Baru"),
        ("Agustinus Magai", "a.n. Kepala Distrik Mimika Baru\nSekretaris Distrik"),
        ("Markus Tabuni", "Plh. Kepala Distrik Mimika Baru")]
    qtbot.waitUntil(lambda: table.rowCount() == 2)  # reloaded from the store

    table.selectRow(0)
    box.signers.remove_current()
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [s.nama for s in services.signers(store)] == ["Yakobus Beanal", "Markus Tabuni"])


def test_a_logo_is_previewed_copied_into_the_data_folder_and_still_shown(qtbot, main_window, store, tmp_path):
    from PySide6.QtGui import QColor, QImage

    logo = QImage(90, 110, QImage.Format.Format_RGB32)
    logo.fill(QColor("darkgreen"))
    assert logo.save(str(tmp_path / "lambang.png"))
    box = box_of(qtbot, main_window)
    assert box.logo_preview.isHidden()  # no logo yet: no empty band under the field
    box.inputs["kop_logo"].setText(str(tmp_path / "lambang.png"))  # as "Pilih…" would
    assert not box.logo_preview.pixmap().isNull() and not box.logo_preview.isHidden()
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.result.text() == "Pengaturan cetak tersimpan.")
    qtbot.waitUntil(lambda: box.inputs["kop_logo"].text() == "kop_logo.png")  # the copy in the data folder
    assert (store.data_dir / "kop_logo.png").is_file() and not box.logo_preview.pixmap().isNull()
    box.inputs["kop_logo"].setText(str(tmp_path / "tidak-ada.png"))
    assert box.logo_preview.pixmap().isNull() and "bukan gambar" in box.logo_preview.text()
    assert not box.logo_preview.isHidden()  # the reason shows
    box.inputs["kop_logo"].clear()
    assert box.logo_preview.isHidden()
