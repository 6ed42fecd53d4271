"""The letter form, driven through its widgets like a clerk would, against a real store."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.domain import letters
from desktop.ui.forms.letter_dialog import LetterDialog

from .conftest import wait_loaded


def type_incoming(qtbot, dialog: LetterDialog, *, perihal="Undangan rapat koordinasi", asal="Dinas Sosial"):
    fields = dialog.form.fields
    qtbot.keyClicks(fields["nomor_surat"], "005/123/2026")
    fields["tanggal_surat"].setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(fields["asal"], asal)
    qtbot.keyClicks(fields["perihal"], perihal)
    qtbot.keyClicks(fields["klasifikasi"].line, "400.12")
    fields["lampiran"].setValue(2)


def active(qtbot, dialog):
    """Keyboard shortcuts go to the active window: wait until the dialog is it."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def save(qtbot, dialog):
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_new_incoming_letter_through_the_form(qtbot, main_window, store):
    page = main_window.show_module("surat_masuk")
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 0
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.findChild(LetterDialog)
    assert dialog is not None
    type_incoming(qtbot, dialog)
    save(qtbot, dialog)

    saved = store.find(letters.LETTERS, "direction = 'masuk'")
    assert len(saved) == 1
    letter = saved[0]
    assert letter["seq"] == 1 and letter["perihal"] == "Undangan rapat koordinasi"
    assert letter["asal"] == "Dinas Sosial" and letter["klasifikasi"] == "400.12" and letter["lampiran"] == 2
    assert letter["tanggal_surat"] == "2026-11-20"
    assert letter["tanggal_terima"] == QDate.currentDate().toString("yyyy-MM-dd")
    assert letter["created_by"] == "admin"
    # The number appears after saving, in the form and in the banner.
    assert dialog.number_label.text() == f"1/{letter['year']}"
    assert "No. Agenda 1/" in dialog.banner.text()
    # The register refreshed from the app-wide `changed` signal.
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_search_finds_the_letter(qtbot, main_window, store, user):
    for perihal in ("Undangan rapat koordinasi", "Laporan bulanan malaria", "Permohonan data penduduk"):
        letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                          "perihal": perihal, "sifat": "biasa"}, actor="admin")
    page = main_window.show_module("surat_masuk")
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 3
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.search, "mala")
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, page.model.columns.index("perihal"))) == "Laporan bulanan malaria"
    # FTS operators and quotes typed by a clerk are searched as text, never an error.
    page.search.clear()
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.search, '"rapat" OR NEAR(- ^')
    assert page.model.rowCount() == 0


def test_edit_shows_in_history(qtbot, main_window, store):
    change = letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                               "perihal": "Laporan bulanan", "sifat": "biasa"}, actor="admin")
    page = main_window.show_module("surat_masuk")
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    dialog = active(qtbot, page.open_letter(0))
    qtbot.waitUntil(lambda: dialog.record is not None)
    perihal = dialog.form.fields["perihal"]
    perihal.selectAll()
    qtbot.keyClicks(perihal, "Laporan bulanan Oktober")
    save(qtbot, dialog)
    assert store.get(letters.LETTERS, change.record_id)["perihal"] == "Laporan bulanan Oktober"
    history = dialog.history.model
    qtbot.waitUntil(lambda: any(r["action"] == "update" for r in history.rows))
    row = next(i for i, r in enumerate(history.rows) if r["action"] == "update")
    cells = [history.data(history.index(row, c)) for c in range(history.columnCount())]
    assert cells[1:] == ["admin", "Diubah", "Perihal", "Laporan bulanan", "Laporan bulanan Oktober"]


def test_validation_error_shows_at_the_field_and_saves_nothing(qtbot, main_window, store):
    page = main_window.show_module("surat_masuk")
    dialog = active(qtbot, page.new_letter())
    qtbot.keyClicks(dialog.form.fields["asal"], "Dinas Sosial")
    # Perihal left empty; a klasifikasi that is not a code (and matches no name: no suggestion popup).
    qtbot.keyClicks(dialog.form.fields["klasifikasi"].line, "x1z")
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Perihal wajib diisi" in dialog.form.error_text("perihal")
    assert dialog.form.error_text("klasifikasi")
    assert dialog.form.fields["perihal"].property("invalid") is True
    assert dialog.form.error_text("asal") == ""
    assert dialog.focusWidget() is dialog.form.fields["perihal"]  # the first bad field
    assert store.find(letters.LETTERS) == []
    assert store.outbox_size() == 0


def test_outgoing_letter_gets_its_number(qtbot, main_window, store):
    page = main_window.show_module("surat_keluar")
    dialog = active(qtbot, page.new_letter())
    fields = dialog.form.fields
    qtbot.keyClicks(fields["tujuan"], "Sekretariat Daerah")
    qtbot.keyClicks(fields["perihal"], "Laporan kegiatan")
    qtbot.keyClicks(fields["klasifikasi"].line, "000.1")
    qtbot.keyClicks(fields["penandatangan"], "Kepala Distrik")
    with qtbot.waitSignal(dialog.saved):  # Enter in a field saves
        qtbot.keyClick(fields["penandatangan"], Qt.Key.Key_Return)
    letter = store.find(letters.LETTERS, "direction = 'keluar'")[0]
    assert letter["nomor_surat"] == f"000.1/0001/DST-MB/{letter['year']}"
    assert letter["nomor_surat"] in dialog.banner.text()
    assert fields["nomor_surat"].text() == letter["nomor_surat"]


def answer_box(answers: list, button_text: str):
    """Clicks ``button_text`` in the message box that is open now (and notes its text)."""
    from PySide6.QtWidgets import QMessageBox

    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        answers.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()


def open_first_letter(qtbot, main_window, store):
    change = letters.register_incoming(store, {"tanggal_terima": "2026-11-02", "asal": "Dinas Kesehatan",
                                               "perihal": "Jadwal vaksinasi", "sifat": "segera"}, actor="admin")
    page = main_window.show_module("surat_masuk")
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    dialog = active(qtbot, page.open_letter(0))
    qtbot.waitUntil(lambda: dialog.dispositions is not None)
    panel = dialog.dispositions
    qtbot.waitUntil(lambda: panel.kepada.list.count() > 0 and panel.instruksi.list.count() > 0)
    return change, dialog, panel


def test_the_klasifikasi_example_reads_in_full(qtbot, main_window):
    """The klasifikasi field took 2/5 of its row until a code was chosen, and its example was cut off ("mis. 400.12
    atau kata d…"). The example is shorter now, so the whole letter form still fits a laptop at 125 %."""
    page = main_window.show_module("surat_keluar")
    dialog = active(qtbot, page.new_letter())
    line = dialog.form.fields["klasifikasi"].line
    assert line.width() >= line.fontMetrics().horizontalAdvance(line.placeholderText())


def test_a_letter_with_its_disposisi_tab_opens_tall_enough_for_it(qtbot, main_window, store):
    """The letter window kept the height of its data tab: the disposisi's lists showed four names each, and its
    note one line."""
    from desktop.ui.widgets.screen_fit import available_size

    _change, dialog, panel = open_first_letter(qtbot, main_window, store)
    wanted = min(dialog.sizeHint().height(), available_size(dialog).height())
    assert dialog.height() >= wanted
    assert panel.kepada.list.height() > panel.kepada.list.minimumHeight()


def test_no_blank_band_under_the_disposisi_lists(qtbot, main_window, store):
    """The rows that show the two lists' errors had an empty caption a line high: ≈ 30 px of nothing between the
    lists and "Batas waktu"."""
    _change, dialog, panel = open_first_letter(qtbot, main_window, store)
    dialog.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(panel.batas_waktu.isVisible)
    above = panel.kepada.other.mapTo(panel, panel.kepada.other.rect().bottomLeft()).y()
    below = panel.batas_waktu.mapTo(panel, panel.batas_waktu.rect().topLeft()).y()
    assert below - above <= 12  # the spacing between two rows, no more


def test_add_disposition(qtbot, main_window, store):
    from PySide6.QtCore import QTimer

    change, dialog, panel = open_first_letter(qtbot, main_window, store)
    dialog.tabs.setCurrentWidget(panel)
    # Two recipients ticked from the office's list (↓ and Space), one typed; two instructions ticked.
    panel.kepada.list.setFocus()
    qtbot.keyClick(panel.kepada.list, Qt.Key.Key_Space)  # Sekretaris Distrik
    qtbot.keyClick(panel.kepada.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.kepada.list, Qt.Key.Key_Space)  # Kasi Pemerintahan
    qtbot.keyClicks(panel.kepada.other, "Kepala Kampung Kwamki")
    panel.instruksi.set_checked("Hadiri/wakili")
    panel.instruksi.set_checked("Siapkan jawaban")
    panel.batas_waktu.setDate(QDate(2026, 12, 1))
    qtbot.keyClicks(panel.catatan, "Bawa data")
    qtbot.keyClick(panel.catatan, Qt.Key.Key_Return)  # Enter in the note: a new line, never a save
    qtbot.keyClicks(panel.catatan, "penduduk")
    assert panel.catatan.toPlainText() == "Bawa data\npenduduk"
    assert store.find(letters.DISPOSITIONS) == []
    answers: list[str] = []
    QTimer.singleShot(0, lambda: answer_box(answers, "Periksa lagi"))  # the first time: back to the form
    qtbot.keyClick(panel.catatan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert answers and answers[0].startswith("Disposisi tidak dapat diubah setelah disimpan.")
    assert "Sekretaris Distrik, Kasi Pemerintahan, Kepala Kampung Kwamki" in answers[0]
    assert store.find(letters.DISPOSITIONS) == []
    QTimer.singleShot(0, lambda: answer_box(answers, "Ya, simpan"))
    with qtbot.waitSignal(panel.added):
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    saved = letters.dispositions(store, change.record_id)
    assert [(d["kepada"], d["instruksi"], d["batas_waktu"], d["catatan"], d["created_by"]) for d in saved] == [
        ("Sekretaris Distrik; Kasi Pemerintahan; Kepala Kampung Kwamki", "Hadiri/wakili; Siapkan jawaban",
         "2026-12-01", "Bawa data\npenduduk", "admin")]
    assert saved[0]["kepada_list"] == ["Sekretaris Distrik", "Kasi Pemerintahan", "Kepala Kampung Kwamki"]
    assert saved[0]["instruksi_list"] == ["Hadiri/wakili", "Siapkan jawaban"]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.data(panel.model.index(0, 2)) == "1 Desember 2026"
    assert panel.kepada.values() == [] and panel.catatan.toPlainText() == ""  # ready for the next one


def test_disposition_needs_kepada_and_instruksi(qtbot, main_window, store):
    _change, dialog, panel = open_first_letter(qtbot, main_window, store)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(panel.form.error_text("kepada")))
    assert panel.form.error_text("kepada") == "Kepada wajib diisi."  # the field's own name, as labelled
    assert panel.form.error_text("instruksi")
    assert store.find(letters.DISPOSITIONS) == []
    panel.kepada.set_checked("Sekretaris Distrik")
    assert panel.form.error_text("kepada") == ""  # fixed: the error goes at once


def test_the_disposition_sheet_prints_from_the_letter(qtbot, main_window, store, tmp_path):
    change, _dialog, panel = open_first_letter(qtbot, main_window, store)
    letters.add_disposition(store, change.record_id, {"kepada_list": ["Sekretaris Distrik"],
                                                      "instruksi_list": ["Untuk diketahui"]}, actor="admin")
    target = tmp_path / "disposisi.pdf"
    with qtbot.waitSignal(panel.print_bar.pdf_saved, timeout=20000):
        panel.print_bar.save_pdf(target)
    import pypdfium2

    text = "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(str(target)))
    assert "Sekretaris Distrik" in text and "Untuk diketahui" in text


def test_escape_asks_before_discarding(qtbot, main_window, store):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    page = main_window.show_module("surat_masuk")
    dialog = active(qtbot, page.new_letter())
    qtbot.keyClicks(dialog.form.fields["perihal"], "Belum disimpan")
    answers = []

    def answer(button_text):
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            answers.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, lambda: answer("Tidak, kembali"))
    qtbot.keyClick(dialog.form.fields["perihal"], Qt.Key.Key_Escape)
    assert answers == ["Ada isian yang belum disimpan. Tutup tanpa menyimpan?"]
    assert dialog.isVisible()
    QTimer.singleShot(0, lambda: answer("Ya, buang"))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.form.fields["perihal"], Qt.Key.Key_Escape)
    assert store.find(letters.LETTERS) == []
