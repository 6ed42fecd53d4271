"""Monthly health reports (LB1, visits per unit, malaria) as PDF, from the data of
desktop.domain.health.reports. A4 landscape (the LB1 table has 33 columns). Uses the printing
package's QTextDocument renderer (render.Rendered), so the text is real and selectable.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

from desktop.store.db import StoreError

from .documents import Printable
from .render import PDF_RESOLUTION, Rendered

CSS = """
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 7pt; }
h1 { font-size: 11pt; margin: 0; }
h2 { font-size: 9pt; margin-top: 8px; }
p.meta { font-size: 8pt; margin: 0; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid #444; padding: 1px 2px; }
th { background: #e8e8e8; font-weight: bold; }
td.n { text-align: right; }
tr.total td { font-weight: bold; }
"""


def _t(lang: str, id_text: str, en_text: str) -> str:
    return en_text if lang == "en" else id_text


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _head(data: dict, title: str, lang: str) -> str:
    office = data.get("office") or {}
    return (f"<h1>{_e(title)}</h1><p class='meta'>{_e(office.get('name'))} ({_e(office.get('code'))}) — "
            f"{_t(lang, 'Bulan', 'Month')}: {_e(data['month_label'][lang])}</p>")


def lb1_html(data: dict, lang: str = "id") -> str:
    groups = data["age_groups"]
    out = [_head(data, _t(lang, "LB1 — Laporan Bulanan Data Kesakitan", "LB1 — Monthly morbidity report"), lang)]
    out.append("<table class='grid' width='100%' cellspacing='0'>")
    out.append(f"<tr><th rowspan='2'>{_t(lang, 'Kode', 'Code')}</th><th rowspan='2'>"
               f"{_t(lang, 'Diagnosa', 'Diagnosis')}</th>")
    out += [f"<th colspan='2'>{_e(g[lang])}</th>" for g in groups]
    out.append(f"<th colspan='3'>{_t(lang, 'Kasus baru', 'New cases')}</th>"
               f"<th colspan='3'>{_t(lang, 'Kasus lama', 'Old cases')}</th>"
               f"<th rowspan='2'>{_t(lang, 'Jumlah', 'Total')}</th></tr><tr>")
    out += ["<th>L</th><th>P</th>" for _ in groups]
    out.append(("<th>L</th><th>P</th><th>" + _t(lang, "Jml", "All") + "</th>") * 2 + "</tr>")
    total_row = {"code": "", "title": _t(lang, "JUMLAH", "TOTAL"), **data["totals"]}
    for item in [*data["rows"], total_row]:
        cls = " class='total'" if not item["code"] else ""
        cells = [f"<td>{_e(item['code'])}</td><td>{_e(item['title'])}</td>"]
        for g in groups:
            for s in ("L", "P"):
                cells.append(f"<td class='n'>{item['counts']['baru'][s][g['code']] or ''}</td>")
        for k in ("baru", "lama"):
            cells.append("".join(f"<td class='n'>{item[k][x]}</td>" for x in ("L", "P", "total")))
        cells.append(f"<td class='n'>{item['total']}</td>")
        out.append(f"<tr{cls}>{''.join(cells)}</tr>")
    out.append("</table>")
    notes = [_t(lang, f"Kunjungan tanpa diagnosa: {data['visits_without_diagnosis']}.",
                f"Visits without a diagnosis: {data['visits_without_diagnosis']}.")]
    notes += [_t(lang, f"Tidak dihitung ({e['id']}): {e['diagnoses']} diagnosa.",
                 f"Not counted ({e['en']}): {e['diagnoses']} diagnoses.") for e in data["excluded"]]
    notes.append(_t(lang, "Kolom golongan umur menghitung kasus baru.", "Age-group columns count new cases."))
    out.append("<p class='meta'>" + " ".join(_e(n) for n in notes) + "</p>")
    out.append(signature_html(data, lang))
    return "".join(out)


def signature_html(data: dict, lang: str = "id") -> str:
    """"Mengetahui, Kepala Puskesmas …" on the left (name and NIP from the print settings; blank to sign
    by hand when none is set), the place and date of the report on the right."""
    from desktop.domain.health.reports import MONTHS_EN, MONTHS_ID, format_nip

    sign = data.get("signer") or {}
    made = (data.get("generated_at") or "")[:10]
    when = ""
    if len(made) == 10:
        year, month, day = made.split("-")
        when = f"{int(day)} {(MONTHS_EN if lang == 'en' else MONTHS_ID)[int(month) - 1]} {year}"
    name = _e(sign.get("nama")) or "(" + "&nbsp;" * 40 + ")"
    nip = format_nip(sign.get("nip"))
    nip_line = f"<br/>NIP. {_e(nip)}" if nip else "<br/>NIP."
    return ("<table width='100%' cellspacing='0' cellpadding='0' style='margin-top: 10px'><tr>"
            f"<td width='50%' align='center'><p align='center'>{_t(lang, 'Mengetahui,', 'Acknowledged,')}<br/>"
            f"{_e(sign.get('jabatan') or _t(lang, 'Kepala Puskesmas', 'Head of the puskesmas'))}</p>"
            f"<p align='center' style='margin-top: 40px'><b><u>{name}</u></b>{nip_line}</p></td>"
            f"<td width='50%' align='center'><p align='center'>{_e(sign.get('kota') or '')}, {_e(when)}<br/>"
            f"{_t(lang, 'Petugas pelapor', 'Reporting officer')}</p>"
            "<p align='center' style='margin-top: 40px'>(" + "&nbsp;" * 40 + ")</p></td></tr></table>")


def units_html(data: dict, lang: str = "id") -> str:
    out = [_head(data, _t(lang, "Kunjungan per Unit/Klaster", "Visits per unit/cluster"), lang)]
    heads = [_t(lang, "Unit", "Unit"), _t(lang, "Baru L", "New M"), _t(lang, "Baru P", "New F"),
             _t(lang, "Lama L", "Old M"), _t(lang, "Lama P", "Old F"), _t(lang, "Jumlah", "Total"),
             _t(lang, "Dirujuk", "Referred")]
    out.append("<table class='grid' cellspacing='0'><tr>" + "".join(f"<th>{h}</th>" for h in heads) + "</tr>")
    keys = ("baru_L", "baru_P", "lama_L", "lama_P", "total", "rujukan")
    for k in data["klaster"]:
        out.append(f"<tr><td colspan='7'><b>{_e(k['name'][lang])}</b></td></tr>")
        for item in [x for x in data["rows"] if x["klaster"] == k["klaster"]]:
            out.append(f"<tr><td>{_e(item['name'][lang])}</td>" + "".join(f"<td class='n'>{item[x]}</td>" for x in keys)
                       + "</tr>")
        out.append("<tr class='total'><td>Subtotal</td>" + "".join(f"<td class='n'>{k[x]}</td>" for x in keys) + "</tr>")
    out.append(f"<tr class='total'><td>{_t(lang, 'JUMLAH', 'TOTAL')}</td>"
               + "".join(f"<td class='n'>{data['totals'][x]}</td>" for x in keys) + "</tr></table>")
    return "".join(out)


def malaria_html(data: dict, lang: str = "id") -> str:
    from desktop.domain.health import ages, malaria

    out = [_head(data, _t(lang, "Ringkasan Malaria", "Malaria summary"), lang), "<table class='grid' cellspacing='0'>"]
    rows = [(_t(lang, "Orang diperiksa (RDT / mikroskopis)", "People tested (RDT / microscopy)"),
             f"{data['examined']} ({data['examined_by_method']['rdt']} / {data['examined_by_method']['mikroskopis']})"),
            (_t(lang, "Orang positif", "People positive"), data["positive_people"]),
            (_t(lang, "Angka positif (orang positif / orang diperiksa)", "Positivity (people positive / tested)"),
             "" if data["positivity_pct"] is None else f"{data['positivity_pct']} %"),
            (_t(lang, "Kasus baru", "New cases"), data["positive"])]
    for sp, n in data["by_species"].items():
        label = malaria.SPECIES_LABELS[None if sp == "tidak_diketahui" else sp]
        rows.append(("  " + (label[1] if lang == "en" else label[0]), n))
    rows += [(_t(lang, "Positif L / P", "Positive M / F"), f"{data['by_sex']['L']} / {data['by_sex']['P']}"),
             (_t(lang, "Diobati (ACT)", "Treated (ACT)"), data["treated"]),
             (_t(lang, "Diberi primakuin", "Given primaquine"), data["primakuin"]),
             (_t(lang, "Tes kontrol (lanjutan) / positif", "Follow-up tests / positive"),
              f"{data['follow_up_tests']} / {data['follow_up_positive']}")]
    for code, label_id, label_en in ages.AGE_GROUPS:
        rows.append((_t(lang, "Positif ", "Positive ") + (label_en if lang == "en" else label_id),
                     data["by_age_group"][code]))
    out += [f"<tr><td>{_e(a)}</td><td class='n'>{_e(b)}</td></tr>" for a, b in rows]
    out.append("</table>")
    return "".join(out)


def report_html(data: dict, lang: str = "id") -> str:
    parts = data if "lb1" in data else {data["report"]: data}
    sections = []
    if "lb1" in parts:
        sections.append(lb1_html(parts["lb1"], lang))
    if "kunjungan" in parts:
        sections.append(units_html(parts["kunjungan"], lang))
    if "malaria" in parts:
        sections.append(malaria_html(parts["malaria"], lang))
    return "<html><body>" + "<br/>".join(sections) + "</body></html>"


def write_pdf(data: dict, path: Path | str, *, lang: str = "id") -> Path:
    """Writes the report(s) in ``data`` (one report, or reports.monthly's bundle) as an A4 landscape PDF."""
    path = Path(path)
    title = _t(lang, "Laporan bulanan puskesmas", "Puskesmas monthly report")
    printable = Printable(title=title, html=report_html(data, lang), css=CSS, paper="A4",
                          margins_mm=(10.0, 10.0, 10.0, 10.0))
    rendered = Rendered(printable)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(PDF_RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                         QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter))
        writer.setTitle(title)
        writer.setCreator("Layan")
        rendered.paint(writer)
        del writer  # flushes and closes the file
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"PDF tidak bisa disimpan di {path}: {exc.strerror or exc}",
                         f"The PDF cannot be saved at {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path
