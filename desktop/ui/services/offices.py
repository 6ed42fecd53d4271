"""Offices a complaint can be forwarded to, as known on this PC (no Qt).

Two sources: the ``offices`` reference records the server syncs down (kept verbatim in
``unknown_records`` until the desktop has a table for them), and the distrik and puskesmas of
resources/reference/wilayah_mimika.json with Layan's suggested office codes. Synced names win.
The form still accepts any well-formed code typed by hand (``complaints.forward`` checks it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.domain import reference
from desktop.store.driver import sqlite3
from desktop.store.records import Store


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    synced: bool  # known from the server (else only a suggestion from the reference list)


def known_offices(store: Store) -> list[Office]:
    """Every office known here except this one, synced ones first, then by code."""
    found: dict[str, Office] = {}
    try:
        rows = store.read().execute("SELECT body FROM unknown_records WHERE collection = 'offices'").fetchall()
    except sqlite3.Error:  # an older store without the table: only the reference list
        rows = []
    for (body,) in rows:
        try:
            change = json.loads(body)
        except ValueError:
            continue
        fields = change.get("fields") or {}
        code = str(fields.get("code") or "").strip().upper()
        if code and not change.get("deleted"):
            found[code] = Office(code, str(fields.get("name") or code), True)
    for d in reference.distrik_list():
        found.setdefault(d.office_code, Office(d.office_code, f"Distrik {d.name}", False))
    for p in reference.puskesmas_list():
        found.setdefault(p.office_code, Office(p.office_code, f"Puskesmas {p.name}", False))
    own = store.office_id
    offices = [o for o in found.values() if o.code != own]
    return sorted(offices, key=lambda o: (not o.synced, o.code))


def own_distrik_name(store: Store) -> str:
    """This office's distrik (``Mimika Baru`` for DST-MB), or empty when it is not a known distrik."""
    return next((d.name for d in reference.distrik_list() if d.office_code == store.office_id), "")
