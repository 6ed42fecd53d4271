"""The server's apply path at its cheapest (docs/SYNC.md §6, docs/BENCHMARKS.md): new rows by COPY
keep every character of the JSON text, a page's records are locked with one array parameter, the
clock observes the page's newest stamp once, and PostgreSQL compresses records with lz4."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import event, select, text

from sync import hlc
from sync.protocol import SHARED_COLLECTIONS
from sync.server import record_meta
from sync.server.app import prevalidate
from sync.server.storage import Storage, _dumps, records

from .conftest import create_pg_database, new_id


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request, tmp_path, pg_base_url):
    if request.param == "sqlite":
        st = Storage.open(tmp_path / "srv")
    else:
        if not pg_base_url:
            pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
        st = Storage(create_pg_database(pg_base_url))
    yield st
    st.close()


def _device(st: Storage, office: str = "DST-A"):
    st.add_office(office, "Distrik A", "distrik")
    code, _ = st.create_enroll_code(office, 1)
    device, _token, _office = st.enroll(code, "pc1", "1.0.0")
    return device


def _letter(i: int, **extra) -> dict:
    return {"direction": "masuk", "year": 2026, "seq": i, "perihal": f"Undangan rapat {i}",
            "sifat": "biasa", "tanggal_terima": "2026-12-01", "asal": "Dinas Kesehatan", **extra}


def _page(fields_list: list[dict], first_mseq: int = 1, clock: hlc.Clock | None = None, ids=None) -> list:
    clock = clock or hlc.Clock("pc1")
    now = int(time.time() * 1000)
    return [prevalidate({"mseq": first_mseq + i, "collection": "letters", "id": (ids or {}).get(i) or new_id(),
                         "op": "put", "base_rev": 0, "fields": f, "hlc": clock.now(), "actor": "ani"}, now)
            for i, f in enumerate(fields_list)]


def test_new_records_keep_their_json_text_exactly(storage):
    """COPY's text format escapes tabs, newlines and backslashes itself: what is read back is the
    very text the envelope check encoded, and it decodes to the fields sent."""
    device = _device(storage)
    odd = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", 'quote "x"', "é ñ — 日本 🙂", "\\.", "nul-ish \\0"]
    muts = _page([_letter(i + 1, keterangan=v) for i, v in enumerate(odd)])
    _, results = storage.apply(device, muts, {"last_seen_ms": 1})
    assert [r["status"] for r in results] == ["applied"] * len(odd)
    with storage.read() as conn:
        rows = {r.id: r for r in conn.execute(select(records.c.id, records.c.fields, records.c.meta)
                                                .where(records.c.collection == "letters"))}
    for m in muts:
        row = rows[m.id]
        assert row.fields == _dumps(m.fields) and json.loads(row.fields) == m.fields
        assert record_meta.field_states(json.loads(row.meta))["keterangan"][0] == m.hlc
    assert {storage.record(m.id)["fields"]["keterangan"] for m in muts} == set(odd)


def test_a_page_is_read_and_locked_with_few_parameters(storage):
    """200 ids went out as 200 bind parameters, rendered and parsed again for every page; on
    PostgreSQL they are one array now. Edits and creates mixed, so the lock query finds rows."""
    device = _device(storage)
    first = _page([_letter(i + 1) for i in range(100)])
    storage.apply(device, first, {"last_seen_ms": 1})
    clock = hlc.Clock("pc1b")
    edits = _page([{"perihal": f"Diubah {i}"} for i in range(100)], first_mseq=101, clock=clock,
                  ids={i: m.id for i, m in enumerate(first)})
    for m in edits:
        m.base_rev = 1
    creates = _page([_letter(i + 201) for i in range(100)], first_mseq=201, clock=clock)
    widest = []

    @event.listens_for(storage.engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        if not executemany and isinstance(parameters, dict) and "FROM records" in statement:
            widest.append(len(parameters))  # the store's own queries (the projections' are theirs)

    try:
        _, results = storage.apply(device, edits + creates, {"last_seen_ms": 2})
    finally:
        event.remove(storage.engine, "before_cursor_execute", count)
    assert [r["status"] for r in results] == ["applied"] * 200
    assert storage.record(first[5].id)["fields"]["perihal"] == "Diubah 5"
    if not storage.is_sqlite:
        assert widest and max(widest) <= 10, widest


def test_the_clock_observes_the_newest_stamp_of_the_page(storage):
    """Observed once per page now, not once per mutation: the server's next stamp still comes
    after every stamp it applied, however the page's stamps are ordered."""
    device = _device(storage)
    ahead = hlc.Clock("pc1", now_ms=lambda: int(time.time() * 1000) + 60_000)  # a minute fast: kept
    muts = _page([_letter(i + 1) for i in range(5)], clock=ahead)
    muts[0], muts[4] = muts[4], muts[0]  # the newest stamp first
    for i, m in enumerate(muts):
        m.mseq = i + 1
    storage.apply(device, muts, {"last_seen_ms": 1})
    assert storage.clock.now() > max(m.hlc for m in muts)


@pytest.mark.postgres
def test_records_are_compressed_with_lz4_on_postgresql(storage):
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    with storage.read() as conn:
        if conn.dialect.server_version_info < (14,):
            pytest.skip("lz4 needs PostgreSQL 14")
        kinds = dict(conn.execute(text("SELECT attname, attcompression FROM pg_attribute WHERE attrelid = "
                                       "'records'::regclass AND attname IN ('fields', 'meta')")).all())
        pages = conn.execute(text("SELECT attcompression FROM pg_attribute WHERE attrelid = "
                                  "'applied_pages'::regclass AND attname = 'entries'")).scalar()
    assert kinds == {"fields": "l", "meta": "l"} and pages == "l"  # a page's entries: ≈ 8 kB a page
    Storage(storage.url).close()  # a second start finds it done and changes nothing


@pytest.mark.postgres
def test_a_plan_made_on_an_empty_table_is_not_kept_as_it_grows(storage):
    """A new centre: the projection's ``id = ANY(:ids)`` statements run (and psycopg prepares them)
    while pj_letters is nearly empty. PostgreSQL's generic plan for them then reads the whole table;
    kept until the next ANALYZE, every page paid a full scan (quadratic while the centre fills). The
    same statements, once the table is large, must use its index."""
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    device = _device(storage)
    clock = hlc.Clock("pc1")
    ids = {i: new_id() for i in range(200)}
    # Full pages changing letters the server has (records created in a page have no rows to delete):
    # prepared after 5 uses; PostgreSQL 15 kept a generic plan after 16.
    for p in range(30):
        muts = _page([_letter(i + 1, keterangan=f"versi {p}") for i in range(200)], first_mseq=p * 200 + 1,
                     clock=clock, ids=ids)
        for m in muts:  # edits after the first page (base_rev 0 with a whole record: taken for creates first)
            m.base_rev = 1 if p else 0
        _, results = storage.apply(device, muts, {"last_seen_ms": 1})
        assert [r["status"] for r in results] == ["applied"] * 200
    with storage.write() as conn:  # the table grows, no ANALYZE in between
        conn.execute(text("INSERT INTO pj_letters (id, office_id, direction, month) SELECT 'x' || g, 'DST-A', "
                          "'masuk', '2026-12' FROM generate_series(1, 20000) AS g"))
    pool = storage.engine.pool
    conns = [storage.engine.connect() for _ in range(pool.checkedin())]  # every pooled connection at once
    try:
        plans = []
        for conn in conns:
            names = conn.execute(text("SELECT name FROM pg_prepared_statements WHERE statement LIKE "
                                      "'DELETE FROM pj_letters WHERE pj_letters.id = ANY%'")).scalars().all()
            for name in names:
                plans.append(json.dumps(conn.exec_driver_sql(
                    f"EXPLAIN (FORMAT JSON) EXECUTE {name}(ARRAY['x1'])").scalar()))
    finally:
        for conn in conns:
            conn.close()
    assert plans, "the projection's delete was not prepared: the test checks nothing"
    assert all("Seq Scan" not in plan for plan in plans), plans


@pytest.mark.postgres
def test_recounting_aggregates_holds_a_lock_on_every_key(storage):
    """The per-key locks are taken by one statement now: while a transaction recounts two month rows,
    another cannot take the lock of either."""
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    from sync.server import projections

    keys = {("DST-A", "masuk", "2026-11"), ("DST-A", "masuk", "2026-12")}
    with storage.write() as conn:
        projections.refresh_aggregates(conn, {"pj_letter_months": keys})
        with storage.engine.connect() as other:
            free = [other.execute(text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
                                  {"k": f"pj_letter_months:{key!r}"}).scalar() for key in sorted(keys)]
            other.rollback()
    assert free == [False, False]
    with storage.engine.connect() as other:  # released at commit
        assert other.execute(text("SELECT pg_try_advisory_xact_lock(hashtextextended(:k, 0))"),
                             {"k": f"pj_letter_months:{sorted(keys)[0]!r}"}).scalar() is True
        other.rollback()


@pytest.mark.postgres
def test_id_lists_go_in_binary_and_match_exactly(storage):
    """A page's ids reach PostgreSQL as a binary array (psycopg's text form is four times dearer to
    write); odd strings among them match nothing and the real id still matches."""
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    from psycopg.adapt import PyFormat
    from psycopg.types.array import ListBinaryDumper

    from sync.server.sql_among import among

    device = _device(storage)
    muts = _page([_letter(1)])
    storage.apply(device, muts, {"last_seen_ms": 1})
    odd = ['a"b,c', "back\\slash", "NULL", "", "{x}", "é 日本"]
    with storage.read() as conn:
        assert conn.connection.driver_connection.adapters.get_dumper(list, PyFormat.AUTO) is ListBinaryDumper
        found = conn.execute(select(records.c.id).where(among("postgresql", records.c.id, [*odd, muts[0].id]))).scalars().all()
        none = conn.execute(select(records.c.id).where(among("postgresql", records.c.id, []))).scalars().all()
    assert found == [muts[0].id] and none == []


def test_a_page_of_new_letters_runs_a_fixed_set_of_statements(storage):
    """The statements of a page do not grow with its size, and records created in it skip what only
    older records need: no projection rows to delete, no pending state to clear (letters whose rows
    were just written have none). A later page that changes one deletes its old row."""
    device = _device(storage)
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))

    event.listen(storage.engine, "before_cursor_execute", count)
    try:
        sizes = []
        ids = {}
        for n, first in ((10, 1), (50, 11)):
            seen.clear()
            muts = _page([_letter(first + i) for i in range(n)], first_mseq=first)
            ids.update({m.id: m for m in muts})
            _, results = storage.apply(device, muts, {"last_seen_ms": 1})
            assert [r["status"] for r in results] == ["applied"] * n
            sizes.append(len(seen))
            assert not [s for s in seen if s.startswith("DELETE FROM pj_letters")], seen
            assert not [s for s in seen if s.startswith("UPDATE pj_letters SET pending_since")], seen
        assert sizes[0] == sizes[1], sizes
        seen.clear()
        changed = [prevalidate({"mseq": 61, "collection": "letters", "id": next(iter(ids)), "op": "put",
                                "base_rev": 1, "fields": {"perihal": "Diubah"}, "hlc": hlc.Clock("pc1").now(),
                                "actor": "ani"}, int(time.time() * 1000))]
        _, results = storage.apply(device, changed, {"last_seen_ms": 2})
        assert results[0]["status"] == "applied"
        assert [s for s in seen if s.startswith("DELETE FROM pj_letters")]
    finally:
        event.remove(storage.engine, "before_cursor_execute", count)
    with storage.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM pj_letters")).scalar() == 60
        assert conn.execute(text("SELECT tanggal FROM pj_letters WHERE id = :i"),
                            {"i": next(iter(ids))}).scalar() == "2026-12-01"


def _explain_prepared(conn, name: str, stmt, params: dict) -> str:
    """EXPLAIN ANALYZE of the prepared statement ``name`` (psycopg's) with ``params``: its cached plan,
    generic or custom, as the server's next execution on that connection would use it."""
    import re

    from psycopg import sql

    compiled = stmt.compile(dialect=conn.dialect)
    values = {k: b.value for k, b in compiled.binds.items() if b.value is not None} | params
    order: list[object] = []  # psycopg numbers each name once, in order of first appearance
    seen = set()
    for m in re.finditer(r"%\((\w+)\)s|__\[POSTCOMPILE_(\w+)\]", compiled.string):
        key = m.group(1) or m.group(2)
        if key not in seen:
            seen.add(key)
            order.extend(values[key] if m.group(2) else [values[key]])
    raw = conn.connection.driver_connection
    args = ", ".join(sql.Literal(v).as_string(raw) for v in order)
    return "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, COSTS OFF) EXECUTE {name}({args})"))


@pytest.mark.postgres
def test_the_pull_is_planned_for_the_table_as_it_is(storage):
    """The pull query (``changes()``) stays planned per execution. Made while the records table was
    empty, PostgreSQL's generic plan for it (what ``plan_cache_mode = auto`` keeps after five runs)
    walks the whole rev index for the granted records and the shared offices' part: measured 20 ms a
    pull at 30,000 records against 0.2 ms planned per execution (docs/BENCHMARKS.md, "Sixth pass").
    Fails when the connections that run the pull keep generic plans."""
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    device = _device(storage)
    for _ in range(12):  # prepared after 5 uses; a generic plan would be kept after 5 more
        storage.changes(device.office, 0, 200, compact_stamps=True, no_echo_for=device.id)
    with storage.write() as conn:  # the table grows, no ANALYZE in between
        top = conn.execute(text("SELECT value FROM counter WHERE id = 1")).scalar()
        conn.execute(text("INSERT INTO records (id, collection, office_id, rev, deleted, fields, meta, hlc) "
                          "SELECT 'r' || g, 'letters', :office, :top + g, false, '{}', '{}', '0' "
                          "FROM generate_series(1, 20000) AS g"), {"office": device.office, "top": top})
        conn.execute(text("UPDATE counter SET value = :v WHERE id = 1"), {"v": top + 20000})
    stmt = storage._changes_statement(True)
    params = {"office": device.office, "cursor": 0, "n": 201, "echo_device": device.id, "upto": top + 20000,
              "wide": ["*", "kind:distrik", f"config:{device.office}"], "shared": sorted(SHARED_COLLECTIONS)}
    conns = [storage.engine.connect() for _ in range(storage.engine.pool.checkedin())]
    try:
        plans = []
        for conn in conns:
            for name in conn.execute(text("SELECT name FROM pg_prepared_statements WHERE statement LIKE "
                                          "'%UNION ALL%' AND statement LIKE '%grants%'")).scalars():
                plans.append(_explain_prepared(conn, name, stmt, params))
    finally:
        for conn in conns:
            conn.close()
    assert plans, "the pull was not prepared: the test checks nothing"
    assert all("records_rev_key" not in plan for plan in plans), plans
