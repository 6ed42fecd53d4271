"""Forwarding a service request through the widgets: "Teruskan ke kantor lain" on the request window
(the complaints' office picker), the wait for the sync, and the read-only stub whose status keeps
updating. Real store files and threads; the transfer arrives through the real sync replica code."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import services
from desktop.store.replica import StoreReplica
from tests.unit.test_services_samples import required_documents, sample

from .test_services_screens import open_detail, register, visible_actions


def events_table(dialog) -> list[list[str]]:
    model = dialog.events_model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def arrive(store, record: dict, rev: int, **fields) -> None:
    """What a sync brings once the server has transferred the request (and later, the new office's work)."""
    body = {k: record[k] for k in ("tracking_code", "service_type", "tanggal", "nama", "status", "due_date")}
    replica = StoreReplica(store)
    pushed = replica.pending_mutations(1000)
    if pushed:  # the sync pushes this office's changes (the forward too) before the transfer
        replica.acknowledge(pushed[-1]["mseq"], [])
    replica.apply_changes([{"collection": services.SERVICE_REQUESTS, "id": record["id"],
                                        "office_id": "DST-KK", "rev": rev, "fields": {**body, **fields},
                                        "readonly": True, "hlc": store.clock.now()}], cursor=rev)


def test_forward_waits_for_the_sync_and_the_stub_is_read_only(qtbot, main_window, store):
    request = services.new_request(store, "domisili", sample("domisili", nama="Maria Kogoya"), actor="admin")
    services.verify(store, request["id"], actor="admin", dokumen=required_documents("domisili"))
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    # An open request offers its next steps, the correction and forwarding, with the office picker.
    assert visible_actions(dialog) == {"diproses", "ditolak"}
    assert dialog.forward_button.isVisibleTo(dialog) and dialog.edit_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.office.count() > 0)
    codes = [dialog.office.itemData(i) for i in range(dialog.office.count())]
    assert "DST-KK" in codes and "DST-MB" not in codes
    assert "akan dikirim saat sinkronisasi" in dialog.forward_hint.text()

    # A malformed code typed by hand, then this office itself: refused at the field.
    qtbot.keyClicks(dialog.office.lineEdit(), "kantor ku!")
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    assert dialog.action_form.error_text("to_office").startswith("Kode kantor tujuan tidak valid")
    dialog.office.lineEdit().clear()
    qtbot.keyClicks(dialog.office.lineEdit(), "dst-mb")
    with qtbot.waitSignal(dialog.action_failed):
        qtbot.keyClick(dialog.office.lineEdit(), Qt.Key.Key_Return)  # Enter in the picker forwards
    assert dialog.action_form.error_text("to_office") == "Permohonan tidak bisa diteruskan ke kantor sendiri."
    assert services.pending_forwards(store) == []

    dialog.office.setCurrentIndex(dialog.office.findData("DST-KK"))
    qtbot.keyClicks(dialog.forward_note, "Pemohon pindah ke Kuala Kencana")
    with qtbot.waitSignal(dialog.action_done):
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
    assert dialog.banner.text() == "Diteruskan ke DST-KK; akan dikirim saat sinkronisasi."
    assert dialog.forward_note.text() == ""
    last = services.events(store, request["id"])[-1]
    assert (last["status"], last["to_office"], last["from_office"], last["reason"]) == (
        "diverifikasi", "DST-KK", "DST-MB", "Pemohon pindah ke Kuala Kencana")
    assert [p["id"] for p in services.pending_forwards(store)] == [request["id"]]
    # Waiting for the sync: only re-targeting; the window says why, and the history shows the forward.
    qtbot.waitUntil(lambda: "akan dikirim saat sinkronisasi" in dialog.notice.text())
    assert visible_actions(dialog) == set() and dialog.forward_button.isVisibleTo(dialog)
    assert not dialog.edit_button.isVisibleTo(dialog) and dialog.edit_request() is None
    assert dialog.status_label.text() == "Status: Diverifikasi"
    assert dialog.data_value("Diteruskan ke Kantor") == "DST-KK"
    qtbot.waitUntil(lambda: len(events_table(dialog)) == 3)
    forwarded = events_table(dialog)[-1]
    assert forwarded[1] == "Diteruskan" and forwarded[2] == "Diverifikasi"
    assert forwarded[-1] == "Diteruskan dari DST-MB ke DST-KK; Pemohon pindah ke Kuala Kencana"

    # The sync runs the transfer: the server sends this office its read-only stub.
    arrive(store, request, 7, status="diverifikasi", diteruskan_ke="DST-KK")
    qtbot.waitUntil(lambda: not dialog.actions_box.isVisibleTo(dialog))
    assert "sudah dialihkan ke kantor DST-KK" in dialog.notice.text()
    assert services.pending_forwards(store) == []
    # The new office's work flows back: the status follows, still without actions here.
    arrive(store, request, 9, status="diproses", diteruskan_ke="DST-KK")
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Status: Diproses")
    assert not dialog.actions_box.isVisibleTo(dialog) and dialog.edit_request() is None
    # The register shows the stub greyed, its status marked as transferred.
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.data(page.model.index(page.model.row_of(request["id"]),
                                                             page.model.columns.index("status")))
                    == "Diproses (dialihkan)")
    row = page.model.row_of(request["id"])
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == \
        "Sudah dialihkan ke kantor lain; hanya bisa dibaca."


def test_a_closed_request_offers_no_forwarding(qtbot, main_window, store):
    request = services.new_request(store, "domisili", sample("domisili"), actor="admin")
    services.reject(store, request["id"], "Bukan warga distrik ini", actor="admin")
    page = register(qtbot, main_window)
    dialog = open_detail(qtbot, page, request["id"])
    assert not dialog.actions_box.isVisibleTo(dialog)
    assert not dialog.forward_button.isVisibleTo(dialog)
    assert dialog.notice.text() == ""
