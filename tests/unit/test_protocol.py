"""sync.protocol: the codec and its limits, the envelope schemas, versions, error types; and
sync.passwords (shared by the server's `user add` and the desktop's offline login)."""

from __future__ import annotations

import gzip
import json
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import protocol as p
from sync.passwords import hash_password, verify_password

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=30)


@given(json_values)
def test_codec_roundtrip(value):
    for compress in (True, False):
        data = p.encode_body(value, compress=compress)
        assert p.decode_body(data, "gzip" if compress else None, max_depth=100) == value


def _code(fn) -> str:
    with pytest.raises(p.BodyError) as err:
        fn()
    assert err.value.message and err.value.message_en
    return err.value.code


def test_gzip_bomb_is_stopped_at_the_limit():
    bomb = gzip.compress(b" " * (20 << 20))
    assert len(bomb) < 100_000
    assert _code(lambda: p.decode_body(bomb, "gzip", max_json=1 << 20)) == "too_large"


def test_truncated_and_corrupt_gzip():
    data = p.encode_body({"a": "x" * 1000})
    assert _code(lambda: p.decode_body(data[:-10], "gzip")) == "truncated"
    assert _code(lambda: p.decode_body(data + b"junk", "gzip")) == "bad_gzip"
    assert _code(lambda: p.decode_body(b"\x1f\x8b\x08\x00nonsense", "gzip")) in ("bad_gzip", "truncated")
    assert _code(lambda: p.decode_body(zlib.compress(b"{}"), "gzip")) == "bad_gzip"


@pytest.mark.parametrize("body,code", [
    (b"", "empty"), (b"{", "invalid_json"), (b'{"a": NaN}', "invalid_json"), (b"\xff", "invalid_json"),
    (b"[" * 100_000 + b"]" * 100_000, "too_deep"), (json.dumps([[[[1]]]]).encode(), "too_deep"),
    (b'{"a": "x\\u0000y"}', "bad_text"), (b'{"a": "\\ud800"}', "bad_text"), (b'{"\\u0001": 1}', "bad_text"),
])
def test_bad_bodies(body, code):
    assert _code(lambda: p.decode_body(body, "identity", max_depth=3)) == code


def test_unsupported_encoding_and_size():
    assert _code(lambda: p.decode_body(b"{}", "br")) == "bad_encoding"
    assert _code(lambda: p.decode_body(b" " * 101 + b"{}", None, max_json=100)) == "too_large"
    assert p.decode_body(b'{"tab\\tand newline\\n": "ok\\r\\n"}', None) == {"tab\tand newline\n": "ok\r\n"}


def _request(**kw):
    m = {"mseq": 1, "collection": "letters", "id": "01a2-x", "op": "put", "base_rev": 0, "fields": {"a": 1},
         "hlc": "0000000000001-00000-n", "actor": "ani"}
    body = {"schema_v": 1, "app_version": "0.1.0", "device_id": "d", "mutations": [m], "cursor": 0}
    body.update(kw)
    return body


def test_envelope_schema_accepts_a_valid_request_and_keeps_unknown_keys():
    assert p.envelope_errors("sync_request", _request(future_key={"x": 1})) == []


@pytest.mark.parametrize("change", [
    {"cursor": -1}, {"cursor": "0"}, {"schema_v": True}, {"mutations": {}}, {"device_id": None},
    {"mutations": [{"mseq": 1}]}, {"limit": 2**63},
])
def test_envelope_schema_refuses_wrong_types(change):
    errors = p.envelope_errors("sync_request", _request(**change))
    assert errors and all(isinstance(e, str) and ":" in e for e in errors)


def test_reply_schema():
    reply = {"acked_mseq": 1, "results": [{"mseq": 1, "status": "applied", "rev": 3}], "changes": [
        {"collection": "letters", "id": "x", "office_id": "A", "rev": 3, "hlc": "h", "deleted": False,
         "fields": {}, "field_hlc": {}}], "cursor": 3, "has_more": False, "server_time": 1}
    assert p.envelope_errors("sync_reply", reply) == []
    reply["results"][0]["status"] = "maybe"
    assert p.envelope_errors("sync_reply", reply)


@pytest.mark.parametrize("text,expected", [("1.2.3", (1, 2, 3)), ("0.4.0.dev1", (0, 4, 0)), ("2", (2,)),
                                           ("v1", ()), ("", ()), (None, ()), ("1.x.3", (1,))])
def test_parse_version(text, expected):
    assert p.parse_version(text) == expected


def test_errors_speak_indonesian_and_say_if_retrying_helps():
    classes = [p.NetworkError, p.ServerError, p.ServerBusy, p.AuthError, p.ForbiddenError, p.NotFound,
               p.EnrollError, p.UpgradeRequired, p.PayloadTooLarge, p.ProtocolError]
    for cls in classes:
        err = cls("detail")
        assert err.message and err.message_en and err.message != err.message_en
        assert isinstance(err, p.SyncError)
    assert p.NetworkError().retryable and not p.AuthError().retryable and not p.UpgradeRequired().retryable
    gap = p.MseqGap(7)
    assert gap.expected == 7 and "7" in str(gap)
    assert p.MseqReused(3).mseq == 3 and p.CursorAhead(9).server_rev == 9


def test_passwords_roundtrip_and_refuse_garbage():
    encoded = hash_password("Kata-Sandi 2026", n=2**10)
    assert encoded.startswith("scrypt$1024$8$1$")
    assert verify_password("Kata-Sandi 2026", encoded)
    assert not verify_password("kata-sandi 2026", encoded)
    assert hash_password("x", n=2**10) != hash_password("x", n=2**10)  # random salt
    for bad in (None, "", "scrypt$", "bcrypt$1$2$3$4$5", "scrypt$1000$8$1$AAAA$AAAA", "scrypt$a$b$c$d$e"):
        assert not verify_password("x", bad)


def _old_nesting_verdict(obj, max_depth: int) -> bool:
    """The nesting walk as it was (a stack of (value, depth) pairs): True when it refuses ``obj``."""
    if not isinstance(obj, (dict, list)):
        return False
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((v, depth + 1) for v in children if isinstance(v, (dict, list)))
    return False


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=300)
@given(_json_values, st.integers(1, 6))
def test_the_level_walk_refuses_what_the_stack_walk_refused(value, max_depth):
    from sync.protocol import BodyError, check_json_value

    try:
        check_json_value(value, max_depth, strings=False)
        refused = False
    except BodyError as e:
        assert e.code == "too_deep"
        refused = True
    assert refused == _old_nesting_verdict(value, max_depth)


_bracket_text = st.text(alphabet='{}[]a é"', max_size=4)
_bracket_values = st.recursive(
    st.none() | st.booleans() | st.integers() | _bracket_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_bracket_text, inner, max_size=3),
    max_leaves=25)


@settings(max_examples=400)
@given(_bracket_values, st.integers(1, 6), st.booleans())
def test_the_depth_read_from_the_text_is_the_walks(value, max_depth, spaced):
    """decode_body reads the nesting from the text when it has no escapes (strings holding brackets,
    whitespace between tokens): it refuses exactly what the walk over the decoded value refused."""
    data = json.dumps(value, ensure_ascii=False, indent=1 if spaced else None).encode()
    try:
        p.decode_body(data, None, max_depth=max_depth)
        refused = False
    except p.BodyError as e:
        assert e.code == "too_deep"
        refused = True
    assert refused == _old_nesting_verdict(value, max_depth)
    if b"\\" not in data:
        assert p.json_text_depth(data, 99) == _depth(value)


def _depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0
