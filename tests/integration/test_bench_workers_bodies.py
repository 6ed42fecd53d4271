"""The workers bench (tests/bench/bench_workers.py) sends pre-built sync bodies with its own small
HTTP client. These tests hold it to the protocol: the server receives the same JSON, answers the
same, and ends in the same state as when the real engine and SyncClient push the same letters."""

from __future__ import annotations

import copy
import http.client
import re
import zlib

import pytest
from sqlalchemy import select

from sync.client import SyncClient
from sync.engine import sync_once
from sync.protocol import gunzip_limited
from sync.server.storage import devices, records
from tests.bench.bench_workers import Page, Pusher, PushReplica, new_letters, prebuild

from .conftest import unique_code

PAGE = 40


class CapturingClient(SyncClient):
    """The real client; keeps every sync body as sent and every reply as parsed."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.bodies: list[bytes] = []
        self.replies: list[dict] = []

    def _once(self, session, method, path, data, headers):
        self.bodies.append(data)
        return super()._once(session, method, path, data, headers)

    def sync_page(self, request: dict) -> dict:
        reply = super().sync_page(request)
        self.replies.append(reply)
        return reply


def _same_device(text: bytes, *device_ids: str) -> bytes:
    """The JSON with the devices' ids and the clock reading written as one fixed value each."""
    text = re.sub(rb'"client_time":\d+', b'"client_time":0', text)
    for device_id in device_ids:
        text = text.replace(device_id.encode(), b"DEVICE")
    return text


def _comparable(reply: dict) -> dict:
    """A reply without what differs between two servers anyway: the time, and the ids and stamps of
    the office record each made when the office was added (sent down with the first page)."""
    changes = [(ch["collection"], ch["office_id"], ch["rev"]) for ch in reply["changes"]]
    return {**reply, "server_time": 0, "changes": changes}


def _letters(srv) -> list[tuple]:
    with srv.storage.read() as conn:
        return [tuple(r) for r in conn.execute(
            select(records.c.id, records.c.office_id, records.c.rev, records.c.hlc, records.c.deleted, records.c.fields)
            .where(records.c.collection == "letters").order_by(records.c.rev))]


def _last_mseq(srv, device_id: str) -> int:
    with srv.storage.read() as conn:
        return conn.execute(select(devices.c.last_mseq).where(devices.c.id == device_id)).scalar_one()


def test_prebuilt_pages_reach_the_server_as_the_real_clients_do(fresh_server):
    # Two fresh servers with the same office: the real engine pushes to one, the bench to the other.
    office = unique_code("D")
    real_srv, bench_srv = fresh_server(), fresh_server()
    for srv in (real_srv, bench_srv):
        srv.storage.add_office(office, f"Kantor {office}", "distrik")
    real_dev, bench_dev = real_srv.new_device(office, "real"), bench_srv.new_device(office, "bench")
    # The same outbox for both (2.5 pages, so the last one is short); the bench's copy carries the
    # real device's stamps, so only the device id and the clock reading differ on the wire.
    muts = new_letters(real_dev.device_id, seed=7, n=PAGE * 2 + PAGE // 2)

    client = CapturingClient(real_srv.url, real_dev.token)
    report = sync_once(PushReplica(real_dev.device_id, copy.deepcopy(muts)), client, page_size=PAGE)
    client.close()
    assert report.ok and report.applied == len(muts)

    pages, headers = prebuild(bench_srv.url, bench_dev.device_id, bench_dev.token, copy.deepcopy(muts), PAGE)
    pusher = Pusher(office, bench_dev.device_id, pages, headers, {})
    conn = http.client.HTTPConnection("127.0.0.1", bench_srv.port, timeout=60)
    bench_bodies, bench_replies = [], []
    try:
        while not pusher.done:
            bench_bodies.append(pages[pusher.next].body(pusher.cursor))
            bench_replies.append(pusher.send_next(conn))
    finally:
        conn.close()
    assert pusher.problems == [] and pusher.applied == len(muts)

    # The same requests: byte for byte the same JSON once decompressed as the server does it.
    assert len(bench_bodies) == len(client.bodies) == 3
    for real, bench in zip(client.bodies, bench_bodies, strict=True):
        real_json, bench_json = gunzip_limited(real, 1 << 24), gunzip_limited(bench, 1 << 24)
        ids = (real_dev.device_id, bench_dev.device_id)
        assert _same_device(bench_json, *ids) == _same_device(real_json, *ids)
        assert abs(len(bench) - len(real)) < 64  # compressed alike: the tail (~60 bytes) is stored as is
    # The same answers (cursors and revs included), and the same state on both servers.
    for real, bench in zip(client.replies, bench_replies, strict=True):
        assert _comparable(bench) == _comparable(real)
    assert _letters(bench_srv) == _letters(real_srv)
    assert len(_letters(bench_srv)) == len(muts)
    assert _last_mseq(bench_srv, bench_dev.device_id) == _last_mseq(real_srv, real_dev.device_id) == len(muts)


@pytest.mark.parametrize("cursor", [0, 7, 10**12, 2**62])
def test_a_page_completes_its_gzip_stream_for_any_cursor(cursor):
    text = (b'{"schema_v":3,"mutations":[{"mseq":1,"id":"x","fields":{"perihal":"Undangan \\"rapat\\", '
            b'cursor: 5"}}],"cursor":123,"limit":200,"waiting":0,"no_echo":true}')
    body = Page(text, 1, 1).body(cursor)
    assert gunzip_limited(body, 1 << 20) == text.replace(b'"cursor":123', b'"cursor":%d' % cursor)
    assert zlib.decompress(body, 16 + zlib.MAX_WBITS) == gunzip_limited(body, 1 << 20)
