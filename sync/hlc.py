"""Hybrid logical clocks (Kulkarni et al. 2014), as sortable strings.

A stamp is ``"<wall ms, 13 digits>-<counter, 5 digits>-<node>"``; string order is causal order
(ties broken by node id), so stamps can be compared and stored as TEXT. The wall part is the
device clock *corrected by the offset learned from the server*, so a PC whose clock is years off
still produces sensible stamps once it has synced once (DESIGN.md, invariant 3).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

WALL_DIGITS = 13
COUNTER_DIGITS = 5
MAX_COUNTER = 10**COUNTER_DIGITS - 1
MAX_WALL_MS = 7_258_118_400_000  # 2200-01-01: a later stamp is damage or an attack, never a clock
MAX_OFFSET_MS = 100 * 365 * 86_400_000  # a learned clock offset beyond a century is damage
ZERO = "0" * WALL_DIGITS + "-" + "0" * COUNTER_DIGITS + "-"


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        """Parses a stamp; raises ValueError with a clear reason on anything else."""
        return cls(*parts(text))


def parts(text: str) -> tuple[int, int, str]:
    """A stamp's (wall_ms, counter, node), checked as ``Stamp.parse`` checks it; without building a
    Stamp (a frozen dataclass costs about as much again), for the server's check of every mutation."""
    if not isinstance(text, str):
        raise ValueError("HLC stamp must be a string")
    wall, counter, node = text.split("-", 2) if text.count("-") >= 2 else ("", "", "")
    if len(wall) != WALL_DIGITS or len(counter) != COUNTER_DIGITS or not (wall.isdigit() and counter.isdigit()) \
            or not node or len(node) > 64:
        raise ValueError(f"malformed HLC stamp: {text[:60]!r}")
    return int(wall), int(counter), node


def is_valid(text: object) -> bool:
    try:
        Stamp.parse(text)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True


def wall_ms(text: str) -> int:
    return Stamp.parse(text).wall_ms


class Clock:
    """One node's clock. Thread-safe; ``offset_ms`` is what the server told us our clock is off by."""

    def __init__(self, node: str, last: str | None = None, offset_ms: int = 0, now_ms=None):
        self.node = node
        self.offset_ms = offset_ms
        self._now_ms = now_ms or (lambda: int(time.time() * 1000))
        self._last = Stamp.parse(last) if last else Stamp(0, 0, node)
        self._lock = threading.Lock()

    @classmethod
    def recovered(cls, node: str, last: str | None, offset: str | None, now_ms=None) -> tuple[Clock, list[str]]:
        """A clock from stored values that may be damaged (a disk error, or an old version that
        believed a hostile stamp): what cannot be used is dropped, and each repair is described."""
        repairs = []
        try:
            offset_ms = int(offset or 0)
            if abs(offset_ms) > MAX_OFFSET_MS:
                raise ValueError
        except ValueError:
            repairs.append(f"clock offset {str(offset)[:40]!r} was damaged; reset to 0")
            offset_ms = 0
        try:
            if last and Stamp.parse(last).wall_ms > MAX_WALL_MS:
                raise ValueError
        except ValueError:
            repairs.append(f"last HLC stamp {str(last)[:40]!r} was damaged; restarted from the device clock")
            last = None
        return cls(node, last, offset_ms, now_ms), repairs

    def physical_ms(self) -> int:
        return self._now_ms() + self.offset_ms

    def now(self) -> str:
        """A new stamp, later than every stamp this clock has issued or received."""
        with self._lock:
            wall = max(self.physical_ms(), self._last.wall_ms)
            counter = self._last.counter + 1 if wall == self._last.wall_ms else 0
            if counter > MAX_COUNTER:  # more than 100k stamps in one ms: borrow the next ms
                wall, counter = wall + 1, 0
            self._last = Stamp(wall, counter, self.node)
            return str(self._last)

    def observe(self, remote: str) -> None:
        """Moves the clock past a stamp received from elsewhere (so our next stamp is later)."""
        other = Stamp.parse(remote)
        if other.wall_ms > MAX_WALL_MS:
            return  # damage or an attack: believing it would push every later stamp past 13 digits
        with self._lock:
            if (other.wall_ms, other.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Stamp(other.wall_ms, other.counter, self.node)

    @property
    def last(self) -> str:
        return str(self._last)


def clamp(stamp: str, max_wall_ms: int) -> str:
    """Caps a stamp's wall time (the server's defence against clocks far in the future)."""
    s = Stamp.parse(stamp)
    if s.wall_ms <= max_wall_ms:
        return stamp
    return str(Stamp(max_wall_ms, s.counter, s.node))
