"""How often this puskesmas used each ICD-10 code lately: the picker ranks its own common diagnoses first.

One read over the visits of the last year (json_each over the stored diagnoses); run it off the GUI
thread. No Qt here (domain layer).
"""

from __future__ import annotations

import datetime as dt

from desktop.domain import nik as nik_rules
from desktop.store.records import Store

WINDOW_DAYS = 365


def usage_counts(store: Store, *, today: dt.date | None = None, days: int = WINDOW_DAYS) -> dict[str, int]:
    """{code: number of visits with it} over the last ``days`` days (deleted visits not counted)."""
    start = ((today or nik_rules.effective_today()) - dt.timedelta(days=days)).isoformat()
    rows = store.read().execute(
        "SELECT json_extract(d.value, '$.kode') AS kode, COUNT(*) AS n FROM visits AS v, json_each(v.diagnosa) AS d "
        "WHERE v.deleted = 0 AND v.tanggal >= ? AND json_valid(v.diagnosa) GROUP BY kode", (start,)).fetchall()
    return {row["kode"]: int(row["n"]) for row in rows if isinstance(row["kode"], str)}


__all__ = ["usage_counts"]
