"""How the server stores a record's merge state: the JSON document in the ``meta`` column.

A field's state is ``[stamp, rev, actor, device]`` (sync/server/merge.py). Most fields of a record
share one state: a create sets every field with the same stamp, and an edit changes a few. So the
stored document names that common state once::

    {"s": [stamp, rev, actor, device], "k": [fields that have "s"], "f": {field: state, ...},
     "d": [state of the last delete/undelete], "t": [transfers]}

``f`` holds only the fields whose state differs from ``s``; ``f``, ``d`` and ``t`` are left out
when empty. Rows written before this form have ``{"f": {every field: state}, "d": …, "t": …}``
and no ``s``/``k``; every reader takes both, and the first write of such a record stores it in
this form. Why: a letter's ≈ 2 kB of repeated states made PostgreSQL's row pass its TOAST
threshold (a compression attempt on every insert) and its COPY parse twice what the record holds;
stored once, the row stays well under it. Only the server stores this: what the wire carries
(``field_hlc``, acks, USB files) is unchanged.
"""

from __future__ import annotations


def field_states(meta: dict) -> dict:
    """field -> [stamp, rev, actor, device], from a stored document of either form. Fields that
    share the common state share one list: the merge replaces a field's list, never changes it."""
    names = meta.get("k")
    if not names:
        return meta.get("f") or {}
    states = dict.fromkeys(names, meta["s"])
    other = meta.get("f")
    if other:
        states.update(other)
    return states


def field_stamps(meta: dict, leave_out: str | None = None) -> dict:
    """field -> stamp (what a pull sends as ``field_hlc``), leaving out the fields whose stamp is
    ``leave_out`` (the record's own stamp, for clients that take compact stamps)."""
    out: dict = {}
    names = meta.get("k")
    if names:
        common = meta["s"][0]
        if common != leave_out:
            out = dict.fromkeys(names, common)
    for name, state in (meta.get("f") or {}).items():
        if state[0] != leave_out:
            out[name] = state[0]
    return out


def document(fmeta: dict, dmeta: list | None, transfers: list | None) -> dict:
    """The document to store: the state most fields share once, the others by name."""
    doc: dict = {}
    if fmeta:
        groups: dict = {}
        for name, state in fmeta.items():
            groups.setdefault(tuple(state), []).append(name)
        common, names = max(groups.items(), key=lambda item: len(item[1]))  # the first of the largest
        doc["s"] = list(common)
        doc["k"] = names
        if len(groups) > 1:
            doc["f"] = {name: state for name, state in fmeta.items() if tuple(state) != common}
    else:
        doc["f"] = {}
    if dmeta:
        doc["d"] = dmeta
    if transfers:
        doc["t"] = transfers
    return doc
