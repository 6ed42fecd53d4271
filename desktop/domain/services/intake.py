"""Intake at the counter: a new request gets a tracking code (tracking.py) and a due date
(intake date + SLA working days), and its first status event, all in one transaction; an open
request can be corrected; ``known_resident`` fills in what earlier requests tell about a NIK.
"""

from __future__ import annotations

import datetime as dt

from desktop.store.db import StoreError
from desktop.store.records import Store, ValidationError, WriteTx

from .. import nik, reference, tracking
from .catalogue import catalog, check_request
from .common import (
    APPLICANT_FIELDS,
    OPEN_STATUSES,
    REQUEST_FIELDS,
    RESIDENT_FIELDS,
    SERVICE_REQUESTS,
    STATUS_LABELS,
    _today,
)
from .workflow import _add_event, _get, _refuse_while_forwarding

# --- residents ------------------------------------------------------------------------------------

def known_resident(store: Store, nik_value: str) -> dict | None:
    """What the office already knows about the person with this NIK, from earlier requests.

    The newest non-empty value of each field in RESIDENT_FIELDS wins (people move and change
    jobs). None for an unknown or invalid NIK. The clerk still checks the KTP: this only saves typing.
    """
    try:
        number = nik.validate_nik(nik_value).nik
    except nik.InvalidNik:
        return None
    rows = store.find(SERVICE_REQUESTS, "nik = ?", (number,), order_by="tanggal DESC, created_at DESC, rowid DESC",
                      limit=50)
    if not rows:
        return None
    out: dict = {"nik": number}
    for row in rows:
        for name in RESIDENT_FIELDS:
            if out.get(name) in (None, "") and row.get(name) not in (None, ""):
                out[name] = row[name]
    return out


# --- intake ---------------------------------------------------------------------------------------

def create_request(tx: WriteTx, service_code: str, fields: dict, *, actor: str, today: dt.date | None = None,
                   tracking_code: str | None = None, source: str = "local") -> str:
    """Registers a new request inside ``tx`` and returns its id (imports call this per row).

    Raises ValidationError listing every problem; nothing is written then.
    """
    today = _today(today)
    svc = catalog(tx.store).get(service_code)
    record, errors = check_request(svc, fields, today=today)
    code = None
    try:
        code = tracking.claim(tx, SERVICE_REQUESTS, tracking_code) if tracking_code else None
    except ValidationError as exc:
        errors += exc.errors
    if errors:
        raise ValidationError(errors)
    code = code or tracking.new_code(tx, SERVICE_REQUESTS)
    tanggal = record.get("tanggal") or today.isoformat()
    record.update(
        service_type=svc.code, tracking_code=code, tanggal=tanggal, status="diterima",
        due_date=reference.add_working_days(dt.date.fromisoformat(tanggal), svc.sla_days).isoformat(),
    )
    if not record.get("details"):
        record.pop("details", None)
    change = tx.save(SERVICE_REQUESTS, {k: v for k, v in record.items() if v is not None}, actor=actor,
                     source=source)
    _add_event(tx, change.record_id, "diterima", tanggal=tanggal, actor=actor, source=source)
    return change.record_id


def new_request(store: Store, service_code: str, fields: dict, *, actor: str, today: dt.date | None = None,
                tracking_code: str | None = None) -> dict:
    """Intake at the counter: validates, numbers nothing yet, returns the saved request."""
    with store.transaction() as tx:
        request_id = create_request(tx, service_code, fields, actor=actor, today=today, tracking_code=tracking_code)
    return store.get(SERVICE_REQUESTS, request_id)


def update_request(store: Store, request_id: str, fields: dict, *, actor: str, today: dt.date | None = None) -> dict:
    """Corrects an open request (a typo in the name, a forgotten field). Closed requests stay as issued."""
    with store.transaction() as tx:
        current = _get(tx, request_id)
        if current["status"] not in OPEN_STATUSES:
            label = STATUS_LABELS[current["status"]]
            raise StoreError(f"Permohonan yang sudah {label[0].lower()} tidak bisa diubah.",
                             f"A request that is {label[1].lower()} cannot be changed.")
        _refuse_while_forwarding(current, tx.meta("office_code"))
        svc = catalog(store).get(current["service_type"])
        merged = {k: current.get(k) for k in (*APPLICANT_FIELDS, *REQUEST_FIELDS)}
        merged.update(fields)
        record, errors = check_request(svc, merged, today=today)
        if errors:
            raise ValidationError(errors)
        if record.get("tanggal") and record["tanggal"] != current["tanggal"]:
            record["due_date"] = reference.add_working_days(dt.date.fromisoformat(record["tanggal"]),
                                                            svc.sla_days).isoformat()
        update = {k: v for k, v in record.items() if v != current.get(k)}
        if not record.get("details"):
            update.pop("details", None)
        if update:
            tx.save(SERVICE_REQUESTS, update, record_id=request_id, actor=actor)
    return store.get(SERVICE_REQUESTS, request_id)
