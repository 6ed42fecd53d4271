"""The distrik office's reports for a month, a quarter or a year: letters, services, complaints.

* **Surat**: incoming (by ``tanggal_terima``) and outgoing (by ``tanggal_surat``) letters of the
  period by sifat and by klasifikasi (the most used codes, with their names from the klasifikasi
  reference; the rest summed as "lainnya"), and the disposisi still waiting for follow-up.
  A disposisi waits when it is the latest on its letter (nobody disposed the letter further after
  it; several recipients given together all count) and its instruction asks for action (not
  "untuk diketahui" or "arsip"). The list covers letters received in the period.
* **Layanan**: per service, requests received (``tanggal``) and finished (``tanggal_selesai`` of
  a ``selesai`` request) in the period, rejected ones, the median working days from intake to
  finish, and the share finished by the due date set at intake (intake + the service's SLA in
  working days). Working days come from sync/workdays.py, the same count the due dates use.
  The overdue list: open requests received by the period's end and past their due date today.
* **Pengaduan**: complaints received in the period per category and current status, and how many
  went red: the first response came after the due date (intake + ``pengaduan_sla_hari`` working
  days, 5 by default, as Mimika Center counts), or there is none yet and the due date has passed.

Every report is a plain dict (JSON-ready; the UI, the PDF, the XLSX and the CLI read the same
data). Forwarded-away stubs (``readonly``) belong to another office and are not counted. No Qt.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from desktop.store.db import StoreError
from desktop.store.records import Store

from . import complaints, letters, reference, services

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
ROMAN = ("I", "II", "III", "IV")
KINDS = ("month", "quarter", "year")
TOP_KLASIFIKASI = 10
# A disposisi with one of these in its instruction asks for no action, so it never waits.
INFORMATIONAL = ("untuk diketahui", "arsip")
_PERIOD = re.compile(r"^\s*(\d{4})(?:-(?:(\d{1,2})|[Qq]([1-4])))?\s*$")


@dataclass(frozen=True)
class Period:
    """A calendar month (number 1–12), quarter (1–4) or year (number 0)."""

    kind: str
    year: int
    number: int = 0

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls("quarter", year, quarter)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls("year", year)

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-10`` (a month), ``2026-Q4`` (a quarter) or ``2026`` (a year)."""
        m = _PERIOD.match(text or "")
        if m and 2000 <= int(m.group(1)) <= 2100:
            year = int(m.group(1))
            if m.group(2) and 1 <= int(m.group(2)) <= 12:
                return cls.month(year, int(m.group(2)))
            if m.group(3):
                return cls.quarter(year, int(m.group(3)))
            if not m.group(2):
                return cls.whole_year(year)
        raise StoreError(f"Periode tidak valid: {text!r}. Tulis seperti 2026-10 (bulan), 2026-Q4 (triwulan) "
                         "atau 2026 (tahun).",
                         f"Invalid period: {text!r}. Write it like 2026-10 (month), 2026-Q4 (quarter) or 2026 (year).")

    @property
    def start(self) -> dt.date:
        if self.kind == "month":
            return dt.date(self.year, self.number, 1)
        if self.kind == "quarter":
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        last_month = {"month": self.number, "quarter": 3 * self.number}.get(self.kind, 12)
        return dt.date(self.year, last_month, calendar.monthrange(self.year, last_month)[1])

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year:04d}-Q{self.number}"
        return f"{self.year:04d}"

    def label(self, lang: str = "id") -> str:
        if self.kind == "month":
            return f"{(MONTHS_EN if lang == 'en' else MONTHS_ID)[self.number - 1]} {self.year}"
        if self.kind == "quarter":
            first, last = self.start.month - 1, self.end.month - 1
            names = MONTHS_EN if lang == "en" else MONTHS_ID
            word = "Quarter" if lang == "en" else "Triwulan"
            return f"{word} {ROMAN[self.number - 1]} {self.year} ({names[first][:3]}–{names[last][:3]})"
        return f"{'Year' if lang == 'en' else 'Tahun'} {self.year}"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "key": self.key, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "label": {"id": self.label("id"), "en": self.label("en")}}


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _header(store: Store, report: str, period: Period, today: dt.date) -> dict:
    office = store.office() or {}
    return {"report": report, "period": period.as_dict(), "today": today.isoformat(),
            "office": {"code": office.get("code"), "name": office.get("name")}}


def _pair(labels: tuple[str, str]) -> dict:
    return {"id": labels[0], "en": labels[1]}


# --- letters ----------------------------------------------------------------------------------------

def _letters_of(store: Store, period: Period) -> list[tuple]:
    """(direction, sifat, klasifikasi, number of letters) of the period: counted by SQL, so a busy year is a
    few hundred rows here, never one per letter."""
    return store.read().execute(
        "SELECT direction, sifat, klasifikasi, count(*) FROM letters WHERE deleted = 0 AND readonly = 0 AND "
        "CASE direction WHEN 'masuk' THEN tanggal_terima ELSE tanggal_surat END BETWEEN ? AND ? "
        "GROUP BY direction, sifat, klasifikasi",
        (period.start.isoformat(), period.end.isoformat())).fetchall()


def _pending_dispositions(store: Store, period: Period, today: dt.date) -> list[dict]:
    rows = store.read().execute(
        "SELECT d.id, d.kepada, d.instruksi, d.batas_waktu, d.created_at, l.id AS letter_id, l.seq, l.year, "
        "l.nomor_surat, l.asal, l.perihal, l.tanggal_terima FROM dispositions d JOIN letters l ON l.id = d.letter_id "
        "JOIN (SELECT letter_id, max(created_at) AS latest FROM dispositions WHERE deleted = 0 GROUP BY letter_id) "
        "last ON last.letter_id = d.letter_id AND last.latest = d.created_at "
        "WHERE d.deleted = 0 AND l.deleted = 0 AND l.readonly = 0 AND l.direction = 'masuk' "
        "AND l.tanggal_terima BETWEEN ? AND ? ORDER BY d.created_at, l.seq",
        (period.start.isoformat(), period.end.isoformat())).fetchall()
    out = []
    for r in rows:
        instruction = (r["instruksi"] or "").casefold()
        if any(word in instruction for word in INFORMATIONAL):
            continue
        since = dt.date.fromisoformat(r["created_at"][:10])
        out.append({"letter_id": r["letter_id"], "agenda": f"{r['seq']}/{r['year']}", "nomor_surat": r["nomor_surat"],
                    "asal": r["asal"], "perihal": r["perihal"], "tanggal_terima": r["tanggal_terima"],
                    "kepada": r["kepada"], "instruksi": r["instruksi"], "batas_waktu": r["batas_waktu"],
                    "since": since.isoformat(), "days": max(0, (today - since).days),
                    "past_due": bool(r["batas_waktu"] and r["batas_waktu"] < today.isoformat())})
    return out


def letters_report(store: Store, period: Period, *, today: dt.date | None = None) -> dict:
    today = _today(today)
    by_sifat, by_code, totals = Counter(), Counter(), Counter()
    for d, s, k, n in _letters_of(store, period):
        by_sifat[(d, s)] += n
        by_code[(d, k)] += n
        totals[d] += n
    sifat = [{"key": key, "label": _pair(labels), "masuk": by_sifat[("masuk", key)],
              "keluar": by_sifat[("keluar", key)]} for key, labels in letters.SIFAT_LABELS.items()]
    unknown = [s for _, s in by_sifat if s not in letters.SIFAT_LABELS]
    if unknown:
        sifat.append({"key": None, "label": {"id": "Tidak diisi", "en": "Not set"},
                      "masuk": sum(n for (d, s), n in by_sifat.items() if d == "masuk" and s not in letters.SIFAT_LABELS),
                      "keluar": sum(n for (d, s), n in by_sifat.items()
                                    if d == "keluar" and s not in letters.SIFAT_LABELS)})
    codes = Counter()
    for (_, code), n in by_code.items():
        codes[code] += n
    ranked = sorted((c for c in codes if c), key=lambda c: (-codes[c], c))
    klasifikasi = [{"code": c, "name": {"id": reference.klasifikasi_name(c) or "", "en": reference.klasifikasi_name(c) or ""},
                    "masuk": by_code[("masuk", c)], "keluar": by_code[("keluar", c)], "total": codes[c]}
                   for c in ranked[:TOP_KLASIFIKASI]]
    rest = ranked[TOP_KLASIFIKASI:]
    if rest:
        klasifikasi.append({"code": None, "name": {"id": f"Lainnya ({len(rest)} kode)", "en": f"Other ({len(rest)} codes)"},
                            "masuk": sum(by_code[("masuk", c)] for c in rest),
                            "keluar": sum(by_code[("keluar", c)] for c in rest), "total": sum(codes[c] for c in rest)})
    if codes.get(None):
        klasifikasi.append({"code": None, "name": {"id": "Tanpa kode klasifikasi", "en": "No classification code"},
                            "masuk": by_code[("masuk", None)], "keluar": by_code[("keluar", None)],
                            "total": codes[None]})
    return {**_header(store, "surat", period, today),
            "totals": {"masuk": totals["masuk"], "keluar": totals["keluar"]},
            "sifat": sifat, "klasifikasi": klasifikasi,
            "disposisi": _pending_dispositions(store, period, today)}


# --- services ---------------------------------------------------------------------------------------

def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def services_report(store: Store, period: Period, *, today: dt.date | None = None) -> dict:
    today = _today(today)
    start, end = period.start.isoformat(), period.end.isoformat()
    conn = store.read()
    received = Counter(dict(conn.execute(
        "SELECT service_type, count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 "
        "AND tanggal BETWEEN ? AND ? GROUP BY service_type", (start, end)).fetchall()))
    rejected = Counter(dict(conn.execute(
        "SELECT service_type, count(*) FROM service_requests WHERE deleted = 0 AND readonly = 0 "
        "AND status = 'ditolak' AND tanggal_selesai BETWEEN ? AND ? GROUP BY service_type", (start, end)).fetchall()))
    durations: dict[str, list[int]] = {}
    within: Counter = Counter()
    for code, tanggal, selesai, due in conn.execute(
            "SELECT service_type, tanggal, tanggal_selesai, due_date FROM service_requests WHERE deleted = 0 "
            "AND readonly = 0 AND status = 'selesai' AND tanggal_selesai BETWEEN ? AND ?", (start, end)):
        durations.setdefault(code, []).append(reference.working_days_between(
            dt.date.fromisoformat(tanggal), dt.date.fromisoformat(selesai)))
        within[code] += bool(due) and selesai <= due
    catalogue = {svc.code: svc for svc in services.catalog(store).services}
    codes = list(catalogue) + sorted({*received, *durations, *rejected} - set(catalogue))
    rows = []
    for code in codes:
        svc = catalogue.get(code)  # None: a service since removed from the catalogue still counts
        finished = len(durations.get(code, ()))
        rows.append({"code": code, "name": {"id": svc.name("id") if svc else code, "en": svc.name("en") if svc else code},
                     "sla_days": svc.sla_days if svc else None, "received": received[code], "finished": finished,
                     "rejected": rejected[code], "median_days": _median(durations.get(code, [])),
                     "within_sla": within[code],
                     "within_sla_pct": round(100 * within[code] / finished) if finished else None})
    all_durations = [d for values in durations.values() for d in values]
    finished_total = len(all_durations)
    totals = {"received": sum(received.values()), "finished": finished_total, "rejected": sum(rejected.values()),
              "median_days": _median(all_durations), "within_sla": sum(within.values()),
              "within_sla_pct": round(100 * sum(within.values()) / finished_total) if finished_total else None}
    overdue = []
    where, params = services.register_filter(overdue_only=True, today=today)  # the register's own overdue rule
    for record in conn.execute(f"SELECT id, tracking_code, nama, service_type, tanggal, due_date, status FROM "
                               f"service_requests WHERE {where} AND tanggal <= ? ORDER BY due_date, rowid",
                               [*params, end]):
        svc = catalogue.get(record["service_type"])
        overdue.append({"id": record["id"], "tracking_code": record["tracking_code"], "nama": record["nama"],
                        "service": record["service_type"],
                        "service_name": {"id": svc.name("id") if svc else record["service_type"],
                                         "en": svc.name("en") if svc else record["service_type"]},
                        "tanggal": record["tanggal"], "due_date": record["due_date"], "status": record["status"],
                        "status_label": _pair(services.STATUS_LABELS.get(record["status"], (record["status"],) * 2)),
                        "late_days": reference.working_days_between(dt.date.fromisoformat(record["due_date"]), today)})
    return {**_header(store, "layanan", period, today), "rows": rows, "totals": totals, "overdue": overdue}


# --- complaints -------------------------------------------------------------------------------------

def complaints_report(store: Store, period: Period, *, today: dt.date | None = None) -> dict:
    today = _today(today)
    records = [dict(row) for row in store.read().execute(
        "SELECT id, tracking_code, tanggal, kategori, status, due_date, tanggal_tanggapan, uraian FROM complaints "
        "WHERE deleted = 0 AND readonly = 0 AND tanggal BETWEEN ? AND ? ORDER BY tanggal, rowid",
        (period.start.isoformat(), period.end.isoformat()))]
    by_category: dict[str, Counter] = {}
    red_by_category: Counter = Counter()
    red_open = []
    for record in records:
        category = record.get("kategori") or "-"
        by_category.setdefault(category, Counter())[record["status"]] += 1
        answered = record.get("tanggal_tanggapan")
        due = record.get("due_date")
        late = bool(due) and ((answered is not None and answered > due) or complaints.is_overdue(record, today))
        red_by_category[category] += late
        if complaints.is_overdue(record, today):
            red_open.append({"id": record["id"], "tracking_code": record["tracking_code"], "kategori": category,
                             "tanggal": record["tanggal"], "due_date": due, "uraian": record.get("uraian"),
                             "late_days": reference.working_days_between(dt.date.fromisoformat(due), today)})
    statuses = list(complaints.STATUSES)
    rows = [{"kategori": category, "counts": {s: counts[s] for s in statuses}, "total": sum(counts.values()),
             "red": red_by_category[category]}
            for category, counts in sorted(by_category.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
    totals = {"counts": {s: sum(r["counts"][s] for r in rows) for s in statuses},
              "total": len(records), "red": sum(red_by_category.values())}
    return {**_header(store, "pengaduan", period, today), "sla_days": complaints.sla_days(store),
            "statuses": [{"key": s, "label": _pair(complaints.STATUS_LABELS[s])} for s in statuses],
            "rows": rows, "totals": totals, "red_open": red_open}


REPORTS = {"surat": letters_report, "layanan": services_report, "pengaduan": complaints_report}


def report(store: Store, kind: str, period: Period, *, today: dt.date | None = None) -> dict:
    """One report by name: ``surat``, ``layanan`` or ``pengaduan``."""
    if kind not in REPORTS:
        raise StoreError(f"Laporan tidak dikenal: {kind!r} (surat, layanan, pengaduan).",
                         f"Unknown report: {kind!r} (surat, layanan, pengaduan).")
    return REPORTS[kind](store, period, today=today)


def all_reports(store: Store, period: Period, *, today: dt.date | None = None,
                kinds: tuple[str, ...] = tuple(REPORTS)) -> dict:
    """The reports of the period by name (what the Laporan page shows), from one read connection."""
    return {kind: report(store, kind, period, today=today) for kind in kinds}
