"""The patients register's table model: rowids from SQL (on a worker), rows fetched a page at a time.

Paging, caching and refreshing are the shared ``registers.rowid_model.RowIdTableModel``; this
file says how to query patients (health roles only) and how a row looks.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from desktop.store.records import ChangeSet, Store

from ..i18n import format_date
from ..registers.letter_query import Interruptible
from ..registers.rowid_model import RECORD_ID_ROLE, RowIdTableModel
from . import patient_query
from .common import birth_text, payer_label
from .patient_query import PatientFilter

__all__ = ["RECORD_ID_ROLE", "PatientTableModel"]


class PatientTableModel(RowIdTableModel):
    def __init__(self, store: Store, user: dict, parent: QObject | None = None):
        super().__init__(store, patient_query.COLUMNS, PatientFilter(), parent)
        self.user = user

    def query_ids(self, store: Store, f: PatientFilter, running: Interruptible | None, limit: int | None) -> list[int]:
        # The first screenful (LIMIT 100) of 100,000 patients by name: ~170 ms instead of ~480 ms.
        return patient_query.find_ids(store, self.user, f, running, limit=limit)

    def query_rows(self, conn, rowids: list[int]) -> dict[int, dict]:
        return patient_query.fetch_rows(conn, rowids)

    def query_rowid(self, conn, record_id: str) -> int | None:
        return patient_query.rowid_of(conn, record_id)

    def reaction(self, changes: ChangeSet) -> str | None:
        """A new or edited patient re-runs the query; a new visit changes "last visit" only."""
        if "patients" in changes.collections:
            return "refresh"
        return "repaint" if "visits" in changes.collections else None

    @property
    def truncated(self) -> bool:
        """A search that hit the lookup's limit: the clerk should type more."""
        return bool(self.filter.text.strip()) and len(self._ids) >= patient_query.SEARCH_LIMIT

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

    def decoration(self, role: int, key: str, record: dict):
        if role == Qt.ItemDataRole.ToolTipRole and key == "nik" and record.get("nik_ibu") and not record.get("nik"):
            return self.tr("Bayi tanpa NIK: NIK ibu")
        return None
