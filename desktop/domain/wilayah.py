"""The kelurahan and kampung of Kabupaten Mimika, from the official list (no Qt).

The list is resources/reference/wilayah_mimika.json (``desa``: 19 kelurahan and 132 kampung with
their Kepmendagri codes, carried in from the official CSV by scripts/wilayah_from_csv.py). An address
typed at the counter picks its kampung from it (``search``), which also tells its distrik; a
certificate that states residence in this office's distrik is checked against it (services).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import reference


@dataclass(frozen=True)
class Desa:
    code: str  # "94.04.09.1002"
    name: str  # "Karang Senang"
    kind: str  # "kelurahan" or "kampung"
    distrik_code: str  # "94.04.09"
    distrik_name: str  # "Kuala Kencana"
    distrik_office: str  # Layan's suggested office code of the distrik, "DST-KK"

    @property
    def label(self) -> str:
        """What a suggestion list shows: "Karang Senang — kelurahan, Distrik Kuala Kencana"."""
        return f"{self.name} — {self.kind}, Distrik {self.distrik_name}"


def _key(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip()).casefold()


@cache
def desa_list() -> tuple[Desa, ...]:
    """Every kelurahan and kampung, in code order."""
    data = reference.load_reference("wilayah_mimika")
    distrik = {d.code: d for d in reference.distrik_list()}
    return tuple(Desa(d["code"], d["name"], d["kind"], d["distrik_code"], distrik[d["distrik_code"]].name,
                      distrik[d["distrik_code"]].office_code) for d in data["desa"])


def search(text: str, limit: int = 20) -> list[Desa]:
    """Kampung/kelurahan whose name contains ``text`` anywhere (case-insensitive); names that start
    with it first, then the others, each in code order."""
    key = _key(text)
    if not key:
        return []
    starting = [d for d in desa_list() if _key(d.name).startswith(key)]
    inside = [d for d in desa_list() if key in _key(d.name) and d not in starting]
    return (starting + inside)[:limit]


def find(name: str | None, distrik: str | None = None) -> Desa | None:
    """The kampung/kelurahan of this exact name (case and spaces aside), within ``distrik`` when given
    and the name is found there; None for a name not in the list."""
    key = _key(name)
    if not key:
        return None
    found = [d for d in desa_list() if _key(d.name) == key]
    if distrik:
        here = [d for d in found if _key(d.distrik_name) == _key(distrik.removeprefix("Distrik ").strip())]
        found = here or found
    return found[0] if found else None


def distrik_named(name: str | None) -> reference.Distrik | None:
    """The distrik of this name ("Kuala Kencana" or "Distrik Kuala Kencana"), or None."""
    key = _key(re.sub(r"(?i)^\s*distrik\s+", "", name or ""))
    return next((d for d in reference.distrik_list() if _key(d.name) == key), None) if key else None
