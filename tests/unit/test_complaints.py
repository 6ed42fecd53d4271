"""Complaints: anonymous intake, the status flow, forwarding, the first-response SLA. Real SQLite files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.domain import complaints, tracking
from desktop.store.db import StoreError
from desktop.store.records import ValidationError

TODAY = dt.date(2026, 11, 27)  # a Friday


def report(**extra) -> dict:
    return {"channel": "langsung", "pelapor_nama": "Yakobus Magal", "pelapor_kontak": "0812 4800 5555",
            "kategori": "Infrastruktur (jalan, jembatan, air, listrik)", "kampung": "Kwamki", "distrik": "Kwamki Narama",
            "lokasi": "Depan gereja", "uraian": "Lampu jalan mati sejak dua minggu.", **extra}


def new(store, today=TODAY, **extra):
    return complaints.new_complaint(store, report(**extra), actor="admin", today=today)


def fields_of(exc):
    return {e.field for e in exc.errors}


def test_intake_records_the_complaint_and_its_first_event(store):
    c = new(store)
    assert c["status"] == "masuk" and tracking.is_layan_code(c["tracking_code"])
    assert (c["pelapor_nama"], c["kampung"], c["distrik"], c["lokasi"]) == (
        "Yakobus Magal", "Kwamki", "Kwamki Narama", "Depan gereja")
    assert c["due_date"] == "2026-12-04"  # 5 working days after Friday 27 Nov
    assert [e["status"] for e in complaints.events(store, c["id"])] == ["masuk"]


@pytest.mark.parametrize("channel", sorted(complaints.CHANNELS))
def test_every_channel_is_accepted(store, channel):
    assert new(store, channel=channel)["channel"] == channel


def test_an_anonymous_reporter_leaves_no_name_or_contact_anywhere(store):
    c = new(store, anonim=True)
    assert c["anonim"] is True
    assert c.get("pelapor_nama") is None and c.get("pelapor_kontak") is None
    conn = store.read()
    row = conn.execute("SELECT * FROM complaints WHERE id = ?", (c["id"],)).fetchone()
    everything = json.dumps(dict(row)) + "".join(
        r[0] or "" for r in conn.execute("SELECT changes FROM audit WHERE record_id = ?", (c["id"],))) + "".join(
        r[0] for r in conn.execute("SELECT fields FROM outbox WHERE record_id = ?", (c["id"],)))
    assert "Yakobus" not in everything and "5555" not in everything
    assert complaints.receipt_context(store, c["id"])["pelapor"] == {"anonim": True, "nama": ""}


def test_intake_refuses_what_is_missing(store):
    with pytest.raises(ValidationError) as err:
        complaints.new_complaint(store, {"channel": "burung", "pelapor_nama": "", "uraian": " "}, actor="admin",
                                 today=TODAY)
    assert fields_of(err.value) == {"channel", "pelapor_nama", "kategori", "uraian"}
    assert "anonim" in err.value.message
    assert store.count(complaints.COMPLAINTS) == 0


def test_the_status_flow(store):
    c = new(store)
    complaints.advance(store, c["id"], "diverifikasi", actor="admin", today=TODAY)
    complaints.advance(store, c["id"], "ditindaklanjuti", actor="admin", note="Dilaporkan ke PLN", today=TODAY)
    done = complaints.advance(store, c["id"], "selesai", actor="admin", note="Lampu sudah menyala",
                              today=dt.date(2026, 12, 2))
    assert done["status"] == "selesai"
    assert (done["tanggal_tanggapan"], done["tanggal_selesai"]) == ("2026-11-27", "2026-12-02")
    history = complaints.events(store, c["id"])
    assert [(e["status"], e.get("from_status")) for e in history] == [
        ("masuk", None), ("diverifikasi", "masuk"), ("ditindaklanjuti", "diverifikasi"),
        ("selesai", "ditindaklanjuti")]
    assert history[-1]["catatan"] == "Lampu sudah menyala"
    with pytest.raises(ValidationError):
        complaints.advance(store, c["id"], "diverifikasi", actor="admin", today=TODAY)


@pytest.mark.parametrize("path,bad", [((), "selesai"), ((), "ditindaklanjuti"), (("diverifikasi",), "masuk"),
                                      (("diverifikasi", "ditindaklanjuti"), "bukan_wewenang")])
def test_invalid_transitions_are_refused(store, path, bad):
    c = new(store)
    for status in path:
        complaints.advance(store, c["id"], status, actor="admin", today=TODAY)
    with pytest.raises(ValidationError) as err:
        complaints.advance(store, c["id"], bad, actor="admin", note="catatan", today=TODAY)
    assert "tidak bisa diubah" in err.value.message
    assert len(complaints.events(store, c["id"])) == 1 + len(path)


def test_not_our_remit_needs_a_reason(store):
    c = new(store)
    with pytest.raises(ValidationError) as err:
        complaints.advance(store, c["id"], "bukan_wewenang", actor="admin", note="  ", today=TODAY)
    assert "catatan" in fields_of(err.value)
    done = complaints.advance(store, c["id"], "bukan_wewenang", actor="admin", note="Urusan PT Freeport",
                              today=TODAY)
    assert done["status"] == "bukan_wewenang" and done["tanggal_selesai"] == TODAY.isoformat()


def test_forward_records_the_event_and_the_target_office(store):
    c = new(store)
    fwd = complaints.forward(store, c["id"], "dst-kn", actor="admin", note="Lokasi di Kwamki Narama", today=TODAY)
    assert (fwd["status"], fwd["diteruskan_ke"], fwd["tanggal_tanggapan"]) == ("diteruskan", "DST-KN", "2026-11-27")
    event = complaints.events(store, c["id"])[-1]
    assert (event["status"], event["to_office"], event["from_office"], event["from_status"], event["catatan"]) == (
        "diteruskan", "DST-KN", "DST-MB", "masuk", "Lokasi di Kwamki Narama")
    assert [r["id"] for r in complaints.pending_forwards(store)] == [c["id"]]
    # While the transfer is pending, this office does not act on it; it may re-target it.
    with pytest.raises(ValidationError) as err:
        complaints.advance(store, c["id"], "ditindaklanjuti", actor="admin", today=TODAY)
    assert "DST-KN" in err.value.message
    again = complaints.forward(store, c["id"], "DST-KK", actor="admin", today=TODAY)
    assert again["diteruskan_ke"] == "DST-KK"
    assert [r["diteruskan_ke"] for r in complaints.pending_forwards(store)] == ["DST-KK"]


def test_forward_refuses_a_bad_target(store):
    c = new(store)
    for target in ("", "dst mb!", "DST-MB"):
        with pytest.raises(ValidationError) as err:
            complaints.forward(store, c["id"], target, actor="admin", today=TODAY)
        assert "to_office" in fields_of(err.value)
    with pytest.raises(ValidationError):
        complaints.advance(store, c["id"], "diteruskan", actor="admin", today=TODAY)
    assert complaints.pending_forwards(store) == []


def test_a_transferred_stub_is_read_only(store):
    c = new(store)
    complaints.forward(store, c["id"], "DST-KN", actor="admin", today=TODAY)
    with store.transaction() as tx:  # what the sync layer does once the server has transferred it
        tx.execute("UPDATE complaints SET readonly = 1 WHERE id = ?", (c["id"],))
    assert complaints.pending_forwards(store) == []
    with pytest.raises(StoreError):
        complaints.forward(store, c["id"], "DST-KK", actor="admin", today=TODAY)


def test_the_receiving_office_acts_on_a_forwarded_complaint(store):
    c = new(store)
    complaints.forward(store, c["id"], "DST-KN", actor="admin", today=TODAY)
    with store.transaction() as tx:  # as it arrives at DST-KN: owned by DST-KN now
        tx.execute("UPDATE complaints SET office_id = 'DST-KN' WHERE id = ?", (c["id"],))
        tx.set_meta("office_code", "DST-KN")
    assert complaints.pending_forwards(store) == []
    done = complaints.advance(store, c["id"], "ditindaklanjuti", actor="kn", note="Petugas ke lokasi", today=TODAY)
    assert done["status"] == "ditindaklanjuti"


def test_first_response_sla_and_overdue_flags(store):
    late = new(store, today=dt.date(2026, 11, 18))  # Wed + 5 working days = Wed 25 Nov
    soon = new(store, today=dt.date(2026, 11, 20))  # Fri + 5 = Fri 27 Nov (today)
    fresh = new(store, today=TODAY)  # due 4 Dec
    answered = new(store, today=dt.date(2026, 11, 16))
    complaints.advance(store, answered["id"], "diverifikasi", actor="admin", today=dt.date(2026, 11, 17))
    assert [c["id"] for c in complaints.overdue(store, TODAY)] == [late["id"]]
    flags = {c["id"]: complaints.sla_flag(c, TODAY) for c in complaints.search(store)}
    assert flags == {late["id"]: "merah", soon["id"]: "kuning", fresh["id"]: "", answered["id"]: ""}
    assert complaints.counter_today(store, TODAY).overdue == 1


def test_sla_days_are_configurable_per_office_and_skip_holidays(store):
    assert complaints.sla_days(store) == 5
    complaints.set_sla_days(store, 3)
    # Tue 22 Dec 2026 + 3 working days: 23, (24 cuti, 25 Natal, weekend), 28, 29.
    assert new(store, today=dt.date(2026, 12, 22))["due_date"] == "2026-12-29"
    with pytest.raises(ValidationError):
        complaints.set_sla_days(store, 0)
    store.set_meta(complaints.META_SLA_DAYS, "lima")
    assert complaints.sla_days(store) == 5


def test_search_and_counter(store):
    a = new(store, uraian="Jembatan kayu di Kwamki rusak berat")
    b = new(store, anonim=True, kategori="Kesehatan", uraian="Puskesmas tutup siang hari")
    complaints.forward(store, b["id"], "PKM-TIMIKA", actor="admin", today=TODAY)
    ids = lambda rows: {r["id"] for r in rows}  # noqa: E731
    assert ids(complaints.search(store, "jembatan")) == {a["id"]}
    assert ids(complaints.search(store, tracking.display(b["tracking_code"]))) == {b["id"]}
    assert ids(complaints.search(store, status="diteruskan")) == {b["id"]}
    assert ids(complaints.search(store, kategori="Kesehatan")) == {b["id"]}
    counter = complaints.counter_today(store, TODAY)
    assert counter.today_by_status["masuk"] == 2 and counter.today_by_status["diteruskan"] == 1
    assert counter.open_by_status["masuk"] == 1 and counter.open_by_status["diteruskan"] == 1


def test_lookup_by_tracking_code_finds_complaints(store):
    c = new(store)
    found = tracking.lookup(store, c["tracking_code"])
    assert found.collection == complaints.COMPLAINTS and [e["status"] for e in found.events] == ["masuk"]


def test_an_imported_complaint_code_must_be_new(store):
    complaints.new_complaint(store, report(), actor="import", today=TODAY, tracking_code="MC-0001")
    with pytest.raises(ValidationError) as err:
        complaints.new_complaint(store, report(), actor="import", today=TODAY, tracking_code="mc-0001")
    assert "tracking_code" in fields_of(err.value)
    assert store.count(complaints.COMPLAINTS) == 1


def test_complaint_events_are_append_only_and_schema_checked(store):
    from sync.schema import collection

    c = new(store)
    event = complaints.events(store, c["id"])[0]
    with pytest.raises(StoreError):
        store.save(complaints.COMPLAINT_EVENTS, {"catatan": "ubah"}, record_id=event["id"], actor="admin")
    errors = collection("complaint_events").validate({"complaint_id": c["id"], "status": "diteruskan",
                                                       "tanggal": "2026-11-27"})
    assert [e.field for e in errors] == ["to_office"]
