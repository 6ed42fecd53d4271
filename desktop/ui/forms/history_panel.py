"""A record's history from the audit log: who changed which field, when, from what to what."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, current_language
from sync.schema import collection

from ..i18n import format_datetime
from ..registers.letters_model import display_value
from .list_model import DictListModel


def action_label(action: str) -> str:
    labels = {
        "create": QCoreApplication.translate("History", "Dibuat"),
        "update": QCoreApplication.translate("History", "Diubah"),
        "delete": QCoreApplication.translate("History", "Dihapus"),
        "open": QCoreApplication.translate("History", "Dibuka"),
        "restore": QCoreApplication.translate("History", "Dipulihkan"),
        "sync": QCoreApplication.translate("History", "Dari sinkronisasi"),
        "conflict": QCoreApplication.translate("History", "Konflik"),
    }
    return labels.get(action, action)


def history_rows(store: Store, collection_name: str, record_id: str) -> list[dict]:
    """One row per changed field (a creation lists its filled fields), oldest first."""
    rows = []
    for entry in store.history(collection_name, record_id):
        changes = entry["changes"] or {}
        if not changes:
            rows.append({**entry, "field": "", "old": None, "new": None})
        for field, (old, new) in changes.items():
            rows.append({**entry, "field": field, "old": old, "new": new})
    return rows


class HistoryPanel(QWidget):
    def __init__(self, store: Store, collection_name: str, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.collection_name = collection_name
        self.record_id = record_id
        coll = collection(collection_name)
        self.model = DictListModel([
            (self.tr("Waktu"), lambda r: format_datetime(r["at"])),
            (self.tr("Oleh"), lambda r: r.get("actor") or ""),
            (self.tr("Tindakan"), lambda r: action_label(r["action"])),
            (self.tr("Isian"), lambda r: coll.label(r["field"], current_language()) if r["field"] else ""),
            (self.tr("Sebelumnya"), lambda r: display_value(r["field"], r["old"])),
            (self.tr("Menjadi"), lambda r: display_value(r["field"], r["new"])),
        ], self)
        layout = QVBoxLayout(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Few rows: fit the columns to what is in them (long text is still elided, tooltip shows all).
        self.model.modelReset.connect(self._fit_columns)
        layout.addWidget(self.table)
        self.reload()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 90), 260))

    def reload(self) -> None:
        name, record_id = self.collection_name, self.record_id
        QueryOp(self, lambda store: history_rows(store, name, record_id), success=self.model.set_rows).run()

    def on_changed(self, changes: ChangeSet) -> None:
        if any(c.record_id == self.record_id for c in changes.changes):
            self.reload()
