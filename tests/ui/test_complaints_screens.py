"""Pengaduan through the widgets: anonymous intake (nothing of the reporter stored), field errors,
the status flow, the SLA flag, forwarding to another office and the read-only stub after the
transfer. Real store files and threads; the transfer arrives through the real sync replica code."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.domain import complaints, tracking
from desktop.store.replica import StoreReplica
from desktop.ui.services.complaint_detail import ComplaintDetailDialog
from desktop.ui.services.complaint_form import ComplaintDialog
from desktop.ui.services.register_model import RECORD_ID_ROLE
from tests.tools.pdf import read_pdf

from .conftest import wait_loaded

WALK_IN = {"channel": "langsung", "pelapor_nama": "Yohanes Magal", "pelapor_kontak": "0812 4700 0001",
           "kategori": "Infrastruktur (jalan, jembatan, air, listrik)", "kampung": "Kwamki",
           "uraian": "Jembatan kayu di Kwamki rusak sejak banjir minggu lalu."}


def active(qtbot, dialog):
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def register(qtbot, main_window):
    page = main_window.show_module("pengaduan")
    wait_loaded(qtbot, page.model)
    return page


def open_detail(qtbot, page, complaint_id: str) -> ComplaintDetailDialog:
    page.model.refresh()
    wait_loaded(qtbot, page.model)
    page.table.selectRow(page.model.row_of(complaint_id))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, ComplaintDetailDialog)
    qtbot.waitUntil(lambda: dialog.record is not None)
    return dialog


def visible_actions(dialog: ComplaintDetailDialog) -> set[str]:
    if not dialog.actions_box.isVisibleTo(dialog):
        return set()
    shown = {s for s, b in dialog.action_buttons.items() if b.isVisibleTo(dialog)}
    if dialog.forward_button.isVisibleTo(dialog):
        shown.add("diteruskan")
    return shown


def test_anonymous_intake_stores_nothing_of_the_reporter(qtbot, main_window, store, tmp_path):
    page = register(qtbot, main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.open_dialogs[-1]
    assert isinstance(dialog, ComplaintDialog)
    active(qtbot, dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("telepon"))
    qtbot.keyClicks(dialog.pelapor_nama, "Nama Rahasia")
    qtbot.keyClicks(dialog.pelapor_kontak, "0812 9999 0000")
    qtbot.mouseClick(dialog.anonim, Qt.MouseButton.LeftButton)
    assert dialog.anonim.isChecked()
    assert not dialog.pelapor_nama.isVisibleTo(dialog) and not dialog.pelapor_kontak.isVisibleTo(dialog)
    assert not dialog.form.labels["pelapor_nama"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.kategori.lineEdit(), "Pelayanan aparatur")
    qtbot.keyClicks(dialog.kampung, "Koperapoka")
    qtbot.keyClicks(dialog.uraian, "Petugas loket meminta uang untuk mempercepat KTP.")
    qtbot.waitUntil(lambda: dialog.distrik.currentText() == "Mimika Baru")  # this office's distrik, read on a worker
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.uraian, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = store.find(complaints.COMPLAINTS)
    assert len(saved) == 1
    record = saved[0]
    assert (record["anonim"], record["channel"], record["kategori"], record["status"]) == (
        True, "telepon", "Pelayanan aparatur", "masuk")
    assert record.get("pelapor_nama") is None and record.get("pelapor_kontak") is None
    assert record["distrik"] == "Mimika Baru"  # this office's distrik, filled in
    # Not in the outbox or the audit log either.
    everything = json.dumps(store.outbox(), default=str) + json.dumps(
        store.history(complaints.COMPLAINTS, record["id"]), default=str)
    assert "Rahasia" not in everything and "9999" not in everything

    code = tracking.display(record["tracking_code"])
    assert dialog.code_label.text() == code
    target = tmp_path / "pengaduan.pdf"
    with qtbot.waitSignal(dialog.print_bar.pdf_saved):
        dialog.print_bar.save_pdf(target)
    text = read_pdf(target).text
    assert code in text and "Anonim" in text and "Rahasia" not in text
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    reporter = page.model.columns.index("pelapor_nama")
    assert page.model.data(page.model.index(0, reporter)) == "Anonim"


def test_a_named_complaint_needs_the_reporter_category_and_description(qtbot, main_window, store):
    page = register(qtbot, main_window)
    dialog = active(qtbot, page.new_record())
    dialog.pelapor_nama.setFocus()
    with qtbot.waitSignal(dialog.save_failed):
        qtbot.keyClick(dialog.pelapor_nama, Qt.Key.Key_Return)
    assert dialog.form.error_text("pelapor_nama").startswith("Nama pelapor wajib diisi")
    assert dialog.form.error_text("kategori") == "Kategori pengaduan wajib diisi."
    assert dialog.form.error_text("uraian") == "Uraian pengaduan wajib diisi."
    assert dialog.focusWidget() is dialog.pelapor_nama
    assert store.find(complaints.COMPLAINTS) == []


def test_status_flow_with_a_note_required_for_not_our_remit(qtbot, main_window, store):
    first = complaints.new_complaint(store, WALK_IN, actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, first["id"])
    assert visible_actions(dialog) == {"diverifikasi", "diteruskan", "bukan_wewenang"}
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.mouseClick(dialog.action_buttons["bukan_wewenang"], Qt.MouseButton.LeftButton)
    assert dialog.action_form.error_text("catatan") == "Jelaskan mengapa pengaduan ini bukan wewenang kantor."
    assert store.get(complaints.COMPLAINTS, first["id"])["status"] == "masuk"

    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["diverifikasi"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"diteruskan", "ditindaklanjuti", "bukan_wewenang"})
    qtbot.keyClicks(dialog.note, "Petugas PU distrik meninjau lokasi")
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["ditindaklanjuti"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"selesai"})
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Status: Selesai")
    assert visible_actions(dialog) == set()
    events = complaints.events(store, first["id"])
    assert [e["status"] for e in events] == ["masuk", "diverifikasi", "ditindaklanjuti", "selesai"]
    assert events[2]["catatan"] == "Petugas PU distrik meninjau lokasi"
    qtbot.waitUntil(lambda: dialog.events_model.rowCount() == 4)
    model = dialog.events_model
    assert model.data(model.index(2, 5)) == "Petugas PU distrik meninjau lokasi"
    assert model.data(model.index(2, 3)) == "admin"


def test_forward_records_the_event_waits_for_sync_and_the_stub_is_read_only(qtbot, main_window, store):
    c = complaints.new_complaint(store, WALK_IN, actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, c["id"])
    # Offices known here: the distrik of Mimika (this one left out) and the puskesmas.
    codes = [dialog.office.itemData(i) for i in range(dialog.office.count())]
    assert "DST-KK" in codes and "DST-MB" not in codes
    assert "sinkronisasi" in dialog.forward_hint.text()

    # A malformed code typed by hand is refused at the field.
    qtbot.keyClicks(dialog.office.lineEdit(), "kantor ku!")
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    assert dialog.action_form.error_text("to_office").startswith("Kode kantor tujuan tidak valid")

    dialog.office.setCurrentIndex(dialog.office.findData("DST-KK"))
    qtbot.keyClicks(dialog.note, "Lokasi di wilayah Kuala Kencana")
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text() == "Diteruskan ke DST-KK; akan dikirim saat sinkronisasi."
    last = complaints.events(store, c["id"])[-1]
    assert (last["status"], last["to_office"], last["from_office"], last["catatan"]) == (
        "diteruskan", "DST-KK", "DST-MB", "Lokasi di wilayah Kuala Kencana")
    assert [p["id"] for p in complaints.pending_forwards(store)] == [c["id"]]
    # Waiting for the sync: only re-targeting is possible, and the window says why.
    qtbot.waitUntil(lambda: visible_actions(dialog) == {"diteruskan"})
    assert "akan dikirim saat sinkronisasi" in dialog.notice.text()

    # The sync runs the transfer: the server sends this office its read-only stub.
    stub = {**store.get(complaints.COMPLAINTS, c["id"]), "office_id": "DST-KK"}
    fields = {k: v for k, v in stub.items() if k in ("status", "diteruskan_ke", "uraian", "kategori")}
    StoreReplica(store).apply_changes([{"collection": complaints.COMPLAINTS, "id": c["id"], "office_id": "DST-KK",
                                        "rev": 7, "fields": fields, "readonly": True, "hlc": store.clock.now()}], cursor=7)
    qtbot.waitUntil(lambda: not dialog.actions_box.isVisibleTo(dialog))
    assert visible_actions(dialog) == set()
    assert "sudah dialihkan ke kantor DST-KK" in dialog.notice.text()
    assert dialog.status_label.text() == "Status: Diteruskan"
    assert complaints.pending_forwards(store) == []
    # The register shows the stub, greyed, with its status.
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and "(dialihkan)" in (
        page.model.data(page.model.index(0, page.model.columns.index("status"))) or ""))
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None


def test_register_flags_complaints_past_the_first_response_time(qtbot, main_window, store):
    today = dt.date.today()
    late = complaints.new_complaint(store, WALK_IN, actor="admin", today=today - dt.timedelta(days=20))
    fresh = complaints.new_complaint(store, {**WALK_IN, "kategori": "Kesehatan"}, actor="admin")
    page = register(qtbot, main_window)
    assert page.model.rowCount() == 2
    background = Qt.ItemDataRole.BackgroundRole
    assert page.model.data(page.model.index(page.model.row_of(late["id"]), 0), background) is not None
    assert page.model.data(page.model.index(page.model.row_of(fresh["id"]), 0), background) is None
    qtbot.waitUntil(lambda: getattr(page, "last_counter", None) is not None)
    assert page.last_counter.overdue == 1 and page.last_counter.today_by_status["masuk"] == 1
    with qtbot.waitSignal(page.model.loaded):
        page.overdue.setChecked(True)
    assert [page.model.data(page.model.index(r, 0), RECORD_ID_ROLE) for r in range(page.model.rowCount())] \
        == [late["id"]]
    with qtbot.waitSignal(page.model.loaded):
        page.overdue.setChecked(False)
    with qtbot.waitSignal(page.model.loaded):
        page.category.setCurrentIndex(page.category.findData("Kesehatan"))
    assert page.model.rowCount() == 1
    dialog = open_detail(qtbot, page, fresh["id"])
    assert "Batas tanggapan" in dialog.due_label.text()
    late_dialog = page.open_record(late["id"])
    qtbot.waitUntil(lambda: late_dialog.record is not None)
    assert "terlambat" in late_dialog.due_label.text()
