"""What every sync request goes through besides its page: the token, the body, the pool's connections,
the IT console's history row (sync/server/app.py, pg_pool.py, web/history.py).

These paths were shortened for cost (docs/BENCHMARKS.md, "Fifth pass"): fewer round trips to the
database per request, one worker-thread hop. The tests hold what must not change with them."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from sync.protocol import MAX_WIRE_BYTES
from sync.server import pg_pool
from sync.server.storage import Device, Storage
from sync.server.web import history
from sync.server.web.tables import sync_sessions
from tests.integration.conftest import create_pg_database


def test_a_wrong_token_is_told_first_even_with_an_oversize_body(server):
    dev = server.new_device(server.new_office())
    oversize = b" " * (MAX_WIRE_BYTES + 10) + b"{}"
    r = dev.raw("/v1/sync", oversize, token="A" * 43)
    assert r.status_code == 401 and r.json()["error"] == "invalid_token", r.text
    r = dev.raw("/v1/sync", oversize, token=None)
    assert r.status_code == 401 and r.json()["error"] == "missing_token", r.text
    r = dev.raw("/v1/sync", oversize)  # the right token: now the size is what is wrong
    assert r.status_code == 413 and r.json()["error"] == "too_large", r.text


def test_a_sync_request_is_answered_gzip_when_asked_and_plain_otherwise(server):
    dev = server.new_device(server.new_office())
    body = dev.request([])
    plain = dev.raw("/v1/sync", body)
    zipped = dev.raw("/v1/sync", body, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == zipped.status_code == 200
    assert "Content-Encoding" not in plain.headers and zipped.headers["Content-Encoding"] == "gzip"
    assert plain.json()["acked_mseq"] == zipped.json()["acked_mseq"] == 0  # requests decodes the gzip one


# --- the pool: a connection is pinged only when it sat idle -----------------------------------------
@pytest.fixture
def pg_storage(pg_base_url):
    if not pg_base_url:
        pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
    url = create_pg_database(pg_base_url)
    storage = Storage(url)
    yield storage, url
    storage.close()


def _cut_every_connection(url: str) -> int:
    """What a PostgreSQL restart or a firewall does to the server's pooled connections."""
    with psycopg.connect(url, autocommit=True) as conn:
        return len(conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchall())


def _backend(storage: Storage) -> int:
    with storage.read_now() as conn:
        return conn.execute(text("SELECT pg_backend_pid()")).scalar_one()


def test_a_connection_that_died_while_idle_is_replaced_before_use(pg_storage, monkeypatch):
    storage, url = pg_storage
    before = _backend(storage)
    monkeypatch.setattr(pg_pool, "IDLE_PING_S", 0.0)  # every connection back in the pool counts as idle
    assert _cut_every_connection(url) >= 1
    assert _backend(storage) != before  # pinged, found dead, replaced: the caller never saw it
    with storage.read() as conn:  # the main pool's transactions too
        assert conn.execute(text("SELECT 1")).scalar_one() == 1


def test_a_connection_used_a_moment_ago_is_not_pinged_again(pg_storage, monkeypatch):
    """The price of sparing a round trip per checkout: a connection cut in the second after its last use
    fails one request (the PC retries at its next sync); the pool then replaces it."""
    storage, url = pg_storage
    _backend(storage)
    monkeypatch.setattr(pg_pool, "IDLE_PING_S", 3600.0)
    assert _cut_every_connection(url) >= 1
    with pytest.raises(DBAPIError) as failed:
        _backend(storage)
    assert failed.value.connection_invalidated
    assert _backend(storage) > 0  # the next request gets a new connection


# --- the IT console's history: one statement per request adds to the session or starts one ----------
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_storage(request, tmp_path, pg_base_url):
    if request.param == "postgres":
        if not pg_base_url:
            pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
        storage = Storage(create_pg_database(pg_base_url))
    else:
        storage = Storage.open(tmp_path)
    yield storage
    storage.close()


def test_pages_within_the_gap_add_to_one_session_and_a_pause_starts_another(any_storage, monkeypatch):
    storage = any_storage
    storage.add_office("H-1", "Kantor H", "distrik")
    code, _ = storage.create_enroll_code("H-1", 1)
    device, _, _ = storage.enroll(code, "pc-h", "1.0.0")
    other_code, _ = storage.create_enroll_code("H-1", 1)
    other, _, _ = storage.enroll(other_code, "pc-h2", "1.0.0")
    clock = [1_000_000]
    monkeypatch.setattr(history, "now_ms", lambda: clock[0])
    body = {"app_version": "1.0.0", "waiting": 5, "cursor": 0}
    applied, rejected = [{"status": "applied"}] * 3, [{"status": "rejected"}]

    def sessions(dev: Device) -> list[tuple]:
        with storage.read() as conn:
            return [tuple(r) for r in conn.execute(
                select(sync_sessions.c.started_ms, sync_sessions.c.at_ms, sync_sessions.c.pushed,
                       sync_sessions.c.rejected, sync_sessions.c.pulled, sync_sessions.c.waiting)
                .where(sync_sessions.c.device_id == dev.id).order_by(sync_sessions.c.id))]

    history.record(storage, device, body, applied, 2, True)
    history.record(storage, other, body, [], 1, False)  # another device's row is its own
    clock[0] += history.SESSION_GAP_MS - 1  # just inside the gap: the same session
    history.record(storage, device, {**body, "waiting": 0}, applied + rejected, 7, False)
    assert sessions(device) == [(1_000_000, clock[0], 6, 1, 9, 0)]
    clock[0] += history.SESSION_GAP_MS  # a pause as long as the gap: a new session
    history.record(storage, device, body, rejected, 0, False)
    assert sessions(device)[1:] == [(clock[0], clock[0], 0, 1, 0, 5)]
    assert sessions(other) == [(1_000_000, 1_000_000, 0, 0, 1, 5)]
