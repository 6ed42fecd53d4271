"""Tables as downloads: CSV (UTF-8 with a byte-order mark, so Excel reads the Indonesian letters, ``;`` as
Excel in Indonesia expects) and XLSX (openpyxl in write-only mode: rows stream, memory stays flat)."""

from __future__ import annotations

import csv
import io
import re

from fastapi.responses import Response

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")[:80] or "layan"


def _cell(value):
    """Numbers stay numbers; text that a spreadsheet would run as a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def download(fmt: str, filename: str, sheets: list[tuple[str, list[str], list[list]]]) -> Response:
    """``sheets``: (sheet title, header, rows). CSV carries the first sheet only."""
    name = _safe(filename)
    if fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        for title, header, rows in sheets:
            ws = wb.create_sheet(_safe(title)[:31])
            ws.append(header)
            for row in rows:
                ws.append([_cell(v) for v in row])
        buf = io.BytesIO()
        wb.save(buf)
        return Response(buf.getvalue(), media_type=XLSX_TYPE,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    _title, header, rows = sheets[0]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else _cell(v) for v in row])
    return Response("\ufeff" + buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
