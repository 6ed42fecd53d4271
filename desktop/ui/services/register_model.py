"""Table models of the permohonan and pengaduan registers: rowids from SQL, rows fetched a page at a time.

The same design as the letter registers (``registers/letters_model.py``): the model holds the
ordered rowids of the matching records (``register_query.find_ids`` on a worker thread) and a
cache of the rows the view asked for; a view with fixed row heights asks only for visible rows.
``RegisterModel`` is the shared part; the two subclasses say how a cell looks.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain import complaints, services, tracking
from desktop.store.db import StoreError
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, show_failure

from ..registers.letters_model import CACHE_LIMIT, PAGE, RECORD_ID_ROLE
from . import labels, register_query
from .register_query import RegisterFilter, RegisterSpec

_ROOT = QModelIndex()

LATE_BACKGROUND = QColor("#fdecea")  # overdue: a quiet red row
LATE_FOREGROUND = QColor("#9b1c1c")
SOON_FOREGROUND = QColor("#8a4b00")  # SLA due today or the next working day: amber text
STUB_FOREGROUND = QColor("#7b8794")  # transferred away: grey, read-only

__all__ = ["RECORD_ID_ROLE", "ComplaintTableModel", "RegisterModel", "RequestTableModel"]


class RegisterModel(QAbstractTableModel):
    loaded = Signal(int)  # row count, after each query's results were applied

    def __init__(self, store: Store, spec: RegisterSpec, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.spec = spec
        self.columns = spec.columns
        self.filter = RegisterFilter()
        self._ids: list[int] = []
        self._cache: dict[int, dict] = {}
        self._generation = 0
        self.loading = False
        self._running: register_query.Interruptible | None = None

    # -- queries ------------------------------------------------------------------------------

    def set_filter(self, f: RegisterFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        """Runs the ids query on a worker; the view keeps the old rows until the new ones are ready."""
        self._generation += 1
        generation = self._generation
        if self._running is not None:
            self._running.cancel()
        self._running = running = register_query.Interruptible()
        self.loading = True
        f, spec = self.filter, self.spec
        QueryOp(self, lambda store: register_query.find_ids(store, spec, f, running),
                success=lambda ids: self._apply_ids(generation, ids)) \
            .failure(lambda exc: self._query_failed(generation, exc)).run()

    def _query_failed(self, generation: int, exc: Exception) -> None:
        if isinstance(exc, register_query.QueryCancelled) or generation != self._generation:
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
        self.prepare()
        self.endResetModel()
        self.loaded.emit(len(ids))

    def prepare(self) -> None:
        """Called on every reset (subclasses load what their cells need, e.g. service names)."""

    def on_changed(self, changes: ChangeSet) -> None:
        """From the app-wide ``changed`` signal. New records re-run the query; so does an edit while a
        status or overdue filter is on (the edited row may no longer belong). Other edits only drop
        the cached rows."""
        if not changes.collections & {self.spec.table, self.spec.events_table}:
            return
        actions = {c.action for c in changes.changes if c.collection == self.spec.table}
        filtered = self.filter.status or self.filter.overdue_only
        if actions <= {"update", "none"} and not filtered:
            self._cache.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))
        else:
            self.refresh()

    # -- lookups ------------------------------------------------------------------------------

    def record_id(self, row: int) -> str | None:
        record = self.record(row)
        return record["id"] if record else None

    def row_of(self, record_id: str) -> int | None:
        rowid = register_query.rowid_of(self.store.read(), self.spec, record_id)
        if rowid is None:
            return None
        try:
            return self._ids.index(rowid)
        except ValueError:
            return None

    def record(self, row: int) -> dict | None:
        if not 0 <= row < len(self._ids):
            return None
        rowid = self._ids[row]
        found = self._cache.get(rowid)
        if found is None:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            start = max(0, row - PAGE // 4)
            self._cache.update(register_query.fetch_rows(self.store.read(), self.spec, self._ids[start:start + PAGE]))
            found = self._cache.get(rowid)
        return found

    # -- Qt model API -------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return self.column_title(self.columns[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.record(index.row())
        if record is None:
            return None
        key = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(key, record)
        if role == RECORD_ID_ROLE:
            return record["id"]
        return self.decoration(role, key, record)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self.columns):
            self.set_filter(self.filter.with_(sort=self.columns[column],
                                              descending=order == Qt.SortOrder.DescendingOrder))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- per register ---------------------------------------------------------------------------

    def column_title(self, key: str) -> str:
        return key

    def display(self, key: str, record: dict) -> str:
        value = record.get(key)
        if value in (None, ""):
            return ""
        if key in ("tanggal", "due_date"):
            return labels.date(value)
        if key == "tracking_code":
            return tracking.display(value)
        return str(value)

    def decoration(self, role: int, key: str, record: dict):
        return None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class RequestTableModel(RegisterModel):
    """Permohonan layanan: overdue open requests stand out (a red row, the due date in bold)."""

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(store, register_query.REQUEST_REGISTER, parent)
        self._names: dict[str, str] = {}

    def prepare(self) -> None:
        try:
            self._names = labels.service_names(self.store)
        except StoreError:  # a broken catalog file: codes are still shown (the form reports the error)
            self._names = {}

    def column_title(self, key: str) -> str:
        return labels.request_column(key)

    def display(self, key: str, record: dict) -> str:
        if key == "status":
            return labels.request_status(record.get("status"))
        if key == "service_type":
            code = record.get("service_type") or ""
            return self._names.get(code, code)
        return super().display(key, record)

    def decoration(self, role: int, key: str, record: dict):
        if record.get("readonly"):  # transferred to another office: shown, greyed, never flagged
            return QBrush(STUB_FOREGROUND) if role == Qt.ItemDataRole.ForegroundRole else None
        late = services.is_overdue(record, self.filter.today)
        if role == Qt.ItemDataRole.BackgroundRole and late:
            return QBrush(LATE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and late and key in ("due_date", "status"):
            return QBrush(LATE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and late and key == "due_date":
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and late:
            return self.tr("Terlambat: melewati batas waktu layanan")
        if role == Qt.ItemDataRole.ToolTipRole and key in ("nama", "service_type", "nomor_surat"):
            return self.display(key, record) or None
        return None


class ComplaintTableModel(RegisterModel):
    """Pengaduan: the first-response SLA flag (red overdue, amber due soon); transferred stubs in grey."""

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(store, register_query.COMPLAINT_REGISTER, parent)

    def column_title(self, key: str) -> str:
        return labels.complaint_column(key)

    def display(self, key: str, record: dict) -> str:
        if key == "status":
            text = labels.complaint_status(record.get("status"))
            return self.tr("{status} (dialihkan)").format(status=text) if record.get("readonly") else text
        if key == "channel":
            return labels.channel(record.get("channel"))
        if key == "pelapor_nama" and record.get("anonim"):
            return self.tr("Anonim")
        return super().display(key, record)

    def decoration(self, role: int, key: str, record: dict):
        if record.get("readonly"):
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(STUB_FOREGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Sudah dialihkan ke kantor lain; hanya bisa dibaca.")
            return None
        flag = complaints.sla_flag(record, self.filter.today)
        if role == Qt.ItemDataRole.BackgroundRole and flag == "merah":
            return QBrush(LATE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and flag and key in ("due_date", "status"):
            return QBrush(LATE_FOREGROUND if flag == "merah" else SOON_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and flag and key == "due_date":
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and flag == "merah":
            return self.tr("Terlambat: belum ditanggapi melewati batas tanggapan")
        if role == Qt.ItemDataRole.ToolTipRole and flag == "kuning":
            return self.tr("Batas tanggapan hari ini atau hari kerja berikutnya")
        if role == Qt.ItemDataRole.ToolTipRole and key == "kategori":
            return record.get("kategori") or None
        return None
