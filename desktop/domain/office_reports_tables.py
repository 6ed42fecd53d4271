"""A distrik report (desktop/domain/office_reports.py) as titled tables of plain values, in Indonesian
or English: what the PDF (desktop/printing/office_reports.py) and the XLSX (desktop/printing/office_reports.py)
both print, so the two files always say the same. No Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import services


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]  # str, int, float or None (None prints as "–")
    numeric: set[int] = field(default_factory=set)
    total_row: bool = False
    empty: str = ""


def _t(lang: str, id_text: str, en_text: str) -> str:
    return en_text if lang == "en" else id_text


def _l(pair: dict, lang: str) -> str:
    return pair.get(lang) or pair["id"]


TITLES = {"surat": ("Laporan Surat Masuk dan Keluar", "Incoming and outgoing letters"),
          "layanan": ("Laporan Pelayanan Permohonan", "Service requests"),
          "pengaduan": ("Laporan Pengaduan Masyarakat", "Public complaints")}


def title(data: dict, lang: str = "id") -> str:
    return _t(lang, *TITLES[data["report"]])


def summary(data: dict, lang: str = "id") -> str:
    """One sentence above the tables."""
    if data["report"] == "surat":
        t = data["totals"]
        return _t(lang, f"Surat masuk: {t['masuk']}. Surat keluar: {t['keluar']}.",
                  f"Incoming letters: {t['masuk']}. Outgoing letters: {t['keluar']}.")
    if data["report"] == "layanan":
        t = data["totals"]
        return _t(lang, f"Permohonan diterima: {t['received']}. Selesai: {t['finished']}. Hari kerja: tanpa Sabtu, "
                        "Minggu, libur nasional dan cuti bersama.",
                  f"Requests received: {t['received']}. Finished: {t['finished']}. Working days exclude Saturdays, "
                  "Sundays, public holidays and collective leave.")
    t = data["totals"]
    return _t(lang, f"Pengaduan masuk: {t['total']}. Merah (tanggapan pertama lebih dari {data['sla_days']} hari kerja, "
                    f"atau belum ditanggapi dan sudah lewat): {t['red']}.",
              f"Complaints received: {t['total']}. Red (first response after more than {data['sla_days']} working "
              f"days, or none yet and overdue): {t['red']}.")


def _letters(data: dict, lang: str) -> list[Table]:
    period = _l(data["period"]["label"], lang)
    empty = _t(lang, f"Belum ada surat pada {period}.", f"No letters in {period}.")
    totals = data["totals"]
    any_letter = bool(totals["masuk"] or totals["keluar"])
    sifat = [[_l(r["label"], lang), r["masuk"], r["keluar"]] for r in data["sifat"]] if any_letter else []
    if sifat:
        sifat.append([_t(lang, "Jumlah", "Total"), totals["masuk"], totals["keluar"]])
    return [
        Table(_t(lang, "Menurut sifat", "By urgency"), [_t(lang, "Sifat", "Urgency"), _t(lang, "Masuk", "In"),
                                                       _t(lang, "Keluar", "Out")], sifat, {1, 2}, True, empty),
        Table(_t(lang, "Menurut klasifikasi", "By classification"),
              [_t(lang, "Kode", "Code"), _t(lang, "Klasifikasi", "Classification"), _t(lang, "Masuk", "In"),
               _t(lang, "Keluar", "Out"), _t(lang, "Jumlah", "Total")],
              [[r["code"] or "", _l(r["name"], lang), r["masuk"], r["keluar"], r["total"]] for r in data["klasifikasi"]],
              {2, 3, 4}, False, empty),
        Table(_t(lang, "Disposisi menunggu tindak lanjut", "Dispositions awaiting action"),
              [_t(lang, "No. agenda", "Agenda no."), _t(lang, "Perihal", "Subject"), _t(lang, "Asal", "From"),
               _t(lang, "Kepada", "To"), _t(lang, "Instruksi", "Instruction"), _t(lang, "Sejak", "Since"),
               _t(lang, "Hari", "Days"), _t(lang, "Batas waktu", "Due")],
              [[r["agenda"], r["perihal"], r["asal"], r["kepada"], r["instruksi"],
                services.format_tanggal(r["since"], lang), r["days"], services.format_tanggal(r["batas_waktu"], lang)]
               for r in data["disposisi"]], {6}, False,
              _t(lang, f"Tidak ada disposisi yang menunggu tindak lanjut untuk surat masuk {period}.",
                 f"No disposition awaits action for the letters received in {period}.")),
    ]


def _services(data: dict, lang: str) -> list[Table]:
    period = _l(data["period"]["label"], lang)
    active = [r for r in data["rows"] if r["received"] or r["finished"] or r["rejected"]]
    rows = [[_l(r["name"], lang), r["sla_days"], r["received"], r["finished"], r["rejected"], r["median_days"],
             r["within_sla_pct"]] for r in active]
    if rows:
        t = data["totals"]
        rows.append([_t(lang, "Jumlah", "Total"), "", t["received"], t["finished"], t["rejected"], t["median_days"],
                     t["within_sla_pct"]])
    return [
        Table(_t(lang, "Per layanan", "Per service"),
              [_t(lang, "Layanan", "Service"), _t(lang, "SLA (hari kerja)", "SLA (working days)"),
               _t(lang, "Diterima", "Received"), _t(lang, "Selesai", "Finished"), _t(lang, "Ditolak", "Rejected"),
               _t(lang, "Median hari kerja", "Median working days"), _t(lang, "Tepat waktu (%)", "On time (%)")],
              rows, {1, 2, 3, 4, 5, 6}, True,
              _t(lang, f"Belum ada permohonan layanan pada {period}.", f"No service requests in {period}.")),
        Table(_t(lang, "Permohonan terlambat", "Overdue requests"),
              [_t(lang, "Kode lacak", "Tracking code"), _t(lang, "Pemohon", "Applicant"), _t(lang, "Layanan", "Service"),
               _t(lang, "Diterima", "Received"), _t(lang, "Batas", "Due"),
               _t(lang, "Terlambat (hari kerja)", "Late (working days)"), "Status"],
              [[r["tracking_code"], r["nama"], _l(r["service_name"], lang), services.format_tanggal(r["tanggal"], lang),
                services.format_tanggal(r["due_date"], lang), r["late_days"], _l(r["status_label"], lang)]
               for r in data["overdue"]], {5}, False,
              _t(lang, "Tidak ada permohonan yang terlambat.", "No request is overdue.")),
    ]


def _complaints(data: dict, lang: str) -> list[Table]:
    period = _l(data["period"]["label"], lang)
    statuses = data["statuses"]
    rows = [[r["kategori"], *[r["counts"][s["key"]] for s in statuses], r["total"], r["red"]] for r in data["rows"]]
    if rows:
        t = data["totals"]
        rows.append([_t(lang, "Jumlah", "Total"), *[t["counts"][s["key"]] for s in statuses], t["total"], t["red"]])
    headers = [_t(lang, "Kategori", "Category"), *[_l(s["label"], lang) for s in statuses], _t(lang, "Jumlah", "Total"),
               _t(lang, "Merah", "Red")]
    return [
        Table(_t(lang, "Per kategori dan status", "Per category and status"), headers, rows,
              set(range(1, len(headers))), True,
              _t(lang, f"Belum ada pengaduan pada {period}.", f"No complaints in {period}.")),
        Table(_t(lang, "Belum ditanggapi dan sudah lewat batas", "Unanswered and overdue"),
              [_t(lang, "Kode lacak", "Tracking code"), _t(lang, "Kategori", "Category"), _t(lang, "Masuk", "Received"),
               _t(lang, "Batas tanggapan", "Response due"), _t(lang, "Terlambat (hari kerja)", "Late (working days)"),
               _t(lang, "Uraian", "Description")],
              [[r["tracking_code"], r["kategori"], services.format_tanggal(r["tanggal"], lang),
                services.format_tanggal(r["due_date"], lang), r["late_days"], r["uraian"]] for r in data["red_open"]],
              {4}, False, _t(lang, "Tidak ada pengaduan yang terlambat ditanggapi.", "No complaint is overdue.")),
    ]


def tables(data: dict, lang: str = "id") -> list[Table]:
    return {"surat": _letters, "layanan": _services, "pengaduan": _complaints}[data["report"]](data, lang)
