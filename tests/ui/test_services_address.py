"""Addresses of Mimika from the official list in the permohonan form, and a certificate that would state
residence in this distrik (DST-MB) for an address in another one: said at the form, refused at the
"Selesai" step without a reason, forwarded there with one key, or issued with a reason in the history.
Real store files and threads, Qt offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.domain import letters, services
from desktop.ui.services.request_form import RequestDialog
from tests.ui.test_services_screens import (
    active,
    answer_next_box,
    choose_service,
    open_detail,
    register,
    with_signatory,
)
from tests.unit.test_services_samples import required_documents, sample

KARANG_SENANG = {"kampung": "Karang Senang", "distrik": "Mimika Baru"}


def new_form(qtbot, main_window) -> RequestDialog:
    page = register(qtbot, main_window)
    page.table.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return active(qtbot, page.open_dialogs[-1])


def test_kampung_type_ahead_matches_inside_the_name_fills_the_distrik_and_warns(qtbot, main_window, store):
    dialog = new_form(qtbot, main_window)
    choose_service(qtbot, dialog, "Domisili")
    assert dialog.service_code() == "domisili"
    fields = dialog.applicant_form.fields
    qtbot.waitUntil(lambda: fields["distrik"].text() == "Mimika Baru")  # this office's distrik, prefilled
    kampung = fields["kampung"]
    kampung.setFocus()
    qtbot.keyClicks(kampung, "SENANG")  # the middle of the name, in capitals
    popup = dialog.address_check.completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    assert shown == ["Karang Senang — kelurahan, Distrik Kuala Kencana"]
    assert popup.width() >= popup.fontMetrics().horizontalAdvance(shown[0])  # wide enough to read
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert kampung.text() == "Karang Senang" and fields["distrik"].text() == "Kuala Kencana"
    note = dialog.address_check.note
    assert note.isVisibleTo(dialog) and "Kelurahan Karang Senang, Distrik Kuala Kencana bukan wilayah" in note.text()
    kampung.selectAll()
    qtbot.keyClicks(kampung, "Kwamki")  # back in Mimika Baru: no word (the distrik typed decides)
    fields["distrik"].setText("Mimika Baru")
    assert not note.isVisibleTo(dialog)


def ready_to_issue(store) -> dict:
    with_signatory(store)
    req = services.new_request(store, "domisili", sample("domisili", **KARANG_SENANG), actor="admin")
    services.verify(store, req["id"], actor="admin", dokumen=required_documents("domisili"))
    return services.process(store, req["id"], actor="admin")


def test_issuing_for_an_address_elsewhere_asks_for_a_reason_first(qtbot, main_window, store):
    req = ready_to_issue(store)
    dialog = open_detail(qtbot, register(qtbot, main_window), req["id"])
    assert dialog.residence_note.isVisibleTo(dialog)
    assert "Distrik Kuala Kencana, bukan di wilayah Distrik Mimika Baru" in dialog.residence_note.text()
    assert dialog.residence_forward.text() == "Teruskan ke Distrik Kuala Kencana"
    qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    assert "Teruskan permohonan ke Distrik Kuala Kencana" in dialog.action_form.error_text("domisili")
    assert store.find(letters.LETTERS) == []  # no number burnt, no confirmation asked
    qtbot.keyClicks(dialog.residence_reason, "Baru pindah; KK baru sedang diurus")
    seen: list[str] = []
    answer_next_box("Ya, terbitkan", seen)
    with qtbot.waitSignal(dialog.action_done, timeout=10000):
        qtbot.mouseClick(dialog.action_buttons["selesai"], Qt.MouseButton.LeftButton)
    assert store.get(services.SERVICE_REQUESTS, req["id"])["status"] == "selesai"
    selesai = [e for e in services.events(store, req["id"]) if e["status"] == "selesai"][0]
    assert selesai["reason"] == "Diterbitkan walau alamat di Distrik Kuala Kencana: Baru pindah; KK baru sedang diurus"


def test_one_button_forwards_to_the_distrik_of_the_address(qtbot, main_window, store):
    req = ready_to_issue(store)
    dialog = open_detail(qtbot, register(qtbot, main_window), req["id"])
    with qtbot.waitSignal(dialog.action_done, timeout=10000):
        qtbot.mouseClick(dialog.residence_forward, Qt.MouseButton.LeftButton)
    record = store.get(services.SERVICE_REQUESTS, req["id"])
    assert record["diteruskan_ke"] == "DST-KK" and record["status"] == "diproses"
    forward = [e for e in services.events(store, req["id"]) if services.is_forward_event(e)][0]
    assert forward["reason"] == "Alamat pemohon di Kelurahan Karang Senang, Distrik Kuala Kencana"
    qtbot.waitUntil(lambda: not dialog.residence_note.isVisibleTo(dialog))  # now waiting for the sync


def test_a_name_typed_in_full_needs_no_list_and_tab_brings_its_distrik(qtbot, main_window, store):
    dialog = new_form(qtbot, main_window)
    fields = dialog.applicant_form.fields
    qtbot.waitUntil(lambda: fields["distrik"].text() == "Mimika Baru")
    kampung = fields["kampung"]
    kampung.setFocus()
    qtbot.keyClicks(kampung, "karang senang")
    assert not dialog.address_check.completer.completer.popup().isVisible()
    qtbot.keyClick(kampung, Qt.Key.Key_Tab)
    assert fields["distrik"].text() == "Kuala Kencana"


def test_a_move_within_mimika_gets_the_list_for_its_destination(qtbot, main_window, store):
    dialog = new_form(qtbot, main_window)
    choose_service(qtbot, dialog, "Pindah")
    assert dialog.service_code() == "pengantar_pindah"
    kampung, distrik = dialog.detail_widgets["kampung_tujuan"], dialog.detail_widgets["distrik_tujuan"]
    kampung.setFocus()
    qtbot.keyClicks(kampung, "tikini d")
    popup = dialog.address_check.detail_completer.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert (kampung.text(), distrik.text()) == ("Utikini Dua", "Kuala Kencana")
