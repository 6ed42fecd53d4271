"""What a PC checks in every change a server hands it (online or in a USB reply) before storing it.

The server checks each pushed mutation (sync/server/app.py ``prevalidate``); a PC checks what comes
back just as strictly, with the same code: the record's fields against its collection's schema
(sync/server/validation.py's ``fast`` over sync/schema.py, the very checker the server uses), the
field names and size limits of the protocol, the HLC stamps, and the office's tenancy: a PC stores
only its own office's records, the shared reference data (offices), configuration published for
it, and read-only stubs of records it transferred away. A change that fails is not stored: the
caller keeps it aside with the reason (desktop/store/replica.py) and goes on with the next one.

Stamps far ahead of the server's time are clamped the way the server clamps a device's stamps
(``CLOCK_MAX_AHEAD_MS``), so one reply cannot push this PC's clock into the far future.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

from sync import config, hlc
from sync.protocol import (
    CLOCK_MAX_AHEAD_MS,
    FIELD_NAME_RE,
    MAX_RECORD_BYTES,
    REFERENCE_FIELDS,
    SHARED_COLLECTIONS,
    is_clean_label,
)
from sync.schema import SYSTEM_FIELDS, collections

Problem = tuple[str, str]  # (Indonesian, English)
COLLECTION_NAME_MAX = 40
# Checked by their own owners (desktop/store/replica.py _apply_user), not here.
OWN_CHECKS = ("users",)


def _is_uuid(text: object) -> bool:
    try:
        return isinstance(text, str) and str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _stamp_ok(text: object) -> bool:
    try:
        return is_clean_label(hlc.Stamp.parse(text).node)  # type: ignore[arg-type]
    except ValueError:
        return False


def config_partitions(office: str, kind: str | None) -> set[str]:
    """The server partitions (records.office_id) of configuration meant for ``office``."""
    return {"*", f"kind:{kind}", office, f"config:{office}"}


def problems(change: dict, *, office: str | None, kind: str | None,
             held: Callable[[str, str], bool] = lambda collection, record_id: False) -> list[Problem]:
    """Everything wrong with one change (envelope-valid: sync/protocol.py CHANGE_SCHEMA); empty when
    it may be stored. ``held(collection, id)`` says whether this PC already has the record."""
    name, record_id = change.get("collection"), change.get("id")
    if not isinstance(name, str) or not name or len(name) > COLLECTION_NAME_MAX or not FIELD_NAME_RE.match(name):
        return [("Jenis data tidak valid.", "Invalid collection name.")]
    if not _is_uuid(record_id):
        return [("ID data tidak valid (harus UUID).", "Invalid record id (must be a UUID).")]
    out: list[Problem] = []
    fields = change.get("fields") or {}
    if not _stamp_ok(change.get("hlc")):
        out.append(("Cap waktu (HLC) tidak valid.", "Invalid HLC stamp."))
    bad_stamps = [k for k, v in (change.get("field_hlc") or {}).items() if not FIELD_NAME_RE.match(k) or not _stamp_ok(v)]
    if bad_stamps:
        out.append((f"Cap waktu kolom {bad_stamps[0][:64]} tidak valid.", f"Invalid HLC stamp of field {bad_stamps[0][:64]}."))
    bad_names = [k for k in fields if not FIELD_NAME_RE.match(k)]
    if bad_names:
        out.append((f"Nama kolom tidak valid: {bad_names[0][:64]!r}.", f"Invalid field name: {bad_names[0][:64]!r}."))
    elif len(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")) > MAX_RECORD_BYTES:
        out.append(("Data terlalu besar.", "Record too large."))
    if out:
        return out
    out.extend(_field_problems(name, fields))
    out.extend(_tenancy_problems(change, name, fields, office, kind, held))
    return out


def _field_problems(name: str, fields: dict) -> list[Problem]:
    colls = collections()
    if name in colls:
        from sync.server.validation import fast  # the server's own checker: one definition of "valid"

        out = [(e.message, e.message_en) for e in fast(colls[name]).validate_fields(fields)]
        for key in SYSTEM_FIELDS:
            if fields.get(key) is not None and (not isinstance(fields[key], str) or len(fields[key]) > 64):
                out.append((f"{key}: harus berupa teks pendek.", f"{key}: must be short text."))
        return out
    if name == config.COLLECTION:
        if not (isinstance(fields.get("scope"), str) and isinstance(fields.get("key"), str)
                and type(fields.get("version", 0)) is int and type(fields.get("published_ms", 0)) is int):
            return [("Data pengaturan pusat tidak lengkap atau rusak.", "Incomplete or damaged central setting.")]
    elif name in REFERENCE_FIELDS and name not in OWN_CHECKS:
        wrong = [k for k in REFERENCE_FIELDS[name] if fields.get(k) is not None and not isinstance(fields[k], str)]
        if wrong:
            return [(f"{wrong[0]}: harus berupa teks.", f"{wrong[0]}: must be text.")]
    return []


def _tenancy_problems(change: dict, name: str, fields: dict, office: str | None, kind: str | None,
                      held: Callable[[str, str], bool]) -> list[Problem]:
    owner = change.get("office_id")
    if office is None or name in SHARED_COLLECTIONS or name in OWN_CHECKS:
        return []
    if name == config.COLLECTION:
        if owner in config_partitions(office, kind) and fields.get("scope") in (config.SCOPE_ALL, kind, office):
            return []
        return [(f"Pengaturan untuk {str(fields.get('scope'))[:40]}, bukan untuk kantor ini; tidak disimpan.",
                 f"A setting for {str(fields.get('scope'))[:40]}, not for this office; not stored.")]
    if owner == office:
        return []
    if change.get("readonly"):
        # A record this office transferred away stays here as a read-only stub (the server keeps a grant).
        moved_from_here = any(isinstance(t, dict) and t.get("from") == office for t in change.get("transfers") or [])
        if moved_from_here or held(name, change["id"]):
            return []
    return [(f"Data milik kantor {str(owner)[:40]}, bukan kantor ini; tidak disimpan.",
             f"A record of office {str(owner)[:40]}, not of this office; not stored.")]


def clamp_stamps(change: dict, max_wall_ms: int) -> dict:
    """The change with every stamp past ``max_wall_ms`` capped (a copy when anything changed)."""
    stamps = [change.get("hlc"), *(change.get("field_hlc") or {}).values()]
    if all(not isinstance(s, str) or hlc.wall_ms(s) <= max_wall_ms for s in stamps if _stamp_ok(s)):
        return change
    out = dict(change)
    if _stamp_ok(out.get("hlc")):
        out["hlc"] = hlc.clamp(out["hlc"], max_wall_ms)
    out["field_hlc"] = {k: hlc.clamp(v, max_wall_ms) if _stamp_ok(v) else v
                        for k, v in (change.get("field_hlc") or {}).items()}
    return out


def max_wall(server_now_ms: int) -> int:
    """The latest wall time a received stamp may carry, given the (corrected) current time."""
    return min(server_now_ms + CLOCK_MAX_AHEAD_MS, hlc.MAX_WALL_MS)
