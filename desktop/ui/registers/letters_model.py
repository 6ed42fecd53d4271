"""The letter register's table model: row ids from SQL, row contents fetched a page at a time.

Modelled on Anki's browser table model: the model holds only the ordered rowids of the matching
letters (from ``letter_query.find_ids`` on a worker thread) and a cache of the rows the view
has asked for. A view with fixed row heights asks only for the visible rows, so scrolling a
million-letter register touches ~100 rows at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain.letters import SIFAT_LABELS
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, pick, show_failure

from ..i18n import format_date, format_number
from . import letter_query
from .column_titles import title as column_title
from .letter_query import LetterFilter

_ROOT = QModelIndex()  # the invisible root; never mutated
PAGE = 100  # rows fetched per cache miss
CACHE_LIMIT = 5000  # rows kept; beyond that the cache starts over
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

URGENT_BACKGROUND = QColor("#fff4e0")  # a quiet amber
URGENT_FOREGROUND = QColor("#8a4b00")


class LetterTableModel(QAbstractTableModel):
    """Surat masuk or surat keluar, as the rows of the paper agenda book."""

    loaded = Signal(int)  # row count, after each query's results were applied
    first_rows = Signal(int)  # the first screenful is showing while the full list still loads
    PREVIEW_ROWS = 100

    def __init__(self, store: Store, direction: str, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.direction = direction
        self.columns = letter_query.columns_for(direction)
        self.filter = LetterFilter(direction)
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._generation = 0  # results of an older query are dropped when a newer one is running
        self.loading = False
        self._running: letter_query.Interruptible | None = None

    # -- queries ------------------------------------------------------------------------------

    def set_filter(self, f: LetterFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        """Runs the ids query on a worker; the view keeps showing the old rows until it is done."""
        self._generation += 1
        generation = self._generation
        if self._running is not None:
            self._running.cancel()
        self._running = running = letter_query.Interruptible()
        self.loading = True
        f = self.filter
        if not self._ids:
            # Nothing on screen yet (the window just opened): show the first screenful at once; the
            # full list of a million ids takes a few hundred ms more (docs/BENCHMARKS.md).
            QueryOp(self, lambda store: letter_query.find_ids(store, f, limit=self.PREVIEW_ROWS),
                    success=lambda ids: self._apply_preview(generation, ids)) \
                .failure(lambda exc: None).run()  # the full query below reports any failure
        QueryOp(self, lambda store: letter_query.find_ids(store, f, running),
                success=lambda ids: self._apply_ids(generation, ids)) \
            .failure(lambda exc: self._query_failed(generation, exc)).run()

    def _apply_preview(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation or not self.loading or self._ids:
            return  # the full list won the race, or a newer query started
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self.first_rows.emit(len(ids))

    def _query_failed(self, generation: int, exc: Exception) -> None:
        if isinstance(exc, letter_query.QueryCancelled) or generation != self._generation:
            return
        self.loading = False
        self._running = None
        show_failure(self, exc)

    def _apply_ids(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self._running = None
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()
        self.loaded.emit(len(ids))

    def on_changed(self, changes: ChangeSet) -> None:
        """Refresh from the app-wide ``changed`` signal: new or deleted letters re-run the query,
        edits only drop the cached rows (the order may be stale until the next query; that is fine)."""
        if "letters" not in changes.collections:
            return
        actions = {c.action for c in changes.changes if c.collection == "letters"}
        if actions <= {"update", "none"}:
            self._cache.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))
        else:
            self.refresh()

    # -- lookups ------------------------------------------------------------------------------

    def record_id(self, row: int) -> str | None:
        record = self._row(row)
        return record["id"] if record else None

    def row_of(self, record_id: str) -> int | None:
        rowid = letter_query.rowid_of(self.store.read(), record_id)
        if rowid is None:
            return None
        try:
            return self._ids.index(rowid)
        except ValueError:
            return None

    def _row(self, row: int) -> dict | None:
        if not 0 <= row < len(self._ids):
            return None
        rowid = self._ids[row]
        record = self._cache.get(rowid)
        if record is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, row - PAGE // 4)
            self._cache.update(letter_query.fetch_rows(self.store.read(), self._ids[start:start + PAGE]))
            record = self._cache.get(rowid)
        return record

    # -- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(self.direction, self.columns[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(key, record.get(key))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("perihal", "asal", "tujuan", "keterangan"):
            return record.get(key) or None
        if role == RECORD_ID_ROLE:
            return record["id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("seq", "lampiran"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Subtle: "segera" colours its Sifat cell; only "sangat segera" tints the whole row.
        sifat = record.get("sifat")
        if role == Qt.ItemDataRole.BackgroundRole and sifat == "sangat_segera":
            return QBrush(URGENT_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and key == "sifat" and sifat in ("segera", "sangat_segera"):
            return QBrush(URGENT_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and key == "sifat" and sifat == "sangat_segera":
            font = QFont()
            font.setBold(True)
            return font
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.set_filter(self.filter.with_(sort=self.columns[column],
                                          descending=order == Qt.SortOrder.DescendingOrder))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


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


