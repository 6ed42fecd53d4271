"""``column IN (values)`` as each database parses it cheapest.

PostgreSQL gets one array parameter (``column = ANY(:ids)``): a page's 200 ids as 200 parameters cost more
to render and parse, every time, than the query does to run (profiled on the sync path, docs/BENCHMARKS.md).
SQLite has no arrays and keeps ``IN``."""

from __future__ import annotations

from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY


def among(dialect_name: str, column, values):
    values = list(values)
    if dialect_name != "postgresql":
        return column.in_(values)
    return column == any_(bindparam(None, values, type_=ARRAY(column.type)))


def among_param(dialect_name: str, column, name: str):
    """``column IN :name`` for a statement built once and run many times with ``{name: [values]}``.
    Building a statement and its cache key costs SQLAlchemy ≈ 100 µs each time; a sync page runs
    about twenty (docs/BENCHMARKS.md, "Fourth pass")."""
    if dialect_name != "postgresql":
        return column.in_(bindparam(name, expanding=True))
    return column == any_(bindparam(name, type_=ARRAY(column.type)))
