"""The server's own weak spots (issue findings 4, 8, 10, 11): predictable config ids, unbounded number
blocks, infinity in a body, enrollment guessing, files readable by everyone. Real server process."""

from __future__ import annotations

import json
import stat
import uuid

import pytest
import requests

from sync.client import SyncClient
from sync.protocol import EnrollError, ServerBusy
from sync.server.storage import SQLITE_FILE, Storage
from tests.integration.conftest import complaint, letter, new_id


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_device_cannot_block_config_by_taking_its_id_first(server):
    """Finding 4: config ids were uuid5(scope, key); a device created complaints with those ids and
    `layan-server config set` then crashed, for one office or for all."""
    dev = server.new_device(server.new_office())
    taken = [Storage.legacy_config_record_id(scope, "kop_instansi") for scope in (dev.office, "all", "distrik")]
    reply = dev.sync(*[dev.mut("complaints", rid, complaint()) for rid in taken])
    assert [r["status"] for r in reply["results"]] == ["applied"] * 3
    for scope in (dev.office, "all", "distrik"):
        out = server.cli("config", "set", "kop_instansi", f"PEMERINTAH {scope}", "--scope", scope)
        assert out.returncode == 0
    published = {c["id"]: c for c in dev.pull_all().values() if c["collection"] == "config"}
    mine = [c for c in published.values() if c["fields"]["scope"] == dev.office]
    assert len(mine) == 1 and mine[0]["office_id"] == f"config:{dev.office}"
    assert not set(published) & set(taken)
    for rid in taken:  # the office's complaints are untouched
        assert server.storage.record(rid)["fields"]["uraian"] == complaint()["uraian"]
    # Nor can a device edit the published record now that it sees its id.
    rid = mine[0]["id"]
    reply = dev.sync(dev.mut("complaints", rid, complaint(), base_rev=mine[0]["rev"]))
    assert reply["results"][0]["status"] == "rejected"
    assert server.storage.record(rid)["fields"]["value"] == f"PEMERINTAH {dev.office}"
    assert server.cli("config", "unset", "kop_instansi", "--scope", dev.office).returncode == 0


def test_config_published_by_an_older_server_is_adopted_after_checking_it(server):
    office = server.new_office()
    storage = server.storage
    legacy = Storage.legacy_config_record_id(office, "kertas")
    from sync.server import storage as st

    with storage.write() as conn:  # as an older server wrote it: uuid5 id, in the office's own partition
        revs = st._Revs(conn)
        rec = st.Rec(id=legacy, collection="config", office_id=office, rev=revs.next(), deleted=False,
                     fields={"scope": office, "key": "kertas", "value": "A4", "version": 1, "published_ms": 1,
                             "published_by": "x"}, fmeta={})
        conn.execute(st.insert(st.records).values(**st._rec_values(rec)))
        revs.flush(conn)
    out = storage.set_config(office, "kertas", "F4")
    assert out["version"] == 2
    assert storage.record(legacy)["office_id"] == f"config:{office}"


def test_number_block_floor_and_count_are_bounded(server):
    """Finding 11: floor up to 2^62 set an office's next medical-record number above 4.6e18."""
    dev = server.new_device(server.new_office("puskesmas"))
    for body in ({"series": "rekam_medis", "year": 0, "count": 50, "floor": 2**62},
                 {"series": "rekam_medis", "year": 0, "count": 10**6, "floor": 1}):
        r = dev.raw("/v1/blocks", body)
        assert r.status_code == 400, r.text
    first = dev.client.blocks("rekam_medis", 0, 50, floor=5000)
    assert first["start"] == 5000
    r = dev.raw("/v1/blocks", {"series": "rekam_medis", "year": 0, "count": 50, "floor": 9_000_000})
    assert r.status_code == 400 and "floor" in r.json()["message_en"]
    assert dev.client.blocks("rekam_medis", 0, 50)["start"] == 5050


def test_an_infinite_number_is_a_400_not_a_500(server):
    """Finding 8: 1e400 in a field gave HTTP 500."""
    dev = server.new_device(server.new_office())
    before = server.storage.count(office=dev.office)
    body = json.dumps(dev.request([dev.mut("letters", new_id(), letter(1, lampiran=1))]))
    r = dev.raw("/v1/sync", body.replace('"lampiran": 1', '"lampiran": 1e400').encode(),
                headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "bad_number"
    assert server.storage.count(office=dev.office) == before


def test_enrollment_guessing_is_limited_and_every_bad_code_looks_the_same(fresh_server, monkeypatch):
    """Finding 10: no rate limit, and a different answer for unknown, used and expired codes."""
    monkeypatch.setenv("LAYAN_ENROLL_FAILURES", "3")
    srv = fresh_server()
    office = srv.new_office()
    good, _ = srv.storage.create_enroll_code(office, 1)
    with SyncClient(srv.url, retries=0) as client:
        answers = []
        for _ in range(3):
            with pytest.raises(EnrollError) as err:
                client.enroll(f"AAAA-{uuid.uuid4().hex[:4]}-CCCC", "guess")
            answers.append(err.value.body)
        assert answers[0] == answers[1] == answers[2]
        with pytest.raises(ServerBusy) as err:  # even the right code waits now
            client.enroll(good, "pc")
        assert err.value.status == 429
    assert not srv.storage.list_devices()


@pytest.mark.parametrize("fresh_server", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_the_enrollment_limit_survives_a_restart_of_the_server(fresh_server, monkeypatch):
    """The limit was kept in the server process's memory: restarting it gave a guesser a fresh count."""
    monkeypatch.setenv("LAYAN_ENROLL_FAILURES", "3")
    srv = fresh_server()
    office = srv.new_office()
    good, _ = srv.storage.create_enroll_code(office, 1)
    with SyncClient(srv.url, retries=0) as client:
        for _ in range(2):
            with pytest.raises(EnrollError):
                client.enroll(f"AAAA-{uuid.uuid4().hex[:4]}-CCCC", "guess")
    port = srv.port
    srv.stop()
    srv.start(port)
    with SyncClient(srv.url, retries=0) as client:
        with pytest.raises(EnrollError):
            client.enroll(f"AAAA-{uuid.uuid4().hex[:4]}-CCCC", "guess")  # the third, counted with the first two
    srv.stop()
    srv.start(port)
    with SyncClient(srv.url, retries=0) as client, pytest.raises(ServerBusy) as err:
        client.enroll(good, "pc")  # even the right code waits
    assert err.value.status == 429
    r = requests.post(srv.url + "/v1/enroll", json={"code": good, "device_name": "pc", "app_version": "0.1.0"},
                      timeout=30)
    assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 601
    assert not srv.storage.list_devices()


def test_server_files_are_owner_only(fresh_server, tmp_path):
    """Finding 10: the database and the provisioning file (a live enrollment code) were 0644."""
    srv = fresh_server()
    assert mode(srv.data_dir) == 0o700
    assert mode(srv.data_dir / SQLITE_FILE) == 0o600
    office = srv.new_office()
    out = tmp_path / "prov.json"
    srv.cli("provision-file", "--office", office, "-o", str(out), "--server-url", "https://layan.example.go.id")
    assert mode(out) == 0o600
