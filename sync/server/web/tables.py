"""The centre web's own server tables: centre users, their sessions, the login audit, and one row per
sync session of a device (the IT console's history). Created by ``create(conn)``, which the storage's
``_init_schema`` calls; nothing here is synced to offices (centre users never log in on a PC)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Connection, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

web_users = Table(
    "web_users", metadata,
    Column("username", String(64), primary_key=True),
    Column("office_code", String(40), nullable=False),
    Column("role", String(20), nullable=False),
    Column("full_name", String(200), nullable=False, default=""),
    Column("password_hash", String(300), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("failed_logins", Integer, nullable=False, default=0),  # consecutive; reset by a good login
    Column("locked_until_ms", BigInteger),
    Column("last_login_ms", BigInteger),
    Column("created_ms", BigInteger, nullable=False),
    # a temporary password set by IT: every page asks for a new one first (web/password.py)
    Column("must_change_password", Boolean, nullable=False, default=False),
)

# The cookie carries a random id; only its SHA-256 is kept, so a copy of the database opens no session.
web_sessions = Table(
    "web_sessions", metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("username", String(64), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_ms", BigInteger, nullable=False),
    Column("last_ms", BigInteger, nullable=False),
    Column("address", String(64), nullable=False, default=""),
    Index("ix_web_sessions_user", "username"),
)

web_audit = Table(
    "web_audit", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at_ms", BigInteger, nullable=False),
    Column("username", String(64), nullable=False),
    Column("event", String(40), nullable=False),  # login, login_failed, locked, logout, expired
    Column("address", String(64), nullable=False, default=""),
    Column("detail", Text, nullable=False, default=""),
    Index("ix_web_audit_at", "at_ms"),
)

# One row per sync session of a device (sync/server/web/history.py): its pages summed, the last one's figures.
sync_sessions = Table(
    "sync_sessions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(64), nullable=False),
    Column("started_ms", BigInteger, nullable=False),
    Column("at_ms", BigInteger, nullable=False),  # the session's last request
    Column("app_version", String(40), nullable=False, default=""),
    Column("pushed", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("pulled", Integer, nullable=False, default=0),
    Column("waiting", BigInteger, nullable=False, default=0),
    Column("clock_offset_ms", BigInteger),
    Column("cursor", BigInteger, nullable=False, default=0),  # what the PC said it holds
    Column("served_cursor", BigInteger),  # what the run's last reply gave it
    Column("refused_by_pc", Integer),  # the PC's own count of changes it refused (optional in the request)
    Column("channel", String(40)),  # the PC's release channel (optional in the request)
    Index("ix_sync_sessions_device_at", "device_id", "at_ms"),
)


# What an office's PCs last reported about the office itself in a sync request's ``stats`` (web/history.py):
# its SATUSEHAT organisation id as typed on the PC. A published value wins over it (stats_dinkes.organisation_id).
office_reports = Table(
    "office_reports", metadata,
    Column("office_code", String(40), primary_key=True),
    Column("satusehat_org_id", String(64), nullable=False),
    Column("device_id", String(64), nullable=False),
    Column("at_ms", BigInteger, nullable=False),
)


def create(conn: Connection) -> None:
    from sync.server.web import lookup

    metadata.create_all(conn, checkfirst=True)
    _add_columns(conn)
    lookup.create_indexes(conn)  # the public pages' look-ups by tracking code and by request


def _add_columns(conn: Connection) -> None:
    """Columns added after a table was first created (a database from an earlier release)."""
    from sqlalchemy import inspect, text

    have = {c["name"] for c in inspect(conn).get_columns("web_users")}
    if "must_change_password" not in have:
        conn.execute(text("ALTER TABLE web_users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE"))
