"""Files taken on a new record's form before the first save: kept in memory, stored with the record
when it is saved, gone without a trace when the form is cancelled. Alt+L works on the forms too."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain import attachments, letters
from desktop.store.attachment_blobs import blob_store
from desktop.ui.forms.letter_dialog import LetterDialog
from desktop.ui.services.complaint_form import ComplaintDialog
from desktop.ui.services.request_form import APPLICANT_ORDER, RequestDialog
from tests.unit import attachment_samples as samples
from tests.unit.test_services_samples import sample


def blob_files(store) -> list:
    """Every file in the blob store, half-written ones included."""
    return [p for p in blob_store(store.data_dir).root.rglob("*") if p.is_file()]


def taken(qtbot, strip, count: int) -> None:
    qtbot.waitUntil(lambda: len(strip.waiting) == count and not strip._busy, timeout=20000)


def fill_letter(dialog: LetterDialog) -> None:
    dialog.form.fields["asal"].setText("Sekretariat Daerah")
    dialog.form.fields["perihal"].setText("Undangan rapat koordinasi")
    dialog._dirty = True


def test_a_new_letter_takes_scans_before_it_is_saved_and_stores_them_with_it(qtbot, store, manager):
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    strip = dialog.attachments
    assert strip is not None and strip.attach_button.isEnabled()  # no "save first" any more
    strip.add_bytes("undangan.png", samples.small_png())
    strip.add_bytes("lampiran.jpg", samples.jpeg(samples.scanned_page(dpi=150)))
    taken(qtbot, strip, 2)
    assert dialog.tabs.tabText(dialog.tabs.indexOf(strip)) == "Lampiran (2)"
    assert not strip.list.item(0).icon().isNull()  # a thumbnail, made from the bytes in memory
    assert store.count("attachments") == 0 and blob_files(store) == []  # nothing stored yet
    assert dialog.has_unsaved_input()  # Esc would ask: the scans would be lost

    fill_letter(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.record is not None and strip.owner_id is not None, timeout=20000)
    stored = store.find("attachments")
    assert {r["name"] for r in stored} == {"undangan.png", "lampiran.jpg"}
    assert {r["owner_id"] for r in stored} == {dialog.record["id"]}
    assert all(attachments.is_here(store, r) for r in stored)
    qtbot.waitUntil(lambda: strip.list.count() == 2 and strip.waiting == [])
    assert not strip.open_button.isHidden()  # stored now: it can be opened


def test_a_cancelled_form_leaves_nothing_behind(qtbot, store, manager, monkeypatch):
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    dialog.attachments.add_bytes("undangan.png", samples.small_png())
    taken(qtbot, dialog.attachments, 1)
    asked = []
    monkeypatch.setattr(LetterDialog, "confirm_discard", lambda self: asked.append(1) or True)
    dialog.reject()
    assert asked  # the clerk was asked first
    assert store.count("attachments") == 0 and store.count("letters") == 0
    assert blob_files(store) == []


def test_delete_drops_a_waiting_file_without_storing_anything(qtbot, store, manager):
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    strip = dialog.attachments
    strip.add_bytes("a.png", samples.small_png())
    taken(qtbot, strip, 1)
    strip.list.setCurrentRow(0)
    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)
    assert strip.waiting == [] and strip.list.count() == 0
    fill_letter(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.record is not None)
    assert store.count("attachments") == 0


def test_alt_l_on_the_letter_form_opens_the_file_chooser_from_any_tab(qtbot, store, manager, tmp_path, monkeypatch):
    scan = tmp_path / "surat.png"
    scan.write_bytes(samples.small_png())
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    monkeypatch.setattr(LetterDialog, "confirm_discard", lambda self: True)  # closed unsaved at the end
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.tabs.currentIndex() == 0
    qtbot.keyClick(dialog.form.fields["asal"], Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    taken(qtbot, dialog.attachments, 1)
    assert dialog.tabs.currentWidget() is dialog.attachments
    qtbot.keyClick(dialog.attachments.list, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # the button's own
    taken(qtbot, dialog.attachments, 2)


def fill_request(dialog: RequestDialog, code: str) -> None:
    fields = sample(code)
    for key in APPLICANT_ORDER:
        if fields.get(key) is not None:
            dialog._set_applicant(key, fields[key])
    dialog.keperluan.setText(fields.get("keperluan") or "Melamar pekerjaan")
    for name, value in fields["details"].items():
        if name in dialog.detail_widgets:
            dialog._set_detail_value(name, value)


def test_a_new_request_takes_scans_per_checklist_document(qtbot, store, manager, tmp_path, monkeypatch):
    dialog = RequestDialog(store, "admin", service_code="sktm")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    strip = dialog.attachments
    assert strip.slot_combo.isVisibleTo(dialog) and strip.slot_combo.findData("kk") > 0
    strip.slot_combo.setCurrentIndex(strip.slot_combo.findData("kk"))
    scan = tmp_path / "kk.png"
    scan.write_bytes(samples.small_png())
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    qtbot.keyClick(dialog.nik, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # Alt+L from a field
    taken(qtbot, strip, 1)
    assert dialog.document_boxes["kk"].isChecked()  # a scan of the KK: the KK was shown
    assert "Kartu Keluarga" in strip.list.item(0).text()
    assert store.count("attachments") == 0 and blob_files(store) == []

    fill_request(dialog, "sktm")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.record is not None and strip.owner_id is not None, timeout=20000)
    [stored] = store.find("attachments")
    assert stored["owner_collection"] == "service_requests" and stored["owner_id"] == dialog.record["id"]
    assert stored["slot"] == "kk"
    assert "kk" in (store.get("service_requests", dialog.record["id"]).get("dokumen") or [])


def test_the_forms_save_button_is_its_default_not_the_strips(qtbot, store, manager):
    """The form base made "Simpan" the default before it was in the dialog, so the dialog had no default and Qt
    took the first auto-default button in the focus chain: the request form drew "Lampirkan berkas…" (or, for an
    SKTM, "Tambah orang") in the primary colour, as if it were the form's main action."""
    dialog = RequestDialog(store, "admin", service_code="sktm")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    strip = dialog.attachments
    assert not any(b.isDefault() for b in (strip.attach_button, strip.open_button, strip.remove_button))
    assert dialog.save_button.isDefault()


def test_a_new_complaint_takes_photos_and_their_gps_does_not_travel(qtbot, store, manager):
    dialog = ComplaintDialog(store, "admin")
    qtbot.addWidget(dialog)
    strip = dialog.attachments
    strip.add_bytes("jembatan.jpg", samples.phone_photo(orientation=6))
    taken(qtbot, strip, 1)
    assert dialog.is_dirty()
    dialog.pelapor_nama.setText("Yohanes Magal")
    dialog.kategori.setCurrentText("Infrastruktur (jalan, jembatan, air, listrik)")
    dialog.uraian.setPlainText("Jembatan kayu di Kwamki rusak sejak banjir minggu lalu.")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.record is not None and strip.owner_id is not None, timeout=20000)
    [stored] = store.find("attachments")
    assert stored["owner_collection"] == "complaints" and stored["owner_id"] == dialog.record["id"]
    photo = Image.open(io.BytesIO(attachments.read_bytes(store, {"username": "admin"}, stored)))
    assert not photo.getexif() and photo.height > photo.width


def test_a_file_the_save_cannot_store_is_named_and_the_record_stays(qtbot, store, manager, monkeypatch):
    from desktop.ui.widgets import attachment_strip

    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    dialog.attachments.add_bytes("undangan.png", samples.small_png())
    taken(qtbot, dialog.attachments, 1)
    # The waiting file's record is refused at the save (as a full disk would refuse it): a bad slot.
    item = dialog.attachments.waiting[0]
    dialog.attachments.waiting[0] = attachments.Waiting(item.incoming, slot="Bukan Kode!")
    warned = []
    monkeypatch.setattr(attachment_strip.QMessageBox, "warning", lambda _p, title, text: warned.append(text))
    fill_letter(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: dialog.record is not None and bool(warned), timeout=20000)
    assert "undangan.png" in warned[0]
    assert store.count("attachments") == 0 and blob_files(store) == []
    assert store.count("letters") == 1


def test_a_file_taken_while_the_save_runs_is_stored_too(qtbot, store, manager):
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    strip = dialog.attachments
    strip.add_bytes("pertama.png", samples.small_png())
    taken(qtbot, strip, 1)
    fill_letter(dialog)
    save = strip.saving_with(lambda s: s.get("letters", letters.register_incoming(s, dialog.values(),
                                                                                  actor="admin").record_id))
    strip.add_bytes("kedua.jpg", samples.jpeg(samples.scanned_page(dpi=100, seed=4)))  # after the save began
    taken(qtbot, strip, 2)
    record = save(store)  # the save's own op stores only what waited when it began
    assert [r["name"] for r in store.find("attachments")] == ["pertama.png"]
    strip.saved(record["id"])
    qtbot.waitUntil(lambda: store.count("attachments") == 2 and not strip._busy, timeout=20000)
    assert {r["owner_id"] for r in store.find("attachments")} == {record["id"]}


def test_enter_on_a_waiting_file_shows_its_pages_and_stores_nothing(qtbot, store, manager, monkeypatch):
    from desktop.ui.attachment_viewer import AttachmentViewer

    opened = []
    monkeypatch.setattr(AttachmentViewer, "exec", lambda self: opened.append(self) or 0)
    dialog = LetterDialog(store, "masuk", "admin")
    qtbot.addWidget(dialog)
    strip = dialog.attachments
    pages = [samples.scanned_page(dpi=60, seed=n) for n in range(2)]
    strip.add_bytes("dua.pdf", samples.pdf_of_images(pages, dpi=60))
    taken(qtbot, strip, 1)
    strip.list.setCurrentRow(0)
    qtbot.keyClick(strip.list, Qt.Key.Key_Return)
    [viewer] = opened
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.image is not None and viewer.print_button.isEnabled())
    assert viewer.page_label.text() == "Halaman 1 dari 2"
    assert viewer.save_button.isHidden() and viewer.open_button.isHidden()  # nothing stored to copy yet
    viewer.rotate(90)
    shown = viewer.canvas.pixmap().size()
    assert shown.width() > shown.height()
    assert store.count("attachments") == 0 and blob_files(store) == []
