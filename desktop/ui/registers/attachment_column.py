"""The paperclip column of the registers: a narrow column showing how many scans and photos a record
has ("3 lampiran"), empty when it has none.

The counts come with each page of rows the model fetches (``counts_for``: one query over the
attachments' owner index per 100 rows, never one per row), so the first screen costs one small query
more. This module keeps to plain SQL and Qt: importing the attachments domain would load Pillow
at start-up.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from desktop.store.driver import sqlite3
from sync.schema import resources_dir

from ..qt_values import ACCESSIBLE_TEXT_ROLE, DECORATION_ROLE, DISPLAY_ROLE, TOOLTIP_ROLE

KEY = "berkas"  # the column's key in a model's ``columns`` (no record field has this name)
COUNT = "_attachments"  # where a fetched row holds its count
WIDTH = 52
CHUNK = 500  # ids per query: well under SQLite's limit of bound parameters


def counts_for(conn: sqlite3.Connection, owner_collection: str, owner_ids: list[str]) -> dict[str, int]:
    """Live attachments per owner record (an owner with none is absent)."""
    counts: dict[str, int] = {}
    for start in range(0, len(owner_ids), CHUNK):
        chunk = owner_ids[start:start + CHUNK]
        rows = conn.execute(
            "SELECT owner_id, count(*) FROM attachments "
            f"WHERE owner_collection = ? AND owner_id IN ({','.join('?' * len(chunk))}) AND deleted = 0 "
            "GROUP BY owner_id", (owner_collection, *chunk))
        counts.update(rows.fetchall())
    return counts


def add_counts(conn: sqlite3.Connection, owner_collection: str, rows: dict[int, dict]) -> dict[int, dict]:
    """Puts each fetched row's attachment count in ``row[COUNT]``."""
    counts = counts_for(conn, owner_collection, [row["id"] for row in rows.values()])
    for row in rows.values():
        row[COUNT] = counts.get(row["id"], 0)
    return rows


@cache
def icon() -> QIcon:
    return QIcon(str(resources_dir() / "icons" / "paperclip.svg"))


def label(count: int) -> str:
    return QCoreApplication.translate("AttachmentColumn", "{count} lampiran").format(count=count)


def cell(role: int, record: dict):
    """The cell of a record (None: not this role, the model decides)."""
    count = record.get(COUNT) or 0
    if role == DISPLAY_ROLE:
        return str(count) if count else ""
    if not count:
        return None
    if role == DECORATION_ROLE:
        return icon()
    if role in (TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
        return label(count)
    return None


def header(role: int):
    if role == DECORATION_ROLE:
        return icon()
    if role == DISPLAY_ROLE:
        return ""
    if role in (TOOLTIP_ROLE, ACCESSIBLE_TEXT_ROLE):
        return QCoreApplication.translate("AttachmentColumn", "Lampiran berkas (pindaian, foto)")
    return None


def place(header_view, model, *, restored: bool = False) -> None:
    """Second from the left, narrow and fixed. After a remembered layout was restored it moves only
    when that layout was saved before the column existed (it then sits last, where Qt appends it);
    a clerk who moved it elsewhere keeps it there."""
    if KEY not in model.columns:
        return
    logical = model.columns.index(KEY)
    if not restored or header_view.visualIndex(logical) == header_view.count() - 1:
        header_view.moveSection(header_view.visualIndex(logical), 1)
    header_view.setSectionResizeMode(logical, header_view.ResizeMode.Fixed)
    header_view.resizeSection(logical, WIDTH)
