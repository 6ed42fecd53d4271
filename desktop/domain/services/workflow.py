"""The workflow: append-only status events (collection ``service_events``),
diterima → diverifikasi → diproses → selesai, and ditolak (with a reason) from any open status.
The request's ``status`` changes in the same transaction as its event.

**Forwarding** an open request to another office (``forward``) sets ``diteruskan_ke`` and
records an event with ``to_office``/``from_office``; the status stays what it was, so the
receiving office goes on from there. The sync layer then asks the server to transfer the
request with its events (``pending_forwards``, as for complaints); this office keeps a
read-only stub whose status follows the new office's work. Registers and the desk's counters
are here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.store.db import StoreError
from desktop.store.records import RecordNotFound, Store, ValidationError, WriteTx

from .. import tracking
from ..office import forward_target
from .catalogue import Service, catalog, check_dokumen, missing_documents
from .certificate import Signer, _issue_certificate, default_signer
from .common import (
    OPEN_STATUSES,
    SERVICE_EVENTS,
    SERVICE_REQUESTS,
    STATUS_LABELS,
    STATUSES,
    TRANSITIONS,
    _clean,
    _error,
    _today,
)
from .residence import residence_elsewhere


def _add_event(tx: WriteTx, request_id: str, status: str, *, tanggal: str, actor: str, from_status: str | None = None,
               reason: str | None = None, source: str = "local", **extra) -> None:
    event = {"request_id": request_id, "status": status, "tanggal": tanggal, "from_status": from_status,
             "reason": reason, **extra}
    tx.save(SERVICE_EVENTS, {k: v for k, v in event.items() if v is not None}, actor=actor, source=source)


def _get(tx: WriteTx, request_id: str) -> dict:
    """The request to act on: refuses a read-only stub (transferred away) and, while a forward waits
    for the sync, anything but forwarding it again."""
    record = tx.get(SERVICE_REQUESTS, request_id)
    if record is None or record.get("deleted"):
        raise RecordNotFound(SERVICE_REQUESTS, request_id)
    if record.get("readonly"):
        raise StoreError("Permohonan ini sudah dialihkan ke kantor lain dan hanya bisa dibaca.",
                         "This request was transferred to another office and is read-only.")
    return record


def forward_pending(record: dict, own: str | None) -> bool:
    """Forwarded by this office, not transferred yet (the record moves on the next sync)."""
    target = record.get("diteruskan_ke")
    return bool(target) and target != own and not record.get("readonly")


def _refuse_while_forwarding(record: dict, own: str | None) -> None:
    if forward_pending(record, own):
        target = record["diteruskan_ke"]
        raise ValidationError([_error(
            "status", f"Permohonan ini sedang diteruskan ke {target}; kantor tujuan yang memprosesnya setelah "
                      "sinkronisasi.",
            f"This request is being forwarded to {target}; that office processes it after the sync.")])


def _refuse_transition(current: str, to_status: str) -> ValidationError:
    cur, new = STATUS_LABELS.get(current, (current, current)), STATUS_LABELS.get(to_status, (to_status, to_status))
    allowed = TRANSITIONS.get(current, ())
    if allowed:
        nxt_id = " atau ".join(STATUS_LABELS[s][0] for s in allowed)
        nxt_en = " or ".join(STATUS_LABELS[s][1] for s in allowed)
        hint_id, hint_en = f" Berikutnya: {nxt_id}.", f" Next: {nxt_en}."
    else:
        hint_id, hint_en = " Permohonan ini sudah ditutup.", " This request is closed."
    return ValidationError([_error("status", f"Status tidak bisa diubah dari {cur[0]} ke {new[0]}.{hint_id}",
                                   f"The status cannot change from {cur[1]} to {new[1]}.{hint_en}")])


def advance(store: Store, request_id: str, to_status: str, *, actor: str, reason: str | None = None,
            today: dt.date | None = None, dokumen: list[str] | None = None, signer: Signer | None = None,
            tanggal_surat: dt.date | None = None, residence_reason: str | None = None) -> dict:
    """Moves a request to ``to_status`` (one event + the new status, one transaction).

    * ``diverifikasi``: every required document must be ticked (``dokumen`` may tick them now);
    * ``ditolak``: a reason is required;
    * ``selesai``: registers the certificate as an outgoing letter (see ``complete``). A certificate
      stating residence here for an address in another distrik needs ``residence_reason``
      (residence.py); the reason goes into the history.
    """
    today = _today(today)
    reason = _clean(reason)
    with store.transaction() as tx:
        current = _get(tx, request_id)
        status = current["status"]
        if to_status not in STATUSES or to_status not in TRANSITIONS.get(status, ()):
            raise _refuse_transition(status, to_status)
        _refuse_while_forwarding(current, tx.meta("office_code"))
        update: dict = {"status": to_status}
        svc = catalog(store).get(current["service_type"])
        if to_status == "ditolak":
            if not reason:
                raise ValidationError([_error("reason", "Alasan penolakan wajib diisi.",
                                              "A reason is required to reject a request.")])
            update["alasan_penolakan"] = reason
            update["tanggal_selesai"] = today.isoformat()
        if to_status == "diverifikasi":
            checked = sorted(set(current.get("dokumen") or ()) | set(dokumen or ()))
            if dokumen is not None:
                checked, errs = check_dokumen(svc, checked)
                if errs:
                    raise ValidationError(errs)
                update["dokumen"] = checked
            missing = missing_documents(svc, checked)
            if missing:
                raise ValidationError([_error(
                    "dokumen", "Dokumen wajib belum diperiksa: " + ", ".join(d.label_id for d in missing) + ".",
                    "Required documents not checked yet: " + ", ".join(d.label_en for d in missing) + ".")])
        extra: dict = {}
        if to_status == "selesai":
            reason = _residence_reason(current, svc, tx.meta("office_code"), residence_reason) or reason
            extra = _issue_certificate(tx, current, svc, signer or default_signer(store), actor=actor,
                                       tanggal_surat=tanggal_surat or today)
            update.update(extra["request"])
        tx.save(SERVICE_REQUESTS, update, record_id=request_id, actor=actor)
        _add_event(tx, request_id, to_status, tanggal=today.isoformat(), actor=actor, from_status=status,
                   reason=reason, **extra.get("event", {}))
    return store.get(SERVICE_REQUESTS, request_id)


def verify(store: Store, request_id: str, *, actor: str, dokumen: list[str] | None = None,
           today: dt.date | None = None, reason: str | None = None) -> dict:
    return advance(store, request_id, "diverifikasi", actor=actor, dokumen=dokumen, today=today, reason=reason)


def process(store: Store, request_id: str, *, actor: str, today: dt.date | None = None,
            reason: str | None = None) -> dict:
    return advance(store, request_id, "diproses", actor=actor, today=today, reason=reason)


def reject(store: Store, request_id: str, reason: str, *, actor: str, today: dt.date | None = None) -> dict:
    return advance(store, request_id, "ditolak", actor=actor, reason=reason, today=today)


def complete(store: Store, request_id: str, *, actor: str, signer: Signer | None = None,
             today: dt.date | None = None, tanggal_surat: dt.date | None = None,
             residence_reason: str | None = None) -> dict:
    """Issues the certificate: the next outgoing letter number, in the same transaction as ``selesai``."""
    return advance(store, request_id, "selesai", actor=actor, signer=signer, today=today,
                   tanggal_surat=tanggal_surat, residence_reason=residence_reason)


def _residence_reason(record: dict, svc: Service, office_code: str | None, given: str | None) -> str | None:
    """None when the certificate's residence is right; the history's note when the clerk gave a reason
    to issue it anyway; ValidationError (field ``domisili``) otherwise."""
    elsewhere = residence_elsewhere(record, svc, office_code)
    if elsewhere is None:
        return None
    given = _clean(given)
    if not given:
        raise ValidationError([_error("domisili", *elsewhere.message)])
    return f"Diterbitkan walau alamat di Distrik {elsewhere.distrik}: {given}"


def forward(store: Store, request_id: str, to_office: str, *, actor: str, note: str | None = None,
            today: dt.date | None = None) -> dict:
    """Forwards an open request to another office: ``diteruskan_ke = to_office`` and an event with
    ``to_office``/``from_office`` (and ``note`` as its reason), in one transaction.

    The status does not change (the event's ``status`` and ``from_status`` are the current one), so
    the status enum stays as older clients know it and the new office continues where this one
    stopped. The record moves only when the sync layer runs the server's transfer
    (``pending_forwards``); until then it can only be forwarded again (re-targeted).
    """
    code = forward_target(store, to_office, ("Permohonan", "A request"))
    today = _today(today)
    note = _clean(note)
    with store.transaction() as tx:
        current = _get(tx, request_id)
        status = current["status"]
        if status not in OPEN_STATUSES:
            label = STATUS_LABELS.get(status, (status, status))
            raise ValidationError([_error("status", f"Permohonan yang sudah {label[0].lower()} tidak bisa diteruskan.",
                                          f"A request that is {label[1].lower()} cannot be forwarded.")])
        tx.save(SERVICE_REQUESTS, {"diteruskan_ke": code}, record_id=request_id, actor=actor)
        _add_event(tx, request_id, status, tanggal=today.isoformat(), actor=actor, from_status=status,
                   reason=note, to_office=code, from_office=tx.meta("office_code"))
    return store.get(SERVICE_REQUESTS, request_id)


def pending_forwards(store: Store) -> list[dict]:
    """Open requests this office forwarded that the server has not transferred yet (the sync hook)."""
    own = store.office_id
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    return store.find(SERVICE_REQUESTS, f"office_id = ? AND status IN ({marks}) AND diteruskan_ke IS NOT NULL "
                                        "AND diteruskan_ke != ? AND readonly = 0", (own, *OPEN_STATUSES, own),
                      order_by="rowid")


def is_forward_event(event: dict) -> bool:
    """A forwarding entry of the history (not a status change)."""
    return bool(event.get("to_office"))


def events(store: Store, request_id: str) -> list[dict]:
    """The request's status history, oldest first."""
    return store.find(SERVICE_EVENTS, "request_id = ?", (request_id,), order_by="hlc, rowid")


# --- registers and counters ---------------------------------------------------------------------------

def fts_query(text: str) -> str | None:
    """A safe FTS5 MATCH expression: every word as a quoted prefix (``"yoh"* AND "9404"*``)."""
    words = re.findall(r"\w+", text or "")
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', "") + '"*' for w in words)


def register_filter(*, text: str | None = None, status: str | None = None, service_type: str | None = None,
                    overdue_only: bool = False, today: dt.date | None = None, table: str = SERVICE_REQUESTS,
                    closed: tuple[str, ...] = ("selesai", "ditolak")) -> tuple[str, list]:
    """(WHERE clause, params) for a register view; the UI's table model and ``search`` share it."""
    where, params = ["deleted = 0"], []
    query = fts_query(text or "")
    if query:
        code = tracking.normalize(text)
        where.append(f"(rowid IN (SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?) OR tracking_code = ?)")
        params += [query, code]
    if status:
        where.append("status = ?")
        params.append(status)
    if service_type:
        where.append("service_type = ?")
        params.append(service_type)
    if overdue_only:  # a read-only stub (transferred away) is the other office's to finish
        marks = ", ".join("?" for _ in closed)
        where.append(f"status NOT IN ({marks}) AND due_date < ? AND readonly = 0")
        params += [*closed, _today(today).isoformat()]
    return " AND ".join(where), params


def search(store: Store, text: str | None = None, *, status: str | None = None, service_type: str | None = None,
           overdue_only: bool = False, today: dt.date | None = None, limit: int | None = 500) -> list[dict]:
    """Requests matching all given filters, newest first."""
    where, params = register_filter(text=text, status=status, service_type=service_type,
                                    overdue_only=overdue_only, today=today)
    return store.find(SERVICE_REQUESTS, where, params, order_by="tanggal DESC, rowid DESC", limit=limit)


def is_overdue(record: dict, today: dt.date | None = None) -> bool:
    return (record.get("status") in OPEN_STATUSES and bool(record.get("due_date")) and not record.get("readonly")
            and record["due_date"] < _today(today).isoformat())


def overdue(store: Store, today: dt.date | None = None) -> list[dict]:
    """Open requests past their due date (working-day SLA), oldest due first."""
    where, params = register_filter(overdue_only=True, today=today)
    return store.find(SERVICE_REQUESTS, where, params, order_by="due_date, rowid")


@dataclass(frozen=True)
class Counter:
    """The front desk's day: events per status today, open requests now, overdue now."""

    today: dt.date
    today_by_status: dict[str, int]  # e.g. {"diterima": 12, "selesai": 7, ...} (every status present)
    open_by_status: dict[str, int]  # open requests now, per status
    overdue: int


def counter_today(store: Store, today: dt.date | None = None) -> Counter:
    today = _today(today)
    conn = store.read()
    by_status = dict(conn.execute(
        "SELECT e.status, count(*) FROM service_events e JOIN service_requests r ON r.id = e.request_id "
        "WHERE e.deleted = 0 AND r.deleted = 0 AND e.tanggal = ? AND e.to_office IS NULL GROUP BY e.status",
        (today.isoformat(),)).fetchall())
    open_now = dict(conn.execute(
        "SELECT status, count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 AND status IN (?, ?, ?) "
        "GROUP BY status", OPEN_STATUSES).fetchall())
    late = conn.execute("SELECT count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 "
                        "AND status IN (?, ?, ?) AND due_date < ?", (*OPEN_STATUSES, today.isoformat())).fetchone()[0]
    return Counter(today, {s: by_status.get(s, 0) for s in STATUSES},
                   {s: open_now.get(s, 0) for s in OPEN_STATUSES}, late)
