"""The server's PostgreSQL connection pools: a connection is checked before use only when it sat idle.

SQLAlchemy's ``pool_pre_ping`` sends a statement on every checkout. A sync request checks a connection
out four or five times (the token, the page's transaction, the rev lease, the pull, the history row),
so that was four or five round trips per request, each a release and a re-take of the GIL, for
connections that had been used a few milliseconds before (docs/BENCHMARKS.md, "Fifth pass").

Here a connection idle for more than ``IDLE_PING_S`` is pinged at checkout, and one that fails the
ping is replaced (SQLAlchemy's documented "pessimistic" recipe: a ``checkout`` listener raising
``DisconnectionError``, after which the pool tries another connection). This still covers what
pre-ping is for: connections a firewall or a PostgreSQL restart closed while they sat in the pool.
A connection that breaks in the second after its last use fails its request (an error the PC
retries at its next sync); SQLAlchemy then throws that connection away.
"""

from __future__ import annotations

import time

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

IDLE_PING_S = 1.0  # a connection back in the pool for longer than this is pinged before it is used again
_IDLE_SINCE = "layan_idle_since"


def ping_when_idle(engine: Engine) -> None:
    """Installs the check on ``engine``'s pool (created without ``pool_pre_ping``)."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _back_in_pool(_dbapi_conn, record) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _check_if_idle(dbapi_conn, record, _proxy) -> None:
        since = record.info.get(_IDLE_SINCE)
        if since is None or time.monotonic() - since <= IDLE_PING_S:
            return  # new (just connected), or used a moment ago
        try:
            dialect.do_ping(dbapi_conn)
        except Exception as e:  # any failure of the ping: this connection is not to be used
            raise exc.DisconnectionError(f"idle connection failed its ping: {e}") from e
