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
        if not isinstance(text, str):
            raise ValueError("HLC stamp must be a string")
        parts = text.split("-", 2)
        if len(parts) != 3 or len(parts[0]) != WALL_DIGITS or len(parts[1]) != COUNTER_DIGITS:
            raise ValueError(f"malformed HLC stamp: {text[:60]!r}")
        if not (parts[0].isdigit() and parts[1].isdigit()) or not parts[2] or len(parts[2]) > 64:
            raise ValueError(f"malformed HLC stamp: {text[:60]!r}")
        return cls(int(parts[0]), int(parts[1]), parts[2])


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
