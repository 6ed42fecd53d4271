"""The letter registers' table model (surat masuk, surat keluar), on the shared rowid model.

How a letter row looks: the paper agenda book's columns, dates in words, "segera" highlighted.
The query side is ``letter_query``; the paging and caching are ``rowid_model.RowIdTableModel``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QFont

from desktop.domain.letters import SIFAT_LABELS
from desktop.store.driver import sqlite3
from desktop.store.records import ChangeSet, Store
from desktop.tasks import TaskManager, pick

from ..i18n import format_date, format_number
from ..qt_values import (
    ALIGN_RIGHT_VCENTER,
    BACKGROUND_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    TEXT_ALIGNMENT_ROLE,
    TOOLTIP_ROLE,
)
from . import letter_query
from .column_titles import title as column_title
from .letter_query import Interruptible, LetterFilter
from .rowid_model import CACHE_LIMIT, PAGE, RECORD_ID_ROLE, RowIdTableModel

__all__ = ["CACHE_LIMIT", "PAGE", "RECORD_ID_ROLE", "LetterTableModel", "connect_model", "display_value"]

URGENT_BACKGROUND = QColor("#fff4e0")  # a quiet amber
URGENT_FOREGROUND = QColor("#8a4b00")
# Made once: the view asks for every role of every visible cell at each paint. Colours, not brushes: the
# view makes the brush (PySide's QBrush type sets up QGradient's 180 presets, ~2 ms of the start).
_RIGHT = ALIGN_RIGHT_VCENTER
_TOOLTIP, _ALIGNMENT, _BACKGROUND, _FOREGROUND, _FONT = (
    TOOLTIP_ROLE, TEXT_ALIGNMENT_ROLE, BACKGROUND_ROLE, FOREGROUND_ROLE, FONT_ROLE)


@cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class LetterTableModel(RowIdTableModel):
    """Surat masuk or surat keluar, as the rows of the paper agenda book."""

    attachment_owner = "letters"

    def __init__(self, store: Store, direction: str, parent: QObject | None = None):
        super().__init__(store, letter_query.columns_for(direction), LetterFilter(direction), parent)
        self.direction = direction

    def query_ids(self, store: Store, f: LetterFilter, running: Interruptible | None, limit: int | None) -> list[int]:
        return letter_query.find_ids(store, f, running, limit=limit)

    def query_rows(self, conn: sqlite3.Connection, rowids: list[int]) -> dict[int, dict]:
        return letter_query.fetch_rows(conn, rowids)

    def query_rowid(self, conn: sqlite3.Connection, record_id: str) -> int | None:
        return letter_query.rowid_of(conn, record_id)

    def reaction(self, changes: ChangeSet) -> str | None:
        """New or deleted letters re-run the query; edits only drop the cached rows (the order may be
        stale until the next query; that is fine)."""
        if "letters" not in changes.collections:
            return None
        actions = {c.action for c in changes.changes if c.collection == "letters"}
        return "repaint" if actions <= {"update", "none"} else "refresh"

    def column_title(self, key: str) -> str:
        return column_title(self.direction, key)

    def display(self, key: str, record: dict) -> str:
        return display_value(key, record.get(key))

    def decoration(self, role: int, key: str, record: dict):
        if role == _TOOLTIP and key in ("perihal", "asal", "tujuan", "keterangan"):
            return record.get(key) or None
        if role == _ALIGNMENT and key in ("seq", "lampiran"):
            return _RIGHT
        # Subtle: "segera" colours its Sifat cell; only "sangat segera" tints the whole row.
        sifat = record.get("sifat")
        if role == _BACKGROUND and sifat == "sangat_segera":
            return URGENT_BACKGROUND
        if role == _FOREGROUND and key == "sifat" and sifat in ("segera", "sangat_segera"):
            return URGENT_FOREGROUND
        if role == _FONT and key == "sifat" and sifat == "sangat_segera":
            return _bold()
        return None


def connect_model(model: LetterTableModel, manager: TaskManager) -> None:
    manager.changed.connect(model.on_changed)


def display_value(key: str, value) -> str:
    if value is None or value == "":
        return ""
    if key in ("tanggal_terima", "tanggal_surat"):
        return format_date(value)
    if key == "sifat":
        labels = SIFAT_LABELS.get(value)
        return pick(*labels) if labels else str(value)
    if key == "lampiran":
        return format_number(value)
    return str(value)


