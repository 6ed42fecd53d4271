"""The enrollment rate limit, kept in the server's database so that a restart does not reset it.

At most ``limit`` failed enrollments per client address within ``window_s`` seconds; past that every
attempt from that address is refused (429, with Retry-After) until the oldest failure in the window
is old enough. Every process of the server (``--workers``) and every restart sees the same count.
Behind a reverse proxy every office shares the proxy's address: the limit then holds for all of them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    insert,
    select,
)

from sync.protocol import now_ms

metadata = MetaData()

# One row per failed enrollment (wall-clock time: a monotonic clock does not survive a restart).
enroll_failures = Table(
    "enroll_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client", String(64), nullable=False),
    Column("at_ms", BigInteger, nullable=False),
    Index("ix_enroll_failures_client_at", "client", "at_ms"),
)


def create_tables(conn: Connection) -> None:
    """Called from ``Storage._init_schema``."""
    metadata.create_all(conn, checkfirst=True)


class EnrollLimiter:
    def __init__(self, storage, limit: int, window_s: float = 600.0):
        self.storage, self.limit, self.window_ms = storage, limit, int(window_s * 1000)

    def blocked(self, client: str) -> int:
        """Seconds to wait, or 0 when ``client`` may try."""
        now = now_ms()
        with self.storage.read() as conn:
            count, oldest = conn.execute(
                select(func.count(), func.min(enroll_failures.c.at_ms)).where(
                    enroll_failures.c.client == client[:64], enroll_failures.c.at_ms > now - self.window_ms)).one()
        if count < self.limit:
            return 0
        return max((oldest + self.window_ms - now) // 1000 + 1, 1)

    def failed(self, client: str) -> None:
        now = now_ms()
        with self.storage.write() as conn:
            conn.execute(insert(enroll_failures).values(client=client[:64], at_ms=now))
            # Failures older than the window count for nobody: a flood of guesses must not grow the table.
            conn.execute(delete(enroll_failures).where(enroll_failures.c.at_ms <= now - self.window_ms))
