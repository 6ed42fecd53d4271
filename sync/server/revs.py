"""Handing out revs, and the highest rev a reader may serve (docs/SYNC.md §6).

SQLite has one writer at a time (``BEGIN IMMEDIATE`` under a process lock): revs come from the
counter row inside the write transaction, so rev order is commit order.

PostgreSQL runs many writers at once. Holding the counter row's lock from the first rev to the
commit made every page wait for the previous one. Instead a writer *leases* a block of revs in a
short transaction of its own: the counter moves by the block, and a row in ``rev_leases`` names the
block and the writer's transaction id, committed together. The writer's own transaction deletes
its lease rows, so they disappear exactly when its records become visible. A reader serves only
revs below every lease still held (its *watermark*), so it never moves its cursor past a rev that
commits later. A lease of a transaction that aborted (an error, ``kill -9`` of the server) no
longer holds anything back: its revs are never used, and the next lease cleans it up.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    MetaData,
    Table,
    bindparam,
    func,
    select,
    text,
    update,
)

from sync.server import pg_exec

BLOCK = 64  # revs per lease at least; a page of n mutations leases n + BLOCK (conflict records need more)


def rev_leases_table(metadata: MetaData) -> Table:
    return Table(
        "rev_leases", metadata,
        Column("lo", BigInteger, primary_key=True),
        Column("hi", BigInteger, nullable=False),
        Column("xid", BigInteger, nullable=False),  # the writing transaction (pg_current_xact_id)
    )


class CounterRevs:
    """Revs from the counter row, locked for the rest of the transaction (SQLite; rare PostgreSQL
    operations that want the whole server serialized anyway)."""

    def __init__(self, conn: Connection, counter: Table, hint: int = 1):
        self.counter = counter
        self.start = self.value = conn.execute(
            select(counter.c.value).where(counter.c.id == 1).with_for_update()).scalar_one()

    def next(self) -> int:
        self.value += 1
        return self.value

    def flush(self, conn: Connection) -> None:
        if self.value != self.start:
            conn.execute(update(self.counter).where(self.counter.c.id == 1).values(value=self.value))


class LeasedRevs:
    """Revs leased in blocks from the counter by short transactions of their own (PostgreSQL)."""

    def __init__(self, conn: Connection, engine: Engine, counter: Table, leases: Table, hint: int = 1,
                 xid: int | None = None):
        self.engine, self.counter, self.leases = engine, counter, leases
        self.hint = max(hint, 1)
        # Gives the writing transaction its id now, before any rev exists for it (``xid``: the caller
        # already asked for it, e.g. with the device row's lock).
        self.xid = conn.execute(_XID).scalar_one() if xid is None else xid
        self.value = self.hi = 0
        self.leased = False

    def next(self) -> int:
        if self.value >= self.hi:
            self._lease(self.hint + BLOCK)
        self.value += 1
        return self.value

    def _lease(self, size: int) -> None:
        take_hold_and_tidy, _end = _lease_statements(self.counter, self.leases)
        # One statement in autocommit: committed before any of these revs is written anywhere, and the counter
        # row is locked only while PostgreSQL runs it and flushes its commit. Sent as several statements, the
        # lock was held across round trips from a thread that could be waiting for the GIL, and the other
        # workers' leases queued behind it (tests/bench/bench_workers.py saw them wait).
        with self.engine.connect() as own:  # the lease engine is in autocommit (Storage)
            (hi,), = pg_exec.rows(own, take_hold_and_tidy, {"size": size, "xid": self.xid, "own_xid": self.xid})
        self.value, self.hi, self.leased = hi - size, hi, True

    def flush(self, conn: Connection) -> None:
        """Ends this writer's leases in its own transaction: they go exactly when its records appear."""
        if self.leased:
            pg_exec.rows(conn, _lease_statements(self.counter, self.leases)[1], {"own_xid": self.xid})


_XID = text("SELECT pg_current_xact_id()::text::bigint")


@cache
def _lease_statements(counter: Table, leases: Table) -> tuple:
    """(take a block, hold it and tidy dead writers' leases; end own leases): built once, not per page.

    The tidying (leases of writers that died, aborted: they hold nothing back) rides in the lease's own
    statement as a second CTE: one round trip instead of two per page. It cannot see, so cannot take,
    the lease the same statement inserts (all parts of a statement share one snapshot)."""
    own = bindparam("own_xid", type_=BigInteger)
    size = bindparam("size", type_=BigInteger)
    taken = (update(counter).where(counter.c.id == 1).values(value=counter.c.value + size)
             .returning(counter.c.value.label("hi")).cte("taken"))
    # SKIP LOCKED: two leases tidying the same dead row never wait for each other (the counter row's
    # lock is held meanwhile, and the parts of a statement run in no fixed order: waiting could deadlock).
    dead = (select(leases.c.lo).where(text("pg_xact_status(xid::text::xid8) IS DISTINCT FROM 'in progress'"),
                                      leases.c.xid != own).with_for_update(skip_locked=True))
    tidied = leases.delete().where(leases.c.lo.in_(dead)).cte("tidied")
    return (leases.insert().from_select(["lo", "hi", "xid"],
                                        select(taken.c.hi - size + 1, taken.c.hi, bindparam("xid", type_=BigInteger)))
            .add_cte(tidied).returning(leases.c.hi),
            leases.delete().where(leases.c.xid == own))


@cache
def _newest_and_watermark_statement(counter: Table, leases: Table | None):
    top = select(counter.c.value).where(counter.c.id == 1).scalar_subquery()
    if leases is None:
        return select(top)
    held = (select(func.min(leases.c.lo))
            .where(text("pg_xact_status(xid::text::xid8) IS DISTINCT FROM 'aborted'")).scalar_subquery())
    return select(top, held)


def watermark(conn: Connection, counter: Table, leases: Table | None) -> int:
    """The highest rev a reader may serve now: below every lease of a writer not known to have
    aborted (a committed writer's lease is gone in any snapshot that shows its records)."""
    return newest_and_watermark(conn, counter, leases)[1]


def newest_and_watermark(conn: Connection, counter: Table, leases: Table | None) -> tuple[int, int]:
    """(the counter's value, the watermark) in one round trip."""
    stmt = _newest_and_watermark_statement(counter, leases)
    if leases is None:
        value = conn.execute(stmt).scalar_one()
        return value, value
    (value, lowest), = pg_exec.rows(conn, stmt)
    return value, (value if lowest is None else min(value, lowest - 1))
