"""The server's fast validation paths (sync.server.validation) agree with jsonschema exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.protocol import envelope_errors
from sync.schema import collections
from sync.server.validation import certainly_valid_sync_request, fast, sync_request_errors

COLLS = sorted(collections())


def plausible(spec: dict):
    """Values that are often valid for the field and often just wrong."""
    kind = spec.get("type")
    opts = [st.none(), st.booleans(), st.integers(-10, 3000), st.floats(allow_nan=False, allow_infinity=False),
            st.text(max_size=30), st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                                      st.integers(), max_size=2)]
    if "enum" in spec:
        opts.append(st.sampled_from(spec["enum"]))
    if spec.get("format") == "date":
        opts.append(st.dates().map(str))
        opts.append(st.from_regex(r"\A20[0-9]{2}-[0-9]{2}-[0-9]{2}\Z"))
    if spec.get("format") == "uuid":
        opts.append(st.uuids().map(str))
    if "pattern" in spec:
        opts.append(st.from_regex(spec["pattern"], fullmatch=True))
    if kind == "integer":
        opts.append(st.integers(spec.get("minimum", -5) - 2, spec.get("maximum", 5000) + 2))
        opts.append(st.integers(1900, 2200).map(float))
    if kind == "string" and "maxLength" in spec:
        n = spec["maxLength"]
        opts.append(st.integers(max(n - 1, 0), n + 1).map(lambda k: "x" * k))
    if kind == "string" and "minLength" in spec:
        n = spec["minLength"]
        opts.append(st.integers(max(n - 1, 0), n + 1).map(lambda k: "x" * k))
    return st.one_of(*opts)


@st.composite
def records(draw):
    coll = collections()[draw(st.sampled_from(COLLS))]
    names = draw(st.lists(st.sampled_from(coll.fields), unique=True))
    rec = {n: draw(plausible(coll.properties[n])) for n in names}
    if draw(st.booleans()):
        rec["tambahan"] = draw(st.text(max_size=5))
    return coll, rec


@settings(max_examples=250)
@given(records())
def test_fast_validation_equals_jsonschema(item):
    coll, rec = item
    f = fast(coll)
    assert f.validate_fields(rec) == coll.validate_fields(rec)
    assert f.validate(rec) == coll.validate(rec)
    if f.certainly_valid_fields(rec):
        assert coll.validate_fields(rec) == []


@settings(max_examples=120)
@given(st.sampled_from(COLLS), st.data())
def test_fast_validation_of_complete_records(name, data):
    """Records with every field present: exercises the required/conditional fast path."""
    coll = collections()[name]
    rec = {n: data.draw(plausible(coll.properties[n])) for n in coll.fields}
    assert fast(coll).validate(rec) == coll.validate(rec)


def text_around(n: int):
    """Short strings, and strings right at the limit ``n`` and just past it."""
    return st.one_of(st.text(max_size=5), st.integers(n - 1, n + 1).map(lambda k: "é" * k))


mutation = st.fixed_dictionaries({
    "mseq": st.one_of(st.integers(-1, 5), st.just(2**62), st.just(2**62 + 1), st.just(1.0), st.just("1")),
    "collection": st.one_of(st.just("letters"), text_around(40), st.integers()),
    "id": st.one_of(text_around(64), st.none()),
    "op": st.one_of(st.sampled_from(["put", "delete", "upsert"]), st.integers()),
    "base_rev": st.one_of(st.integers(-2, 3), st.booleans()),
    "hlc": st.one_of(text_around(100), st.integers()),
    "actor": st.one_of(text_around(64), st.none()),
}, optional={"fields": st.one_of(st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
                                 st.lists(st.integers(), max_size=2),
                                 st.integers(255, 257).map(lambda n: {f"f{i}": i for i in range(n)}))})

def _valid_mutation(mseq: int) -> dict:
    return {"mseq": mseq, "collection": "letters", "id": "x", "op": "put", "base_rev": 0, "hlc": "h", "actor": "a"}


request = st.fixed_dictionaries({
    "schema_v": st.one_of(st.integers(-1, 3), st.booleans()),
    "app_version": st.one_of(text_around(40), st.integers()),
    "device_id": st.one_of(text_around(64), st.none()),
    "mutations": st.one_of(st.lists(mutation, max_size=3), st.dictionaries(st.text(max_size=2), st.integers())),
    "cursor": st.one_of(st.integers(-1, 10), st.just(2**62 + 1), st.just("0")),
}, optional={"client_time": st.one_of(st.integers(), st.floats(allow_nan=False)), "limit": st.integers(-1, 5),
             "waiting": st.one_of(st.integers(-1, 5), st.booleans()), "extra": st.integers()})


@settings(max_examples=400)
@given(request)
def test_fast_envelope_check_never_accepts_what_the_schema_refuses(body):
    if certainly_valid_sync_request(body):
        assert envelope_errors("sync_request", body) == []
    assert (sync_request_errors(body) == []) == (envelope_errors("sync_request", body) == [])


def test_mutation_count_limit_is_the_same():
    for n in (999, 1000, 1001):
        body = {"schema_v": 1, "app_version": "1", "device_id": "d", "cursor": 0,
                "mutations": [_valid_mutation(i + 1) for i in range(n)]}
        assert certainly_valid_sync_request(body) == (envelope_errors("sync_request", body) == [])


def _old_fast_verdict(f, record: dict) -> bool:
    """The fast path's "certainly valid" as it was written before its presence rules were resolved
    once per collection (kept here as the reference the new code must agree with)."""
    from sync.schema import SYSTEM_FIELDS

    if not (f.simple_record and f.certainly_valid_fields(record)):
        return False
    get = record.get
    return (all(get(r) is not None and r not in SYSTEM_FIELDS for r in f.coll.required)
            and all(all(get(r) is not None and r not in SYSTEM_FIELDS for r in req)
                    for key, const, req in f.conditions
                    if get(key) is None or key in SYSTEM_FIELDS or record[key] == const))


@settings(max_examples=200)
@given(st.sampled_from(COLLS), st.data())
def test_fast_record_verdict_is_the_old_one(name, data):
    """Records with some fields missing, None or bookkeeping: the precompiled presence rules say
    "certainly valid" exactly when the old expression did."""
    from sync.schema import SYSTEM_FIELDS

    coll = collections()[name]
    f = fast(coll)
    names = data.draw(st.lists(st.sampled_from([*coll.fields, *SYSTEM_FIELDS]), unique=True))
    rec = {n: data.draw(st.one_of(st.none(), plausible(coll.properties[n])) if n in coll.properties
                        else st.one_of(st.none(), st.text(max_size=5))) for n in names}
    new = f._fast_records and f.certainly_valid_fields(rec) and f._all_present(rec)
    assert new == _old_fast_verdict(f, rec)
    assert (f.validate(rec) == []) == (coll.validate(rec) == [])
