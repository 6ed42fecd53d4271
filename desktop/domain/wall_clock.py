"""The corrected clock: what time it really is when the PC's own clock may be wrong.

Office PCs often have a wrong clock (a dead CMOS battery puts it years behind; a wrong setting
years ahead). Default dates and the numbering year must not follow it (docs/NUMBERING.md, "Jam
komputer"). The best knowledge, in order:

1. Once the PC has talked to the server, the sync stores how far the PC's clock is off
   (``clock_offset_ms``, learned NTP-style in store/replica.py): corrected now = PC clock + offset.
2. Before any contact, two floors: the newest stamp in the store (no record can be younger
   than now) and the app's release date. A PC clock earlier than a floor is wrong, and "now" is
   taken as the floor.

A PC clock set back after the offset was learned (the clerk fixed a clock that was ahead) makes
the offset stale: then the server's time at the last contact is the floor, until the next sync
learns a fresh offset. (A clock set forward after the offset was learned cannot be told apart
from time passing: the next sync corrects it.)

Everything reads "now" through ``pc_now``, which tests replace (``set_pc_now``) instead of the
system clock. The UI keeps the reading of its store with ``adopt``; ``today()`` then gives the
corrected date for default dates in forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from desktop import __release_date__
from sync import hlc

OFFSET_META = "clock_offset_ms"  # written by the sync client (store/replica.py)
LEARNED_AT_META = "clock_offset_learned_ms"  # the PC's clock (ms) when that offset was learned
MAX_SKEW = dt.timedelta(minutes=5)  # a clock off by more than this is shown as wrong
RELEASE_DATE = dt.date.fromisoformat(__release_date__)

SERVER, RECORDS, RELEASE, PC = "server", "records", "release", "pc"  # what the reading rests on


def _system_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


_pc_now: Callable[[], dt.datetime] = _system_now
_adopted_offset = dt.timedelta(0)


def set_pc_now(source: Callable[[], dt.datetime] | None) -> None:
    """Replaces the PC clock (tests: a clock years off without touching the system's); None restores it."""
    global _pc_now
    _pc_now = source or _system_now


def pc_now() -> dt.datetime:
    """What the PC's clock says, as an aware UTC datetime."""
    return _pc_now().astimezone(dt.UTC)


@dataclass(frozen=True)
class Reading:
    pc: dt.datetime  # what the PC's clock says (aware, UTC)
    now: dt.datetime  # the best estimate of the real time (aware, UTC)
    basis: str  # SERVER, RECORDS, RELEASE or PC: what ``now`` rests on

    @property
    def offset(self) -> dt.timedelta:
        """How far the PC's clock is behind (positive) or ahead (negative)."""
        return self.now - self.pc

    @property
    def is_wrong(self) -> bool:
        return abs(self.offset) > MAX_SKEW

    def at(self, pc: dt.datetime) -> Reading:
        """The same correction, later: what the reading is when the PC's clock says ``pc``."""
        return Reading(pc, pc + self.offset, self.basis)

    def today(self) -> dt.date:
        """The corrected date in the PC's time zone."""
        return local(self.now).date()

    def local_pc(self) -> dt.datetime:
        return local(self.pc)

    def local_now(self) -> dt.datetime:
        return local(self.now)


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone()


def _store_of(source):
    return getattr(source, "store", source)  # a WriteTx carries its store; a Store is itself


def newest_stamp(source) -> dt.datetime | None:
    """The wall time of the newest HLC stamp this store has issued or received."""
    store = _store_of(source)
    stamps = [source.meta("hlc_last")]
    clock = getattr(store, "clock", None)
    if clock is not None:
        stamps.append(clock.last)
    walls = [hlc.wall_ms(s) for s in stamps if s and hlc.is_valid(s)]
    wall = max(walls, default=0)
    return dt.datetime.fromtimestamp(wall / 1000, dt.UTC) if wall > 0 else None


def read(source, *, pc: dt.datetime | None = None) -> Reading:
    """The corrected clock for the store behind ``source`` (a Store or a WriteTx)."""
    pc = (pc or pc_now()).astimezone(dt.UTC)
    offset_text = source.meta(OFFSET_META)
    if offset_text in (None, ""):
        return _judge_by_floors(pc, [(newest_stamp(source), RECORDS)])
    offset = dt.timedelta(milliseconds=int(offset_text))
    learned_text = source.meta(LEARNED_AT_META)
    if learned_text:
        learned_at = dt.datetime.fromtimestamp(int(learned_text) / 1000, dt.UTC)
        if pc < learned_at - MAX_SKEW:
            # The clock was set back since the server was last seen: the offset no longer holds. The
            # server's time then is still a floor (stamps made before contact may come from a wrong clock).
            return _judge_by_floors(pc, [(learned_at + offset, SERVER)])
    return Reading(pc, pc + offset, SERVER)


def _judge_by_floors(pc: dt.datetime, floors: list[tuple[dt.datetime | None, str]]) -> Reading:
    """The PC's clock, unless it is behind a floor (a time known to have passed): then the floor."""
    release = dt.datetime.combine(RELEASE_DATE, dt.time(), dt.UTC)
    known = [(release, RELEASE)] + [(moment, basis) for moment, basis in floors if moment is not None]
    floor, basis = max(known, key=lambda f: f[0])
    if pc < floor - MAX_SKEW:
        return Reading(pc, floor, basis)
    return Reading(pc, pc, PC)


def adopt(reading: Reading | None) -> None:
    """Makes ``reading``'s correction the process's (the UI, after reading its store); None forgets it."""
    global _adopted_offset
    _adopted_offset = reading.offset if reading is not None and reading.is_wrong else dt.timedelta(0)


def now() -> dt.datetime:
    """The corrected now, with the correction last adopted (aware, UTC)."""
    return pc_now() + _adopted_offset


def today() -> dt.date:
    """The corrected date in the PC's time zone: the default for date fields."""
    return local(now()).date()
