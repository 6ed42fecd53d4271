"""What a deleted record keeps: a tombstone holds only what sync and the registers need.

A delete is how a clerk takes a citizen's or a patient's data out of the office's books (UU 27/2022:
personal data is kept no longer than it is needed). So a tombstone keeps its id, office, collection,
``deleted``, its stamps and the bookkeeping fields (created/updated at/by), plus per collection the few
non-personal keys listed in resources/schema/tombstones/keep.json (a letter's agenda number, so that
numbering never hands it out again; a visit's patient id). Every other field is dropped: on the PC
(desktop/store/tombstones.py) and at the server (sync/server/merge.py, where a delete is applied), so
what the server sends other PCs is stripped too. docs/SYNC.md §5 gives the merge rule this needs: a
delete is final, a concurrent edit never brings a deleted record back.

Shared by the PC and the server; no Qt, no desktop imports.
"""

from __future__ import annotations

import json
from functools import cache

from sync.schema import SYSTEM_FIELDS, collections, resources_dir


@cache
def _keep_table() -> dict[str, frozenset[str]]:
    path = resources_dir() / "schema" / "tombstones" / "keep.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: frozenset(fields) for name, fields in data.items() if not name.startswith("_")}


def applies_to(collection: str) -> bool:
    """Records of the schema collections are stripped. The server's own reference records (users,
    offices, config) are not: they hold no citizen's data, and a withdrawn setting still needs its
    scope and key."""
    return collection in collections() or collection in _keep_table()


def kept(collection: str) -> frozenset[str]:
    """The fields a tombstone of ``collection`` keeps."""
    return _keep_table().get(collection, frozenset()) | frozenset(SYSTEM_FIELDS)


def strip(collection: str, fields: dict) -> dict:
    """``fields`` as a tombstone keeps them."""
    if not applies_to(collection):
        return dict(fields)
    keep = kept(collection)
    return {name: value for name, value in fields.items() if name in keep}


def edited(fields: dict | list) -> list[str]:
    """The names of the user fields an edit carried (what a conflict about a delete records, never
    the values: the record they belonged to is gone)."""
    return sorted(name for name in fields if name not in SYSTEM_FIELDS)


def strip_conflict(fields: dict, deleted_ids: set[str] | frozenset[str]) -> dict:
    """A ``conflicts`` record about a deleted record, without the values it recorded: which field,
    who and when stay; an edit lost to the delete keeps only its field names."""
    if fields.get("record_id") not in deleted_ids:
        return fields
    out = dict(fields)
    for side in ("lost_value", "won_value"):
        value = out.get(side)
        if isinstance(value, dict):
            out[side] = edited(value)
        elif not isinstance(value, (bool, list)) and value is not None:
            out[side] = None
    return out


def strip_rec(rec) -> None:
    """Strips a server ``Rec`` (sync/server/merge.py) that has just been deleted, with the stamps of
    the fields it no longer has."""
    if not rec.deleted or not applies_to(rec.collection):
        return
    rec.fields = strip(rec.collection, rec.fields)
    rec.fmeta = {name: meta for name, meta in rec.fmeta.items() if name in rec.fields}
