"""Tenancy (an office sees and changes only its own partition, plus reference data and records
transferred to it) on every endpoint, and tokens: another office's, revoked, missing, garbled."""

from __future__ import annotations

import pytest

from sync.protocol import AuthError, EnrollError
from sync.server import auth
from tests.integration.conftest import complaint, letter, new_id

ENDPOINTS = [("POST", "/v1/sync"), ("POST", "/v1/transfer"), ("GET", "/v1/device"), ("POST", "/v1/blocks")]


def _body(dev, path: str, rid: str) -> dict | None:
    if path == "/v1/sync":
        return dev.request([dev.mut("letters", rid, letter(1))])
    if path == "/v1/transfer":
        return {"collection": "complaints", "id": rid, "to_office": dev.office}
    if path == "/v1/blocks":
        return {"series": "surat_masuk", "year": 2026, "count": 10}
    return None


BAD_TOKENS = {
    "missing": None,
    "empty": "",
    "garbled": "lyn1_!!!not-a-token",
    "truncated": "TRUNCATE",  # replaced by a real token minus its last character
    "unknown": auth.new_token(),
    "wrong-scheme": "BASIC",
}


@pytest.mark.parametrize("method,path", ENDPOINTS)
@pytest.mark.parametrize("kind", list(BAD_TOKENS))
def test_bad_tokens_are_refused_on_every_endpoint(server, method, path, kind):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    token = BAD_TOKENS[kind]
    headers = {}
    if kind == "truncated":
        token = a.token[:-1]
    if kind == "wrong-scheme":
        headers = {"Authorization": f"Basic {a.token}"}
        token = None
    before = server.storage.count(office=office)
    r = a.raw(path, _body(a, path, rid), token=token, method=method, headers=headers)
    assert r.status_code == 401, r.text
    body = r.json()
    assert body["error"] in ("missing_token", "invalid_token") and body["message"] and body["message_en"]
    assert server.storage.count(office=office) == before
    assert server.storage.record(rid) is None


@pytest.mark.parametrize("method,path", ENDPOINTS)
def test_revoked_token_is_refused_on_every_endpoint(server, method, path):
    office = server.new_office()
    a = server.new_device(office)
    rid = new_id()
    assert a.raw("/v1/device", method="GET").status_code == 200
    res = server.cli("revoke", a.device_id)
    assert "revoked" in res.stdout
    r = a.raw(path, _body(a, path, rid), method=method)
    assert r.status_code == 401 and r.json()["error"] == "revoked"
    assert server.storage.record(rid) is None
    with pytest.raises(AuthError) as err:
        a.sync()
    assert err.value.message.startswith("Perangkat ini")  # a clerk-readable Indonesian message


def test_sync_with_another_devices_id_is_forbidden(server):
    a = server.new_device(server.new_office())
    b = server.new_device(server.new_office())
    rid = new_id()
    body = a.request([a.mut("letters", rid, letter(1))])  # device_id of A ...
    r = b.raw("/v1/sync", body)  # ... with B's token
    assert r.status_code == 403 and r.json()["error"] == "device_mismatch"
    assert server.storage.record(rid) is None


def test_another_office_cannot_read_or_write_the_partition(server):
    office_a, office_b = server.new_office(), server.new_office()
    a, b = server.new_device(office_a), server.new_device(office_b)
    letter_id, complaint_id = new_id(), new_id()
    rev = a.sync(a.mut("letters", letter_id, letter(1)), a.mut("complaints", complaint_id, complaint()))[
        "results"][0]["rev"]
    # a conflict record in A's partition
    a.sync(a.mut("letters", letter_id, {"perihal": "x"}, base_rev=rev))
    server.cli("user", "add", "--office", office_a, "--username", f"a{office_a.lower()[-8:]}",
               "--role", "kepala", "--password-stdin", input="kata-sandi-1\n")
    seen_by_b = b.pull_all()
    assert not [c for c in seen_by_b.values() if c["office_id"] == office_a and c["collection"] != "offices"]
    assert letter_id not in seen_by_b and complaint_id not in seen_by_b
    # B cannot write A's records, whatever it claims
    reply = b.sync(b.mut("letters", letter_id, {"perihal": "dibajak"}, base_rev=10**6),
                   b.mut("complaints", complaint_id, op="delete", base_rev=10**6))
    assert [r["status"] for r in reply["results"]] == ["rejected", "rejected"]
    assert "kantor lain" in reply["results"][0]["errors"][0]["message"]
    rec = server.storage.record(letter_id)
    assert rec["fields"]["perihal"] == "x" and rec["office_id"] == office_a
    assert server.storage.record(complaint_id)["deleted"] is False
    # nor transfer them away (404: B does not even learn that the id exists)
    r = b.raw("/v1/transfer", {"collection": "complaints", "id": complaint_id, "to_office": office_b})
    assert r.status_code == 404
    assert server.storage.record(complaint_id)["office_id"] == office_a
    # /v1/device only ever describes the caller
    info = b.raw("/v1/device", method="GET").json()
    assert info["device_id"] == b.device_id and info["office"]["code"] == office_b


def test_enrollment_codes_are_single_use_and_expire(server):
    office = server.new_office()
    code, _ = server.storage.create_enroll_code(office, 7)
    a = server.new_device(office)
    first = a.client.__class__(server.url, retries=0)
    try:
        reply = first.enroll(code.lower().replace("-", " "), "PC-1")  # typed sloppily: still accepted
        assert reply["office"]["code"] == office and reply["token"].startswith("lyn1_")
        # Used, expired and unknown codes get one identical answer: it must not help a guesser.
        answers = []
        expired, _ = server.storage.create_enroll_code(office, -1)
        for bad, name in ((code, "PC-2"), (expired, "PC-3"), ("AAAA-BBBB-CCCC", "PC-4")):
            with pytest.raises(EnrollError) as err:
                first.enroll(bad, name)
            answers.append((err.value.status, err.value.body))
        assert answers[0] == answers[1] == answers[2]
        assert answers[0][1]["error"] == "invalid_code" and answers[0][1]["message"].startswith("Kode pendaftaran")
    finally:
        first.close()
    names = [d["name"] for d in server.storage.list_devices() if d["office_code"] == office]
    assert "PC-1" in names and not {"PC-2", "PC-3", "PC-4"} & set(names)


def test_health_needs_no_token_and_reveals_no_data(server):
    a = server.new_device(server.new_office())
    r = a.raw("/v1/health", method="GET", token=None)
    assert r.status_code == 200 and set(r.json()) >= {"ok", "server_time", "schema_v"}
    assert "office" not in r.text


def test_revoked_device_sending_a_big_page_reads_auth_error_not_a_reset(server):
    """A revoked PC is told so (401) even when its page is big and over the decompressed limit:
    the token is judged before the body, and the body is still taken in before answering, so the
    client reads the 401 instead of a reset connection (through the link emulator)."""
    import os

    from sync.client import SyncClient
    from tests.tools.linkemu import LinkEmulator

    office = server.new_office()
    a = server.new_device(office)
    server.storage.revoke(a.device_id)
    page = [a.mut("letters", new_id(), letter(i + 1, lampiran_teks=os.urandom(20_000).hex())) for i in range(250)]
    with LinkEmulator(server.port) as link:
        client = SyncClient(f"http://127.0.0.1:{link.port}", token=a.token, retries=0)
        try:
            for _ in range(3):
                with pytest.raises(AuthError) as err:
                    client.sync_page(a.request(page))
                assert err.value.body["error"] == "revoked"
        finally:
            client.close()


def test_one_code_enrolls_one_device_even_when_raced(server):
    import threading

    from sync.client import SyncClient

    office = server.new_office()
    code, _ = server.storage.create_enroll_code(office, 1)
    outcomes: list[str] = []

    def enroll(i):
        client = SyncClient(server.url, retries=0)
        try:
            client.enroll(code, f"PC-race-{i}")
            outcomes.append("ok")
        except EnrollError as e:
            outcomes.append(e.body.get("error", "?"))
        finally:
            client.close()

    threads = [threading.Thread(target=enroll, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["invalid_code"] * 7 + ["ok"]
    assert len([d for d in server.storage.list_devices() if d["office_code"] == office]) == 1
