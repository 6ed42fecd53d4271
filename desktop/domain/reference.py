"""Reference data shipped in resources/reference/: klasifikasi arsip, wilayah Mimika, NIK regions
and holidays. Each file notes its source; entries marked ``unverified`` come from secondary sources.

Files are read once and cached; they are small. A copy pushed centrally (configuration push) in the
data folder's ``reference/`` replaces the bundled file. No Qt here (domain layer).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sync import workdays
from sync.schema import resources_dir

__all__ = [
    "Distrik",
    "Holiday",
    "KlasifikasiItem",
    "Puskesmas",
    "Regency",
    "add_working_days",
    "clear_caches",
    "distrik_list",
    "holiday_name",
    "holiday_years",
    "holidays",
    "is_known_klasifikasi",
    "is_working_day",
    "klasifikasi_items",
    "klasifikasi_name",
    "load_reference",
    "nik_province_name",
    "nik_regency_candidates",
    "puskesmas_list",
    "reference_path",
    "search_klasifikasi",
    "use_office_copies",
    "working_days_between",
]


def clear_caches() -> None:
    """Forget the loaded files, e.g. after IT pushed new reference data (or in tests)."""
    for fn in (
        load_reference,
        klasifikasi_items,
        _klasifikasi_index,
        _klasifikasi_words,
        distrik_list,
        puskesmas_list,
        _nik_provinces,
        _nik_regencies,
        _holiday_table,
        _holiday_set,
        holiday_years,
    ):
        fn.cache_clear()


def _copies_of_the_opened_store() -> Path | None:
    """The store opened before this module loaded (desktop.domain.open_store defers it): its copies."""
    from desktop import domain  # the package: loaded before any of its modules

    return domain.opened_data_dir / "reference" if domain.opened_data_dir is not None else None


_office_dir: Path | None = _copies_of_the_opened_store()  # then set by use_office_copies


def use_office_copies(data_dir: Path | str | None) -> None:
    """Reference data pushed centrally lives in ``<data folder>/reference/`` (desktop/domain/
    central_config.py) and is read before the bundled files; called when the store is opened."""
    global _office_dir
    _office_dir = Path(data_dir) / "reference" if data_dir is not None else None
    clear_caches()


def reference_path(name: str) -> Path:
    """The office's pushed copy of resources/reference/<name>.json if it has one, else the bundled file."""
    if _office_dir is not None:
        own = _office_dir / f"{name}.json"
        if own.is_file():
            return own
    return resources_dir() / "reference" / f"{name}.json"


@cache
def load_reference(name: str) -> dict[str, Any]:
    """The parsed JSON of reference data ``name`` (cached; treat it as read-only)."""
    with reference_path(name).open(encoding="utf-8") as f:
        return json.load(f)


# --- klasifikasi arsip (Permendagri 83/2022) ---------------------------------------------------

_CODE_RE = re.compile(r"^\d{3}(\.\d+)*$")
_CODE_PREFIX_RE = re.compile(r"^[\d.]+$")
_WORD_RE = re.compile(r"\w+")


def _code_key(code: str) -> tuple[int, ...]:
    """Numeric sort key: 400.9 before 400.10."""
    return tuple(int(p) for p in code.split("."))


@dataclass(frozen=True)
class KlasifikasiItem:
    code: str
    name: str
    unverified: bool = False

    @property
    def level(self) -> int:
        """1 for the ten top-level codes (000 … 900), 2 for 000.1, and so on."""
        return self.code.count(".") + 1

    @property
    def parent(self) -> str | None:
        return self.code.rsplit(".", 1)[0] if "." in self.code else None

    def label(self) -> str:
        return f"{self.code} {self.name}"


@cache
def klasifikasi_items() -> tuple[KlasifikasiItem, ...]:
    """All klasifikasi items, ordered by code (numerically per level)."""
    data = load_reference("klasifikasi")
    items = []
    for raw in data["items"]:
        code = raw["code"]
        if not _CODE_RE.match(code):
            raise ValueError(f"klasifikasi.json: bad code {code!r}")
        items.append(KlasifikasiItem(code, raw["name"], bool(raw.get("unverified", False))))
    items.sort(key=lambda i: _code_key(i.code))
    return tuple(items)


@cache
def _klasifikasi_index() -> dict[str, KlasifikasiItem]:
    return {i.code: i for i in klasifikasi_items()}


@cache
def _klasifikasi_words() -> dict[str, tuple[str, ...]]:
    return {i.code: tuple(w.casefold() for w in _WORD_RE.findall(i.name)) for i in klasifikasi_items()}


def klasifikasi_name(code: str) -> str | None:
    """The name of a klasifikasi code, or None when the code is not in our list."""
    item = _klasifikasi_index().get(code.strip())
    return item.name if item else None


def is_known_klasifikasi(code: str) -> bool:
    return code.strip() in _klasifikasi_index()


def search_klasifikasi(text: str, limit: int = 20) -> list[KlasifikasiItem]:
    """Items for a type-ahead picker.

    The text is split into words (case-insensitive); every word must match. A word matches when
    it occurs anywhere in a word of the name ("pelay publ" finds Pelayanan Publik, and so does
    "layanan") or, if it is made of digits and dots, when it starts the code ("400.7" finds 400.7
    and 400.7.9, and "400.1" also finds 400.10 and 400.12 while the clerk is still typing). Items
    whose code starts with the whole text come first, then those where every word starts a word
    of the name, then the rest; each group is ordered by code. Empty text gives the ten
    top-level codes.
    """
    if limit <= 0:
        return []
    query = text.strip().casefold()
    items = klasifikasi_items()
    if not query:
        return [i for i in items if i.level == 1][:limit]
    tokens = [(t, bool(_CODE_PREFIX_RE.match(t))) for t in query.split()]
    words = _klasifikasi_words()
    code_first: list[KlasifikasiItem] = []
    by_word_start: list[KlasifikasiItem] = []
    inside_words: list[KlasifikasiItem] = []
    for item in items:
        name_words = words[item.code]
        if not all((code_like and item.code.startswith(t)) or any(t in w for w in name_words)
                   for t, code_like in tokens):
            continue
        if item.code.startswith(query):
            code_first.append(item)
        elif all((code_like and item.code.startswith(t)) or any(w.startswith(t) for w in name_words)
                 for t, code_like in tokens):
            by_word_start.append(item)
        else:
            inside_words.append(item)
    return (code_first + by_word_start + inside_words)[:limit]


# --- wilayah Mimika -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Distrik:
    code: str  # kode wilayah, e.g. "94.04.01"
    name: str
    office_code: str  # Layan's suggested office code, e.g. "DST-MB"


@dataclass(frozen=True)
class Puskesmas:
    name: str
    office_code: str  # Layan's suggested office code, e.g. "PKM-TIMIKA"
    distrik_code: str | None  # only where known; the list itself is unverified and incomplete


@cache
def distrik_list() -> tuple[Distrik, ...]:
    """The 18 distrik of Kabupaten Mimika in code order."""
    data = load_reference("wilayah_mimika")
    out = [Distrik(d["code"], d["name"], d["office_code"]) for d in data["distrik"]]
    out.sort(key=lambda d: _code_key(d.code))
    return tuple(out)


@cache
def puskesmas_list() -> tuple[Puskesmas, ...]:
    """Puskesmas names seen in public reports (not a complete list; unverified)."""
    data = load_reference("wilayah_mimika")
    return tuple(
        Puskesmas(p["name"], p["office_code"], p.get("distrik_code")) for p in data["puskesmas"]["items"]
    )


# --- NIK regions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regency:
    code: str  # "94.04"
    name: str
    kind: str  # "kabupaten" or "kota"
    scheme: str  # "kemendagri", "kemendagri_pre_2022" or "nik_legacy" (see nik_regions.json)
    unverified: bool = False

    @property
    def label(self) -> str:
        prefix = "Kota" if self.kind == "kota" else "Kab."
        return f"{prefix} {self.name}"


_SCHEME_ORDER = {"kemendagri": 0, "nik_legacy": 1, "kemendagri_pre_2022": 2}


@cache
def _nik_provinces() -> dict[str, dict[str, Any]]:
    return {p["code"]: p for p in load_reference("nik_regions")["provinces"]}


@cache
def _nik_regencies() -> dict[str, tuple[Regency, ...]]:
    grouped: dict[str, list[Regency]] = {}
    for r in load_reference("nik_regions")["regencies"]:
        reg = Regency(r["code"], r["name"], r["kind"], r["scheme"], bool(r.get("unverified", False)))
        grouped.setdefault(r["code"].replace(".", ""), []).append(reg)
    return {k: tuple(sorted(v, key=lambda r: _SCHEME_ORDER.get(r.scheme, 9))) for k, v in grouped.items()}


def nik_province_name(code: str) -> str | None:
    """Current name of a two-digit province code, or None when unknown."""
    p = _nik_provinces().get(code)
    return p["name"] if p else None


def nik_regency_candidates(code: str) -> tuple[Regency, ...]:
    """Every regency a four-digit NIK prefix ("9404" or "94.04") may stand for, current code first.

    Papua prefixes are ambiguous since the 2022 split (9404: Mimika now, Nabire on older NIKs).
    Empty when the prefix is not in our table (regencies are listed for the Papua provinces only).
    """
    return _nik_regencies().get(code.replace(".", ""), ())


# --- holidays and working days --------------------------------------------------------------------


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str
    kind: str  # "libur_nasional" or "cuti_bersama"
    unverified: bool = False


@cache
def _holiday_table() -> dict[dt.date, Holiday]:
    out: dict[dt.date, Holiday] = {}
    for raw in load_reference("holidays")["items"]:
        day = dt.date.fromisoformat(raw["date"])
        out[day] = Holiday(day, raw["name"], raw["kind"], bool(raw.get("unverified", False)))
    return out


def holidays() -> frozenset[dt.date]:
    """Days off by SKB 3 Menteri: libur nasional and cuti bersama (both are days off for ASN)."""
    return _holiday_set()


@cache
def _holiday_set() -> frozenset[dt.date]:
    return frozenset(_holiday_table())


def holiday_name(day: dt.date) -> str | None:
    h = _holiday_table().get(day)
    return h.name if h else None


@cache
def holiday_years() -> frozenset[int]:
    """Years the holiday table covers; outside them only weekends are days off."""
    return frozenset(int(y) for y in load_reference("holidays")["years"])


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a libur nasional or cuti bersama."""
    return workdays.is_working_day(day, _holiday_set())


def add_working_days(start: dt.date, n: int) -> dt.date:
    """The date n working days after start (start itself is not counted).

    add_working_days(friday, 1) is the next Monday (if that is not a holiday); n == 0 returns
    start unchanged, even when start is not a working day; a negative n counts backwards.
    Used for deadlines such as "forward a complaint within 3 working days".
    """
    return workdays.add_working_days(start, n, _holiday_set())


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after start up to and including end (how long a request took, in SLA terms)."""
    return workdays.working_days_between(start, end, _holiday_set())
