"""The server's orjson codec (sync/server/json_codec.py) gives sync.protocol's results: the same values
read, the same refusals (with the json module's errors), integers of any size kept as integers."""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.protocol import BodyError, decode_body, dumps, loads_strict
from sync.server import json_codec

_SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text())
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 and 1.0 are equal in Python, not here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


@given(_VALUES)
def test_reads_and_writes_what_the_json_module_does(value):
    text = dumps(value)
    assert _same(json_codec.loads(text), loads_strict(text))
    assert _same(json.loads(json_codec.dumps(value)), value)


@pytest.mark.parametrize("text", [
    b'{"n": 123456789012345678901234567890}',  # orjson alone would read a float
    b'[9223372036854775808, -9223372036854775809]',
    b'[9223372036854775807, 1000000000000000000000.5, "12345678901234567890123"]',
    b'[0.0000000000000000000001, 1230000000000000000000000]',
    b'{"s": "\\ud800"}',  # a lone surrogate: the json module reads it, decode_body then refuses it
    '{"s": "ok"}'.encode("utf-16"),  # the json module reads UTF-16 bodies too
    b'{"a": 1, "a": 2}',
    b'[1.0, -0.0, 1e-07, 1E5]',
])
def test_odd_inputs_read_as_before(text):
    assert _same(json_codec.loads(text), loads_strict(text))


@pytest.mark.parametrize("text", [b"NaN", b"[Infinity]", b"[1e400]", b'{"a": }', b"\xff"])
def test_refuses_what_the_strict_loader_refuses(text):
    with pytest.raises(ValueError):
        loads_strict(text)
    with pytest.raises(ValueError):
        json_codec.loads(text)


def test_a_body_decoded_with_it_is_checked_as_before():
    with pytest.raises(BodyError) as e:
        decode_body(gzip.compress(b'{"s": "\\ud800"}'), "gzip", loads=json_codec.loads)
    assert e.value.code == "bad_text"
    with pytest.raises(BodyError) as e:
        decode_body(b"[1e400]", None, loads=json_codec.loads)
    assert e.value.code == "bad_number"
    assert decode_body(b'{"big": 123456789012345678901234567890}', None,
                       loads=json_codec.loads) == {"big": 123456789012345678901234567890}


def test_writes_integers_beyond_64_bits():
    assert json.loads(json_codec.dumps({"n": 2**80})) == {"n": 2**80}
