"""A real desktop store against a hostile server (tests/tools/hostile_server.py): each finding of a
server reply the PC used to believe is replayed, and after each the PC opens its data, its outbox
still holds every change it has not truly delivered, and no foreign record or setting is stored."""

from __future__ import annotations

import json

import pytest
import uuid6

from desktop.domain import letters, open_store, status, syncing
from desktop.domain import office as office_mod
from sync import hlc
from sync.client import InsecureTransport, SyncClient
from sync.protocol import DeadlineExceeded, ProtocolError, now_ms
from tests.tools.hostile_server import HostileServer, Reply, sync_reply

OFFICE = "DST-A"
MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


@pytest.fixture
def hostile():
    with HostileServer() as srv:
        srv.on("/v1/enroll", {"device_id": str(uuid6.uuid7()), "token": "t0k3n", "server_time": now_ms(),
                              "office": {"code": OFFICE, "name": "Distrik A", "kind": "distrik"}})
        srv.on("/v1/blocks", lambda req: {"series": req["series"], "year": req["year"], "start": req["floor"],
                                          "end": req["floor"] + req["count"] - 1, "server_time": now_ms()})
        srv.on("/v1/usb-key", Reply({"error": "not_found", "message": "-", "message_en": "-"}, 404))
        yield srv


@pytest.fixture
def pc(tmp_path, hostile):
    """A real store, made as tests/integration/conftest.py makes one, enrolled with the hostile server,
    holding two letters not yet sent."""
    store = open_store(tmp_path / "pc")
    office_mod.initialize(store, code=OFFICE, name="Distrik A", kind="distrik")
    syncing.enroll(store, hostile.url, "CODE-1234", device_name="pc")
    for i in range(2):
        letters.register_incoming(store, {**MASUK, "perihal": f"Surat {i}"}, actor="op")
    yield store
    store.close()


def client(hostile, **kw) -> SyncClient:
    return SyncClient(hostile.url, "t0k3n", retries=0, timeout=(2, 5), **kw)


def sync(store, hostile, **kw):
    with client(hostile, **kw) as c:
        return syncing.run_sync(store, client=c)


def unsent(store) -> set[str]:
    return {e["record_id"] for e in store.outbox()}


def assert_intact(store, waiting: set[str]) -> None:
    """The PC still opens its data, nothing unsent left the outbox, nothing foreign is stored."""
    folder = store.data_dir
    store.close()
    again = open_store(folder)
    try:
        assert waiting <= unsent(again)
        conn = again.read()
        for table in ("letters", "patients", "complaints"):
            assert conn.execute(f"SELECT count(*) FROM [{table}] WHERE office_id != ?", (OFFICE,)).fetchone()[0] == 0
        scopes = {r[0] for r in conn.execute("SELECT scope FROM central_config")}
        assert scopes <= {"all", "distrik", OFFICE}
        letters.register_incoming(again, {**MASUK, "perihal": "after"}, actor="op")  # a save still works
        assert hlc.is_valid(again.meta("hlc_last"))
    finally:
        again.close()


def change(collection: str, fields: dict, *, office: str = OFFICE, stamp: str | None = None, rev: int = 1,
           **extra) -> dict:
    stamp = stamp or f"{now_ms():013d}-00000-server"
    return {"collection": collection, "id": str(uuid6.uuid7()), "office_id": office, "rev": rev, "hlc": stamp,
            "deleted": False, "fields": fields, "field_hlc": {}, **extra}


LETTER = {"direction": "masuk", "year": 2026, "seq": 901, "perihal": "Dari server", "sifat": "biasa",
          "tanggal_terima": "2026-11-27", "asal": "Dinas Sosial"}


def test_a_far_future_stamp_is_clamped_and_the_store_still_opens(pc, hostile):
    """Finding 1: 9999999999999-99999-x, then one local save, used to make the data folder unopenable."""
    hostile.on("/v1/sync", lambda req: sync_reply(req, changes=[change("letters", LETTER, stamp="9999999999999-99999-x")]
                                                  if req["cursor"] == 0 else []))
    report = sync(pc, hostile)
    assert report.ok, report.error
    assert hlc.wall_ms(pc.clock.now()) < now_ms() + 10 * 60_000  # clamped like the server clamps
    row = pc.read().execute("SELECT hlc FROM letters WHERE seq = 901").fetchone()
    assert row is not None and hlc.wall_ms(row["hlc"]) < 9_999_999_999_999
    assert_intact(pc, set())  # everything was truly acknowledged


def test_a_damaged_stored_stamp_is_repaired_on_opening(tmp_path):
    store = open_store(tmp_path / "pc")
    office_mod.initialize(store, code=OFFICE, name="Distrik A", kind="distrik")
    with store.transaction() as tx:
        letters_change = tx.save("letters", {**LETTER, "seq": 1}, actor="op")
    store._write_conn.execute("UPDATE meta SET value = '99999999999999-00000-x' WHERE key = 'hlc_last'")
    store._write_conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('clock_offset_ms', 'junk')")
    store._write_conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('sync_cursor', '{}')")
    store.close()
    again = open_store(tmp_path / "pc")
    try:
        assert len(again.repairs) == 3, again.repairs
        assert json.loads(again.meta("store_repairs"))["repairs"] == again.repairs
        assert status.summary(again)["repaired_on_open"]["repairs"] == again.repairs  # `layan status` says it
        assert again.get("letters", letters_change.record_id)["seq"] == 1
        assert hlc.is_valid(again.clock.now())
        assert syncing.replica_for(again).cursor() == 0
    finally:
        again.close()


def test_an_ack_above_what_was_sent_is_not_believed(pc, hostile):
    """Finding 3: acked_mseq 10**12 and nothing applied dropped two unsent letters and reported ok."""
    waiting = unsent(pc)
    assert len(waiting) >= 2
    hostile.on("/v1/sync", lambda req: sync_reply(req, acked=10**12, results=[]))
    report = sync(pc, hostile)
    assert not report.ok and isinstance(report.error, ProtocolError)
    assert unsent(pc) == waiting
    assert_intact(pc, waiting)


def test_each_entry_leaves_only_on_its_own_acknowledgement(pc, hostile):
    first = pc.outbox()[0]
    waiting = unsent(pc) - {first["record_id"]}

    def only_the_first(req):
        mine = [{"mseq": m["mseq"], "status": "applied"} for m in req["mutations"] if m["mseq"] == first["mseq"]]
        return sync_reply(req, acked=10**12, results=mine)
    hostile.on("/v1/sync", only_the_first)
    report = sync(pc, hostile)
    assert not report.ok and isinstance(report.error, ProtocolError)
    assert unsent(pc) == waiting
    assert_intact(pc, waiting)


def test_another_offices_patient_and_setting_are_set_aside(pc, hostile):
    """Finding 3: a patient of office PKM-XX was stored on a PC of another office."""
    patient = change("patients", {"no_rm": "000123", "nama": "Maria", "jenis_kelamin": "P"}, office="PKM-XX")
    setting = change("config", {"scope": "PKM-XX", "key": "kop_instansi", "value": "Lain", "version": 1,
                                "published_ms": now_ms(), "published_by": "x"}, office="PKM-XX")
    own = change("letters", LETTER)
    hostile.on("/v1/sync", lambda req: sync_reply(req, changes=[patient, setting, own] if req["cursor"] == 0 else []))
    report = sync(pc, hostile)
    assert report.ok, report.error
    assert report.set_aside == 2
    rows = {r["id"]: r for r in pc.read().execute("SELECT * FROM refused_changes")}
    assert set(rows) == {patient["id"], setting["id"]}
    assert status.summary(pc)["refused_from_server"] == 2
    assert "PKM-XX" in rows[patient["id"]]["reason_en"]
    assert pc.read().execute("SELECT count(*) FROM letters WHERE id = ?", (own["id"],)).fetchone()[0] == 1
    assert_intact(pc, set())


def test_a_transferred_away_record_is_kept_as_a_read_only_stub(pc, hostile):
    stub = change("complaints", {"tracking_code": "ADU-1", "tanggal": "2026-03-02", "channel": "langsung",
                                 "uraian": "x", "status": "masuk"}, office="DST-B", readonly=True,
                  transfers=[{"from": OFFICE, "to": "DST-B", "at": now_ms()}])
    hostile.on("/v1/sync", lambda req: sync_reply(req, changes=[stub] if req["cursor"] == 0 else []))
    report = sync(pc, hostile)
    assert report.ok and report.set_aside == 0
    row = pc.read().execute("SELECT office_id, readonly FROM complaints WHERE id = ?", (stub["id"],)).fetchone()
    assert tuple(row) == ("DST-B", 1)


def test_a_dict_in_a_text_field_is_set_aside_and_sync_goes_on(pc, hostile):
    """Finding 7: a dict in a text field raised ProgrammingError, and the same page came back forever."""
    bad = change("letters", {**LETTER, "perihal": {"x": 1}})
    worse = change("letters", {**LETTER, "created_at": {"x": 1}})
    good = change("letters", {**LETTER, "seq": 902}, rev=3)
    hostile.on("/v1/sync", lambda req: sync_reply(req, changes=[bad, worse, good] if req["cursor"] == 0 else []))
    report = sync(pc, hostile)
    assert report.ok, report.error
    assert report.set_aside == 2
    assert syncing.replica_for(pc).cursor() == 3
    reasons = dict(pc.read().execute("SELECT id, reason_en FROM refused_changes").fetchall())
    assert "text" in reasons[bad["id"]] and "created_at" in reasons[worse["id"]]
    assert sync(pc, hostile).ok  # the next sync does not stumble on it again
    assert_intact(pc, set())


def test_has_more_without_progress_stops_after_a_few_rounds(pc, hostile):
    """Finding 7: has_more without progress ran up to 100,000 rounds."""
    hostile.on("/v1/sync", lambda req: sync_reply(req, has_more=True, cursor=req["cursor"] + 1))
    report = sync(pc, hostile)
    assert not report.ok and "no progress" in str(report.error)
    assert len(hostile.sync_requests()) <= 5
    assert_intact(pc, set())


def test_a_dripping_reply_meets_the_request_deadline(pc, hostile):
    """Finding 7: a reply dripping a byte every 0.7 s held one request 76 s."""
    waiting = unsent(pc)
    hostile.on("/v1/sync", lambda req: Reply(sync_reply(req), drip_s=0.05))
    report = sync(pc, hostile, deadline_s=0.5)
    assert not report.ok and isinstance(report.error, DeadlineExceeded)
    assert report.error.retryable
    assert unsent(pc) == waiting
    assert_intact(pc, waiting)


def test_dripping_headers_meet_the_request_deadline_too(pc, hostile):
    """A server that drips a header forever never lets a read time out: only the deadline ends it."""
    waiting = unsent(pc)
    hostile.on("/v1/sync", lambda req: Reply(sync_reply(req), drip_s=0.05, drip_headers=True))
    report = sync(pc, hostile, deadline_s=0.5)
    assert not report.ok and isinstance(report.error, DeadlineExceeded)
    assert unsent(pc) == waiting
    assert_intact(pc, waiting)


def test_an_infinite_number_is_refused_and_nothing_changes(pc, hostile):
    """Finding 8: 1e400 decodes to infinity."""
    waiting = unsent(pc)
    body = json.dumps(sync_reply({"mutations": [], "cursor": 0}, changes=[change("letters", LETTER)]))
    hostile.on("/v1/sync", Reply(body.replace('"year": 2026', '"year": 1e400').encode()))
    report = sync(pc, hostile)
    assert not report.ok
    assert unsent(pc) == waiting
    assert_intact(pc, waiting)


def test_an_absurd_server_time_is_not_believed(pc, hostile):
    offset = pc.meta("clock_offset_ms")
    hostile.on("/v1/sync", lambda req: sync_reply(req, server_time=9_999_999_999_999))
    assert sync(pc, hostile).ok
    assert pc.meta("clock_offset_ms") == offset
    assert abs(hlc.wall_ms(pc.clock.now()) - now_ms()) < 3_600_000


def test_plain_http_to_another_host_needs_the_lab_flag():
    """Finding 3: enroll and provisioning accepted http:// silently."""
    with pytest.raises(InsecureTransport):
        SyncClient("http://layan.example.go.id")
    with SyncClient("http://layan.example.go.id", allow_insecure_http=True) as lab:
        assert "lab" in lab.transport_warning
    with SyncClient("http://127.0.0.1:9") as local:
        assert local.transport_warning is None
    with SyncClient("https://layan.example.go.id") as tls:
        assert tls.transport_warning is None
