"""The sync path's fixed statements run on psycopg's own cursor (PostgreSQL only).

A statement built once (SQLAlchemy Core or ``text``) is compiled once, then every execution goes to the
driver's cursor on the same connection, inside the same transaction. SQLAlchemy's execution path (its
context, result proxy and events) cost more than psycopg's for these short statements, and a sync page
runs about a dozen (docs/BENCHMARKS.md, "Eighth pass"). The page's COPYs already went this way.

Only statements whose parameters need no SQLAlchemy type processing belong here (text, integers, lists of
text: psycopg adapts them itself); rows come back as named tuples, like SQLAlchemy's ``Row``.
"""

from __future__ import annotations

from psycopg.rows import namedtuple_row
from sqlalchemy import Connection

_compiled: dict[int, tuple[object, str, dict]] = {}


def rows(conn: Connection, stmt, params: dict | None = None) -> list:
    """Runs ``stmt`` with ``params`` on ``conn``'s PostgreSQL connection; its rows (none for a statement
    that returns none)."""
    with _executed(conn, stmt, params) as cur:
        return cur.fetchall() if cur.description is not None else []


def rowcount(conn: Connection, stmt, params: dict | None = None) -> int:
    """Runs ``stmt`` (an UPDATE, a DELETE) like ``rows``; how many rows it changed."""
    with _executed(conn, stmt, params) as cur:
        return cur.rowcount


def _executed(conn: Connection, stmt, params: dict | None):
    entry = _compiled.get(id(stmt))
    if entry is None or entry[0] is not stmt:  # the id of a statement since collected may be reused
        compiled = stmt.compile(dialect=conn.dialect)
        if "POSTCOMPILE" in compiled.string:  # an IN of a list: SQLAlchemy renders it per execution
            raise ValueError("pg_exec: a statement with an expanding IN; use sql_among.among_param")
        # The compiled parameters hold the statement's own literals (``counter.id = 1``) and None for the rest.
        entry = _compiled[id(stmt)] = (stmt, compiled.string, dict(compiled.params))
    _stmt, sql, defaults = entry
    cur = conn.connection.driver_connection.cursor(row_factory=namedtuple_row)
    cur.execute(sql, {**defaults, **params} if params else defaults)
    return cur
