"""Table models of the permohonan and pengaduan registers: rowids from SQL, rows fetched a page at a time.

Paging, caching and refreshing are the shared ``registers.rowid_model.RowIdTableModel``; the
queries are ``register_query`` (one ``RegisterSpec`` per register); the two subclasses say how a
cell looks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.domain import complaints, services, tracking
from desktop.store.db import StoreError
from desktop.store.records import ChangeSet, Store

from ..registers.rowid_model import RECORD_ID_ROLE, RowIdTableModel
from . import labels, register_query
from .register_query import RegisterFilter, RegisterSpec

LATE_BACKGROUND = QColor("#fdecea")  # overdue: a quiet red row
LATE_FOREGROUND = QColor("#9b1c1c")
SOON_FOREGROUND = QColor("#8a4b00")  # SLA due today or the next working day: amber text
STUB_FOREGROUND = QColor("#7b8794")  # transferred away: grey, read-only

__all__ = ["RECORD_ID_ROLE", "ComplaintTableModel", "RegisterModel", "RequestTableModel"]


class RegisterModel(RowIdTableModel):
    """What the two registers share: their queries come from a ``RegisterSpec``."""

    def __init__(self, store: Store, spec: RegisterSpec, parent: QObject | None = None):
        super().__init__(store, spec.columns, RegisterFilter(), parent)
        self.spec = spec

    def query_ids(self, store: Store, f: RegisterFilter, running, limit: int | None) -> list[int]:
        return register_query.find_ids(store, self.spec, f, running, limit=limit)

    def query_rows(self, conn, rowids: list[int]) -> dict[int, dict]:
        return register_query.fetch_rows(conn, self.spec, rowids)

    def query_rowid(self, conn, record_id: str) -> int | None:
        return register_query.rowid_of(conn, self.spec, record_id)

    def reaction(self, changes: ChangeSet) -> str | None:
        """New records re-run the query; so does an edit while a status or overdue filter is on (the
        edited row may no longer belong). Other edits only drop the cached rows."""
        if not changes.collections & {self.spec.table, self.spec.events_table}:
            return None
        actions = {c.action for c in changes.changes if c.collection == self.spec.table}
        filtered = self.filter.status or self.filter.overdue_only
        return "repaint" if actions <= {"update", "none"} and not filtered else "refresh"

    def status_text(self, label: str, record: dict) -> str:
        """A status as shown in the register: a stub transferred to another office says so."""
        return self.tr("{status} (dialihkan)").format(status=label) if record.get("readonly") else label

    def stub_decoration(self, role: int):
        """How a read-only stub (transferred to another office) looks: grey, with a tooltip, never flagged."""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(STUB_FOREGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Sudah dialihkan ke kantor lain; hanya bisa dibaca.")
        return None

    def display(self, key: str, record: dict) -> str:
        value = record.get(key)
        if value in (None, ""):
            return ""
        if key in ("tanggal", "due_date"):
            return labels.date(value)
        if key == "tracking_code":
            return tracking.display(value)
        return str(value)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class RequestTableModel(RegisterModel):
    """Permohonan layanan: overdue open requests stand out (a red row, the due date in bold)."""

    attachment_owner = "service_requests"

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
            return self.status_text(labels.request_status(record.get("status")), record)
        if key == "service_type":
            code = record.get("service_type") or ""
            return self._names.get(code, code)
        return super().display(key, record)

    def decoration(self, role: int, key: str, record: dict):
        if record.get("readonly"):  # transferred to another office: shown, greyed, never flagged
            return self.stub_decoration(role)
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

    attachment_owner = "complaints"

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(store, register_query.COMPLAINT_REGISTER, parent)

    def column_title(self, key: str) -> str:
        return labels.complaint_column(key)

    def display(self, key: str, record: dict) -> str:
        if key == "status":
            return self.status_text(labels.complaint_status(record.get("status")), record)
        if key == "channel":
            return labels.channel(record.get("channel"))
        if key == "pelapor_nama" and record.get("anonim"):
            return self.tr("Anonim")
        return super().display(key, record)

    def decoration(self, role: int, key: str, record: dict):
        if record.get("readonly"):
            return self.stub_decoration(role)
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
