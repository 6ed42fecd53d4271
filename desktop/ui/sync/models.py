"""Read-only table models of the Sinkronisasi page: open conflicts, changes the server refused and
changes a server sent that this PC refused.

All are small lists (a handful of rows, rarely hundreds) loaded whole on a worker; the row's
id is available under ``ID_ROLE`` for the buttons that act on the current row.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ..i18n import format_datetime
from .formatting import stamp_datetime

_ROOT = QModelIndex()  # the invisible root; never mutated
ID_ROLE = Qt.ItemDataRole.UserRole + 1

Column = tuple[str, Callable[[dict], str]]


class RowsModel(QAbstractTableModel):
    """Rows are dicts; ``columns`` are (title, render) pairs."""

    def __init__(self, columns: list[Column], id_key: str = "id", parent: QObject | None = None):
        super().__init__(parent)
        self.columns = columns
        self.id_key = id_key
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> dict | None:
        return self.rows[number] if 0 <= number < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) \
                or not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](row)
        if role == ID_ROLE:
            value = row.get(self.id_key)
            return None if value is None else str(value)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable



class ConflictsModel(RowsModel):
    """One row per overwritten value: the record, the field, what was lost (who, when), what won."""

    def __init__(self, parent: QObject | None = None, *, with_record: bool = True):
        columns: list[Column] = []
        if with_record:
            columns.append((QCoreApplication.translate("SyncModels", "Data"), lambda r: r["record"]))
        columns += [
            (QCoreApplication.translate("SyncModels", "Isian"), lambda r: r["field_label"]),
            (QCoreApplication.translate("SyncModels", "Nilai yang tertimpa"), lambda r: r["lost_text"]),
            (QCoreApplication.translate("SyncModels", "Diubah oleh"), lambda r: r.get("lost_actor") or ""),
            (QCoreApplication.translate("SyncModels", "Waktu"), lambda r: stamp_datetime(r.get("lost_hlc"))),
            (QCoreApplication.translate("SyncModels", "Nilai yang berlaku"), lambda r: r["won_text"]),
            (QCoreApplication.translate("SyncModels", "Oleh"), lambda r: r.get("won_actor") or ""),
        ]
        super().__init__(columns, "id", parent)


class RejectedModel(RowsModel):
    """One row per change the server refused, with the reasons."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([
            (QCoreApplication.translate("SyncModels", "Ditolak"), lambda r: format_datetime(r.get("at"))),
            (QCoreApplication.translate("SyncModels", "Data"), lambda r: r["record"]),
            (QCoreApplication.translate("SyncModels", "Isian yang dikirim"), lambda r: r["data"]),
            (QCoreApplication.translate("SyncModels", "Alasan"), lambda r: r["reasons"]),
        ], "mseq", parent)


class RefusedByPcModel(RowsModel):
    """One row per change a server sent that this PC refused, with the reason."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([
            (QCoreApplication.translate("SyncModels", "Diterima"), lambda r: format_datetime(r.get("at"))),
            (QCoreApplication.translate("SyncModels", "Data"), lambda r: r["kind"]),
            (QCoreApplication.translate("SyncModels", "Kantor asal"), lambda r: r["office"]),
            (QCoreApplication.translate("SyncModels", "Alasan"), lambda r: r["reason"]),
        ], "key", parent)


class FieldsModel(RowsModel):
    """The fields of one refused change: label and value."""

    def __init__(self, parent: QObject | None = None):
        super().__init__([
            (QCoreApplication.translate("SyncModels", "Isian"), lambda r: r["label"]),
            (QCoreApplication.translate("SyncModels", "Nilai"), lambda r: r["value"]),
        ], "label", parent)
