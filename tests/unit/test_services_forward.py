"""Forwarding a service request to another office (the domain side): the event and the target, the
wait for the sync, only open requests, the read-only stub after the transfer, the receiving office.
Real SQLite files; the transfer arrives through the real sync replica code (``StoreReplica``)."""

from __future__ import annotations

import pytest

from desktop.domain import services, syncing
from desktop.store.db import StoreError
from desktop.store.records import ValidationError
from desktop.store.replica import StoreReplica
from tests.unit.test_services_samples import SIGNER, TODAY, required_documents, sample


def intake(store, code="domisili", today=TODAY, **overrides):
    return services.new_request(store, code, sample(code, **overrides), actor="admin", today=today)


def fields_of(exc: ValidationError) -> set[str]:
    return {e.field for e in exc.errors}


def arrive_as_stub(store, request_id: str, new_office: str, rev: int = 9) -> None:
    """What a sync brings back once the server has transferred the request: this office's read-only stub."""
    record = store.get(services.SERVICE_REQUESTS, request_id)
    fields = {k: record[k] for k in ("tracking_code", "service_type", "tanggal", "nama", "status", "due_date",
                                     "diteruskan_ke")}
    StoreReplica(store).apply_changes([{"collection": services.SERVICE_REQUESTS, "id": request_id,
                                        "office_id": new_office, "rev": rev, "fields": fields,
                                        "readonly": True, "hlc": store.clock.now()}], cursor=rev)


def test_forward_records_an_event_and_the_target_without_changing_the_status(store):
    req = intake(store)
    services.verify(store, req["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
    fwd = services.forward(store, req["id"], "dst-kn", actor="admin", note="Alamat pemohon di Kwamki Narama",
                           today=TODAY)
    assert (fwd["status"], fwd["diteruskan_ke"]) == ("diverifikasi", "DST-KN")
    history = services.events(store, req["id"])
    assert [e["status"] for e in history] == ["diterima", "diverifikasi", "diverifikasi"]
    last = history[-1]
    assert (last["to_office"], last["from_office"], last["from_status"], last["reason"], last["tanggal"]) == (
        "DST-KN", "DST-MB", "diverifikasi", "Alamat pemohon di Kwamki Narama", TODAY.isoformat())
    assert services.is_forward_event(last) and not any(services.is_forward_event(e) for e in history[:-1])
    assert [r["id"] for r in services.pending_forwards(store)] == [req["id"]]
    # The forward is not a status change: the counter's "verified today" stays one.
    assert services.counter_today(store, TODAY).today_by_status["diverifikasi"] == 1
    # The event and the new field go up with the next sync, like any other change.
    pushed = {(m["collection"], m["record_id"]) for m in store.outbox()}
    assert (services.SERVICE_REQUESTS, req["id"]) in pushed
    assert (services.SERVICE_EVENTS, last["id"]) in pushed


def test_while_the_transfer_waits_only_re_targeting_is_possible(store):
    req = intake(store)
    services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)
    with pytest.raises(ValidationError) as err:
        services.verify(store, req["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
    assert "DST-KN" in err.value.message and "sinkronisasi" in err.value.message
    with pytest.raises(ValidationError):
        services.reject(store, req["id"], "Berkas palsu", actor="admin", today=TODAY)
    with pytest.raises(ValidationError):
        services.update_request(store, req["id"], {"nama": "Maria Kogoya"}, actor="admin", today=TODAY)
    assert store.get(services.SERVICE_REQUESTS, req["id"])["status"] == "diterima"
    again = services.forward(store, req["id"], "DST-KK", actor="admin", today=TODAY)
    assert again["diteruskan_ke"] == "DST-KK"
    assert [r["diteruskan_ke"] for r in services.pending_forwards(store)] == ["DST-KK"]
    assert [e.get("to_office") for e in services.events(store, req["id"])] == [None, "DST-KN", "DST-KK"]


def test_forward_refuses_a_bad_target(store):
    req = intake(store)
    for target in ("", None, "dst mb!", "DST-MB", " dst-mb "):
        with pytest.raises(ValidationError) as err:
            services.forward(store, req["id"], target, actor="admin", today=TODAY)
        assert fields_of(err.value) == {"to_office"}
    assert "kantor sendiri" in err.value.message
    assert services.pending_forwards(store) == []
    assert len(services.events(store, req["id"])) == 1


def test_only_open_requests_can_be_forwarded(store):
    for key, value in SIGNER.items():
        store.set_meta(key, value)
    rejected = intake(store)
    services.reject(store, rejected["id"], "Bukan warga distrik ini", actor="admin", today=TODAY)
    done = intake(store)
    services.verify(store, done["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
    services.process(store, done["id"], actor="admin", today=TODAY)
    services.complete(store, done["id"], actor="admin", today=TODAY)
    for req, word in ((rejected, "ditolak"), (done, "selesai")):
        with pytest.raises(ValidationError) as err:
            services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)
        assert fields_of(err.value) == {"status"} and word in err.value.message
        assert store.get(services.SERVICE_REQUESTS, req["id"]).get("diteruskan_ke") is None
    for status in ("diterima", "diverifikasi", "diproses"):  # every open status can
        req = intake(store)
        if status != "diterima":
            services.verify(store, req["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
        if status == "diproses":
            services.process(store, req["id"], actor="admin", today=TODAY)
        assert services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)["status"] == status
    assert len(services.pending_forwards(store)) == 3


def test_a_transferred_stub_refuses_every_workflow_action(store):
    for key, value in SIGNER.items():
        store.set_meta(key, value)
    req = intake(store, today=TODAY.replace(month=1))  # long past its due date
    services.verify(store, req["id"], actor="admin", dokumen=required_documents("domisili"), today=TODAY)
    services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)
    assert services.overdue(store, TODAY) and services.counter_today(store, TODAY).overdue == 1
    arrive_as_stub(store, req["id"], "DST-KN")
    stub = store.get(services.SERVICE_REQUESTS, req["id"])
    assert (stub["readonly"], stub["office_id"], stub["status"]) == (1, "DST-KN", "diverifikasi")
    assert services.pending_forwards(store) == []
    assert [r["id"] for r in services.search(store)] == [req["id"]]  # still listed here …
    assert services.overdue(store, TODAY) == [] and not services.is_overdue(stub, TODAY)  # … not as ours to finish
    counter = services.counter_today(store, TODAY)
    assert counter.overdue == 0 and counter.open_by_status["diverifikasi"] == 0
    actions = [
        lambda: services.process(store, req["id"], actor="admin", today=TODAY),
        lambda: services.reject(store, req["id"], "Berkas palsu", actor="admin", today=TODAY),
        lambda: services.advance(store, req["id"], "diproses", actor="admin", today=TODAY),
        lambda: services.complete(store, req["id"], actor="admin", today=TODAY),
        lambda: services.update_request(store, req["id"], {"nama": "Maria Kogoya"}, actor="admin", today=TODAY),
        lambda: services.forward(store, req["id"], "DST-KK", actor="admin", today=TODAY),
    ]
    for action in actions:
        with pytest.raises(StoreError) as err:
            action()
        assert err.value.message == "Permohonan ini sudah dialihkan ke kantor lain dan hanya bisa dibaca."
        assert err.value.message_en == "This request was transferred to another office and is read-only."
    assert len(services.events(store, req["id"])) == 3  # nothing was added


def test_the_receiving_office_goes_on_from_the_status_it_arrived_with(store):
    req = intake(store)
    services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)
    with store.transaction() as tx:  # as it arrives at DST-KN: owned by DST-KN now
        tx.execute("UPDATE service_requests SET office_id = 'DST-KN' WHERE id = ?", (req["id"],))
        tx.set_meta("office_code", "DST-KN")
    assert services.pending_forwards(store) == []
    verified = services.verify(store, req["id"], actor="kn", dokumen=required_documents("domisili"), today=TODAY)
    assert verified["status"] == "diverifikasi"
    # … and may send it on (or back).
    back = services.forward(store, req["id"], "DST-MB", actor="kn", today=TODAY)
    assert back["diteruskan_ke"] == "DST-MB"
    assert [r["id"] for r in services.pending_forwards(store)] == [req["id"]]


def test_the_sync_hook_transfers_both_complaints_and_requests(store):
    from desktop.domain import complaints

    req = intake(store)
    services.forward(store, req["id"], "DST-KN", actor="admin", today=TODAY)
    complaint = complaints.new_complaint(store, {"channel": "langsung", "pelapor_nama": "Yakobus Magal",
                                                 "kategori": "Kesehatan", "uraian": "Obat habis."},
                                         actor="admin", today=TODAY)
    complaints.forward(store, complaint["id"], "PKM-TIMIKA", actor="admin", today=TODAY)
    unsynced = intake(store)
    services.forward(store, unsynced["id"], "DST-KK", actor="admin", today=TODAY)
    with store.transaction() as tx:  # the first two are on the server already; the third not yet
        tx.execute("UPDATE service_requests SET rev = 3 WHERE id = ?", (req["id"],))
        tx.execute("UPDATE complaints SET rev = 4 WHERE id = ?", (complaint["id"],))

    class Recorder:
        def __init__(self):
            self.calls = []

        def transfer(self, collection, record_id, to_office):
            self.calls.append((collection, record_id, to_office))
            return {"ok": True}

    client = Recorder()
    assert syncing.transfer_forwards(store, client) == 2
    assert sorted(client.calls) == sorted([("complaints", complaint["id"], "PKM-TIMIKA"),
                                           ("service_requests", req["id"], "DST-KN")])


def test_forward_events_are_schema_checked(store):
    req = intake(store)
    with pytest.raises(ValidationError) as err, store.transaction() as tx:
        tx.save(services.SERVICE_EVENTS, {"request_id": req["id"], "status": "diterima", "tanggal": "2026-11-27",
                                          "to_office": "kantor ku!"}, actor="admin")
    assert fields_of(err.value) == {"to_office"}
