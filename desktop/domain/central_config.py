"""Configuration push, desktop side: settings and reference data published centrally arrive by sync.

Each ``config`` record received (sync/config.py says which keys exist) is kept in the
``central_config`` table and, for its key, the record of the narrowest scope wins (office > kind >
all). The winner is applied in the same transaction that stores the records and the new sync
cursor: a setting goes to the store's meta (the key an office admin edits locally), reference data
to ``<data folder>/reference/<key>.json`` (read before the bundled file), the letterhead logo to
``<data folder>/reference/kop_logo.png|jpg``. A value that fails our checks is **refused**: kept
with the reason and shown on the sync page, while the value in force stays. A withdrawn value
gives way to a wider scope's, or to the built-in default when none is left.

A local edit by the office admin stays until Diskominfo publishes that key again (last one wins).
No Qt here (domain layer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop.store.db import StoreError
from desktop.store.records import Change, Store, WriteTx, now_iso
from sync import config
from sync.files import write_atomically

ACTOR = "pusat"  # the audit actor of applied central configuration
_LOGO_EXT = {"image/png": "png", "image/jpeg": "jpg"}

# central_config.status
APPLIED = "applied"  # in force
OVERRIDDEN = "overridden"  # valid, but a narrower scope's value is in force
REFUSED = "refused"  # failed our checks; never applied
WITHDRAWN = "withdrawn"  # the centre withdrew it


@dataclass(frozen=True)
class Entry:
    """One received record, as the sync page and ``layan config`` show it."""

    key: str
    scope: str
    version: int
    status: str
    published_ms: int
    published_by: str
    received_at: str
    refused_version: int | None  # a version that failed our checks (the entry's own, or a newer one)
    error: str | None
    error_en: str | None

    def label(self, lang: str = "id") -> str:
        spec = config.KEYS.get(self.key)
        if spec is None:
            return self.key
        return spec.label_en if lang == "en" else spec.label_id


def check(key: str, value: object) -> list[tuple[str, str]]:
    """Everything wrong with ``value`` for ``key``: the shared schema, then the domain's own rules."""
    problems = config.value_errors(key, value)
    if problems:
        return problems
    try:
        if key == "numbering_template":
            from desktop.domain import numbering

            numbering.check_template(value)
        elif key == "services":
            from desktop.domain import services

            services.parse_catalog(value, Path("services.json"))
        elif key == "ttd_lain":
            from desktop.domain import services

            services.check_alternative_signers(value)
        elif key == "health_units":
            from desktop.domain.health import units

            units.check_units([units.from_json(u) for u in value])
        elif key == "icd10_terms":
            from desktop.domain.health import icd10

            return icd10.check_terms(value)
    except StoreError as exc:
        return [(exc.message, exc.message_en)]
    return []


def apply_change(tx: WriteTx, store: Store, change: dict) -> None:
    """The sync replica's hook for a ``config`` change (desktop/store/replica.py)."""
    fields = change.get("fields") or {}
    key, scope = fields.get("key"), fields.get("scope")
    if not isinstance(key, str) or not isinstance(scope, str) or type(fields.get("version", 0)) is not int \
            or type(fields.get("published_ms", 0)) is not int:
        return  # not a config record we can read (a broken server): nothing to apply
    deleted = bool(change.get("deleted"))
    version = fields.get("version", 0)
    problems = [] if deleted else check(key, fields.get("value"))
    held = tx.execute("SELECT status FROM central_config WHERE id = ?", (change["id"],)).fetchone()
    common = (int(change.get("rev") or 0), fields.get("published_ms", 0),
              str(fields.get("published_by") or "")[:64], now_iso())
    if problems and held is not None and held["status"] in (APPLIED, OVERRIDDEN):
        # A bad new version of a value in use: the good version stays, the refusal is noted beside it.
        tx.execute("UPDATE central_config SET rev = ?, published_ms = ?, published_by = ?, received_at = ?, "
                   "refused_version = ?, error = ?, error_en = ? WHERE id = ?",
                   (*common, version, "; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems),
                    change["id"]))
        return
    status = WITHDRAWN if deleted else (REFUSED if problems else OVERRIDDEN)
    tx.execute(
        "INSERT OR REPLACE INTO central_config(id, scope, key, value, version, status, rev, published_ms, "
        "published_by, received_at, refused_version, error, error_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (change["id"], scope, key, json.dumps(fields.get("value"), ensure_ascii=False), version, status, *common,
         version if problems else None, "; ".join(p[0] for p in problems) or None,
         "; ".join(p[1] for p in problems) or None))
    if key in config.KEYS:
        _settle(tx, store, key)


def _settle(tx: WriteTx, store: Store, key: str) -> None:
    """Puts the winning record of ``key`` in force (idempotent) and marks the others."""
    rows = tx.execute("SELECT id, scope, value, version, status FROM central_config WHERE key = ? "
                      "AND status IN (?, ?)", (key, APPLIED, OVERRIDDEN)).fetchall()
    winner = max(rows, key=lambda r: (config.scope_rank(r["scope"]), r["version"]), default=None)
    for row in rows:
        status = APPLIED if winner is not None and row["id"] == winner["id"] else OVERRIDDEN
        if status != row["status"]:
            tx.execute("UPDATE central_config SET status = ? WHERE id = ?", (status, row["id"]))
    # The meta marker names what is in force ("<scope> v<version>": one record per scope and key).
    marker = f"central_config:{key}"
    before = tx.meta(marker)
    in_force = f"{winner['scope']} v{winner['version']}" if winner is not None else None
    if in_force == before:
        return  # already in force (a repeated page), or nothing was ever applied for this key
    _write_target(tx, store, key, json.loads(winner["value"]) if winner is not None else None)
    tx.audit(config.COLLECTION, key, "update" if winner is not None else "delete", {"in_force": [before, in_force]},
             actor=ACTOR, source="sync")
    tx.set_meta(marker, in_force)
    tx.changes.changes.append(Change(config.COLLECTION, key, "sync"))


def _write_target(tx: WriteTx, store: Store, key: str, value: object) -> None:
    """Writes (or, for None, removes) what ``key`` controls on this PC."""
    spec = config.KEYS[key]
    folder = Path(store.data_dir) / "reference"
    if spec.target == "setting":
        if value is None or isinstance(value, str):
            text = value
        elif isinstance(value, int):
            text = str(value)
        else:
            text = json.dumps(value, ensure_ascii=False)
        tx.set_meta(key, text)
    elif spec.target == "reference":
        path = folder / f"{key}.json"
        if value is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))
        from desktop.domain import reference

        reference.clear_caches()
    else:  # the letterhead logo
        for ext in _LOGO_EXT.values():
            (folder / f"{key}.{ext}").unlink(missing_ok=True)
        if value is None:
            tx.set_meta(key, None)
        else:
            name = f"{key}.{_LOGO_EXT[value['media_type']]}"
            write_atomically(folder / name, config.logo_bytes(value))
            tx.set_meta(key, f"reference/{name}")


def entries(store: Store) -> list[Entry]:
    """Every central value this PC received, in key order, the one in force first."""
    order = {APPLIED: 0, OVERRIDDEN: 1, REFUSED: 2, WITHDRAWN: 3}
    rows = store.read().execute("SELECT * FROM central_config").fetchall()
    out = [Entry(r["key"], r["scope"], r["version"], r["status"], r["published_ms"], r["published_by"],
                 r["received_at"], r["refused_version"], r["error"], r["error_en"]) for r in rows]
    return sorted(out, key=lambda e: (e.key, order.get(e.status, 9), -config.scope_rank(e.scope)))


def centrally_managed(store: Store) -> dict[str, Entry]:
    """Keys whose value in force comes from the centre (for "Diatur oleh pusat" hints)."""
    return {e.key: e for e in entries(store) if e.status == APPLIED}


def refused(store: Store) -> list[Entry]:
    """Received values this PC would not apply (the version in force, if any, stays)."""
    return [e for e in entries(store) if e.error]
