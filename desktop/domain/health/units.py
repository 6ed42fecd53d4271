"""Service units of a puskesmas, grouped by ILP klaster (resources/reference/units.json).

The shipped list is the default; a puskesmas may rename, add or switch off units. Its own list is
kept in the office's meta (key ``health_units``, a JSON list of units) and replaces the default.
A unit that is switched off keeps its old visits in reports; new visits need an active unit.

Each unit may say which ages it serves (``umur``: min/max full years, both included) and which complaint
words point to it (``keluhan``); ``umum`` marks the general unit of an age group. A unit list of the
puskesmas's own without these takes them from the shipped unit of the same code. ``suggest_unit``
proposes the visit's unit from the patient's age and complaint (never just the last patient's unit);
``age_mismatch`` is the question the form asks when unit and age do not fit (a 70-year-old in MTBS).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from desktop.domain.reference import load_reference
from desktop.store.db import StoreError
from desktop.store.records import Store

from . import access
from .names import fold

META_KEY = "health_units"
_CODE = re.compile(r"^[a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Unit:
    code: str
    klaster: str  # "2", "3", "4" or "lintas"
    name_id: str
    name_en: str
    active: bool = True
    age_min: int | None = None  # full years, included; None = no lower bound
    age_max: int | None = None  # full years, included; None = no upper bound
    keluhan: tuple[str, ...] = field(default=())  # complaint words that suggest this unit
    umum: bool = False  # the general unit of its age range

    def fits_age(self, years: int | None) -> bool:
        """True when the unit serves this age (or the age is not known)."""
        if years is None:
            return True
        return (self.age_min is None or years >= self.age_min) and (self.age_max is None or years <= self.age_max)

    def age_range_text(self, lang: str = "id") -> str:
        unit = "tahun" if lang == "id" else "years"
        if self.age_min is not None and self.age_max is not None:
            return f"{self.age_min}–{self.age_max} {unit}"
        if self.age_min is not None:
            return f"{self.age_min}+ {unit}"
        if self.age_max is not None:
            return f"0–{self.age_max} {unit}"
        return ""

    def name(self, lang: str = "id") -> str:
        return self.name_en if lang == "en" else self.name_id

    def as_json(self) -> dict:
        out = {"code": self.code, "klaster": self.klaster, "name": {"id": self.name_id, "en": self.name_en},
               "active": self.active}
        if self.age_min is not None or self.age_max is not None:
            out["umur"] = {k: v for k, v in (("min", self.age_min), ("max", self.age_max)) if v is not None}
        if self.keluhan:
            out["keluhan"] = list(self.keluhan)
        if self.umum:
            out["umum"] = True
        return out


def klaster_list() -> list[dict]:
    """[{code, name: {id, en}}] in report order."""
    return list(load_reference("units")["klaster"])


def klaster_name(code: str, lang: str = "id") -> str:
    for k in klaster_list():
        if k["code"] == code:
            return k["name"][lang]
    return code


def _int_or_none(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def from_json(item: dict, *, shipped: dict | None = None) -> Unit:
    """A unit from its JSON; age range, complaint words and ``umum`` default to the shipped unit's."""
    name = item.get("name") or {}
    if shipped is None and "umur" not in item and "keluhan" not in item and "umum" not in item:
        shipped = _shipped_rules().get(item["code"])
    rules = {**(shipped or {}), **{k: item[k] for k in ("umur", "keluhan", "umum") if k in item}}
    age = rules.get("umur") if isinstance(rules.get("umur"), dict) else {}
    words = rules.get("keluhan") if isinstance(rules.get("keluhan"), list) else []
    return Unit(code=item["code"], klaster=str(item["klaster"]), name_id=name.get("id") or item["code"],
                name_en=name.get("en") or name.get("id") or item["code"], active=bool(item.get("active", True)),
                age_min=_int_or_none(age.get("min")), age_max=_int_or_none(age.get("max")),
                keluhan=tuple(str(w) for w in words if isinstance(w, str)), umum=bool(rules.get("umum")))


def _shipped_rules() -> dict[str, dict]:
    return {u["code"]: {k: u[k] for k in ("umur", "keluhan", "umum") if k in u}
            for u in load_reference("units")["units"]}


def default_units() -> list[Unit]:
    return [from_json(u, shipped={}) for u in load_reference("units")["units"]]


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
        if u.age_min is not None and u.age_max is not None and u.age_min > u.age_max:
            raise StoreError(f"Rentang umur unit {u.code} terbalik: {u.age_min}–{u.age_max}.",
                             f"The age range of unit {u.code} is reversed: {u.age_min}–{u.age_max}.")
        seen.add(u.code)
    if not any(u.active for u in parsed):
        raise StoreError("Minimal satu unit harus aktif.", "At least one unit must be active.")


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[0-9a-z]+", fold(text or ""))) + " "


def complaint_units(unit_list: list[Unit], complaint: str, years: int | None) -> list[tuple[Unit, str]]:
    """Active units serving this age whose complaint words are in ``complaint`` (with the word found)."""
    text = _words(complaint)
    out = []
    for unit in unit_list:
        if not unit.active or not unit.fits_age(years):
            continue
        word = next((w for w in unit.keluhan if _words(w) in text), None)
        if word is not None:
            out.append((unit, word))
    return out


def suggest_unit(unit_list: list[Unit], years: int | None, complaint: str = "",
                 remembered: str | None = None) -> tuple[str | None, str, str]:
    """The unit to propose for a visit: (code, reason, detail). Reason "keluhan" (detail: the word
    found; the nakes' last unit wins among several), "terakhir" (no complaint yet: the nakes' own last
    unit, only when it serves this age), "umur" (the general unit of the age group), or "" (nothing fits)."""
    active = [u for u in unit_list if u.active]
    by_complaint = complaint_units(active, complaint, years)
    if by_complaint:
        chosen = next(((u, w) for u, w in by_complaint if u.code == remembered), by_complaint[0])
        return chosen[0].code, "keluhan", chosen[1]
    own = next((u for u in active if u.code == remembered), None)
    if own is not None and own.fits_age(years) and not (complaint or "").strip():
        return own.code, "terakhir", ""
    if years is not None:
        general = [u for u in active if u.umum and u.fits_age(years)]
        if general:
            return general[0].code, "umur", ""
    if own is not None and own.fits_age(years):
        return own.code, "terakhir", ""
    return (active[0].code if active else None), "", ""


def age_mismatch(unit: Unit, age) -> tuple[str, str] | None:
    """The question (Indonesian, English) when ``unit`` does not serve a patient of ``age`` (ages.Age)."""
    if age is None or unit.fits_age(age.years):
        return None
    return (f"Unit {unit.name_id} untuk umur {unit.age_range_text('id')}; pasien ini {age.text('id')}. "
            "Simpan di unit ini?",
            f"The unit {unit.name_en} is for ages {unit.age_range_text('en')}; this patient is {age.text('en')}. "
            "Save in this unit?")


def reset_units(store: Store, user: dict) -> None:
    access.require_config_role(user, store)
    store.set_meta(META_KEY, None)


__all__ = ["Unit", "age_mismatch", "check_units", "complaint_units", "suggest_unit", "default_units", "get_unit", "klaster_list", "klaster_name", "reset_units", "set_units",
           "units"]
