"""Where each office is: its distrik, from the offices table and the Mimika reference (wilayah_mimika.json).

A distrik office is matched by its suggested office code (DST-MB) or its name; a puskesmas by its suggested
code (PKM-WANIA) and the distrik the reference gives it, else by a distrik name inside its own name. What
cannot be placed is "Tidak diketahui": the reference's puskesmas list is incomplete and unverified.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Connection, select

from sync.schema import resources_dir

UNKNOWN = "Tidak diketahui"


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    kind: str
    distrik: str


@cache
def _wilayah() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(distrik name by office code, distrik name by distrik code, distrik name by puskesmas office code)."""
    with (resources_dir() / "reference" / "wilayah_mimika.json").open(encoding="utf-8") as f:
        data = json.load(f)
    by_code = {d["code"]: d["name"] for d in data["distrik"]}
    by_office = {d["office_code"]: d["name"] for d in data["distrik"]}
    pkm = {p["office_code"]: by_code[p["distrik_code"]] for p in data["puskesmas"]["items"]
           if p.get("distrik_code") in by_code}
    return by_office, by_code, pkm


def distrik_names() -> list[str]:
    return sorted(_wilayah()[1].values())


def distrik_of(code: str, name: str) -> str:
    by_office, by_code, pkm = _wilayah()
    if code in by_office:
        return by_office[code]
    if code in pkm:
        return pkm[code]
    folded = (name or "").casefold()
    for distrik in sorted(by_code.values(), key=len, reverse=True):  # "Mimika Barat Jauh" before "Mimika Barat"
        if distrik.casefold() in folded:
            return distrik
    return UNKNOWN


def offices(conn: Connection) -> dict[str, Office]:
    """Every office by code, with its distrik."""
    from sync.server.storage import offices as table

    return {r.code: Office(r.code, r.name, r.kind, distrik_of(r.code, r.name))
            for r in conn.execute(select(table.c.code, table.c.name, table.c.kind).order_by(table.c.code))}
