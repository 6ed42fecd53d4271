"""Service units of a puskesmas, grouped by ILP klaster (resources/reference/units.json).

The shipped list is the default; a puskesmas may rename, add or switch off units. Its own list is
kept in the office's meta (key ``health_units``, a JSON list of units) and replaces the default.
A unit that is switched off keeps its old visits in reports; new visits need an active unit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from desktop.domain.reference import load_reference
from desktop.store.db import StoreError
from desktop.store.records import Store

from . import access

META_KEY = "health_units"
_CODE = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Unit:
    code: str
    klaster: str  # "2", "3", "4" or "lintas"
    name_id: str
    name_en: str
    active: bool = True

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id

    def as_json(self) -> dict:
        return {"code": self.code, "klaster": self.klaster, "name": {"id": self.name_id, "en": self.name_en},
                "active": self.active}


def klaster_list() -> list[dict]:
    """[{code, name: {id, en}}] in report order."""
    return list(load_reference("units")["klaster"])


def klaster_name(code: str, lang: str = "id") -> str:
    for k in klaster_list():
        if k["code"] == code:
            return k["name"][lang]
    return code


def from_json(item: dict) -> Unit:
    name = item.get("name") or {}
    return Unit(code=item["code"], klaster=str(item["klaster"]), name_id=name.get("id") or item["code"],
                name_en=name.get("en") or name.get("id") or item["code"], active=bool(item.get("active", True)))


def default_units() -> list[Unit]:
    return [from_json(u) for u in load_reference("units")["units"]]


def units(store: Store, *, include_inactive: bool = False) -> list[Unit]:
    """This puskesmas's units (its own list if set, else the defaults), in klaster order."""
    raw = store.meta(META_KEY)
    items = [from_json(u) for u in json.loads(raw)] if raw else default_units()
    order = {k["code"]: i for i, k in enumerate(klaster_list())}
    items.sort(key=lambda u: order.get(u.klaster, len(order)))
    return [u for u in items if include_inactive or u.active]


def get_unit(store: Store, code: str) -> Unit | None:
    return next((u for u in units(store, include_inactive=True) if u.code == code), None)


def set_units(store: Store, user: dict, items: list[Unit | dict]) -> None:
    """Replaces this puskesmas's unit list (kepala or admin). Refuses unknown klaster, bad or repeated codes."""
    access.require_config_role(user, store)
    parsed = [i if isinstance(i, Unit) else from_json(i) for i in items]
    check_units(parsed)
    store.set_meta(META_KEY, json.dumps([u.as_json() for u in parsed], ensure_ascii=False))


def check_units(parsed: list[Unit]) -> None:
    """Refuses unknown klaster, bad or repeated codes, and a list with no active unit (StoreError)."""
    klaster = {k["code"] for k in klaster_list()}
    seen = set()
    for u in parsed:
        if not _CODE.match(u.code) or u.code in seen:
            raise StoreError(f"Kode unit tidak valid atau ganda: {u.code!r} (huruf kecil, angka, garis bawah).",
                             f"Invalid or repeated unit code: {u.code!r} (lower-case letters, digits, underscore).")
        if u.klaster not in klaster:
            raise StoreError(f"Klaster tidak dikenal untuk unit {u.code}: {u.klaster}.",
                             f"Unknown cluster for unit {u.code}: {u.klaster}.")
        seen.add(u.code)
    if not any(u.active for u in parsed):
        raise StoreError("Minimal satu unit harus aktif.", "At least one unit must be active.")


def reset_units(store: Store, user: dict) -> None:
    access.require_config_role(user, store)
    store.set_meta(META_KEY, None)


__all__ = ["Unit", "check_units", "default_units", "get_unit", "klaster_list", "klaster_name", "reset_units", "set_units",
           "units"]
