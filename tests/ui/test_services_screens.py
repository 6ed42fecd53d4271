"""Permohonan layanan through the widgets, as a clerk would: the register, intake with the NIK
filling in a known resident, field-level errors, the workflow in the detail window, the receipt and
the certificate as PDFs. Real store files, real threads (TaskManager), Qt offscreen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.domain import letters, services, tracking
from desktop.ui.services.register_model import RECORD_ID_ROLE
from desktop.ui.services.request_detail import RequestDetailDialog
from desktop.ui.services.request_form import RequestDialog
from tests.tools.pdf import read_pdf
from tests.unit.test_services_samples import NIK_SUAMI, SIGNER, sample

from .conftest import wait_loaded

NIK_MARIA = "9404014101900001"


def active(qtbot, dialog):
    """Keyboard shortcuts go to the active window: wait until the dialog is it."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def register(qtbot, main_window):
    page = main_window.show_module("permohonan")
    wait_loaded(qtbot, page.model)
    return page


def answer_next_box(button_text: str, seen: list[str]) -> None:
    """Clicks ``button_text`` in the message box about to open (a modal box runs its own loop)."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            next(b for b in box.buttons() if b.text() == button_text).click()
        else:
            QTimer.singleShot(10, answer)
    QTimer.singleShot(0, answer)


def choose_service(qtbot, dialog: RequestDialog, typed: str) -> None:
    """Types part of the service's name and picks the first suggestion with Enter."""
    qtbot.keyClicks(dialog.service.lineEdit(), typed)
    popup = dialog.service.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    active(qtbot, dialog)  # the popup had the keyboard


def test_the_service_typed_and_enter_takes_the_first_suggestion(qtbot, main_window):
    """"sktm" and Enter, with the one suggestion showing and none highlighted, left "sktm" in the field, no service
    chosen and the cursor where it was; the next Tab put the NIK into the request's date."""
    page = register(qtbot, main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    qtbot.keyClicks(dialog.service.lineEdit(), "sktm")
    popup = dialog.service.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert not popup.currentIndex().isValid()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.service_code() == "sktm"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.nik)  # on to the NIK, as after a pick


def test_no_service_makes_the_form_wider_than_its_window(qtbot, main_window, store):
    """The columns were arranged only when the window was resized: choosing SKTM (its household table) or a
    Pengantar Pindah widened the right column past the window, and the form was cut off at its right edge."""
    page = register(qtbot, main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    for svc in services.catalog(store).services:
        dialog.service.setCurrentIndex(dialog.service.findData(svc.code))
        qtbot.waitUntil(lambda: dialog.body.minimumSizeHint().width() <= dialog.scroll.viewport().width())
        assert dialog.body.width() <= dialog.scroll.viewport().width(), svc.code


def test_an_income_is_read_back_grouped_and_typed_dots_are_taken(qtbot, main_window):
    """"1500000" stayed "1500000" (is it 150 thousand or 15 million?), and a typed dot was dropped silently."""
    page = register(qtbot, main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    active(qtbot, dialog)
    choose_service(qtbot, dialog, "Tidak Mampu")
    income = dialog.detail_widgets["penghasilan"]
    income.setFocus()
    qtbot.keyClicks(income, "1500000")
    qtbot.keyClick(income, Qt.Key.Key_Tab)
    assert income.text() == "1.500.000" and dialog.values()["details"]["penghasilan"] == 1500000
    income.clear()
    income.setFocus()
    qtbot.keyClicks(income, "2.000.000")
    assert dialog.values()["details"]["penghasilan"] == 2000000
    income.clear()
    qtbot.keyClicks(income, "1" * 16)  # the sixteenth digit is refused as it is typed, never cut off later
    assert income.text() == "1" * 15
    dialog._dirty = False
    dialog.done(0)


def with_signatory(store) -> None:
    from desktop.printing import settings

    settings.update_print_settings(store, SIGNER)


def open_detail(qtbot, page, request_id: str) -> RequestDetailDialog:
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    row = page.model.row_of(request_id)
    page.table.selectRow(row)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the selected request
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, RequestDetailDialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    return dialog


def visible_actions(dialog: RequestDetailDialog) -> set[str]:
    return {status for status, button in dialog.action_buttons.items() if button.isVisibleTo(dialog)} \
        if dialog.actions_box.isVisibleTo(dialog) else set()


# --- intake ------------------------------------------------------------------------------------------

def test_intake_fills_a_known_resident_from_the_nik_and_offers_the_receipt(qtbot, main_window, store, tmp_path):
    earlier = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    page = register(qtbot, main_window)
    assert page.model.rowCount() == 1
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, RequestDialog)
    active(qtbot, dialog)
    assert dialog.focusWidget() in (dialog.service, dialog.service.lineEdit())

    choose_service(qtbot, dialog, "Tidak Mampu")
    assert dialog.service_code() == "sktm"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.nik)  # Enter on the service: on to the NIK
    assert set(dialog.detail_widgets) == {"penghasilan", "anggota"}
    assert set(dialog.document_boxes) == {"ktp", "kk", "pengantar_rt"}
    assert dialog.applicant_form.labels["no_kk"].text().endswith("*")  # required for SKTM

    with qtbot.waitSignal(dialog.resident_looked_up) as looked_up:
        qtbot.keyClicks(dialog.nik, NIK_MARIA)
    assert looked_up.args == [True]
    assert dialog.resident_note.text().startswith("Data penduduk diisi dari permohonan sebelumnya")
    fields = dialog.applicant_form.fields
    assert fields["nama"].text() == "Maria Kogoya"
    assert fields["tempat_lahir"].text() == "Timika"
    assert fields["kampung"].text() == "Koperapoka"
    assert fields["no_kk"].text() == "9404010101200001"
    assert fields["agama"].currentData() == "kristen"
    assert fields["tanggal_lahir"].value() == "1990-01-01"

    qtbot.keyClicks(dialog.keperluan, "Keringanan biaya sekolah")
    qtbot.keyClicks(dialog.detail_widgets["penghasilan"], "750000")
    members = dialog.detail_widgets["anggota"]
    qtbot.mouseClick(members.add_button, Qt.MouseButton.LeftButton)
    members.table.item(0, 0).setText("Yan Kogoya")
    members.table.item(0, 1).setText(NIK_SUAMI)
    hubungan = members.table.cellWidget(0, 2)
    hubungan.setCurrentIndex(hubungan.findData("kepala_keluarga"))
    for box in dialog.document_boxes.values():
        box.click()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.keperluan, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = services.search(store, NIK_MARIA, service_type="sktm")
    assert len(saved) == 1
    request = saved[0]
    assert request["id"] != earlier["id"] and request["status"] == "diterima"
    assert (request["nama"], request["no_kk"], request["keperluan"]) == (
        "Maria Kogoya", "9404010101200001", "Keringanan biaya sekolah")
    assert request["details"] == {"penghasilan": 750000,
                                  "anggota": [{"nama": "Yan Kogoya", "nik": NIK_SUAMI, "hubungan": "kepala_keluarga"}]}
    assert request["dokumen"] == ["kk", "ktp", "pengantar_rt"]
    assert request["created_by"] == "admin"
    assert [e["status"] for e in services.events(store, request["id"])] == ["diterima"]

    # The tracking code is shown and the receipt is offered at once: Enter would open the preview.
    code = tracking.display(request["tracking_code"])
    assert dialog.code_label.text() == code
    assert dialog.focusWidget() is dialog.print_bar.print_button
    target = tmp_path / "tanda-terima.pdf"
    with qtbot.waitSignal(dialog.print_bar.pdf_saved):
        dialog.print_bar.save_pdf(target)
    text = read_pdf(target).text
    assert code in text and "MARIA KOGOYA" in text and "TANDA TERIMA" in text
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_an_unknown_nik_fills_sex_and_birth_date_from_the_nik_itself(qtbot, main_window, store):
    page = register(qtbot, main_window)
    dialog = active(qtbot, page.new_record())
    choose_service(qtbot, dialog, "domisili")
    with qtbot.waitSignal(dialog.resident_looked_up) as looked_up:
        qtbot.keyClicks(dialog.nik, "9404 0141 0190 0001")  # spaces as on some copies of the KTP
    assert looked_up.args == [False]
    assert dialog.applicant_form.fields["jenis_kelamin"].currentData() == "P"
    assert dialog.applicant_form.fields["tanggal_lahir"].value() == "1990-01-01"
    assert dialog.applicant_form.fields["nama"].text() == ""
    assert "Belum ada permohonan dengan NIK ini" in dialog.resident_note.text()


def test_invalid_nik_and_missing_fields_are_shown_at_their_fields(qtbot, main_window, store):
    page = register(qtbot, main_window)
    dialog = active(qtbot, page.new_record())
    # No service chosen yet: said at the service field, nothing sent.
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog.service.lineEdit(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.top_form.error_text("service_type") == "Pilih jenis layanan dari daftar."

    choose_service(qtbot, dialog, "Domisili Usaha")
    assert dialog.service_code() == "domisili_usaha"
    qtbot.keyClicks(dialog.nik, "9404014101900000")  # serial 0000: the domain's own message, at once
    assert dialog.applicant_form.error_text("nik") == "NIK: Nomor urut NIK (4 digit terakhir) tidak boleh 0000."
    qtbot.keyClicks(dialog.applicant_form.fields["nama"], "Maria Kogoya")
    dialog.applicant_form.fields["nama"].setFocus()
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog.applicant_form.fields["nama"], Qt.Key.Key_Return)  # Enter saves
    form = dialog.applicant_form
    assert form.error_text("nik") == "NIK: Nomor urut NIK (4 digit terakhir) tidak boleh 0000."
    assert form.error_text("alamat") == "Alamat wajib diisi untuk Surat Keterangan Domisili Usaha."
    assert form.error_text("nama") == ""
    assert dialog.details_form.error_text("nama_usaha") == "Nama usaha wajib diisi."
    assert dialog.details_form.error_text("jenis_usaha") == "Jenis/bidang usaha wajib diisi."
    assert dialog.details_form.error_text("status_tempat") == ""  # optional
    assert dialog.purpose_form.error_text("keperluan").startswith("Keperluan wajib diisi")
    assert QApplication.focusWidget() is dialog.nik  # the first bad field
    assert store.find(services.SERVICE_REQUESTS) == []
    assert store.outbox_size() == 0


def test_escape_on_a_typed_form_asks_first(qtbot, main_window, store):
    page = register(qtbot, main_window)
    dialog = active(qtbot, page.new_record())
    qtbot.keyClicks(dialog.applicant_form.fields["nama"], "Belum disimpan")
    seen: list[str] = []
    answer_next_box("Tidak, kembali", seen)
    qtbot.keyClick(dialog.applicant_form.fields["nama"], Qt.Key.Key_Escape)
    assert seen == ["Permohonan ini belum disimpan. Tutup tanpa menyimpan?"]
    assert dialog.isVisible()
    answer_next_box("Ya, buang", seen)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.applicant_form.fields["nama"], Qt.Key.Key_Escape)
    assert store.find(services.SERVICE_REQUESTS) == []


# --- the workflow ------------------------------------------------------------------------------------

def test_a_request_moves_through_the_workflow_and_completes_with_a_numbered_certificate(
        qtbot, main_window, store, tmp_path):
    with_signatory(store)
    request = services.new_request(store, "sktm", sample("sktm"), actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    assert dialog.status_label.text() == "Status: Diterima"
    assert visible_actions(dialog) == {"diverifikasi", "ditolak"}
    form = dialog.data_layout
    shown = {form.itemAt(r, form.ItemRole.LabelRole).widget().text(): form.itemAt(r, form.ItemRole.FieldRole).widget().text()
             for r in range(form.rowCount())}
    assert shown["Penghasilan per bulan (Rp)"] == "800.000"  # grouped, as the form shows it
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.action_buttons["diverifikasi"])  # the next step

    # Verifying with a required document unticked is refused at the checklist.
    dialog.document_boxes["ktp"].setChecked(True)
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.mouseClick(dialog.action_buttons["diverifikasi"], Qt.MouseButton.LeftButton)
    assert dialog.action_form.error_text("dokumen").startswith("Dokumen wajib belum diperiksa: Kartu Keluarga (KK)")
    assert store.get(services.SERVICE_REQUESTS, request["id"])["status"] == "diterima"

    for code in ("kk", "pengantar_rt"):
        dialog.document_boxes[code].setChecked(True)
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["diverifikasi"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"diproses", "ditolak"})
    assert store.get(services.SERVICE_REQUESTS, request["id"])["dokumen"] == ["kk", "ktp", "pengantar_rt"]

    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["diproses"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"selesai", "ditolak"})
    assert not dialog.certificate_bar.isVisibleTo(dialog)

    # "Selesai" asks first (a number cannot be taken back); "Batal" changes nothing.
    seen: list[str] = []
    answer_next_box("Batal", seen)
    qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    assert seen and "nomor surat keluar berikutnya" in seen[0]
    assert store.get(services.SERVICE_REQUESTS, request["id"])["status"] == "diproses"

    answer_next_box("Ya, terbitkan", seen)
    with qtbot.waitSignal(dialog.action_done) as done:
        qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    assert done.args == ["selesai"]
    completed = store.get(services.SERVICE_REQUESTS, request["id"])
    year = dt.date.today().year
    assert completed["nomor_surat"] == f"400.9/0001/DST-MB/{year}"
    letter = store.get(letters.LETTERS, completed["certificate_letter_id"])
    assert (letter["direction"], letter["nomor_surat"], letter["tujuan"]) == (
        "keluar", completed["nomor_surat"], "Maria Kogoya")
    assert dialog.banner.text() == f"Surat keterangan terbit dengan nomor {completed['nomor_surat']}."
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Status: Selesai")
    assert visible_actions(dialog) == set()
    assert dialog.data_value("Nomor Surat Keterangan") == completed["nomor_surat"]

    # The status events, each with who and when.
    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 4)
    model = dialog.events_model
    rows = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(4)]
    assert [r[1] for r in rows] == ["Diterima", "Diverifikasi", "Diproses", "Selesai"]
    assert [r[2] for r in rows] == ["", "Diterima", "Diverifikasi", "Diproses"]
    assert {r[3] for r in rows} == {"admin"}
    assert all(r[0] for r in rows)  # when
    assert rows[3][5] == f"Surat No. {completed['nomor_surat']}"

    # The certificate, on F4 paper, as a PDF.
    bar = dialog.certificate_bar
    assert bar.isVisibleTo(dialog)
    qtbot.keyClick(bar.paper, Qt.Key.Key_Down)  # A4 → F4, as a clerk would
    assert bar.paper.currentData() == "F4"
    target = tmp_path / "sktm.pdf"
    with qtbot.waitSignal(bar.pdf_saved):
        bar.save_pdf(target)
    info = read_pdf(target)
    assert completed["nomor_surat"] in info.text and "MARIA KOGOYA" in info.text
    assert "SURAT KETERANGAN TIDAK MAMPU" in info.text
    width, height = info.media_boxes[0]
    assert round(width / 72 * 25.4) == 215 and round(height / 72 * 25.4) == 330


def test_a_rejection_without_a_reason_is_refused_at_the_field(qtbot, main_window, store):
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.mouseClick(dialog.action_buttons["ditolak"], Qt.MouseButton.LeftButton)
    assert dialog.action_form.error_text("reason") == "Alasan penolakan wajib diisi."
    assert dialog.reason.property("invalid") is True
    assert store.get(services.SERVICE_REQUESTS, request["id"])["status"] == "diterima"
    assert len(services.events(store, request["id"])) == 1

    qtbot.keyClicks(dialog.reason, "Surat pengantar RT tidak ada")
    with qtbot.waitSignal(dialog.action_done):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter in the reason rejects
    rejected = store.get(services.SERVICE_REQUESTS, request["id"])
    assert (rejected["status"], rejected["alasan_penolakan"]) == ("ditolak", "Surat pengantar RT tidak ada")
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Status: Ditolak")
    assert visible_actions(dialog) == set()  # closed: no buttons
    assert dialog.data_value("Alasan Penolakan") == "Surat pengantar RT tidak ada"


def test_completion_without_a_signatory_asks_for_it_there_and_carries_on(qtbot, main_window, store):
    """The first certificate of a new office: no signatory yet. The clerk types it in a small dialog
    (with the kop's address, also missing), Enter saves it, and the issue goes on to its number."""
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    services.verify(store, request["id"], actor="admin", dokumen=["ktp", "kk", "pengantar_rt"])
    services.process(store, request["id"], actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    setup = dialog.print_setup
    assert setup is not None and setup.isVisible()
    assert set(setup.form.inputs) == {"kop_alamat", "kop_kontak", "ttd_nama", "ttd_nip", "ttd_jabatan"}
    assert setup.form.inputs["ttd_jabatan"].text() == "Kepala Distrik Mimika Baru"  # the default, to correct
    active(qtbot, setup)
    qtbot.keyClick(setup.form.inputs["ttd_nama"], Qt.Key.Key_Return)  # empty name: refused at the field
    assert setup.isVisible() and "wajib" in setup.form.forms[1].error_text("ttd_nama")
    qtbot.keyClicks(setup.form.inputs["ttd_nama"], SIGNER["ttd_nama"])
    qtbot.keyClicks(setup.form.inputs["ttd_nip"], "19700101 200003 1 001")
    qtbot.keyClicks(setup.form.inputs["kop_alamat"], "Jl. Cenderawasih No. 1, Timika")
    seen: list[str] = []
    answer_next_box("Ya, terbitkan", seen)
    with qtbot.waitSignal(dialog.action_done, timeout=10000):
        qtbot.keyClick(setup.form.inputs["kop_alamat"], Qt.Key.Key_Return)
    assert seen and "nomor surat keluar berikutnya" in seen[0]  # the usual confirmation, then the number
    done = store.get(services.SERVICE_REQUESTS, request["id"])
    assert done["status"] == "selesai" and done["penandatangan"] == SIGNER["ttd_nama"]
    from desktop.printing import settings

    kept = settings.print_settings(store)
    assert kept["ttd_nama"] == SIGNER["ttd_nama"] and kept["kop_alamat"] == "Jl. Cenderawasih No. 1, Timika"


def test_cancelling_the_signatory_dialog_issues_nothing(qtbot, main_window, store):
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    services.verify(store, request["id"], actor="admin", dokumen=["ktp", "kk", "pengantar_rt"])
    services.process(store, request["id"], actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    setup = active(qtbot, dialog.print_setup)
    qtbot.keyClick(setup, Qt.Key.Key_Escape)
    assert not setup.isVisible()
    assert store.get(services.SERVICE_REQUESTS, request["id"])["status"] == "diproses"
    assert store.find(letters.LETTERS) == []  # no number burnt


def test_a_plh_or_an_signatory_is_chosen_when_the_certificate_is_issued(qtbot, main_window, store):
    with_signatory(store)
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    services.verify(store, request["id"], actor="admin", dokumen=["ktp", "kk", "pengantar_rt"])
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    assert dialog.signer.isHidden()  # only the head: nothing to choose
    services.set_alternative_signers(store, [{"nama": "Agustinus Magai", "nip": "197805152006041010",
                                              "jabatan": "Sekretaris Distrik", "atas_nama": True}])
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["diproses"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"selesai", "ditolak"} and dialog.signer.count() == 2)
    assert dialog.signer.isVisibleTo(dialog)
    assert dialog.signer.itemText(1).startswith("Agustinus Magai — a.n. ")
    assert dialog.signer.itemText(1).endswith(" Sekretaris Distrik")
    dialog.signer.setCurrentIndex(1)
    answer_next_box("Ya, terbitkan", [])
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    done = store.get(services.SERVICE_REQUESTS, request["id"])
    assert (done["penandatangan"], done["penandatangan_nip"]) == ("Agustinus Magai", "197805152006041010")
    assert done["penandatangan_jabatan"].endswith("\nSekretaris Distrik")
    assert store.get(letters.LETTERS, done["certificate_letter_id"])["penandatangan"] == "Agustinus Magai"


# --- the register ------------------------------------------------------------------------------------

def test_register_search_filters_overdue_and_the_counter(qtbot, main_window, store):
    today = dt.date.today()
    late = services.new_request(store, "domisili", sample("domisili"), actor="admin",
                                today=today - dt.timedelta(days=30))
    fresh = services.new_request(store, "sktm", sample("sktm", nik="9404010101800002", nama="Yan Kogoya"),
                                 actor="admin")
    services.reject(store, fresh["id"], "Berkas tidak lengkap", actor="admin")
    page = register(qtbot, main_window)
    assert page.model.rowCount() == 2
    qtbot.waitUntil(lambda: "Terlambat" in page.counter.text())
    counter = page.last_counter
    assert counter.today_by_status["diterima"] == 1 and counter.today_by_status["ditolak"] == 1
    assert counter.overdue == 1

    late_row = page.model.row_of(late["id"])
    fresh_row = page.model.row_of(fresh["id"])
    assert page.model.data(page.model.index(late_row, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.data(page.model.index(fresh_row, 0), Qt.ItemDataRole.BackgroundRole) is None
    status_col = page.model.columns.index("status")
    assert page.model.data(page.model.index(fresh_row, status_col)) == "Ditolak"
    assert page.model.data(page.model.index(late_row, page.model.columns.index("service_type"))) \
        == "Surat Keterangan Domisili"

    def shown() -> set[str]:
        return {page.model.data(page.model.index(r, 0), RECORD_ID_ROLE) for r in range(page.model.rowCount())}

    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.search, "yan kog")
    assert shown() == {fresh["id"]}
    page.search.clear()
    with qtbot.waitSignal(page.model.loaded):
        qtbot.keyClicks(page.search, tracking.display(late["tracking_code"]).lower())  # as read over the phone
    assert shown() == {late["id"]}
    with qtbot.waitSignal(page.model.loaded):
        page.search.clear()
    with qtbot.waitSignal(page.model.loaded):
        page.overdue.setChecked(True)
    assert shown() == {late["id"]}
    with qtbot.waitSignal(page.model.loaded):
        page.overdue.setChecked(False)
    with qtbot.waitSignal(page.model.loaded):
        page.status.setCurrentIndex(page.status.findData("ditolak"))
    assert shown() == {fresh["id"]}
    with qtbot.waitSignal(page.model.loaded):
        page.status.setCurrentIndex(0)
    with qtbot.waitSignal(page.model.loaded):
        page.category.setCurrentIndex(page.category.findData("domisili"))
    assert shown() == {late["id"]}


def test_the_screens_speak_english_too(qtbot, store, manager, user):
    from desktop.ui import i18n
    from desktop.ui.main_window import MainWindow

    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    assert i18n.install_language("en")
    window = MainWindow(store, manager, user)
    qtbot.addWidget(window)
    window.show()
    page = window.show_module("permohonan")
    wait_loaded(qtbot, page.model)
    headers = [page.table.horizontalHeader().model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Tracking code", "Date", "Service"]
    assert page.new_button.text() == "New request (Ctrl+N)"
    assert page.status.itemText(0) == "All statuses"  # a string of the shared base class
    assert page.overdue.text() == "Overdue only"
    assert page.model.data(page.model.index(0, 2)) == "Certificate of domicile"
    dialog = open_detail(qtbot, page, request["id"])
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Data", "Status history", "Change history"]
    assert dialog.status_label.text() == "Status: Received"
    assert dialog.action_buttons["ditolak"].text() == "&Reject"
    dialog.done(0)
    form = page.new_record()
    assert form.windowTitle() == "New service request"
    assert form.service.itemText(0) == "Certificate of domicile"
    form.done(0)


def test_after_saving_enter_previews_the_receipt_and_ctrl_n_starts_another(qtbot, main_window, store):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    page = register(qtbot, main_window)
    dialog = active(qtbot, page.new_record())
    choose_service(qtbot, dialog, "SKCK")
    with qtbot.waitSignal(dialog.resident_looked_up):
        qtbot.keyClicks(dialog.nik, NIK_MARIA)
    fields = dialog.applicant_form.fields
    for key, text in (("nama", "Maria Kogoya"), ("tempat_lahir", "Timika"), ("pekerjaan", "Petani"),
                      ("alamat", "Jl. Yos Sudarso 5"), ("kampung", "Koperapoka")):
        qtbot.keyClicks(fields[key], text)
    fields["agama"].setCurrentIndex(fields["agama"].findData("kristen"))
    fields["status_kawin"].setCurrentIndex(fields["status_kawin"].findData("kawin"))
    qtbot.keyClicks(dialog.keperluan, "Melamar pekerjaan")
    dialog.keperluan.setFocus()
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.keperluan, Qt.Key.Key_Return)
    assert store.find(services.SERVICE_REQUESTS)[0]["status_kawin"] == "kawin"
    # The receipt is one Enter away: the print preview opens (non-modal).
    with qtbot.waitSignal(dialog.print_bar.preview_opened) as opened:
        qtbot.keyClick(dialog.print_bar.print_button, Qt.Key.Key_Return)
    preview = opened.args[0]
    assert isinstance(preview, QPrintPreviewDialog) and preview.isVisible()
    assert "Tanda terima" in preview.windowTitle()
    room = preview.screen().availableGeometry()
    assert preview.height() >= room.height() * 0.85  # the page big enough to read
    preview.done(0)
    # Ctrl+N: this form closes and a fresh one opens.
    dialog.activateWindow()
    active(qtbot, dialog)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: any(isinstance(d, RequestDialog) and d is not dialog and d.isVisible()
                                for d in page.open_dialogs))


def test_a_request_transferred_away_is_shown_read_only(qtbot, main_window, store):
    from desktop.store.replica import StoreReplica

    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    StoreReplica(store).apply_changes([{"collection": services.SERVICE_REQUESTS, "id": request["id"],
                                        "office_id": "DST-KK", "rev": 4, "fields": {"status": "diterima"},
                                        "readonly": True, "hlc": store.clock.now()}], cursor=4)
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    assert visible_actions(dialog) == set()
    assert "hanya bisa dibaca" in dialog.notice.text()
    row = page.model.row_of(request["id"])
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_an_open_request_can_be_corrected_and_the_change_is_in_its_history(qtbot, main_window, store):
    request = services.new_request(store, "domisili", sample("domisili", nama="Maria Kogya"), actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    assert dialog.edit_button.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.edit_dialog
    assert isinstance(form, RequestDialog) and not form.service.isEnabled()
    assert form.applicant_form.fields["nama"].text() == "Maria Kogya"
    assert form.keperluan.text() == "Melamar pekerjaan"
    assert form.document_boxes and not any(b.isChecked() for b in form.document_boxes.values())
    nama = form.applicant_form.fields["nama"]
    nama.selectAll()
    qtbot.keyClicks(nama, "Maria Kogoya")
    nama.setFocus()
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(nama, Qt.Key.Key_Return)
    corrected = store.get(services.SERVICE_REQUESTS, request["id"])
    assert corrected["nama"] == "Maria Kogoya" and corrected["keperluan"] == "Melamar pekerjaan"
    assert corrected["tracking_code"] == request["tracking_code"]
    qtbot.waitUntil(lambda: dialog.data_value("Nama") == "Maria Kogoya")
    assert dialog.banner.text() == "Perubahan tersimpan."
    history = dialog.history.model
    qtbot.waitUntil(lambda: any(r["action"] == "update" and r["field"] == "nama" for r in history.rows))
    assert {r["field"] for r in history.rows if r["action"] == "update"} == {"nama"}  # only what was corrected
    # Closed requests stay as issued: no correction offered.
    services.reject(store, request["id"], "Berkas tidak lengkap", actor="admin")
    qtbot.waitUntil(lambda: not dialog.actions_box.isVisibleTo(dialog))
    assert dialog.edit_request() is None
