"""The per-field HLC merge, as pure functions over one record's state (no database here).

A record's merge state is, per field, ``[stamp, rev, actor, device]``: the winning HLC stamp, the
server rev at which that value was set, who set it and from which device; plus the same for the
last delete/undelete. docs/SYNC.md ("Merge rules") states the rules these functions implement.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sync import hlc, tombstones
from sync.protocol import CONFLICTS, DELETED_PSEUDO_FIELD
from sync.schema import SYSTEM_FIELDS  # bookkeeping (updated_at/by...): the newer wins, no conflict record
from sync.server import record_meta

# Indices into a field's meta list.
H, REV, ACTOR, DEVICE = 0, 1, 2, 3


@dataclass
class Rec:
    """One record as the server holds it, while a page of mutations is applied."""

    id: str
    collection: str
    office_id: str
    rev: int
    deleted: bool
    fields: dict
    fmeta: dict  # field -> [stamp, rev, actor, device]
    dmeta: list | None = None  # [stamp, rev, actor, device] of the last delete or undelete
    transfers: list = field(default_factory=list)
    is_new: bool = False
    dirty: bool = False
    echo: str | None = None  # the device that holds exactly this version (its change is not sent back to it)
    # The JSON text of ``fields`` and of the meta document when known (a create: encoded once);
    # None as soon as anything changes them.
    fields_json: str | None = None
    meta_json: str | None = None
    # What ``hlc`` gives, when known without looking at every stamp (a create: its mutation's stamp);
    # None as soon as the stamps change.
    newest: str | None = None

    @property
    def hlc(self) -> str:
        if self.newest is not None:
            return self.newest
        stamps = [m[H] for m in self.fmeta.values()]
        if self.dmeta:
            stamps.append(self.dmeta[H])
        return max(stamps) if stamps else hlc.ZERO

    def meta_doc(self) -> dict:
        """The document stored in the ``meta`` column (sync/server/record_meta.py)."""
        return record_meta.document(self.fmeta, self.dmeta, self.transfers)


@dataclass
class Mutation:
    """A mutation after envelope checks; ``hlc`` is already clamped, ``hlc_raw`` is what was sent."""

    mseq: int
    collection: str
    id: str
    op: str
    base_rev: int
    fields: dict
    hlc: str
    hlc_raw: str
    actor: str
    errors: list[dict] | None = None  # state-free problems: the mutation is rejected whatever the record
    create_errors: list[dict] | None = None  # problems if it turns out to be a create (None: not checked)
    fields_json: str | None = None  # ``fields`` as compact JSON, when the envelope checks encoded it


def stamp_after(stamp: str, node: str) -> str:
    """The smallest stamp after ``stamp``, carrying ``node`` (used when a causally later write has a
    smaller stamp, e.g. its clock was behind or it was clamped)."""
    s = hlc.Stamp.parse(stamp)
    if s.counter < hlc.MAX_COUNTER:
        return str(hlc.Stamp(s.wall_ms, s.counter + 1, node))
    return str(hlc.Stamp(s.wall_ms + 1, 0, node))


def _node(stamp: str) -> str:
    return hlc.Stamp.parse(stamp).node


def _later(incoming: str, stored: str) -> str:
    return incoming if incoming > stored else stamp_after(stored, _node(incoming))


def conflict_fields(rec: Rec, fname: str, kind: str, lost: tuple, won: tuple) -> dict:
    """The fields of a ``conflicts`` record; ``lost``/``won`` are (value, stamp, actor)."""
    return {
        "collection": rec.collection,
        "record_id": rec.id,
        "field": fname,
        "kind": kind,
        "lost_value": lost[0],
        "lost_hlc": lost[1],
        "lost_actor": lost[2],
        "won_value": won[0],
        "won_hlc": won[1],
        "won_actor": won[2],
        "resolved": False,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "created_by": "server",
    }


def _merge_fields(rec: Rec, m: Mutation, rev: int, device: str, conflicts: list[dict]) -> bool:
    """Per-field merge of a put into a live record. Returns True when anything changed."""
    changed = False
    record_conflicts = rec.collection != CONFLICTS  # conflicts about conflicts would never end
    for fname, value in m.fields.items():
        meta = rec.fmeta.get(fname)
        if meta is None:  # a field nobody set before
            rec.fields[fname] = value
            rec.fmeta[fname] = [m.hlc, rev, m.actor, device]
            changed = True
            continue
        concurrent = meta[REV] > m.base_rev and meta[DEVICE] != device
        if not concurrent:
            # The writer had seen the stored value (or wrote it itself): its write is causally later
            # and wins whatever the stamps say.
            rec.fields[fname] = value
            rec.fmeta[fname] = [_later(m.hlc, meta[H]), rev, m.actor, device]
            changed = True
        elif m.hlc > meta[H]:
            stored = rec.fields.get(fname)
            if record_conflicts and stored != value and fname not in SYSTEM_FIELDS:
                conflicts.append(conflict_fields(rec, fname, "field", (stored, meta[H], meta[ACTOR]),
                                                 (value, m.hlc, m.actor)))
            rec.fields[fname] = value
            rec.fmeta[fname] = [m.hlc, rev, m.actor, device]
            changed = True
        else:
            stored = rec.fields.get(fname)
            if record_conflicts and stored != value and fname not in SYSTEM_FIELDS:
                conflicts.append(conflict_fields(rec, fname, "field", (value, m.hlc, m.actor),
                                                 (stored, meta[H], meta[ACTOR])))
    return changed


def apply_put(rec: Rec, m: Mutation, rev: int, device: str) -> tuple[bool, list[dict]]:
    """A put on an existing record (live or tombstone). Returns (changed, conflict field dicts)."""
    conflicts: list[dict] = []
    if not rec.deleted:
        return _merge_fields(rec, m, rev, device, conflicts), conflicts
    d = rec.dmeta or [hlc.ZERO, 0, "", ""]
    if d[REV] <= m.base_rev or d[DEVICE] == device:
        # A deliberate undelete (the writer had seen the delete): the record comes back with the
        # fields this put carries; the tombstone kept nothing else (sync/tombstones.py).
        rec.deleted = False
        rec.dmeta = [_later(m.hlc, d[H]), rev, m.actor, device]
        _merge_fields(rec, m, rev, device, conflicts)
        return True, conflicts
    # An edit made before its writer saw the delete: the delete stands, whatever the stamps say. The
    # tombstone no longer has the record's fields, and a record brought back with only the fields of
    # one edit would be wrong. The clerk sees who edited which fields, never the values.
    if rec.collection != CONFLICTS:
        conflicts.append(conflict_fields(rec, DELETED_PSEUDO_FIELD, "edit_vs_delete",
                                         (tombstones.edited(m.fields), m.hlc, m.actor), (True, d[H], d[ACTOR])))
    return False, conflicts


def apply_delete(rec: Rec, m: Mutation, rev: int, device: str) -> tuple[bool, list[dict]]:
    """A delete on an existing record. Returns (changed, conflict field dicts).

    A delete always wins, also over a concurrent edit with a later stamp: the tombstone keeps no
    personal fields, so the rule must not depend on which of the two reaches the server first. The
    concurrent edits are recorded (who, when, which fields), never their values."""
    if rec.deleted:
        return False, []
    conflicts: list[dict] = []
    concurrent = {f: meta for f, meta in rec.fmeta.items() if meta[REV] > m.base_rev and meta[DEVICE] != device}
    if concurrent and rec.collection != CONFLICTS:
        latest = max(concurrent.values(), key=lambda meta: meta[H])
        conflicts.append(conflict_fields(rec, DELETED_PSEUDO_FIELD, "edit_vs_delete",
                                         (tombstones.edited(concurrent), latest[H], latest[ACTOR]),
                                         (True, m.hlc, m.actor)))
    rec.deleted = True
    rec.dmeta = [_later(m.hlc, rec.hlc), rev, m.actor, device]
    tombstones.strip_rec(rec)
    return True, conflicts
