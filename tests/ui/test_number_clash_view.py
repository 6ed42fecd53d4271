"""Sinkronisasi → "Nomor ganda": a letter number that arrived from another PC while this PC used it
too is listed (both letters), counted on the tab, and the clerk gives the selected letter a new
number with the button; the clash then leaves the list. Real store, real replica, real widgets
offscreen."""

from __future__ import annotations

import uuid6
from PySide6.QtCore import Qt

from desktop.domain import letters
from desktop.store.replica import StoreReplica
from desktop.ui.sync.page import SyncPage
from tests.integration.conftest import unique_code
from tests.ui.test_sync_page import make_pc, pcs  # noqa: F401  (fixture)

STAMP = "1795817093777-00000-otherpc"
KELUAR = {"tanggal_surat": "2026-12-01", "tujuan": "Bupati Mimika", "perihal": "Laporan dari PC ini",
          "sifat": "biasa", "klasifikasi": "400.12"}


def test_a_number_used_twice_is_listed_and_the_clerk_renumbers_one(qtbot, tmp_path, pcs):  # noqa: F811
    code = unique_code("D")
    pc = pcs(make_pc(None, tmp_path / "pc1", code, enroll=False))
    mine = letters.register_outgoing(pc.store, KELUAR, actor="admin", confirm_year=True).record_id
    seq = pc.store.get(letters.LETTERS, mine)["seq"]
    # The same number arrives from another PC of the office (an imported agenda book there).
    theirs = {"collection": "letters", "id": str(uuid6.uuid7()), "office_id": code, "rev": 3, "hlc": STAMP,
              "deleted": False, "field_hlc": {}, "fields": {
                  "direction": "keluar", "year": 2026, "seq": seq, "nomor_surat": f"400.12/{seq:04d}/{code}/2026",
                  "tanggal_surat": "2026-11-02", "tujuan": "Dinas Sosial", "perihal": "Dari buku agenda",
                  "sifat": "biasa", "klasifikasi": "400.12"}}
    assert StoreReplica(pc.store).apply_changes([theirs], cursor=3) == 0

    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    view = page.clashes
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Nomor ganda (1)"
    shown = {view.model.item(r, 2).text(): view.model.item(r, 1).text() for r in range(2)}
    assert shown == {"Laporan dari PC ini": "1 Desember 2026", "Dari buku agenda": "2 November 2026"}

    row = next(r for r in range(2) if view.model.item(r, 2).text() == "Laporan dari PC ini")
    view.table.setFocus()
    view.table.selectRow(row)
    assert view.current_id() == mine
    qtbot.keyClick(view.renumber_button, Qt.Key.Key_Space)  # keyboard: the button takes Space
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Nomor ganda"
    assert "nomor baru" in view.result.text()
    renumbered = pc.store.get(letters.LETTERS, mine)
    assert renumbered["seq"] == seq + 1 and "Nomor ganda: semula" in renumbered["keterangan"]

    # A clash that arrives with a later sync shows when the sync ends.
    again = {**theirs, "id": str(uuid6.uuid7()), "rev": 4, "fields": {**theirs["fields"], "seq": seq + 1,
                                                                     "perihal": "Lagi dari buku agenda"}}
    assert StoreReplica(pc.store).apply_changes([again], cursor=4) == 0
    page._sync_finished(None, False)  # what the page does when a sync ends
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Nomor ganda (1)"
