"""Sinkronisasi → "Ditolak PC ini": the changes a server sent that failed this PC's checks, put in
through the real replica (StoreReplica.apply_changes) on a real store, listed with the kind of record,
the office it claimed and the reason, a count on the tab, the selected one's fields beside the list,
and never a password hash. Real widgets offscreen."""

from __future__ import annotations

import uuid6
from PySide6.QtCore import Qt

from desktop.store.replica import StoreReplica
from desktop.ui.sync.page import SyncPage
from sync.passwords import hash_password
from tests.integration.conftest import unique_code
from tests.ui.test_sync_page import make_pc, pcs  # noqa: F401  (fixture)

STAMP = "1795817093777-00000-server"
LETTER = {"direction": "masuk", "year": 2026, "seq": 901, "perihal": "Undangan rapat", "sifat": "biasa",
          "tanggal_terima": "2026-11-27", "asal": "Dinas Sosial"}


def change(collection: str, fields: dict, office: str, **extra) -> dict:
    return {"collection": collection, "id": str(uuid6.uuid7()), "office_id": office, "rev": 3, "hlc": STAMP,
            "deleted": False, "fields": fields, "field_hlc": {}, **extra}


def texts(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def open_page(qtbot, pc) -> SyncPage:
    page = SyncPage(pc.store, pc.manager, pc.user)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.refused.loaded)
    return page


def test_refused_changes_are_listed_with_reason_office_and_fields_never_a_hash(qtbot, qtmodeltester, tmp_path,
                                                                                pcs):  # noqa: F811
    code = unique_code("D")
    pc = pcs(make_pc(None, tmp_path / "pc1", code, enroll=False))
    page = open_page(qtbot, pc)
    view = page.refused
    assert view.model.rowCount() == 0 and not view.empty.isHidden()
    assert view.empty.text() == "Tidak ada data dari server yang ditolak PC ini."
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Ditolak PC ini"

    hashed = hash_password("Curian-2026")
    spy = change("users", {"username": "mata2", "full_name": "Orang Lain", "role": "nakes", "active": True,
                           "password_hash": hashed}, office="DST-XX")
    broken = change("letters", {**LETTER, "perihal": {"x": 1}}, office=code)
    assert StoreReplica(pc.store).apply_changes([spy, broken], cursor=2) == 2
    page._sync_finished(None, False)  # what the page does when a sync ends
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.fields)

    rows = {r[1].split(" — ")[0]: r for r in texts(view.model)}
    assert set(rows) == {"Akun pengguna", "Surat Masuk"}
    assert rows["Akun pengguna"][1] == "Akun pengguna — mata2"
    assert rows["Akun pengguna"][2] == "DST-XX"
    assert "DST-XX" in rows["Akun pengguna"][3]
    assert rows["Surat Masuk"][2] == f"{code} (kantor ini)"
    assert "perihal" in rows["Surat Masuk"][3].lower()
    assert all(r[0] for r in rows.values())  # when it came, as a date
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Ditolak PC ini (2)"
    assert view.empty.isHidden()

    # The detail of each: its fields by their labels, the office and the reason; no hash anywhere.
    seen = []
    for number in range(view.model.rowCount()):
        view.table.selectRow(number)
        details = dict((label, value) for label, value in texts(view.fields))
        seen.append((view.model.row(number)["collection"], details, view.summary.text()))
        view.copy_button.click()
        seen[-1] += (qtbot_clipboard(),)
    by_kind = {kind: rest for kind, *rest in seen}
    user_fields, user_summary, user_copy = by_kind["users"]
    assert user_fields["Nama pengguna"] == "mata2" and user_fields["Nama lengkap"] == "Orang Lain"
    assert "Kantor asal: DST-XX" in user_summary and "Alasan: " in user_summary
    letter_fields, letter_summary, _ = by_kind["letters"]
    assert letter_fields["Perihal"] == '{"x": 1}' and letter_fields["Asal Surat/Pengirim"] == "Dinas Sosial"
    assert broken["id"] in letter_summary
    for fields, summary, copied in by_kind.values():
        shown = " ".join([*fields, *fields.values(), summary, copied])
        assert "scrypt$" not in shown and "***" not in shown and "password" not in shown.lower()
    assert "mata2" in user_copy

    # A later sync page (one good letter, one more refusal) refreshes the list through the change signal.
    good = change("letters", {**LETTER, "seq": 902}, office=code)
    again = change("letters", {**LETTER, "seq": 903}, office="DST-XX")
    assert StoreReplica(pc.store).apply_changes([good, again], cursor=4) == 1
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Ditolak PC ini (3)"


def qtbot_clipboard() -> str:
    from PySide6.QtWidgets import QApplication

    return QApplication.clipboard().text()


def test_the_tab_speaks_english(qtbot, tmp_path, pcs):  # noqa: F811
    from desktop.ui import i18n

    code = unique_code("D")
    pc = pcs(make_pc(None, tmp_path / "pc1", code, enroll=False))
    StoreReplica(pc.store).apply_changes([change("letters", LETTER, office="DST-XX")], cursor=1)
    assert i18n.install_language("en")
    page = open_page(qtbot, pc)
    view = page.refused
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert page.tabs.tabText(page.tabs.indexOf(view)) == "Refused by this PC (1)"
    [row] = texts(view.model)
    assert row[1] == "Incoming letter — Undangan rapat" and row[2] == "DST-XX"
    assert "DST-XX" in row[3] and "kantor" not in row[3].lower()
    assert view.model.headerData(3, Qt.Orientation.Horizontal) == "Reasons"
    assert "Reason: " in view.summary.text() and "Subject" in dict(texts(view.fields))


def test_a_refused_patient_shows_no_health_values_to_others(qtbot, tmp_path, pcs):  # noqa: F811
    """Health values in a refused change are for health staff only, like everywhere else."""
    pc = pcs(make_pc(None, tmp_path / "pc1", unique_code("D"), enroll=False))
    patient = change("patients", {"no_rm": "000123", "nama": "Maria Magai", "jenis_kelamin": "P"}, office="PKM-XX")
    StoreReplica(pc.store).apply_changes([patient], cursor=1)
    page = open_page(qtbot, pc)
    view = page.refused
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    [row] = texts(view.model)
    assert row[1] == "Pasien" and row[2] == "PKM-XX"
    shown = " ".join([*row, view.summary.text(), *(cell for r in texts(view.fields) for cell in r)])
    assert "Maria" not in shown and "000123" not in shown
    assert "(data kesehatan)" in shown
