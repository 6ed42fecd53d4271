"""sync.hlc: stamps order causally as strings, the clock is monotonic, clamping caps the future."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync import hlc

walls = st.integers(0, 10**13 - 1)
counters = st.integers(0, hlc.MAX_COUNTER)
nodes = st.text(alphabet="abcdef0123456789-", min_size=1, max_size=40)


@given(walls, counters, nodes, walls, counters, nodes)
def test_string_order_is_stamp_order(w1, c1, n1, w2, c2, n2):
    a, b = hlc.Stamp(w1, c1, n1), hlc.Stamp(w2, c2, n2)
    if (w1, c1) != (w2, c2):
        assert (str(a) < str(b)) == ((w1, c1) < (w2, c2))


@given(walls, counters, nodes)
def test_parse_roundtrip(w, c, n):
    s = hlc.Stamp(w, c, n)
    assert hlc.Stamp.parse(str(s)) == s
    assert hlc.is_valid(str(s)) and hlc.wall_ms(str(s)) == w


@pytest.mark.parametrize("bad", ["", "123", "1-2-3", "abcdefghijklm-00000-n", "0000000000000-0000-n",
                                 "0000000000000-00000-", "0000000000000-00000-" + "x" * 65, None, 5])
def test_parse_refuses_garbage(bad):
    assert not hlc.is_valid(bad)
    with pytest.raises(ValueError):
        hlc.Stamp.parse(bad)


def test_clock_is_monotonic_even_when_time_goes_back():
    now = [1_000_000]
    clock = hlc.Clock("n1", now_ms=lambda: now[0])
    a = clock.now()
    now[0] -= 500_000  # the PC clock is set back
    b = clock.now()
    c = clock.now()
    assert a < b < c
    assert hlc.Stamp.parse(b).wall_ms == 1_000_000


def test_observe_moves_past_remote_stamps():
    clock = hlc.Clock("n1", now_ms=lambda: 1000)
    remote = str(hlc.Stamp(5_000_000, 7, "n2"))
    clock.observe(remote)
    mine = clock.now()
    assert mine > remote and hlc.Stamp.parse(mine).node == "n1"


def test_offset_corrects_a_wrong_clock():
    ten_years = 10 * 365 * 86_400_000
    clock = hlc.Clock("n1", now_ms=lambda: 1_700_000_000_000 - ten_years, offset_ms=ten_years)
    assert hlc.Stamp.parse(clock.now()).wall_ms == 1_700_000_000_000


def test_counter_overflow_borrows_the_next_millisecond():
    clock = hlc.Clock("n1", last=str(hlc.Stamp(42, hlc.MAX_COUNTER, "n1")), now_ms=lambda: 10)
    s = hlc.Stamp.parse(clock.now())
    assert (s.wall_ms, s.counter) == (43, 0)


def test_clock_is_thread_safe():
    clock = hlc.Clock("n1", now_ms=lambda: 5)
    out: list[str] = []

    def work():
        out.extend(clock.now() for _ in range(2000))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(out)) == len(out) == 8000


@given(walls, counters, nodes, walls)
def test_clamp(w, c, n, cap):
    s = str(hlc.Stamp(w, c, n))
    out = hlc.Stamp.parse(hlc.clamp(s, cap))
    assert out.wall_ms == min(w, cap) and out.node == n and out.counter == c
