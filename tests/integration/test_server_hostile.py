"""Hostile and broken bodies: always a 4xx with a reason, never a 500, never a partial write."""

from __future__ import annotations

import gzip
import json
import zlib

import pytest

from sync.protocol import MAX_JSON_BYTES, MAX_WIRE_BYTES
from tests.integration.conftest import letter, new_id


def _gzip_bomb(size: int) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1 << 20)
    out = [c.compress(b'{"mutations": "')]
    for _ in range(size >> 20):
        out.append(c.compress(chunk))
    out.append(c.compress(b'"}'))
    out.append(c.flush())
    return b"".join(out)


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _check_refused(dev, response, before: dict) -> dict:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    body = response.json()
    assert body["error"] and body["message"] and body["message_en"]
    s = dev.server.storage
    assert s.count(office=dev.office) == before["count"]
    assert s.device_info(dev.device_id)["last_mseq"] == before["last_mseq"]
    return body


def _state(dev) -> dict:
    s = dev.server.storage
    return {"count": s.count(office=dev.office), "last_mseq": s.device_info(dev.device_id)["last_mseq"]}


def _page(dev, *extra_mutations, **override):
    """A valid first mutation followed by the hostile part: proves nothing is written partially."""
    good = dev.mut("letters", new_id(), letter(1), mseq=1)
    body = dev.request([good, *extra_mutations])
    body.update(override)
    return body


RAW_BODIES = {
    "gzip bomb": (lambda d: _gzip_bomb(64 << 20), {"Content-Encoding": "gzip"}, 413),
    "truncated gzip": (lambda d: gzip.compress(json.dumps(_page(d)).encode())[:-30], {"Content-Encoding": "gzip"}, 400),
    "gzip garbage": (lambda d: b"\x1f\x8b\x08\x00garbage-garbage-garbage", {"Content-Encoding": "gzip"}, 400),
    "gzip then junk": (lambda d: gzip.compress(json.dumps(_page(d)).encode()) + b"junk", {"Content-Encoding": "gzip"}, 400),
    "truncated json": (lambda d: json.dumps(_page(d)).encode()[:-7], {}, 400),
    "deep nesting": (lambda d: _nested(200_000).encode(), {}, 400),
    "deep nesting gzip": (lambda d: gzip.compress(_nested(500_000).encode()), {"Content-Encoding": "gzip"}, 400),
    "oversize": (lambda d: b" " * (MAX_WIRE_BYTES + 10) + b"{}", {}, 413),
    "oversize decompressed": (lambda d: gzip.compress(b" " * (MAX_JSON_BYTES + 10) + b"{}"),
                              {"Content-Encoding": "gzip"}, 413),
    "empty": (lambda d: b"", {}, 400),
    "not utf-8": (lambda d: b'{"schema_v": 1, "x": "\xff\xfe"}', {}, 400),
    "NaN": (lambda d: json.dumps(_page(d, cursor=float("nan"))).encode(), {}, 400),
    "brotli": (lambda d: b"{}", {"Content-Encoding": "br"}, 415),
    "json array": (lambda d: b"[1, 2, 3]", {}, 400),
    "json string": (lambda d: b'"sync"', {}, 400),
    "lone surrogate": (lambda d: json.dumps(_page(d, app_version="0.1.0\ud800")).encode(), {}, 400),
    "NUL in field": (lambda d: json.dumps(_page(d, d.mut("letters", new_id(), letter(2, perihal="a\u0000b"),
                                                         mseq=2))).encode(), {}, 400),
    "deep value in a field": (lambda d: json.dumps(_page(d, d.mut("letters", new_id(), {
        **letter(2), "catatan": json.loads(_nested(40))}, mseq=2))).encode(), {}, 400),
    "bad content-length": (lambda d: b"{}", {"Content-Length": "-5"}, 400),
}


@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_raw_hostile_bodies(server, name):
    dev = server.new_device(server.new_office())
    make, headers, status = RAW_BODIES[name]
    before = _state(dev)
    try:
        r = dev.raw("/v1/sync", make(dev), headers={"Content-Type": "application/json", **headers})
    except Exception as e:  # noqa: BLE001
        if name != "bad content-length":
            raise
        pytest.skip(f"the HTTP library refuses to send it: {e}")
    _check_refused(dev, r, before)
    assert r.status_code == status, r.text[:300]


def _wrong(dev, **m_override):
    m = dev.mut("letters", new_id(), letter(2), mseq=2)
    m.update(m_override)
    return _page(dev, m)


WRONG_TYPES = {
    "mseq as string": lambda d: _wrong(d, mseq="2"),
    "mseq zero": lambda d: _wrong(d, mseq=0),
    "mseq bool": lambda d: _wrong(d, mseq=True),
    "mseq float": lambda d: _wrong(d, mseq=2.5),
    "huge int": lambda d: _wrong(d, base_rev=2**70),
    "negative base_rev": lambda d: _wrong(d, base_rev=-1),
    "fields as list": lambda d: _wrong(d, fields=[["perihal", "x"]]),
    "unknown op": lambda d: _wrong(d, op="upsert"),
    "hlc as number": lambda d: _wrong(d, hlc=12345),
    "missing id": lambda d: {**_page(d), "mutations": [{k: v for k, v in _wrong(d)["mutations"][1].items()
                                                        if k != "id"}]},
    "mutations as object": lambda d: _page(d, mutations={"1": {}}),
    "cursor negative": lambda d: _page(d, cursor=-1),
    "cursor string": lambda d: _page(d, cursor="0"),
    "schema_v missing": lambda d: {k: v for k, v in _page(d).items() if k != "schema_v"},
    "too many mutations": lambda d: _page(d, mutations=[d.mut("letters", new_id(), letter(1), mseq=i + 1)
                                                        for i in range(1001)]),
    "too many fields": lambda d: _wrong(d, fields={f"f{i}": i for i in range(300)}),
    "long actor": lambda d: _wrong(d, actor="x" * 500),
    "device_id as int": lambda d: _page(d, device_id=7),
}


@pytest.mark.parametrize("name", list(WRONG_TYPES))
def test_wrong_types_are_400_and_nothing_written(server, name):
    dev = server.new_device(server.new_office())
    before = _state(dev)
    r = dev.raw("/v1/sync", WRONG_TYPES[name](dev))
    body = _check_refused(dev, r, before)
    assert r.status_code == 400 and body["error"] == "bad_request" and body["reasons"]


ITEM_REJECTS = {
    "unknown collection": lambda d: d.mut("surat_rahasia", new_id(), {"a": 1}, mseq=2),
    "schema-invalid": lambda d: d.mut("letters", new_id(), letter(2, year=1500, klasifikasi="abc"), mseq=2),
    "not a uuid": lambda d: d.mut("letters", "../../etc/passwd", letter(2), mseq=2),
    "bad stamp": lambda d: d.mut("letters", new_id(), letter(2), stamp="kemarin sore", mseq=2),
    "bad field name": lambda d: d.mut("letters", new_id(), {**letter(2), "a b; drop": 1}, mseq=2),
    "huge record": lambda d: d.mut("letters", new_id(), letter(2, keterangan_lain="x" * 300_000), mseq=2),
    "delete of nothing": lambda d: d.mut("letters", new_id(), op="delete", mseq=2),
}


@pytest.mark.parametrize("name", list(ITEM_REJECTS))
def test_item_level_problems_are_rejected_alone(server, name):
    """One bad record must not block an office's outbox: it is rejected (and acked) with reasons,
    the rest of the page is applied."""
    dev = server.new_device(server.new_office())
    bad = ITEM_REJECTS[name](dev)
    good_id = new_id()
    body = _page(dev, bad, dev.mut("letters", good_id, letter(3), mseq=3))
    r = dev.raw("/v1/sync", body)
    assert r.status_code == 200, r.text[:300]
    reply = r.json()
    assert [x["status"] for x in reply["results"]] == ["applied", "rejected", "applied"]
    assert reply["results"][1]["errors"][0]["message"] and reply["results"][1]["errors"][0]["message_en"]
    assert reply["acked_mseq"] == 3
    assert dev.server.storage.record(good_id) is not None
    if name != "not a uuid":
        assert dev.server.storage.record(bad["id"]) is None


@pytest.mark.parametrize("path", ["/v1/enroll", "/v1/transfer", "/v1/blocks"])
@pytest.mark.parametrize("body", [b"", b"{", b"[]", b'{"code": 5}', gzip.compress(b"{}", mtime=0)[:-3],
                                  b'{"code": "x", "device_name": "", "app_version": "1"}',
                                  b'{"collection": "complaints", "id": {"$ne": 1}, "to_office": "A"}',
                                  _nested(100_000).encode(), b"x" * 100_000])
def test_other_endpoints_refuse_hostile_bodies(server, path, body):
    dev = server.new_device(server.new_office())
    headers = {"Content-Type": "application/json"}
    if body.startswith(b"\x1f\x8b"):
        headers["Content-Encoding"] = "gzip"
    before = _state(dev)
    devices_before = len(server.storage.list_devices())
    r = dev.raw(path, body, headers=headers)
    _check_refused(dev, r, before)
    assert len(server.storage.list_devices()) == devices_before


def test_unknown_paths_and_methods_are_json_4xx(server):
    dev = server.new_device(server.new_office())
    r = dev.raw("/v1/nothing-here", method="GET")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = dev.raw("/v1/sync", method="GET")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"


def test_no_500_was_ever_logged(server):
    """Runs last in the module: the server log has no unhandled error from all of the above."""
    log = server.log_path.read_text(errors="replace")
    assert "unhandled error" not in log and "Traceback" not in log
