"""How the server writes records, made cheaper without changing what they hold (docs/BENCHMARKS.md,
"Seventh pass").

- The merge state is stored compactly (sync/server/record_meta.py): the state most fields share
  once, with their names. Databases written before hold one state per field. Rows of both forms
  must read, merge, pull, delete and transfer alike, on SQLite and PostgreSQL; what the wire
  carries (``field_hlc``) does not change.
- On PostgreSQL a page of creates goes in without looking its ids up; a record that exists after
  all is merged as before, exactly once."""

from __future__ import annotations

import json
import random
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from sync import hlc
from sync.server import applied_log, record_meta
from sync.server import revs as revs_mod
from sync.server.app import prevalidate
from sync.server.storage import Storage, _dumps, records
from sync.server.tombstones import strip_stored
from tests.bench.bench_sync import wire_letter

from .conftest import complaint, create_pg_database, letter, new_id


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def storage(request, tmp_path, pg_base_url):
    if request.param == "sqlite":
        st_ = Storage.open(tmp_path / "srv")
    else:
        if not pg_base_url:
            pytest.skip("PostgreSQL not available (set LAYAN_TEST_PG_URL or install postgresql)")
        st_ = Storage(create_pg_database(pg_base_url))
    yield st_
    st_.close()


def _device(st_: Storage, office: str, name: str, *, new_office: bool = True):
    if new_office:
        st_.add_office(office, f"Distrik {office}", "distrik")
    code, _ = st_.create_enroll_code(office, 1)
    device, _token, _office = st_.enroll(code, name, "1.0.0")
    return device


def _mut(clock: hlc.Clock, mseq: int, record_id: str, fields: dict | None, *, collection: str = "letters",
         op: str = "put", base_rev: int = 0, actor: str = "ani"):
    raw = {"mseq": mseq, "collection": collection, "id": record_id, "op": op, "base_rev": base_rev,
           "hlc": clock.now(), "actor": actor}
    if fields is not None:
        raw["fields"] = fields
    m = prevalidate(raw, int(time.time() * 1000))
    assert m.errors is None, m.errors
    return m


def _stored(st_: Storage) -> dict:
    with st_.read() as conn:
        return {r.id: json.loads(r.meta) for r in conn.execute(select(records.c.id, records.c.meta))}


def _to_old_form(st_: Storage) -> set:
    """Every row's meta rewritten as servers before the compact form stored it: one state per field."""
    compact = set()
    with st_.write() as conn:
        for r in conn.execute(select(records.c.id, records.c.meta)).all():
            meta = json.loads(r.meta)
            old = {"f": record_meta.field_states(meta)}
            old.update({k: meta[k] for k in ("d", "t") if k in meta})
            conn.execute(update(records).where(records.c.id == r.id).values(meta=_dumps(old)))
            if "k" in meta:
                compact.add(r.id)
    return compact


def _seen(st_: Storage, office: str, ids) -> tuple:
    """What the wire shows of an office: its pull, with and without compact stamps, and each record."""
    return (st_.changes(office, 0, 500), st_.changes(office, 0, 500, compact_stamps=True),
            [st_.record(i) for i in ids])


def test_old_and_new_rows_read_merge_pull_and_delete_alike(storage):
    one, two = _device(storage, "DST-A", "pc1"), _device(storage, "DST-A", "pc2", new_office=False)
    c1, c2 = hlc.Clock("pc1"), hlc.Clock("pc2")
    ids = [new_id() for _ in range(4)]
    _, res = storage.apply(one, [_mut(c1, i + 1, rid, letter(i + 1)) for i, rid in enumerate(ids)], {})
    assert [r["status"] for r in res] == ["applied"] * 4
    stored = _stored(storage)
    assert all("k" in stored[rid] and "f" not in stored[rid] for rid in ids)  # new rows: the compact form
    assert all(len(json.dumps(stored[rid])) < 400 for rid in ids)

    before = _seen(storage, "DST-A", ids)
    assert _to_old_form(storage) >= set(ids)
    assert _seen(storage, "DST-A", ids) == before  # the old form reads as the same records
    created = {rid: storage.record(rid) for rid in ids}

    # pc1 edits one field of record 0 (not concurrent); pc2, which saw none of pc1's writes
    # (base_rev 0), edits record 1's perihal later: a conflict, pc2 wins, pc1's value is kept.
    _, res = storage.apply(one, [_mut(c1, 5, ids[0], {"perihal": "Diubah oleh pc1"}, base_rev=created[ids[0]]["rev"])], {})
    assert res[0]["status"] == "applied" and "conflicts" not in res[0]
    c2.observe(c1.now())
    _, res = storage.apply(two, [_mut(c2, 1, ids[1], {"perihal": "Diubah oleh pc2"}, base_rev=0)], {})
    assert res[0]["status"] == "applied" and res[0].get("conflicts") == 1

    edited = storage.record(ids[0])
    assert edited["fields"]["perihal"] == "Diubah oleh pc1"
    assert edited["field_hlc"]["perihal"] > created[ids[0]]["field_hlc"]["perihal"]
    assert {f: s for f, s in edited["field_hlc"].items() if f != "perihal"} == {
        f: s for f, s in created[ids[0]]["field_hlc"].items() if f != "perihal"}
    assert edited["fields"] == {**created[ids[0]]["fields"], "perihal": "Diubah oleh pc1"}
    conflicts = [c for c in storage.changes("DST-A", 0, 500)[0] if c["collection"] == "conflicts"]
    assert len(conflicts) == 1 and conflicts[0]["fields"]["record_id"] == ids[1]
    assert "Undangan rapat 2" in json.dumps(conflicts[0]["fields"])  # the loser's value is kept

    # Written again, an old-form row is stored compactly: the shared state once, the edited field by name.
    stored = _stored(storage)
    assert set(stored[ids[0]]["f"]) == {"perihal"} and "perihal" not in stored[ids[0]]["k"]
    assert "f" in stored[ids[2]] and "k" not in stored[ids[2]]  # untouched rows stay as they were

    # A delete of an old-form row: stripped to the tombstone's fields, states for those only.
    _, res = storage.apply(one, [_mut(c1, 6, ids[2], None, op="delete", base_rev=created[ids[2]]["rev"])], {})
    assert res[0]["status"] == "applied"
    gone = storage.record(ids[2])
    assert gone["deleted"] and set(gone["field_hlc"]) == set(gone["fields"])
    assert "perihal" not in gone["fields"]
    pulled = {c["id"]: c for c in storage.changes("DST-A", 0, 500)[0]}
    assert pulled[ids[2]]["deleted"] and set(pulled[ids[2]]["field_hlc"]) == set(gone["fields"])

    # Pulls after all this: same whichever form the rows are in now.
    after = _seen(storage, "DST-A", ids)
    _to_old_form(storage)
    assert _seen(storage, "DST-A", ids) == after


def test_a_letter_row_stays_under_the_toast_threshold(storage):
    """Stored per field, a letter's meta (≈ 2.2 kB) took its row over PostgreSQL's TOAST threshold
    (≈ 2 kB): every insert tried to compress it. Stored compactly, the row stays under it as it is."""
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only")
    one = _device(storage, "DST-A", "pc1")
    rnd = random.Random(5)
    clock = hlc.Clock("0196a0b2-7c1d-7e44-9a3b-55e0c7d1a2b3")
    muts = [_mut(clock, i + 1, new_id(), wire_letter(rnd, i + 1, "operator.distrik"), actor="operator.distrik")
            for i in range(20)]
    storage.apply(one, muts, {})
    with storage.read() as conn:
        meta_text, meta_stored, row = conn.execute(text(
            "SELECT max(length(meta)), min(pg_column_size(meta) - length(meta)), max(pg_column_size(records.*)) "
            "FROM records WHERE collection = 'letters'")).one()
    assert meta_text < 600 and meta_stored >= 0  # not compressed: stored as long as it is
    assert row < 2032  # TOAST_TUPLE_THRESHOLD with 8 kB pages


def test_stored_tombstones_of_either_form_are_stripped(storage):
    one = _device(storage, "DST-A", "pc1")
    c1 = hlc.Clock("pc1")
    ids = [new_id(), new_id()]
    storage.apply(one, [_mut(c1, i + 1, rid, letter(i + 1)) for i, rid in enumerate(ids)], {})
    # As a server that did not strip tombstones stored them: deleted, every field kept.
    with storage.write() as conn:
        conn.execute(update(records).where(records.c.id.in_(ids)).values(deleted=True))
    _to_old_form(storage)
    with storage.write() as conn:  # one of each form
        r = conn.execute(select(records.c.meta).where(records.c.id == ids[1])).scalar_one()
        meta = json.loads(r)
        conn.execute(update(records).where(records.c.id == ids[1]).values(
            meta=_dumps(record_meta.document(meta["f"], None, None))))
        stripped, _ = strip_stored(conn)
    assert stripped == 2
    for rid in ids:
        rec = storage.record(rid)
        assert "perihal" not in rec["fields"] and set(rec["field_hlc"]) == set(rec["fields"]) != set()


def test_a_transfer_of_an_old_form_row_keeps_its_states_and_adds_the_transfer(storage):
    one = _device(storage, "DST-A", "pc1")
    storage.add_office("DST-B", "Distrik B", "distrik")
    c1 = hlc.Clock("pc1")
    rid = new_id()
    storage.apply(one, [_mut(c1, 1, rid, complaint(), collection="complaints")], {})
    before = storage.record(rid)
    _to_old_form(storage)
    storage.transfer(one, "complaints", rid, "DST-B")
    after = storage.record(rid)
    assert after["office_id"] == "DST-B" and after["field_hlc"] == before["field_hlc"]
    assert after["fields"] == before["fields"]
    (pulled,) = [c for c in storage.changes("DST-B", 0, 50)[0] if c["id"] == rid]
    assert [(t["from"], t["to"]) for t in pulled["transfers"]] == [("DST-A", "DST-B")]
    (stub,) = [c for c in storage.changes("DST-A", 0, 50)[0] if c["id"] == rid]
    assert stub["readonly"] and stub["field_hlc"] == before["field_hlc"]
    assert "k" in _stored(storage)[rid]


_STATE = st.tuples(st.sampled_from(["1795817417082-00000-pc1", "1795817417099-00003-pc2", "0"]),
                   st.integers(0, 3), st.sampled_from(["ani", "budi"]), st.sampled_from(["d1", "d2"])).map(list)


@given(st.dictionaries(st.text("abcdefgh_", min_size=1, max_size=6), _STATE, max_size=8),
       st.none() | _STATE, st.sampled_from([None, "0", "1795817417082-00000-pc1"]))
def test_the_document_gives_back_every_state_and_stamp(fmeta, dmeta, leave_out):
    doc = json.loads(_dumps(record_meta.document(fmeta, dmeta, [])))
    assert record_meta.field_states(doc) == fmeta
    assert doc.get("d") == dmeta
    old = {"f": fmeta}
    for form in (doc, old):
        assert record_meta.field_stamps(form, leave_out) == {f: s[0] for f, s in fmeta.items() if s[0] != leave_out}


# --- creates without the lookup (PostgreSQL) --------------------------------------------------------


def _lookups(storage: Storage):
    """A list that grows by one for each statement that reads the records table by id."""
    from sqlalchemy import event

    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if "FROM records" in statement and "records.id" in statement.split("FROM records")[1][:200]:
            seen.append(statement)

    event.listen(storage.engine, "before_cursor_execute", count)
    return seen, lambda: event.remove(storage.engine, "before_cursor_execute", count)


def test_a_page_of_creates_goes_in_without_looking_its_ids_up(storage):
    if storage.is_sqlite:
        pytest.skip("PostgreSQL only: SQLite looks up (one writer, no round trips)")
    one = _device(storage, "DST-A", "pc1")
    c1 = hlc.Clock("pc1")
    ids = [new_id() for _ in range(5)]
    seen, stop = _lookups(storage)
    try:
        _, res = storage.apply(one, [_mut(c1, i + 1, rid, letter(i + 1)) for i, rid in enumerate(ids)], {},
                               known_upto=0)
    finally:
        stop()
    assert [r["status"] for r in res] == ["applied"] * 5 and all(r.get("exact") for r in res)
    assert seen == []
    assert [storage.record(rid)["fields"]["seq"] for rid in ids] == [1, 2, 3, 4, 5]


def test_a_create_that_exists_after_all_is_merged_as_an_edit(storage):
    """A record created and then edited offline: both mutations carry base_rev 0, the edit on a page of
    its own. A whole valid record looks like a create: its insert clashes, and the page is applied again
    with the lookup. One with only the changed field is not a valid create: its page is looked up first."""
    one = _device(storage, "DST-A", "pc1")
    c1 = hlc.Clock("pc1")
    rid, other = new_id(), new_id()
    _, res = storage.apply(one, [_mut(c1, 1, rid, letter(1))], {})
    first_rev = res[0]["rev"]
    seen, stop = _lookups(storage)
    try:
        _, res = storage.apply(one, [_mut(c1, 2, other, letter(2)), _mut(c1, 3, rid, letter(1, perihal="Diubah"))],
                               {}, known_upto=first_rev)
    finally:
        stop()
    assert [r["status"] for r in res] == ["applied", "applied"] and "conflicts" not in res[1]
    assert len(seen) == 1  # SQLite: its only try; PostgreSQL: the second, after the clash
    if not storage.is_sqlite:  # the first try's block of revs went with it: the page's come from a second lease
        assert storage.record(other)["rev"] > first_rev + 2 * revs_mod.BLOCK
    rec = storage.record(rid)
    assert rec["fields"] == {**letter(1), "perihal": "Diubah"} and rec["rev"] > first_rev
    assert storage.record(other)["fields"]["seq"] == 2
    _, res = storage.apply(one, [_mut(c1, 4, rid, {"perihal": "Diubah lagi"})], {})
    assert res[0]["status"] == "applied" and storage.record(rid)["fields"]["perihal"] == "Diubah lagi"
    # Exactly once each, every rev visible to a reader, the device's mseq where it should be.
    pulled = storage.changes("DST-A", 0, 100)[0]
    assert sorted(c["id"] for c in pulled if c["collection"] == "letters") == sorted([rid, other])
    revs = [c["rev"] for c in pulled]
    assert revs == sorted(revs)
    _, again = storage.apply(one, [_mut(c1, 5, new_id(), letter(5))], {})
    assert again[0]["status"] == "applied"
    with storage.read() as conn:
        assert conn.execute(text("SELECT last_mseq FROM devices WHERE id = :d"), {"d": one.id}).scalar() == 5
        assert sorted(applied_log.seen(conn, one.id, 1, 10)) == [1, 2, 3, 4, 5]
        assert conn.execute(text("SELECT count(*) FROM pj_letters WHERE id IN (:a, :b)"),
                            {"a": rid, "b": other}).scalar() == 2
