"""One view per distrik report — Surat, Layanan, Pengaduan — each filled from the dict the domain
(desktop/domain/office_reports.py) returns, the same data the PDF and XLSX are written from."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from desktop.tasks import current_language, pick

from ..i18n import format_date, format_number
from .widgets import ReportView, TablePanel


def label(pair: dict) -> str:
    return pick(pair["id"], pair.get("en"))


def days_text(value: float | None) -> str:
    if value is None:
        return "–"
    return format_number(int(value)) if float(value).is_integer() else QLocale().toString(float(value), "f", 1)


def pct_text(value: int | None) -> str:
    return "–" if value is None else f"{format_number(value)} %"


# Beside a table the chart has room for a short name; the words every certificate starts with go.
COMMON_PREFIXES = ("Surat Keterangan ", "Surat Pengantar ", "Certificate of ", "Cover letter for ")


def chart_name(name: str) -> str:
    for prefix in COMMON_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):]
    return name


def header_lines(text: str, longest: int = 9) -> str:
    """A column header on as many lines as it has words, a long word broken with a hyphen
    ("Ditindak-/lanjuti"), so a table of numbers fits beside its chart at 125 % scaling too."""
    lines = []
    for word in text.split():
        if len(word) > longest:
            half = (len(word) + 1) // 2
            lines += [word[:half] + "-", word[half:]]
        else:
            lines.append(word)
    return "\n".join(lines)


def period_text(data: dict) -> str:
    return data["period"]["label"][current_language()]


class LettersView(ReportView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("lettersReport", parent)
        self.sifat = self.add_table(TablePanel("lettersBySifat"), 2)
        self.klasifikasi = self.add_table(TablePanel("lettersByKlasifikasi"), 4)
        self.finish_top(2)

    def show_data(self, data: dict) -> None:
        period = period_text(data)
        totals = data["totals"]
        empty = self.tr("Belum ada surat pada {period}.").format(period=period)
        rows = [[label(r["label"]), format_number(r["masuk"]), format_number(r["keluar"])] for r in data["sifat"]]
        if totals["masuk"] or totals["keluar"]:
            rows.append([self.tr("Jumlah"), format_number(totals["masuk"]), format_number(totals["keluar"])])
        else:
            rows = []
        self.sifat.show_rows([self.tr("Sifat"), self.tr("Masuk"), self.tr("Keluar")], rows, empty,
                             numeric={1, 2}, total_row=True, stretch=0)
        self.klasifikasi.show_rows(
            [self.tr("Kode"), self.tr("Klasifikasi"), self.tr("Masuk"), self.tr("Keluar"), self.tr("Jumlah")],
            [[r["code"] or "", label(r["name"]), format_number(r["masuk"]), format_number(r["keluar"]),
              format_number(r["total"])] for r in data["klasifikasi"]], empty, numeric={2, 3, 4}, stretch=1)
        shown = [r for r in data["sifat"] if r["masuk"] or r["keluar"]]
        self.chart.set_bars([label(r["label"]) for r in shown],
                            [(self.tr("Masuk"), [r["masuk"] for r in shown]),
                             (self.tr("Keluar"), [r["keluar"] for r in shown])])
        waiting = data["disposisi"]
        self.caption.setText(self.tr("Disposisi menunggu tindak lanjut ({n}): disposisi terakhir pada surat masuk "
                                     "{period} yang meminta tindakan; merah: lewat batas waktu.")
                             .format(n=format_number(len(waiting)), period=period))
        self.list.show_rows(
            [self.tr("No. agenda"), self.tr("Perihal"), self.tr("Asal"), self.tr("Kepada"), self.tr("Instruksi"),
             self.tr("Sejak"), self.tr("Hari"), self.tr("Batas waktu")],
            [[r["agenda"], r["perihal"] or "", r["asal"] or "", r["kepada"] or "", r["instruksi"] or "",
              format_date(r["since"]), format_number(r["days"]), format_date(r["batas_waktu"])] for r in waiting],
            self.tr("Tidak ada disposisi yang menunggu tindak lanjut untuk surat masuk {period}.").format(period=period),
            numeric={6}, red={(i, 7) for i, r in enumerate(waiting) if r["past_due"]}, stretch=1)


class ServicesView(ReportView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("servicesReport", parent)
        self.table = self.add_table(TablePanel("servicesTable"), 3)
        self.finish_top(1)

    def show_data(self, data: dict) -> None:
        period = period_text(data)
        active = [r for r in data["rows"] if r["received"] or r["finished"] or r["rejected"]]
        rows = [[label(r["name"]), format_number(r["sla_days"]) if r["sla_days"] is not None else "–",
                 format_number(r["received"]), format_number(r["finished"]), format_number(r["rejected"]),
                 days_text(r["median_days"]), pct_text(r["within_sla_pct"])] for r in active]
        if rows:
            t = data["totals"]
            rows.append([self.tr("Jumlah"), "", format_number(t["received"]), format_number(t["finished"]),
                         format_number(t["rejected"]), days_text(t["median_days"]), pct_text(t["within_sla_pct"])])
        self.table.show_rows(
            [self.tr("Layanan"), self.tr("SLA\n(hari kerja)"), self.tr("Diterima"), self.tr("Selesai"),
             self.tr("Ditolak"), self.tr("Median\n(hari kerja)"), self.tr("Tepat\nwaktu")],
            rows, self.tr("Belum ada permohonan layanan pada {period}.").format(period=period),
            numeric={1, 2, 3, 4, 5, 6}, total_row=True, stretch=0)
        self.chart.set_bars([chart_name(label(r["name"])) for r in active],
                            [(self.tr("Diterima"), [r["received"] for r in active]),
                             (self.tr("Selesai"), [r["finished"] for r in active])])
        overdue = data["overdue"]
        self.caption.setText(self.tr("Permohonan terlambat ({n}): belum selesai dan lewat batas waktu layanan.")
                             .format(n=format_number(len(overdue))))
        self.list.show_rows(
            [self.tr("Kode lacak"), self.tr("Pemohon"), self.tr("Layanan"), self.tr("Diterima"), self.tr("Batas"),
             self.tr("Terlambat (hari kerja)"), self.tr("Status")],
            [[r["tracking_code"], r["nama"] or "", label(r["service_name"]), format_date(r["tanggal"]),
              format_date(r["due_date"]), format_number(r["late_days"]), label(r["status_label"])] for r in overdue],
            self.tr("Tidak ada permohonan yang terlambat."), numeric={5}, stretch=2)


class ComplaintsView(ReportView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__("complaintsReport", parent)
        self.table = self.add_table(TablePanel("complaintsTable"), 3)
        self.finish_top(1)

    def show_data(self, data: dict) -> None:
        period = period_text(data)
        statuses = data["statuses"]
        headers = [self.tr("Kategori"), *[header_lines(label(s["label"])) for s in statuses], self.tr("Jumlah"),
                   self.tr("Merah")]
        red_column = len(headers) - 1
        rows = [[r["kategori"], *[format_number(r["counts"][s["key"]]) for s in statuses], format_number(r["total"]),
                 format_number(r["red"])] for r in data["rows"]]
        red = {(i, red_column) for i, r in enumerate(data["rows"]) if r["red"]}
        if rows:
            t = data["totals"]
            rows.append([self.tr("Jumlah"), *[format_number(t["counts"][s["key"]]) for s in statuses],
                         format_number(t["total"]), format_number(t["red"])])
        self.table.show_rows(headers, rows, self.tr("Belum ada pengaduan pada {period}.").format(period=period),
                             numeric=set(range(1, len(headers))), red=red, total_row=True, stretch=0)
        self.chart.set_bars([r["kategori"] for r in data["rows"]],
                            [(self.tr("Jumlah"), [r["total"] for r in data["rows"]]),
                             (self.tr("Merah"), [r["red"] for r in data["rows"]])])
        late = data["red_open"]
        self.caption.setText(self.tr("Merah: tanggapan pertama lebih dari {days} hari kerja setelah pengaduan masuk, "
                                     "atau belum ditanggapi dan sudah lewat. Belum ditanggapi ({n}):")
                             .format(days=format_number(data["sla_days"]), n=format_number(len(late))))
        self.list.show_rows(
            [self.tr("Kode lacak"), self.tr("Kategori"), self.tr("Masuk"), self.tr("Batas tanggapan"),
             self.tr("Terlambat (hari kerja)"), self.tr("Uraian")],
            [[r["tracking_code"], r["kategori"], format_date(r["tanggal"]), format_date(r["due_date"]),
              format_number(r["late_days"]), (r["uraian"] or "").replace("\n", " ")] for r in late],
            self.tr("Tidak ada pengaduan yang terlambat ditanggapi."), numeric={4}, stretch=5)


VIEWS = {"surat": LettersView, "layanan": ServicesView, "pengaduan": ComplaintsView}
