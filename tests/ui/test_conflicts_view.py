"""The conflicts view without a server: who may see health values, the models under qtmodeltester,
and a record deleted on another PC. (tests/ui/test_sync_page.py makes real conflicts through the
real server; here the conflict records are written as the sync would write them.)"""

from __future__ import annotations

import uuid6

from desktop.domain import letters
from desktop.ui.sync.conflicts_view import ConflictsView
from desktop.ui.sync.models import ID_ROLE, ConflictsModel, RejectedModel
from desktop.ui.sync.queries import conflict_rows

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


def add_conflict(store, collection, record_id, field, lost, won, *, lost_actor="op2"):
    return store.save("conflicts", {
        "collection": collection, "record_id": record_id, "field": field, "lost_value": lost,
        "lost_hlc": "1795750000000-00000-pc2", "lost_actor": lost_actor, "won_value": won,
        "won_hlc": "1795750001000-00000-pc1", "won_actor": "op1", "resolved": False,
    }, actor="server").record_id


def test_health_values_are_hidden_from_non_health_roles(qtbot, qtmodeltester, store, manager, user):
    patient = str(uuid6.uuid7())
    add_conflict(store, "patients", patient, "nama", "Maria Magai", "Maria Magay")
    assert user["role"] == "admin"
    view = ConflictsView(manager, user)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtmodeltester.check(view.model)
    cells = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert "Maria" not in " ".join(cells)
    assert cells[2] == cells[5] == "(data kesehatan)"
    assert not view.restore_button.isEnabled() and not view.dismiss_button.isEnabled()
    nakes = {**user, "role": "nakes"}
    rows = conflict_rows(store, nakes)
    assert rows[0]["lost_text"] == "Maria Magai" and rows[0]["visible"]


def test_models_pass_the_model_tester(qtmodeltester, store, user):
    letter = letters.register_incoming(store, MASUK, actor="op1").record_id
    conflict = add_conflict(store, "letters", letter, "perihal", "Undangan rapat", "Undangan")
    add_conflict(store, "letters", letter, "_deleted", {"perihal": "Undangan"}, None)
    rows = conflict_rows(store, user)
    model = ConflictsModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    by_field = {model.index(r, 1).data(): r for r in range(2)}
    assert set(by_field) == {"Perihal", "Seluruh data (dihapus di komputer lain)"}
    row = by_field["Perihal"]
    assert model.index(row, 0).data(ID_ROLE) == conflict
    assert model.index(row, 0).data() == "Surat Masuk 1/2026 — Undangan"
    assert model.index(row, 4).data() == "27 November 2026 " + model.index(row, 4).data().split()[-1]
    rejected = RejectedModel()
    rejected.set_rows([{"mseq": 7, "at": "2026-11-27T05:03:00.000Z", "record": "Disposisi", "data": "Kepada: X",
                        "reasons": "Ditolak."}])
    qtmodeltester.check(rejected)
    assert rejected.index(0, 0).data(ID_ROLE) == "7"
    assert rejected.index(0, 0).data().startswith("27 November 2026")


def test_restore_in_the_view_puts_the_value_back_and_queues_it(qtbot, store, manager, user):
    letter = letters.register_incoming(store, MASUK, actor="op1").record_id
    add_conflict(store, "letters", letter, "perihal", "Undangan rapat", "Undangan")
    view = ConflictsView(manager, user, collection="letters", record_id=letter)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.columnCount() == 6  # no record column inside the record's own form
    before = store.outbox_size()
    with qtbot.waitSignal(view.restored, timeout=30_000) as restored:
        view.restore_button.click()
    assert restored.args == [letter]
    assert store.get("letters", letter)["perihal"] == "Undangan rapat"
    assert store.outbox_size() == before + 2  # the letter's edit and the conflict's resolution
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)


def test_an_edit_lost_to_a_delete_lists_the_field_labels_and_cannot_be_restored(qtbot, store, manager, user):
    letter = letters.register_incoming(store, MASUK, actor="op1").record_id
    store.delete("letters", letter, actor="op1")
    add_conflict(store, "letters", letter, "_deleted", ["perihal", "asal"], True)
    view = ConflictsView(manager, user)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    assert view.model.row(0)["lost_text"] == "Perihal, Asal Surat/Pengirim"
    assert view.dismiss_button.isEnabled() and not view.restore_button.isEnabled()
