"""What the public pages read from the server's records: a request or complaint by its tracking code,
its status events, a certificate's request. Indexed by expression indexes on the records table
(``create_indexes``: the database keeps them current as changes are applied), never a scan of JSON."""

from __future__ import annotations

import json
from functools import cache

from sqlalchemy import Connection, text

from sync.schema import resources_dir

TRACKED = ("service_requests", "complaints")
EVENTS = {"service_requests": ("service_events", "request_id"), "complaints": ("complaint_events", "complaint_id")}

# (name, the JSON field, the collections) -> one partial expression index each.
_INDEXES = (
    ("ix_records_tracking_code", "tracking_code", TRACKED),
    ("ix_records_service_event_of", "request_id", ("service_events",)),
    ("ix_records_complaint_event_of", "complaint_id", ("complaint_events",)),
)


def _expr(dialect: str, field: str) -> str:
    if dialect == "sqlite":
        return f"json_extract(fields, '$.{field}')"
    return f"(CAST(fields AS jsonb) ->> '{field}')"


def _in(collections: tuple[str, ...]) -> str:
    return "collection IN (" + ", ".join(f"'{c}'" for c in collections) + ")"


def create_indexes(conn: Connection) -> None:
    dialect = conn.dialect.name
    for name, field, colls in _INDEXES:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON records (({_expr(dialect, field)})) "
                          f"WHERE {_in(colls)}"))


def _rows(conn: Connection, field: str, colls: tuple[str, ...], value: str) -> list[dict]:
    rows = conn.execute(text(f"SELECT id, collection, office_id, fields FROM records "
                             f"WHERE {_in(colls)} AND {_expr(conn.dialect.name, field)} = :v AND deleted = :no"),
                        {"v": value, "no": False})
    return [{"id": r.id, "collection": r.collection, "office_id": r.office_id, **json.loads(r.fields)} for r in rows]


def by_tracking_code(storage, code: str) -> list[dict]:
    """Every live request or complaint with this (normalized) code, each with its events (oldest first)
    and its office's name. Usually one; codes imported from older systems may repeat across offices."""
    with storage.read() as conn:
        found = _rows(conn, "tracking_code", TRACKED, code)
        names = office_names(conn) if found else {}
        for rec in found:
            coll, key = EVENTS[rec["collection"]]
            rec["events"] = sorted(_rows(conn, key, (coll,), rec["id"]),
                                   key=lambda e: (e.get("tanggal") or "", e["id"]))
            rec["office_name"] = names.get(rec["office_id"], rec["office_id"])
            for event in rec["events"]:
                if event.get("to_office"):
                    event["to_office"] = names.get(event["to_office"], event["to_office"])
    return found


def office_names(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(text("SELECT code, name FROM offices")).all())


def service_request(storage, request_id: str) -> dict | None:
    """A live service request by id, with its office's name; None otherwise."""
    if len(request_id) > 64:
        return None
    with storage.read() as conn:
        row = conn.execute(text("SELECT office_id, fields FROM records WHERE id = :id AND collection = "
                                "'service_requests' AND deleted = :no"), {"id": request_id, "no": False}).first()
        if row is None:
            return None
        return {**json.loads(row.fields), "office_id": row.office_id,
                "office_name": office_names(conn).get(row.office_id, row.office_id)}


@cache
def service_names() -> dict[str, dict]:
    """Service code -> {"id", "en"} names from the bundled catalogue."""
    try:
        data = json.loads((resources_dir() / "reference" / "services.json").read_text(encoding="utf-8"))
        return {s["code"]: s["name"] for s in data["services"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
