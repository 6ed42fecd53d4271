"""POST /v1/transfer: a complaint or service request forwarded to another office."""

from __future__ import annotations

import pytest

from sync.protocol import ForbiddenError, NotFound, ProtocolError
from tests.integration.conftest import complaint, letter, new_id


def _service_request() -> dict:
    return {"tracking_code": "SKTM-0001", "service_type": "sktm", "tanggal": "2026-03-02",
            "nama": "Yohanes Beanal", "status": "diterima"}


@pytest.mark.parametrize("coll", ["complaints", "service_requests"])
def test_transfer_moves_ownership_and_old_office_keeps_read_only(server, coll):
    office_a, office_b = server.new_office(), server.new_office()
    a, b = server.new_device(office_a), server.new_device(office_b)
    rid = new_id()
    fields = complaint() if coll == "complaints" else _service_request()
    rev = a.sync(a.mut(coll, rid, fields))["results"][0]["rev"]
    cursor_a = a.sync()["cursor"]
    assert rid not in b.pull_all()

    reply = a.client.transfer(coll, rid, office_b)
    assert reply["ok"] is True and reply["office_id"] == office_b and reply["rev"] > rev

    got_b = b.pull_all()[rid]
    assert got_b["office_id"] == office_b and not got_b.get("readonly") and got_b["fields"] == fields
    assert got_b["transfers"][0]["from"] == office_a and got_b["transfers"][0]["to"] == office_b
    inc_a = {c["id"]: c for c in a.sync(cursor=cursor_a)["changes"]}
    assert inc_a[rid]["readonly"] is True and inc_a[rid]["office_id"] == office_b

    # the new owner works on it; the old office keeps receiving those changes, read-only
    b_rev = got_b["rev"]
    reply = b.sync(b.mut(coll, rid, {"status": "selesai" if coll == "complaints" else "diproses"},
                         base_rev=b_rev))
    assert reply["results"][0]["status"] == "applied"
    later = {c["id"]: c for c in a.sync(cursor=inc_a[rid]["rev"])["changes"]}
    assert later[rid]["readonly"] is True and later[rid]["fields"]["status"] in ("selesai", "diproses")

    # the old office can no longer change it, nor transfer it again
    reply = a.sync(a.mut(coll, rid, {"status": "ditolak" if coll == "service_requests" else "masuk"},
                         base_rev=later[rid]["rev"]))
    assert reply["results"][0]["status"] == "rejected"
    assert "diteruskan" in reply["results"][0]["errors"][0]["message"]
    with pytest.raises(ForbiddenError):
        a.client.transfer(coll, rid, office_a)
    assert server.storage.record(rid)["office_id"] == office_b


def test_transfer_back_restores_ownership(server):
    office_a, office_b = server.new_office(), server.new_office()
    a, b = server.new_device(office_a), server.new_device(office_b)
    rid = new_id()
    a.sync(a.mut("complaints", rid, complaint()))
    a.client.transfer("complaints", rid, office_b)
    b.client.transfer("complaints", rid, office_a)
    mine = a.pull_all()[rid]
    assert mine["office_id"] == office_a and not mine.get("readonly")
    assert b.pull_all()[rid]["readonly"] is True
    rev = mine["rev"]
    assert a.sync(a.mut("complaints", rid, {"status": "selesai"}, base_rev=rev))["results"][0]["status"] == "applied"


def test_transfer_is_idempotent_and_validated(server):
    office_a, office_b = server.new_office(), server.new_office()
    a = server.new_device(office_a)
    rid, lid, gone = new_id(), new_id(), new_id()
    a.sync(a.mut("complaints", rid, complaint()), a.mut("letters", lid, letter(1)),
           a.mut("complaints", gone, complaint()))
    first = a.client.transfer("complaints", rid, office_b)
    again = a.client.transfer("complaints", rid, office_b)  # a retry after a lost reply
    assert again["rev"] == first["rev"] and again["office_id"] == office_b
    with pytest.raises(ProtocolError) as err:
        a.client.transfer("letters", lid, office_b)
    assert err.value.status == 400
    rid2 = new_id()
    a.sync(a.mut("complaints", rid2, complaint()))
    with pytest.raises(ProtocolError) as err:
        a.client.transfer("complaints", rid2, "TIDAK-ADA")
    assert err.value.status == 400
    with pytest.raises(NotFound):
        a.client.transfer("complaints", new_id(), office_b)
    rev = server.storage.record(gone)["rev"]
    a.sync(a.mut("complaints", gone, op="delete", base_rev=rev))
    with pytest.raises(ProtocolError) as err:
        a.client.transfer("complaints", gone, office_b)
    assert err.value.status == 409
    assert server.storage.record(lid)["office_id"] == office_a
    assert server.storage.record(rid2)["office_id"] == office_a
