"""The permohonan and pengaduan register models through Qt's model tester, and their SQL (sort, filters)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.domain import complaints, services
from desktop.ui.services import register_query
from desktop.ui.services.offices import known_offices
from desktop.ui.services.register_model import RECORD_ID_ROLE, ComplaintTableModel, RequestTableModel
from desktop.ui.services.register_query import COMPLAINT_REGISTER, REQUEST_REGISTER, RegisterFilter
from tests.unit.test_services_samples import sample

from .conftest import wait_loaded

NAMES = ["Maria Kogoya", "Yan Kogoya", "Agustina Beanal", "Petrus Magal", "Simon Tsenawatme"]


def fill_requests(store, count: int = 12) -> list[dict]:
    out = []
    codes = ["domisili", "domisili_usaha", "sktm", "pengantar_skck", "keterangan_usaha", "belum_menikah"]
    today = dt.date.today()
    for i in range(count):
        code = codes[i % len(codes)]
        fields = sample(code, nama=NAMES[i % len(NAMES)])
        out.append(services.new_request(store, code, fields, actor="admin", today=today - dt.timedelta(days=i)))
    services.reject(store, out[0]["id"], "Tidak lengkap", actor="admin")
    return out


def fill_complaints(store, count: int = 8) -> list[dict]:
    today = dt.date.today()
    out = []
    for i in range(count):
        fields = {"channel": list(complaints.CHANNELS)[i % 5], "anonim": i % 3 == 0, "pelapor_nama": NAMES[i % 5],
                  "kategori": complaints.KATEGORI[i % len(complaints.KATEGORI)], "uraian": f"Pengaduan nomor {i}"}
        out.append(complaints.new_complaint(store, fields, actor="admin", today=today - dt.timedelta(days=2 * i)))
    return out


def test_request_model_passes_the_model_tester(qtbot, qtmodeltester, store, manager):
    fill_requests(store)
    model = RequestTableModel(store)
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() == 12
    qtmodeltester.check(model)
    model.sort(model.columns.index("nama"), Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    qtmodeltester.check(model)


def test_complaint_model_passes_the_model_tester(qtbot, qtmodeltester, store, manager):
    fill_complaints(store)
    model = ComplaintTableModel(store)
    model.refresh()
    wait_loaded(qtbot, model)
    assert model.rowCount() == 8
    qtmodeltester.check(model)


def test_request_rows_sort_by_sql(qtbot, store, manager):
    made = fill_requests(store, 6)
    model = RequestTableModel(store)
    model.refresh()
    wait_loaded(qtbot, model)
    # Newest intake first by default.
    assert [model.data(model.index(r, 0), RECORD_ID_ROLE) for r in range(6)] == [r["id"] for r in made]
    name = model.columns.index("nama")
    model.sort(name, Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    shown = [model.data(model.index(r, name)) for r in range(6)]
    assert shown == sorted(shown, key=str.casefold)
    status = model.columns.index("status")
    model.sort(status, Qt.SortOrder.DescendingOrder)
    wait_loaded(qtbot, model)
    assert model.data(model.index(0, status)) == "Ditolak"  # the workflow's order, not the alphabet's
    model.sort(model.columns.index("tanggal"), Qt.SortOrder.AscendingOrder)
    wait_loaded(qtbot, model)
    assert model.data(model.index(0, 0), RECORD_ID_ROLE) == made[-1]["id"]


def test_filters_are_the_domains(store):
    made = fill_requests(store, 10)
    today = dt.date.today()

    def ids(**kw) -> set[str]:
        rowids = register_query.find_ids(store, REQUEST_REGISTER, RegisterFilter(today=today, **kw))
        rows = register_query.fetch_rows(store.read(), REQUEST_REGISTER, rowids)
        return {rows[r]["id"] for r in rowids}

    assert ids() == {r["id"] for r in made}
    assert ids(status="ditolak") == {made[0]["id"]}
    assert ids(category="sktm") == {r["id"] for r in made if r["service_type"] == "sktm"}
    assert ids(text="beanal") == {r["id"] for r in made if r["nama"] == "Agustina Beanal"}
    assert ids(text=made[3]["tracking_code"][:4] + "-" + made[3]["tracking_code"][4:]) == {made[3]["id"]}
    assert ids(overdue_only=True) == {r["id"] for r in services.overdue(store, today)}
    assert ids(overdue_only=True)  # some of these are past their SLA


@pytest.mark.parametrize("text", ['"', '" OR "', "NEAR(a b)", "a AND", "-", "*", "^x", "x:y", "(", "'", "))"])
def test_hostile_search_text_is_plain_text(store, text):
    fill_complaints(store, 2)
    register_query.find_ids(store, COMPLAINT_REGISTER, RegisterFilter(text=text))  # never an FTS syntax error


def test_known_offices_leave_this_one_out_and_prefer_synced_names(store):
    with store.transaction() as tx:
        tx.execute("INSERT INTO unknown_records(collection, id, rev, body) VALUES ('offices', 'o1', 3, ?)",
                   ('{"id": "o1", "fields": {"code": "DST-KK", "name": "Kantor Distrik Kuala Kencana", '
                    '"kind": "distrik"}}',))
    offices = known_offices(store)
    codes = [o.code for o in offices]
    assert "DST-MB" not in codes and len(codes) == len(set(codes))
    assert offices[0].code == "DST-KK" and offices[0].name == "Kantor Distrik Kuala Kencana" and offices[0].synced
    assert any(o.code.startswith("PKM-") for o in offices)
