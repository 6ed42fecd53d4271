"""The patients register's table model: rowids from SQL (on a worker), rows fetched a page at a time.

The same pattern as the letter registers (registers/letters_model.py, after Anki's browser model):
the model keeps only the ordered rowids and a cache of the rows the view asked for; with fixed row
heights the view asks only for the visible rows.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, show_failure

from ..i18n import format_date
from ..registers.letter_query import Interruptible, QueryCancelled
from . import patient_query
from .common import birth_text, payer_label
from .patient_query import PatientFilter

_ROOT = QModelIndex()
PAGE = 100
CACHE_LIMIT = 5000
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PatientTableModel(QAbstractTableModel):
    loaded = Signal(int)  # row count after each query
    first_rows = Signal(int)  # the first screenful is showing while the full list still loads
    PREVIEW_ROWS = 100

    def __init__(self, store: Store, user: dict, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.user = user
        self.columns = patient_query.COLUMNS
        self.filter = PatientFilter()
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._generation = 0
        self._running: Interruptible | None = None
        self.loading = False

    # -- queries --------------------------------------------------------------------------------

    def set_filter(self, f: PatientFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        if self._running is not None:
            self._running.cancel()
        self._running = running = Interruptible()
        self.loading = True
        f, user = self.filter, self.user
        if not self._ids:
            # Nothing on screen yet: the first screenful at once (100,000 patients by name: ~170 ms
            # instead of ~480 ms for the whole list; docs/BENCHMARKS.md, Puskesmas).
            QueryOp(self, lambda store: patient_query.find_ids(store, user, f, limit=self.PREVIEW_ROWS),
                    success=lambda ids: self._apply_preview(generation, ids)) \
                .failure(lambda exc: None).run()  # the full query below reports any failure
        QueryOp(self, lambda store: patient_query.find_ids(store, user, f, running),
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
        if isinstance(exc, QueryCancelled) or generation != self._generation:
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
        """A new or edited patient re-runs the query; a new visit changes "last visit" only."""
        touched = changes.collections
        if "patients" in touched:
            self.refresh()
        elif "visits" in touched:
            self._cache.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    @property
    def truncated(self) -> bool:
        """A search that hit the lookup's limit: the clerk should type more."""
        return bool(self.filter.text.strip()) and len(self._ids) >= patient_query.SEARCH_LIMIT

    # -- lookups --------------------------------------------------------------------------------

    def record(self, row: int) -> dict | None:
        return self._row(row)

    def record_id(self, row: int) -> str | None:
        record = self._row(row)
        return record["id"] if record else None

    def row_of(self, record_id: str) -> int | None:
        rowid = patient_query.rowid_of(self.store.read(), record_id)
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
            self._cache.update(patient_query.fetch_rows(self.store.read(), self._ids[start:start + PAGE]))
            record = self._cache.get(rowid)
        return record

    # -- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(self.columns[section])
        return None

    def column_title(self, key: str) -> str:
        titles = {
            "no_rm": self.tr("No. RM"),
            "nama": self.tr("Nama"),
            "jenis_kelamin": self.tr("JK"),
            "lahir": self.tr("Tgl Lahir/Umur"),
            "nik": self.tr("NIK"),
            "kampung": self.tr("Kampung"),
            "penjamin": self.tr("Penjamin"),
            "kunjungan_terakhir": self.tr("Kunjungan Terakhir"),
        }
        return titles.get(key, key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(key, record)
        if role == Qt.ItemDataRole.ToolTipRole and key == "nik" and record.get("nik_ibu") and not record.get("nik"):
            return self.tr("Bayi tanpa NIK: NIK ibu")
        if role == RECORD_ID_ROLE:
            return record["id"]
        return None

    def display(self, key: str, record: dict) -> str:
        if key == "lahir":
            return birth_text(record)
        if key == "nik":
            if record.get("nik"):
                return record["nik"]
            return self.tr("ibu: {nik}").format(nik=record["nik_ibu"]) if record.get("nik_ibu") else ""
        if key == "penjamin":
            return payer_label(record.get("penjamin"))
        if key == "kunjungan_terakhir":
            return format_date(record.get("kunjungan_terakhir"))
        value = record.get(key)
        return "" if value is None else str(value)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.set_filter(self.filter.with_(sort=self.columns[column],
                                          descending=order == Qt.SortOrder.DescendingOrder))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
