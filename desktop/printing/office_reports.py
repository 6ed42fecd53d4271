"""The distrik reports (surat, layanan, pengaduan) as files on the office's letterhead: a PDF through
the printing package's template renderer (resources/templates/office_report.html, which includes
the kop partial) and QTextDocument, and an XLSX (openpyxl, write-only) with the kop lines on top.

Both print the tables of desktop/domain/office_reports_tables.py, so the files agree with each
other; the screen shows the same data. Qt is imported only to write the PDF.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from desktop.domain import office_reports_tables as report_tables
from desktop.domain.services import format_tanggal
from desktop.store.db import StoreError
from desktop.store.records import Store

from . import settings
from .documents import Printable, _printable

TEMPLATE = "office_report.html"
CSS = """
h2 { font-size: 11pt; margin-top: 10px; margin-bottom: 3px; }
p.ringkasan { font-size: 10pt; }
table.laporan { border-collapse: collapse; font-size: 9pt; }
table.laporan th { border: 1px solid black; padding: 2px 3px; background: #e8e8e8; font-weight: bold; font-size: 8pt; }
table.laporan td { border: 1px solid black; padding: 2px 4px; }
td.n { text-align: right; }
tr.jumlah td { font-weight: bold; }
p.kosong { font-size: 10pt; font-style: italic; }
"""


def _number(value, lang: str) -> str:
    """1234 → 1.234 (Indonesian) or 1,234; 1.5 → 1,5 or 1.5; None → "–"."""
    if value is None or value == "":
        return "–" if value is None else ""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.1f}"
        return text.replace(".", ",") if lang != "en" else text
    text = f"{int(value):,}"
    return text.replace(",", ".") if lang != "en" else text


def _cell(value, numeric: bool, lang: str) -> str:
    if numeric:
        return f"<td class='n' align='right'>{_number(value, lang)}</td>"
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


LONG_WORD = 8  # header words longer than this may break in the middle (a soft hyphen)


def _header_word(word: str) -> tuple[str, int]:
    """(the word as HTML, the letters of its widest line)."""
    if len(word) <= LONG_WORD:
        return html.escape(word), len(word)
    half = (len(word) + 1) // 2
    return f"{html.escape(word[:half])}&shy;{html.escape(word[half:])}", half + 1


def _header(text: str, numeric: bool) -> str:
    """A number column is as wide as its header's widest line (QTextDocument would otherwise share the
    width evenly and break the words of the text columns); text columns take the rest."""
    if not numeric:
        return f"<th>{html.escape(text)}</th>"
    words = [_header_word(word) for word in text.split()]
    width = max(36, 14 + int(7.8 * max(n for _, n in words)))  # 8pt bold: about 7.8 px a letter, W wider
    return f"<th width='{width}'>{'<br/>'.join(w for w, _ in words)}</th>"


def tables_html(data: dict, lang: str = "id") -> str:
    out = [f"<p class='ringkasan'>{html.escape(report_tables.summary(data, lang))}</p>"]
    for table in report_tables.tables(data, lang):
        out.append(f"<h2>{html.escape(table.title)}</h2>")
        if not table.rows:
            out.append(f"<p class='kosong'>{html.escape(table.empty)}</p>")
            continue
        out.append("<table class='laporan' width='100%' cellspacing='0'><tr>"
                   + "".join(_header(h, c in table.numeric) for c, h in enumerate(table.headers)) + "</tr>")
        for i, row in enumerate(table.rows):
            total = table.total_row and i == len(table.rows) - 1
            out.append(f"<tr{' class=jumlah' if total else ''}>"
                       + "".join(_cell(v, c in table.numeric, lang) for c, v in enumerate(row)) + "</tr>")
        out.append("</table>")
    return "".join(out)


def printable(store: Store, data: dict, *, lang: str = "id") -> Printable:
    """The report as a Printable on the kop (reads the office's print settings and templates)."""
    title = report_tables.title(data, lang)
    period = data["period"]["label"].get(lang) or data["period"]["label"]["id"]
    context = {"laporan": {"judul": title.upper(), "periode": period,
                           "dicetak": format_tanggal(dt.date.fromisoformat(data["today"]), lang),
                           "isi_html": tables_html(data, lang)}}
    result = _printable(store, TEMPLATE, context, title=f"{title} {period}", paper=None)
    result.css += CSS
    return result


def write_pdf(store: Store, data: dict, path: Path | str, *, lang: str = "id") -> Path:
    from .render import save_pdf

    return save_pdf(printable(store, data, lang=lang), path)


def write_xlsx(store: Store, data: dict, path: Path | str, *, lang: str = "id") -> Path:
    """One sheet: the kop lines, the title and period, then each table (numbers stay numbers)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    kop = settings.kop_context(store)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=data["report"].capitalize())
    ws.column_dimensions["A"].width = 34
    for column in "BCDEFGHI":
        ws.column_dimensions[column].width = 14

    def bold(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = Font(bold=True)
        return cell

    for line in (kop.get("instansi"), kop.get("nama"), kop.get("alamat"), kop.get("kontak")):
        if line:
            ws.append([line])
    ws.append([])
    ws.append([bold(report_tables.title(data, lang).upper())])
    ws.append([data["period"]["label"].get(lang) or data["period"]["label"]["id"]])
    ws.append([report_tables.summary(data, lang)])
    for table in report_tables.tables(data, lang):
        ws.append([])
        ws.append([bold(table.title)])
        if not table.rows:
            ws.append([table.empty])
            continue
        ws.append([bold(h) for h in table.headers])
        for i, row in enumerate(table.rows):
            total = table.total_row and i == len(table.rows) - 1
            ws.append([bold(v) if total else v for v in row])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"Berkas tidak bisa disimpan di {path}: {exc.strerror or exc}",
                         f"The file cannot be saved at {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path
