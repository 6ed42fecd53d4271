"""POST /v1/sync against the real server (SQLite and PostgreSQL): idempotency, gaps, merge rules,
conflicts, deletes, append-only collections, clocks, paging, versions."""

from __future__ import annotations

import json
import time

import pytest

from sync import hlc
from sync.protocol import (
    CLOCK_MAX_AHEAD_MS,
    CursorAhead,
    MseqGap,
    MseqReused,
    UpgradeRequired,
)
from tests.integration.conftest import complaint, letter, new_id

YEAR_MS = 365 * 86_400_000


def stamp(offset_ms: int, node: str, counter: int = 0) -> str:
    return str(hlc.Stamp(int(time.time() * 1000) + offset_ms, counter, node))


def conflicts_for(dev, record_id: str) -> list[dict]:
    return [c["fields"] for c in dev.pull_all().values()
            if c["collection"] == "conflicts" and c["fields"]["record_id"] == record_id]


def test_health_and_openapi(server):
    r = server.storage  # noqa: F841 - opening the database from the test process must work too
    import requests

    health = requests.get(server.url + "/v1/health", timeout=10).json()
    assert health["ok"] is True and health["schema_v"] == 1 and isinstance(health["server_time"], int)
    spec = requests.get(server.url + "/openapi.json", timeout=10).json()
    assert {"/v1/sync", "/v1/enroll", "/v1/transfer", "/v1/health"} <= set(spec["paths"])
    body = spec["paths"]["/v1/sync"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "mutations" in body["properties"]


def test_push_then_pull_roundtrip(server):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    reply = a.sync(a.mut("letters", rid, letter(1)))
    assert reply["acked_mseq"] == 1
    assert reply["results"] == [{"mseq": 1, "status": "applied", "rev": reply["results"][0]["rev"]}]
    got = {c["id"]: c for c in reply["changes"]}
    assert got[rid]["fields"]["perihal"] == "Undangan rapat 1"
    assert got[rid]["office_id"] == office and got[rid]["deleted"] is False
    assert set(got[rid]["field_hlc"]) == set(letter(1))
    # the office's own reference record comes down too
    assert any(c["collection"] == "offices" and c["fields"]["code"] == office for c in reply["changes"])
    # a second device of the same office receives it
    b = server.new_device(office)
    assert b.pull_all()[rid]["fields"] == letter(1)


def test_initial_sync_pages_through_everything(server):
    office = server.new_office()
    a = server.new_device(office)
    ids = [new_id() for _ in range(23)]
    a.sync(*[a.mut("letters", rid, letter(i + 1)) for i, rid in enumerate(ids)])
    b = server.new_device(office)
    cursor, seen, pages = 0, [], 0
    while True:
        reply = b.sync(cursor=cursor, limit=5)
        pages += 1
        assert len(reply["changes"]) <= 5
        revs = [c["rev"] for c in reply["changes"]]
        assert revs == sorted(revs) and all(r > cursor for r in revs)
        seen += [c["id"] for c in reply["changes"]]
        cursor = reply["cursor"]
        if not reply["has_more"]:
            break
    assert set(ids) <= set(seen)
    assert len(seen) == len(set(seen))
    assert pages >= 5


def test_retried_page_is_applied_once(server):
    office = server.new_office()
    a = server.new_device(office)
    ids = [new_id() for _ in range(3)]
    page = [a.mut("letters", rid, letter(i + 1)) for i, rid in enumerate(ids)]
    first = a.sync(*page)
    assert [r["status"] for r in first["results"]] == ["applied"] * 3
    revs = {rid: server.storage.record(rid)["rev"] for rid in ids}
    count = server.storage.count("letters", office)
    again = a.sync(*page)  # the reply was lost: the client sends the same page again
    assert [r["status"] for r in again["results"]] == ["duplicate"] * 3
    assert [r["rev"] for r in again["results"]] == [r["rev"] for r in first["results"]]
    assert again["acked_mseq"] == 3
    assert server.storage.count("letters", office) == count
    assert {rid: server.storage.record(rid)["rev"] for rid in ids} == revs
    # a retry that overlaps with new mutations: old ones re-acked, the new one applied
    extra = a.mut("letters", ids[0], {"keterangan": "tambahan"}, base_rev=revs[ids[0]])
    mixed = a.sync(*page[1:], extra)
    assert [r["status"] for r in mixed["results"]] == ["duplicate", "duplicate", "applied"]
    assert server.storage.record(ids[0])["fields"]["keterangan"] == "tambahan"


def test_gap_is_refused_with_expected_and_nothing_applied(server):
    office = server.new_office()
    a = server.new_device(office)
    a.sync(a.mut("letters", new_id(), letter(1)))
    before = server.storage.count(office=office)
    rid = new_id()
    with pytest.raises(MseqGap) as err:
        a.sync(a.mut("letters", rid, letter(2), mseq=4), a.mut("letters", new_id(), letter(3), mseq=5))
    assert err.value.expected == 2 and err.value.status == 409
    raw = a.raw("/v1/sync", a.request([a.mut("letters", rid, letter(2), mseq=7)]))
    assert raw.status_code == 409 and raw.json()["error"] == "mseq_gap" and raw.json()["expected"] == 2
    assert server.storage.record(rid) is None
    assert server.storage.count(office=office) == before
    assert server.storage.device_info(a.device_id)["last_mseq"] == 1


def test_non_consecutive_page_is_a_400(server):
    a = server.new_device(server.new_office())
    r = a.raw("/v1/sync", a.request([a.mut("letters", new_id(), letter(1), mseq=1),
                                      a.mut("letters", new_id(), letter(2), mseq=3)]))
    assert r.status_code == 400 and r.json()["error"] == "bad_request"
    assert server.storage.device_info(a.device_id)["last_mseq"] == 0


def test_reused_mseq_with_other_content_is_detected(server):
    """An old backup restored on the PC would reuse mseqs: never silently drop those edits."""
    a = server.new_device(server.new_office())
    a.sync(a.mut("letters", new_id(), letter(1), mseq=1))
    with pytest.raises(MseqReused) as err:
        a.sync(a.mut("letters", new_id(), letter(9), mseq=1))
    assert err.value.mseq == 1


def test_rejected_mutation_is_acked_and_others_applied(server):
    office = server.new_office()
    a = server.new_device(office)
    good1, bad, good2 = new_id(), new_id(), new_id()
    page = [a.mut("letters", good1, letter(1)),
            a.mut("letters", bad, letter(2, year="dua ribu", sifat="kilat")),
            a.mut("letters", good2, letter(3))]
    reply = a.sync(*page)
    assert reply["acked_mseq"] == 3
    st = [r["status"] for r in reply["results"]]
    assert st == ["applied", "rejected", "applied"]
    errors = reply["results"][1]["errors"]
    assert {e["field"] for e in errors} == {"year", "sifat"}
    assert all(e["message"] and e["message_en"] for e in errors)
    assert any("bilangan bulat" in e["message"] for e in errors)
    assert server.storage.record(bad) is None
    assert server.storage.record(good1) and server.storage.record(good2)
    # the reply got lost: the retry reports the rejection again (not a bare "duplicate")
    again = a.sync(*page)
    assert [r["status"] for r in again["results"]] == ["duplicate", "rejected", "duplicate"]
    assert again["results"][1]["errors"] == errors


def test_missing_required_fields_on_create_and_null_on_update(server):
    a = server.new_device(server.new_office())
    rid = new_id()
    reply = a.sync(a.mut("letters", rid, {"direction": "masuk", "year": 2026}))
    assert reply["results"][0]["status"] == "rejected"
    assert {"seq", "perihal", "sifat"} <= {e["field"] for e in reply["results"][0]["errors"]}
    reply = a.sync(a.mut("letters", rid, letter(1)))
    rev = reply["results"][0]["rev"]
    reply = a.sync(a.mut("letters", rid, {"perihal": None}, base_rev=rev))
    assert reply["results"][0]["status"] == "rejected"
    assert reply["results"][0]["errors"][0]["field"] == "perihal"
    assert server.storage.record(rid)["fields"]["perihal"] == "Undangan rapat 1"


def test_unknown_fields_are_kept(server):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    a.sync(a.mut("letters", rid, letter(1, catatan_versi_baru={"x": [1, 2]})))
    b = server.new_device(office)
    assert b.pull_all()[rid]["fields"]["catatan_versi_baru"] == {"x": [1, 2]}


def test_disjoint_fields_merge_without_conflict(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = a.sync(a.mut("letters", rid, letter(1)))["results"][0]["rev"]
    a.sync(a.mut("letters", rid, {"perihal": "Perihal A"}, base_rev=rev))
    b.sync(b.mut("letters", rid, {"keterangan": "Catatan B"}, base_rev=rev))
    rec = server.storage.record(rid)
    assert rec["fields"]["perihal"] == "Perihal A" and rec["fields"]["keterangan"] == "Catatan B"
    assert conflicts_for(a, rid) == []


@pytest.mark.parametrize("later_arrives", ["first", "second"])
def test_same_field_concurrent_edits_later_stamp_wins_loser_kept(server, later_arrives):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    a.actor, b.actor = "ani", "budi"
    rid = new_id()
    rev = a.sync(a.mut("letters", rid, letter(1)))["results"][0]["rev"]
    early = ("A", a, stamp(1000, a.device_id))
    late = ("B", b, stamp(2000, b.device_id))
    order = [late, early] if later_arrives == "first" else [early, late]
    for name, dev, st in order:
        reply = dev.sync(dev.mut("letters", rid, {"perihal": f"Perihal {name}"}, base_rev=rev, stamp=st))
        assert reply["results"][0]["status"] == "applied"
    assert server.storage.record(rid)["fields"]["perihal"] == "Perihal B"
    conflicts = conflicts_for(a, rid)
    assert len(conflicts) == 1
    c = conflicts[0]
    assert c["field"] == "perihal" and c["collection"] == "letters" and c["resolved"] is False
    assert (c["lost_value"], c["lost_actor"], c["lost_hlc"]) == ("Perihal A", "ani", early[2])
    assert (c["won_value"], c["won_actor"], c["won_hlc"]) == ("Perihal B", "budi", late[2])
    # the conflict belongs to the record's office: it syncs to the other device too
    assert conflicts_for(b, rid) == conflicts


def test_edit_after_seeing_the_other_edit_is_not_a_conflict(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = a.sync(a.mut("letters", rid, letter(1)))["results"][0]["rev"]
    rev2 = a.sync(a.mut("letters", rid, {"perihal": "dari A"}, base_rev=rev))["results"][0]["rev"]
    # B saw rev2 (so its base_rev is rev2) — even with a clock behind, its edit is causally later
    b.sync(b.mut("letters", rid, {"perihal": "dari B"}, base_rev=rev2, stamp=stamp(-3_600_000, b.device_id)))
    rec = server.storage.record(rid)
    assert rec["fields"]["perihal"] == "dari B"
    assert rec["field_hlc"]["perihal"] > server.storage.record(rid)["field_hlc"]["sifat"]
    assert conflicts_for(a, rid) == []


def test_compact_stamps_leave_out_only_the_stamps_equal_to_the_record_hlc(server):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    rev = a.sync(a.mut("letters", rid, letter(1)))["results"][0]["rev"]
    a.sync(a.mut("letters", rid, {"perihal": "Diubah"}, base_rev=rev))
    full = a.sync()["changes"]
    compact = a.sync(compact_stamps=True)["changes"]
    full_rec = next(c for c in full if c["id"] == rid)
    compact_rec = next(c for c in compact if c["id"] == rid)
    assert set(full_rec["field_hlc"]) == set(letter(1))
    # Only the edited field carries the newest stamp, the record's hlc: it is the one left out.
    assert compact_rec["hlc"] == full_rec["field_hlc"]["perihal"]
    assert set(compact_rec["field_hlc"]) == set(letter(1)) - {"perihal"}
    rebuilt = {**dict.fromkeys(compact_rec["fields"], compact_rec["hlc"]), **compact_rec["field_hlc"]}
    assert rebuilt == full_rec["field_hlc"]


def test_own_successive_edits_are_not_conflicts(server):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    m1 = a.mut("letters", rid, letter(1))
    m2 = a.mut("letters", rid, {"perihal": "kedua"}, base_rev=0)
    m3 = a.mut("letters", rid, {"perihal": "ketiga"}, base_rev=0)
    reply = a.sync(m1, m2, m3)
    assert [r["status"] for r in reply["results"]] == ["applied"] * 3
    assert server.storage.record(rid)["fields"]["perihal"] == "ketiga"
    assert conflicts_for(a, rid) == []


def _created(dev, rid, fields=None):
    return dev.sync(dev.mut("complaints", rid, fields or complaint()))["results"][0]["rev"]


def test_delete_later_than_concurrent_edit_wins_and_records_who_edited_what(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = _created(a, rid)
    b.sync(b.mut("complaints", rid, {"uraian": "edit B"}, base_rev=rev, stamp=stamp(1000, b.device_id)))
    a.sync(a.mut("complaints", rid, op="delete", base_rev=rev, stamp=stamp(5000, a.device_id)))
    rec = server.storage.record(rid)
    assert rec["deleted"] is True
    [c] = conflicts_for(a, rid)
    assert c["kind"] == "edit_vs_delete" and c["field"] == "_deleted"
    assert c["lost_value"] == ["uraian"] and c["won_value"] is True


def test_a_later_edit_does_not_bring_a_deleted_record_back(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = _created(a, rid)
    a.sync(a.mut("complaints", rid, op="delete", base_rev=rev, stamp=stamp(1000, a.device_id)))
    reply = b.sync(b.mut("complaints", rid, {"status": "diverifikasi", "uraian": "B"}, base_rev=rev,
                         stamp=stamp(5000, b.device_id)))
    assert reply["results"][0]["status"] == "applied" and reply["results"][0]["conflicts"] == 1
    rec = server.storage.record(rid)
    assert rec["deleted"] is True and "uraian" not in rec["fields"] and "status" not in rec["fields"]
    [c] = conflicts_for(a, rid)
    assert c["kind"] == "edit_vs_delete" and c["lost_value"] == ["status", "uraian"] and c["won_value"] is True
    assert "B" not in json.dumps(c)


def test_edit_earlier_than_delete_is_recorded_without_its_values(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = _created(a, rid)
    a.sync(a.mut("complaints", rid, op="delete", base_rev=rev, stamp=stamp(5000, a.device_id)))
    reply = b.sync(b.mut("complaints", rid, {"uraian": "B menulis dulu"}, base_rev=rev,
                         stamp=stamp(1000, b.device_id)))
    assert reply["results"][0]["status"] == "applied" and reply["results"][0]["conflicts"] == 1
    assert server.storage.record(rid)["deleted"] is True
    [c] = conflicts_for(a, rid)
    assert c["kind"] == "edit_vs_delete" and c["lost_value"] == ["uraian"]


def test_delete_earlier_than_a_concurrent_edit_still_wins(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = _created(a, rid)
    b.sync(b.mut("complaints", rid, {"uraian": "B"}, base_rev=rev, stamp=stamp(5000, b.device_id)))
    a.sync(a.mut("complaints", rid, op="delete", base_rev=rev, stamp=stamp(1000, a.device_id)))
    rec = server.storage.record(rid)
    assert rec["deleted"] is True and rec["fields"].get("tracking_code") and "uraian" not in rec["fields"]
    [c] = conflicts_for(a, rid)
    assert c["kind"] == "edit_vs_delete" and c["lost_value"] == ["uraian"]


def test_deliberate_undelete_is_not_a_conflict(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    rev = _created(a, rid)
    drev = a.sync(a.mut("complaints", rid, op="delete", base_rev=rev))["results"][0]["rev"]
    assert b.pull_all()[rid]["deleted"] is True
    b.sync(b.mut("complaints", rid, {"status": "selesai"}, base_rev=drev))
    assert server.storage.record(rid)["deleted"] is False
    assert conflicts_for(a, rid) == []


def test_append_only_collection_accepts_only_creates(server):
    office = server.new_office()
    a = server.new_device(office)
    lid, did = new_id(), new_id()
    a.sync(a.mut("letters", lid, letter(1)))
    disp = {"letter_id": lid, "kepada": "Sekretaris Distrik", "instruksi": "Tindak lanjuti"}
    rev = a.sync(a.mut("dispositions", did, disp))["results"][0]["rev"]
    reply = a.sync(a.mut("dispositions", did, {"instruksi": "Ubah"}, base_rev=rev),
                   a.mut("dispositions", did, op="delete", base_rev=rev))
    assert [r["status"] for r in reply["results"]] == ["rejected", "rejected"]
    rec = server.storage.record(did)
    assert rec["fields"]["instruksi"] == "Tindak lanjuti" and rec["deleted"] is False


def test_server_owned_and_unknown_collections_are_rejected(server):
    office = server.new_office()
    a = server.new_device(office)
    ids = [new_id(), new_id()]
    reply = a.sync(a.mut("users", ids[0], {"username": "x", "role": "admin"}),
                   a.mut("tabel_rahasia", ids[1], {"a": 1}))
    assert [r["status"] for r in reply["results"]] == ["rejected", "rejected"]
    assert all(server.storage.record(i) is None for i in ids)


def test_users_sync_to_their_office_only(server):
    office_a, office_b = server.new_office(), server.new_office("puskesmas")
    a, b = server.new_device(office_a), server.new_device(office_b)
    server.cli("user", "add", "--office", office_a, "--username", f"u{office_a.lower()[-8:]}",
               "--role", "operator", "--full-name", "Ani Operator", "--password-stdin", input="rahasia-123\n")
    users_a = [c for c in a.pull_all().values() if c["collection"] == "users"]
    assert len(users_a) == 1 and users_a[0]["fields"]["full_name"] == "Ani Operator"
    assert users_a[0]["fields"]["password_hash"].startswith("scrypt$")
    assert not [c for c in b.pull_all().values() if c["collection"] == "users"]
    # every office sees every office (the list of offices to forward to)
    codes_b = {c["fields"]["code"] for c in b.pull_all().values() if c["collection"] == "offices"}
    assert {office_a, office_b} <= codes_b


def test_future_stamps_are_clamped_and_past_clocks_accepted(server):
    office = server.new_office()
    a, b = server.new_device(office), server.new_device(office)
    rid = new_id()
    future = stamp(10 * YEAR_MS, a.device_id)
    before = int(time.time() * 1000)
    reply = a.sync(a.mut("letters", rid, letter(1), stamp=future), client_time=before + 10 * YEAR_MS)
    assert reply["results"][0]["status"] == "applied"
    got = hlc.Stamp.parse(server.storage.record(rid)["field_hlc"]["perihal"])
    assert got.wall_ms <= reply["server_time"] + CLOCK_MAX_AHEAD_MS
    assert got.node == a.device_id
    # a PC ten years behind is not refused either; its concurrent edit loses but is kept
    rev = reply["results"][0]["rev"]
    reply = b.sync(b.mut("letters", rid, {"perihal": "jam mundur"}, base_rev=rev - 1,
                         stamp=stamp(-10 * YEAR_MS, b.device_id)), client_time=before - 10 * YEAR_MS)
    assert reply["results"][0]["status"] == "applied"
    devs = {d["id"]: d for d in server.storage.list_devices()}
    assert devs[a.device_id]["clock_offset_ms"] < -9 * YEAR_MS  # `layan-server devices` shows it
    assert devs[b.device_id]["clock_offset_ms"] > 9 * YEAR_MS
    [c] = conflicts_for(a, rid)
    assert c["lost_value"] == "jam mundur"


def test_cursor_beyond_the_server_is_reported(server):
    a = server.new_device(server.new_office())
    with pytest.raises(CursorAhead) as err:
        a.sync(cursor=10**12)
    assert err.value.server_rev < 10**12


@pytest.mark.parametrize("change", [{"schema_v": 99}, {"schema_v": 0}, {"app_version": "0.0.9"}])
def test_upgrade_required_and_nothing_applied(server, change):
    a = server.new_device(server.new_office())
    rid = new_id()
    with pytest.raises(UpgradeRequired) as err:
        a.client.sync_page(a.request([a.mut("letters", rid, letter(1))], **change))
    assert err.value.status == 426
    assert err.value.body["error"] == "upgrade_required" and err.value.min_app_version == "0.1.0"
    assert err.value.message.startswith("Versi aplikasi")
    assert server.storage.record(rid) is None
    assert server.storage.device_info(a.device_id)["last_mseq"] == 0


def test_device_stats_are_recorded(server):
    a = server.new_device(server.new_office(), name="PC-Loket")
    a.sync(a.mut("letters", new_id(), letter(1)), waiting=17)
    [d] = [d for d in server.storage.list_devices() if d["id"] == a.device_id]
    assert d["name"] == "PC-Loket" and d["waiting"] == 17 and d["last_mseq"] == 1
    assert d["last_seen_ms"] is not None and d["app_version"] == "0.1.0"


def test_pull_only_syncs_record_stats_when_something_changed(server):
    a = server.new_device(server.new_office())

    def row():
        return next(d for d in server.storage.list_devices() if d["id"] == a.device_id)

    assert row()["last_seen_ms"] is None
    a.sync(waiting=5)
    assert row()["waiting"] == 5 and row()["last_seen_ms"] is not None
    a.sync(waiting=5)  # a quick repeated poll: nothing new to record
    a.sync(waiting=7)
    assert row()["waiting"] == 7
