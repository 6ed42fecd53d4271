"""Each device's sync history for the IT console: one row per sync session (the pages of one sync run
within ``SESSION_GAP_MS`` of each other are summed into one row), with what the PC reported.

``record()`` is called once per sync request (sync/server/app.py ``handle_sync``, which the USB
import uses too); an idle poll that changed nothing is not counted. The PC may add an optional
``stats`` object to its request (``refused``: changes it refused from the server, ``channel``: its
update channel, ``satusehat_org_id``: the SATUSEHAT organisation id typed on the PC, kept per office in
``office_reports``); older PCs leave it out."""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sync.protocol import now_ms
from sync.server import pg_exec
from sync.server.web.tables import office_reports, sync_sessions

SESSION_GAP_MS = 10 * 60_000
# A SATUSEHAT organisation id as Kemenkes issues them: a facility's number (e.g. 100012345) or a
# sub-organisation's UUID. Anything else a PC sends is ignored (the centre keeps what it had).
SATUSEHAT_ORG_ID = re.compile(r"^(\d{1,20}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")
# Every answered request adds its counts to the device's session row in the database, so every server worker
# (and the server after a restart) sees one history. It is one small write transaction per sync request
# (measured in docs/CENTRE.md, "Sync history"); an idle poll is not recorded at all.


def _reported(body: dict) -> dict:
    stats = body.get("stats")
    if not isinstance(stats, dict):
        return {}
    out = {}
    if type(stats.get("refused")) is int and stats["refused"] >= 0:
        out["refused_by_pc"] = min(stats["refused"], 2**31 - 1)
    if isinstance(stats.get("channel"), str) and stats["channel"].isalnum():
        out["channel"] = stats["channel"][:40]
    return out


def reported_org_id(body: dict) -> str | None:
    """The SATUSEHAT organisation id the PC reported in ``stats``, when it has the strict form; else None."""
    stats = body.get("stats")
    org = stats.get("satusehat_org_id") if isinstance(stats, dict) else None
    if isinstance(org, str) and SATUSEHAT_ORG_ID.fullmatch(org.lower()):
        return org.lower()
    return None


def _keep_office_report(conn, device, org: str, now: int) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    row = {"satusehat_org_id": org, "device_id": device.id, "at_ms": now}
    conn.execute(dialect.insert(office_reports).values(office_code=device.office, **row)
                 .on_conflict_do_update(index_elements=["office_code"], set_=row))


def record(storage, device, body: dict, results: list[dict], pulled: int, has_more: bool,
           served_cursor: int | None = None) -> None:
    """Adds one answered sync request to the device's latest session row (a new row after a pause of
    SESSION_GAP_MS); ``has_more`` is unused: a run's pages are summed as they come."""
    now = now_ms()
    latest = {"at_ms": now, "app_version": body.get("app_version", "")[:40], "waiting": body.get("waiting", 0),
              "cursor": body.get("cursor", 0), "served_cursor": served_cursor, **_reported(body)}
    if "client_time" in body:
        latest["clock_offset_ms"] = max(min(now - body["client_time"], 2**62), -(2**62))
    pushed = sum(1 for r in results if r.get("status") in ("applied", "duplicate"))
    rejected = sum(1 for r in results if r.get("status") == "rejected")
    org = reported_org_id(body)
    params = {"b_device": device.id, "b_pushed": pushed, "b_rejected": rejected, "b_pulled": pulled,
              **{f"v_{col}": value for col, value in latest.items()}}
    # Each statement commits by itself (no BEGIN/COMMIT round trips on PostgreSQL): the row is added to
    # or started as one statement each, and the office's report is a separate fact.
    with storage.write_now() as conn:
        if org is not None:
            _keep_office_report(conn, device, org, now)
        add = _add_to_latest_session(tuple(latest))
        params_add = {"b_after": now - SESSION_GAP_MS, **params}
        if storage.is_sqlite:
            added = conn.execute(add, params_add).rowcount
        else:  # psycopg's cursor directly: SQLAlchemy's execution costs more than the statement (pg_exec.py)
            added = pg_exec.rowcount(conn, add, params_add)
        if added == 0:
            conn.execute(_new_session(tuple(latest)), {"b_started": now, **params})


# The statements of every sync request, built once (building one costs SQLAlchemy ~100 µs): by the columns
# ``latest`` names, which differ only by what a PC reported.
_LATEST_SESSION = (select(sync_sessions.c.id)
                   .where(sync_sessions.c.device_id == bindparam("b_device"))
                   .order_by(sync_sessions.c.at_ms.desc(), sync_sessions.c.id.desc()).limit(1).scalar_subquery())


@cache
def _add_to_latest_session(columns: tuple[str, ...]):
    """Adds to the device's latest session row when it was active after ``b_after``; no row otherwise."""
    c = sync_sessions.c
    return update(sync_sessions).where(c.id == _LATEST_SESSION, c.at_ms > bindparam("b_after")).values(
        pushed=c.pushed + bindparam("b_pushed"), rejected=c.rejected + bindparam("b_rejected"),
        pulled=c.pulled + bindparam("b_pulled"), **{col: bindparam(f"v_{col}") for col in columns})


@cache
def _new_session(columns: tuple[str, ...]):
    return insert(sync_sessions).values(
        device_id=bindparam("b_device"), started_ms=bindparam("b_started"), pushed=bindparam("b_pushed"),
        rejected=bindparam("b_rejected"), pulled=bindparam("b_pulled"), **{col: bindparam(f"v_{col}") for col in columns})


def device_history(storage, device_id: str, limit: int = 100) -> list[dict]:
    with storage.read() as conn:
        rows = conn.execute(select(sync_sessions).where(sync_sessions.c.device_id == device_id)
                            .order_by(sync_sessions.c.at_ms.desc(), sync_sessions.c.id.desc()).limit(limit))
        return [dict(r._mapping) for r in rows]


def refused(storage, device_id: str, limit: int = 20) -> list[dict]:
    """The device's latest changes the server refused: [{"mseq", "errors": [{field, message, message_en}]}]."""
    from sync.server import applied_log

    with storage.read() as conn:
        rows = applied_log.refused(conn, device_id, limit)
    return [{"mseq": mseq, "errors": [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []}
            for mseq, errors in rows]


def summaries(storage) -> dict[str, dict]:
    """Per device: the newest session's PC report (refused_by_pc, channel), what its last reply gave it
    (served_cursor) and the rejected total."""
    with storage.read() as conn:
        totals = dict(conn.execute(select(sync_sessions.c.device_id, func.sum(sync_sessions.c.rejected))
                                   .group_by(sync_sessions.c.device_id)).all())
        newest = select(sync_sessions.c.device_id, func.max(sync_sessions.c.id).label("id")) \
            .group_by(sync_sessions.c.device_id).subquery()
        rows = conn.execute(select(sync_sessions.c.device_id, sync_sessions.c.refused_by_pc, sync_sessions.c.channel,
                                   sync_sessions.c.served_cursor)
                            .join(newest, newest.c.id == sync_sessions.c.id)).all()
    out = {d: {"rejected": int(n or 0), "refused_by_pc": None, "channel": None, "served_cursor": None}
           for d, n in totals.items()}
    for r in rows:
        out[r.device_id].update(refused_by_pc=r.refused_by_pc, channel=r.channel, served_cursor=r.served_cursor)
    return out
