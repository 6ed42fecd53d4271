"""No echo and pages that follow the backlog (docs/SYNC.md §4), against the real server on SQLite and
PostgreSQL: a device that asks for ``no_echo`` is not sent back what it wrote itself, learns the rev
from the acknowledgement, and still receives everything it does not hold; an old-style request gets
the echo as before; the engine pushes a long outbox in pages of 1,000 and an incremental sync stays
one request."""

from __future__ import annotations

import pytest

from desktop.domain import letters, syncing
from sync.engine import sync_once
from sync.protocol import MAX_MUTATIONS, compact_exact_runs, expand_exact_runs

from .conftest import MemoryReplica, letter, new_id

MASUK = {"tanggal_terima": "2026-11-27", "asal": "Dinas Sosial", "perihal": "Undangan", "sifat": "biasa"}


@pytest.fixture(autouse=True)
def token_file(monkeypatch):
    monkeypatch.setenv("LAYAN_TOKEN_STORE", "file")


def test_old_style_request_still_gets_its_echo(server):
    dev = server.new_device(server.new_office())
    ids = [new_id() for _ in range(3)]
    reply = dev.sync(*[dev.mut("letters", rid, letter(i + 1)) for i, rid in enumerate(ids)])
    assert [r["status"] for r in reply["results"]] == ["applied"] * 3
    assert not any("exact" in r for r in reply["results"]) and "exact_runs" not in reply
    assert {c["id"] for c in reply["changes"]} >= set(ids)  # the echo, as older clients expect


def test_no_echo_acknowledges_with_revs_and_sends_nothing_back(server):
    dev = server.new_device(server.new_office())
    cursor = dev.sync(cursor=0, limit=1000)["cursor"]  # the device holds everything up to here
    ids = [new_id() for _ in range(5)]
    reply = dev.sync(*[dev.mut("letters", rid, letter(i + 1)) for i, rid in enumerate(ids)],
                     cursor=cursor, no_echo=True)
    results = expand_exact_runs(reply)
    assert [r["mseq"] for r in results] == [1, 2, 3, 4, 5]
    assert all(r["status"] == "applied" and r["exact"] for r in results)
    assert reply["results"] == [] and len(reply["exact_runs"]) == 1  # one run: [1, 5, first rev]
    assert not {c["id"] for c in reply["changes"]} & set(ids)
    revs = {server.storage.record(rid)["rev"] for rid in ids}
    assert {r["rev"] for r in results} == revs
    assert reply["cursor"] == max(revs) and not reply["has_more"]  # moved past what it holds
    # An edit of a record it holds: exact again, nothing sent back, the rev moves.
    edit = dev.mut("letters", ids[0], {"perihal": "Diubah"}, base_rev=results[0]["rev"])
    again = dev.sync(edit, cursor=reply["cursor"], no_echo=True)
    (res,) = expand_exact_runs(again)
    assert res["exact"] and res["rev"] == server.storage.record(ids[0])["rev"] > results[0]["rev"]
    assert again["changes"] == [] and again["cursor"] == res["rev"]
    # Another device of the office receives all of it (the filter is per device).
    other = server.new_device(dev.office)
    got = other.pull_all()
    assert set(ids) <= set(got) and got[ids[0]]["fields"]["perihal"] == "Diubah"
    # The device itself, pulling from 0 (e.g. after a server restore), is not sent its own again.
    seen, cursor = set(), 0
    while True:
        page = dev.sync(cursor=cursor, limit=2, no_echo=True)
        seen |= {c["id"] for c in page["changes"]}
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert seen and not seen & set(ids) and cursor >= again["cursor"]


def test_a_record_the_device_does_not_hold_is_sent_back(server):
    """Another device changed the record after the cursor of the writer: the writer's ack is not
    exact and it receives the whole record, the other device's field included."""
    a = server.new_device(server.new_office())
    b = server.new_device(a.office)
    rid = new_id()
    first = a.sync(a.mut("letters", rid, letter(1)), cursor=0, limit=1000, no_echo=True)
    (created,) = expand_exact_runs(first)
    b_rev = b.sync(b.mut("letters", rid, {"keterangan": "dari B"}, base_rev=created["rev"]))["results"][0]["rev"]
    late = a.sync(a.mut("letters", rid, {"perihal": "dari A"}, base_rev=created["rev"]),
                  cursor=first["cursor"], no_echo=True)
    (res,) = expand_exact_runs(late)
    assert res["status"] == "applied" and "exact" not in res and res["rev"] > b_rev
    (change,) = [c for c in late["changes"] if c["id"] == rid]
    assert change["fields"]["keterangan"] == "dari B" and change["fields"]["perihal"] == "dari A"


def test_a_concurrent_loser_is_not_exact(server):
    a = server.new_device(server.new_office())
    b = server.new_device(a.office)
    rid = new_id()
    (created,) = expand_exact_runs(a.sync(a.mut("letters", rid, letter(1)), no_echo=True))
    b.sync(b.mut("letters", rid, {"perihal": "B menang"}, base_rev=created["rev"]))
    old_stamp = "1700000000000-00000-" + a.device_id.replace("-", "")[:12]
    reply = a.sync(a.mut("letters", rid, {"perihal": "A kalah"}, base_rev=created["rev"], stamp=old_stamp),
                   cursor=created["rev"], no_echo=True)
    (res,) = expand_exact_runs(reply)
    assert "exact" not in res and res.get("conflicts") == 1
    (change,) = [c for c in reply["changes"] if c["id"] == rid]
    assert change["fields"]["perihal"] == "B menang"


def test_transfer_after_an_exact_write_reaches_the_writer(server):
    """A later server-side write (a transfer) moves the rev: the writer receives its read-only stub."""
    a = server.new_device(server.new_office())
    other = server.new_office()
    rid = new_id()
    from .conftest import complaint

    first = a.sync(a.mut("complaints", rid, complaint()), cursor=0, limit=1000, no_echo=True)
    assert expand_exact_runs(first)[0]["exact"]
    a.client.transfer("complaints", rid, other)
    reply = a.sync(cursor=first["cursor"], no_echo=True)
    (change,) = [c for c in reply["changes"] if c["id"] == rid]
    assert change["readonly"] and change["office_id"] == other


def test_desktop_pc_receives_no_echo_and_keeps_the_server_rev(server, tmp_path):
    office = server.new_office()
    pc1 = server.desktop_pc(tmp_path / "pc1", office)
    pc2 = server.desktop_pc(tmp_path / "pc2", office, initialize=False)
    try:
        for store in (pc1, pc2):
            assert syncing.run_sync(store).ok
        made = [letters.register_incoming(pc1, {**MASUK, "perihal": f"Surat {i}"}, actor="op").record_id
                for i in range(30)]
        report = syncing.run_sync(pc1)
        assert report.ok and report.pushed == 30 and report.pulled == 0, report  # "30 terkirim, 0 diterima"
        local = dict(pc1.read().execute("SELECT id, rev FROM letters").fetchall())
        assert all(local[rid] == server.storage.record(rid)["rev"] > 0 for rid in made)
        assert syncing.run_sync(pc2).pulled >= 30
        # The other PC edits one; the first edits another field of it offline (its base is current).
        letters.update_letter(pc2, made[0], {"keterangan": "dari pc2"}, actor="op")
        assert syncing.run_sync(pc2).ok
        letters.update_letter(pc1, made[0], {"perihal": "Surat 0 (diubah)"}, actor="op")
        report = syncing.run_sync(pc1)
        assert report.ok and report.pulled == 1  # pc2's edit; its own is merged into the same change
        row = pc1.read().execute("SELECT perihal, keterangan, rev FROM letters WHERE id = ?", (made[0],)).fetchone()
        server_rec = server.storage.record(made[0])
        assert tuple(row) == ("Surat 0 (diubah)", "dari pc2", server_rec["rev"])
        assert syncing.run_sync(pc2).ok
        row2 = pc2.read().execute("SELECT perihal, keterangan FROM letters WHERE id = ?", (made[0],)).fetchone()
        assert tuple(row2) == ("Surat 0 (diubah)", "dari pc2")
    finally:
        pc1.close()
        pc2.close()


class PushOnlyReplica(MemoryReplica):
    """Takes exact acknowledgements (no echo); only its outbox matters here."""

    no_echo = True


def test_long_outbox_goes_in_pages_of_1000_and_one_letter_in_one_request(server):
    dev = server.new_device(server.new_office())
    rep = PushOnlyReplica(dev.device_id)
    for i in range(2500):
        rep.put("letters", new_id(), letter(i + 1))
    report = sync_once(rep, dev.client, clock_ms=rep.device_clock_ms)
    assert report.ok and report.applied == 2500, report.error
    assert report.requests == 3  # 1,000 + 1,000 + 500 (pages of 200 took 13)
    rep.put("letters", new_id(), letter(2501))
    one = sync_once(rep, dev.client, clock_ms=rep.device_clock_ms)
    assert one.ok and one.applied == 1 and one.requests == 1


def test_exact_runs_compact_and_expand():
    results = [{"mseq": m, "status": "applied", "rev": 100 + m, "exact": True} for m in range(1, 6)]
    results[2] = {"mseq": 3, "status": "rejected", "errors": []}
    results.append({"mseq": 6, "status": "applied", "rev": 300, "exact": True})
    rest, runs = compact_exact_runs(results)
    assert rest == [results[2]] and runs == [[1, 2, 101], [4, 2, 104], [6, 1, 300]]
    assert expand_exact_runs({"results": rest, "exact_runs": runs}) == results
    assert len(expand_exact_runs({"results": [], "exact_runs": [[1, 10**6, 1]]})) == MAX_MUTATIONS


def test_a_create_is_stored_with_the_json_the_envelope_checks_encoded():
    """JSON encoded once: the text a create is stored with equals encoding its record afresh."""
    import time as _time

    from sync.server.app import prevalidate
    from sync.server.storage import _created, _dumps

    raw = {"mseq": 1, "collection": "letters", "id": new_id(), "op": "put", "base_rev": 0,
           "fields": {**letter(1), "perihal": 'Kutipan "resmi" — Timika'}, "hlc": "1795817417082-00000-pc1",
           "actor": 'ani "op"'}
    m = prevalidate(raw, int(_time.time() * 1000))
    assert m.errors is None and m.fields_json
    rec = _created(m, "DST-MB", 42, "device-1")
    assert rec.fields_json == _dumps(rec.fields) and rec.meta_json == _dumps(rec.meta_doc())


def test_an_edit_with_a_bad_value_is_still_refused(server):
    dev = server.new_device(server.new_office())
    rid = new_id()
    (created,) = expand_exact_runs(dev.sync(dev.mut("letters", rid, letter(1)), no_echo=True))
    reply = dev.sync(dev.mut("letters", rid, {"year": "dua ribu"}, base_rev=created["rev"]), no_echo=True)
    (res,) = expand_exact_runs(reply)
    assert res["status"] == "rejected" and res["errors"][0]["field"] == "year"
    assert server.storage.record(rid)["fields"]["year"] == letter(1)["year"]
