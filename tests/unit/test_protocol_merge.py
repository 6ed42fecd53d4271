"""The server's per-field merge (sync.server.merge) as pure functions: the rules of docs/SYNC.md."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sync import hlc
from sync.server.merge import Mutation, Rec, apply_delete, apply_put, stamp_after


def s(wall: int, node: str = "n", counter: int = 0) -> str:
    return str(hlc.Stamp(1_700_000_000_000 + wall, counter, node))


def rec(**fields_with_meta) -> Rec:
    """rec(perihal=("A", s(1), rev, device))"""
    return Rec(id="r1", collection="letters", office_id="O", rev=10, deleted=False,
               fields={k: v[0] for k, v in fields_with_meta.items()},
               fmeta={k: [v[1], v[2], "someone", v[3]] for k, v in fields_with_meta.items()})


def mut(fields=None, *, stamp, base_rev, op="put", actor="ani") -> Mutation:
    return Mutation(mseq=1, collection="letters", id="r1", op=op, base_rev=base_rev, fields=fields or {},
                    hlc=stamp, hlc_raw=stamp, actor=actor)


def test_later_concurrent_write_wins_and_the_overwritten_value_is_recorded():
    r = rec(perihal=("lama", s(1, "b"), 5, "devB"))
    changed, conflicts = apply_put(r, mut({"perihal": "baru"}, stamp=s(2, "a"), base_rev=4), 11, "devA")
    assert changed and r.fields["perihal"] == "baru" and r.fmeta["perihal"][:2] == [s(2, "a"), 11]
    [c] = conflicts
    assert (c["lost_value"], c["won_value"], c["field"], c["kind"]) == ("lama", "baru", "perihal", "field")


def test_earlier_concurrent_write_loses_and_is_recorded():
    r = rec(perihal=("B", s(5, "b"), 5, "devB"))
    changed, conflicts = apply_put(r, mut({"perihal": "A"}, stamp=s(2, "a"), base_rev=4), 11, "devA")
    assert not changed and r.fields["perihal"] == "B"
    assert conflicts[0]["lost_value"] == "A" and conflicts[0]["lost_actor"] == "ani"


def test_equal_values_are_not_conflicts():
    r = rec(perihal=("sama", s(5, "b"), 5, "devB"))
    _, conflicts = apply_put(r, mut({"perihal": "sama"}, stamp=s(2, "a"), base_rev=4), 11, "devA")
    assert conflicts == []


def test_causally_later_write_wins_even_with_a_smaller_stamp():
    r = rec(perihal=("B", s(500, "b"), 5, "devB"))
    changed, conflicts = apply_put(r, mut({"perihal": "A"}, stamp=s(2, "a"), base_rev=5), 11, "devA")
    assert changed and conflicts == [] and r.fields["perihal"] == "A"
    assert r.fmeta["perihal"][0] > s(500, "b")  # the stored stamp still moves forward


def test_same_device_successive_writes_are_not_concurrent():
    r = rec(perihal=("A1", s(5, "a"), 9, "devA"))
    changed, conflicts = apply_put(r, mut({"perihal": "A2"}, stamp=s(6, "a"), base_rev=0), 11, "devA")
    assert changed and conflicts == []


def test_a_delete_wins_over_a_concurrent_edit_either_way_and_records_only_field_names():
    r = rec(perihal=("B", s(5, "b"), 5, "devB"))
    changed, conflicts = apply_delete(r, mut(stamp=s(9, "a"), base_rev=4, op="delete"), 11, "devA")
    assert changed and r.deleted and conflicts[0]["kind"] == "edit_vs_delete"
    assert conflicts[0]["lost_value"] == ["perihal"]
    # A concurrent edit with a LATER stamp no longer keeps the record: the delete is final.
    r = rec(perihal=("B", s(9, "b"), 5, "devB"), seq=(7, s(1, "a"), 1, "devA"))
    changed, conflicts = apply_delete(r, mut(stamp=s(2, "a"), base_rev=4, op="delete"), 11, "devA")
    assert changed and r.deleted and conflicts[0]["kind"] == "edit_vs_delete"
    assert conflicts[0]["lost_value"] == ["perihal"] and conflicts[0]["lost_actor"] == "someone"
    # The tombstone keeps only what sync and numbering need (resources/schema/tombstones/keep.json).
    assert r.fields == {"seq": 7} and set(r.fmeta) == {"seq"}


def test_put_on_tombstone():
    r = rec(perihal=("A", s(1), 3, "devA"))
    r.deleted, r.dmeta = True, [s(5, "a"), 6, "ani", "devA"]
    later = apply_put(r, mut({"perihal": "x", "updated_by": "budi"}, stamp=s(9, "b"), base_rev=3, actor="budi"),
                      11, "devB")
    # A concurrent edit, even a later one, never brings a deleted record back; no value is recorded.
    assert not later[0] and r.deleted and later[1][0]["kind"] == "edit_vs_delete"
    assert later[1][0]["lost_value"] == ["perihal"] and later[1][0]["lost_actor"] == "budi"
    r.deleted, r.dmeta = True, [s(50, "a"), 12, "ani", "devA"]
    earlier = apply_put(r, mut({"perihal": "y"}, stamp=s(20, "b"), base_rev=11), 13, "devB")
    assert not earlier[0] and r.deleted and earlier[1][0]["lost_value"] == ["perihal"]
    deliberate = apply_put(r, mut({"perihal": "z"}, stamp=s(20, "b"), base_rev=12), 14, "devB")
    assert deliberate[0] and deliberate[1] == [] and not r.deleted and r.fields["perihal"] == "z"
    own = rec(perihal=("A", s(1), 3, "devA"))
    own.deleted, own.dmeta = True, [s(5, "a"), 6, "ani", "devA"]
    assert apply_put(own, mut({"perihal": "w"}, stamp=s(2, "a"), base_rev=3), 15, "devA")[0] and not own.deleted


@given(st.integers(0, 10**12), st.integers(0, hlc.MAX_COUNTER), st.text("abc", min_size=1, max_size=5))
def test_stamp_after_is_the_next_stamp(wall, counter, node):
    base = str(hlc.Stamp(wall, counter, "zzz"))
    nxt = stamp_after(base, node)
    assert nxt > base and hlc.Stamp.parse(nxt).node == node


@given(st.permutations(range(4)))
def test_final_value_does_not_depend_on_arrival_order(order):
    """Four concurrent writers of one field: whatever order they arrive in, the highest stamp wins and
    the three others are in conflict records."""
    writes = [(f"v{i}", s(i * 10, f"n{i}"), f"dev{i}") for i in range(4)]
    r = rec(perihal=("awal", s(0, "z"), 1, "dev-z"))
    lost = []
    for rev, i in enumerate(order, start=2):
        value, stamp, device = writes[i]
        _, conflicts = apply_put(r, mut({"perihal": value}, stamp=stamp, base_rev=1), rev, device)
        lost += [c["lost_value"] for c in conflicts]
    assert r.fields["perihal"] == "v3"
    assert set(lost) == {"v0", "v1", "v2"}  # "awal" was seen by all (base_rev 1): not a conflict
