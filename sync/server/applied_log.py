"""What the server did with each mutation a device pushed, one row per page (docs/SYNC.md §2 and §9).

A retried page (its reply was lost) is answered from here and applied nothing twice: a mutation at or
below the device's ``last_mseq`` is a duplicate, answered with the rev it made or the errors it got, and
one whose stamp differs from the one stored under its mseq is a reused mseq (a PC restored from an old
backup) and refused. The IT console's "refused" list reads the errors.

The server used to write one ``applied`` row per mutation: at 200 mutations a page that was a heap
tuple, a key entry and its WAL for every mutation, and a fifth of the COPY traffic of a page of new
letters (docs/BENCHMARKS.md, "Eighth pass"). A page is now one row: ``lo``..``hi`` (its mseqs, in order)
and ``entries``, a JSON array with one item per mseq: ``[hlc, rev]`` when applied, ``[hlc, null, errors]``
when refused. Databases from before are converted once at start (``migrate``); a server from before
cannot read the new table (no downgrade).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from sqlalchemy import BigInteger, Column, Connection, Integer, MetaData, String, Table, Text, inspect, text

from sync.server import json_codec

PAGE_MAX = 1000  # mseqs per row when old per-mutation rows are converted


def applied_pages_table(metadata: MetaData) -> Table:
    return Table(
        "applied_pages", metadata,
        Column("device_id", String(64), primary_key=True),
        Column("hi", BigInteger, primary_key=True),  # the page's last mseq (a retry names the newest pages)
        Column("lo", BigInteger, nullable=False),
        Column("entries", Text, nullable=False),
        Column("rejected", Integer, nullable=False),  # how many of the page's mutations were refused
    )


def page_row(device_id: str, entries: list[list]) -> dict:
    """The row of a page whose mutations (consecutive mseqs, the first ``lo``) ended as ``entries``
    (``[hlc, rev]`` or ``[hlc, None, errors]`` each, in mseq order); ``lo`` is filled in by the caller."""
    return {"device_id": device_id, "entries": json_codec.dumps(entries).decode("utf-8"),
            "rejected": sum(1 for e in entries if len(e) > 2)}


_SEEN = text("SELECT lo, entries FROM applied_pages WHERE device_id = :device AND hi >= :lo AND lo <= :hi")


def seen(conn: Connection, device_id: str, lo: int, hi: int) -> dict[int, list]:
    """mseq -> its entry, for the device's mseqs from ``lo`` to ``hi`` that were processed."""
    out = {}
    for row in conn.execute(_SEEN, {"device": device_id, "lo": lo, "hi": hi}):
        for i, entry in enumerate(json.loads(row.entries)):
            if lo <= row.lo + i <= hi:
                out[row.lo + i] = entry
    return out


_REFUSED = text("SELECT lo, entries FROM applied_pages WHERE device_id = :device AND rejected > 0 "
                "ORDER BY hi DESC LIMIT :limit")


def refused(conn: Connection, device_id: str, limit: int) -> list[tuple[int, object]]:
    """The device's latest refused mutations, newest first: [(mseq, errors as stored)]."""
    out = []
    for row in conn.execute(_REFUSED, {"device": device_id, "limit": limit}):
        entries = json.loads(row.entries)
        out += [(row.lo + i, e[2]) for i, e in reversed(list(enumerate(entries))) if len(e) > 2]
        if len(out) >= limit:
            break
    return out[:limit]


def _runs(rows: Iterable) -> Iterator[tuple[str, int, list[list]]]:
    """Old per-mutation rows (device_id, mseq, hlc, rev, errors), in device and mseq order, as pages
    of consecutive mseqs: (device, lo, entries)."""
    device, lo, entries = None, 0, []
    for r in rows:
        if r.device_id != device or r.mseq != lo + len(entries) or len(entries) >= PAGE_MAX:
            if entries:
                yield device, lo, entries
            device, lo, entries = r.device_id, r.mseq, []
        if r.errors is not None:
            try:
                errors = json.loads(r.errors)
            except ValueError:
                errors = []
            entries.append([r.hlc, None, errors])
        else:
            entries.append([r.hlc, r.rev])
    if entries:
        yield device, lo, entries


def migrate(conn: Connection, table: Table) -> int:
    """Databases from before this table: their per-mutation ``applied`` rows become pages here (runs of
    consecutive mseqs), in the start-up transaction, then the old table goes. Returns the rows read."""
    if not inspect(conn).has_table("applied"):
        return 0
    rows = conn.execute(text("SELECT device_id, mseq, hlc, rev, errors FROM applied ORDER BY device_id, mseq"),
                        execution_options={"yield_per": 10_000})  # streamed: a centre may hold millions
    pages, n = [], 0
    for device, lo, entries in _runs(rows):
        n += len(entries)
        pages.append({**page_row(device, entries), "lo": lo, "hi": lo + len(entries) - 1})
        if len(pages) >= 1000:
            conn.execute(table.insert(), pages)
            pages = []
    if pages:
        conn.execute(table.insert(), pages)
    conn.execute(text("DROP TABLE applied"))
    return n
