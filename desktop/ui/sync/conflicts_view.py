"""Overwritten values and refused changes (DESIGN.md invariant 4: no silent overwrite).

``ConflictsView`` lists open conflicts — of the whole office (the Sinkronisasi page) or of one
record (the letter form) — with "Pulihkan" (put the lost value back: an ordinary edit that syncs)
and "Abaikan" (keep the current value). ``RejectedView`` lists what the server refused, with the
reasons, so nothing a clerk typed disappears without a word.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import conflicts
from desktop.store.records import ChangeSet
from desktop.tasks import QueryOp, TaskManager, WriteOp

from . import queries
from .models import ID_ROLE, ConflictsModel, RejectedModel


def make_table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def fit_columns(table: QTableView, widest: int = 280) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        header.resizeSection(column, min(max(header.sectionSize(column), 80), widest))


class ConflictsView(QWidget):
    """Open conflicts, newest first; the buttons act on the current row."""

    count_changed = Signal(int)
    restored = Signal(str)  # record id whose value was put back

    def __init__(self, manager: TaskManager, user: dict, *, collection: str | None = None,
                 record_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictsView")
        self.manager = manager
        self.user = user
        self.collection = collection
        self.record_id = record_id
        self.loaded = False
        self.model = ConflictsModel(self, with_record=record_id is None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Isian ini diubah di dua komputer pada waktu yang hampir bersamaan. Nilai yang lebih baru berlaku; "
            "nilai yang tertimpa disimpan di sini. Pilih baris lalu Pulihkan untuk memakai nilai yang tertimpa, "
            "atau Abaikan untuk tetap memakai nilai yang berlaku."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = make_table(self.model)
        self.table.setObjectName("conflictsTable")
        self.table.doubleClicked.connect(lambda _index: self.restore_current())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Pulihkan nilai yang tertimpa"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_current)
        self.dismiss_button = QPushButton(self.tr("A&baikan (pakai nilai yang berlaku)"))
        self.dismiss_button.setObjectName("dismissButton")
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.result = QLabel()
        self.result.setObjectName("hint")
        self.result.setWordWrap(True)
        row.addWidget(self.restore_button)
        row.addWidget(self.dismiss_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        manager.changed.connect(self.on_changed)
        self._busy = False
        self._update_buttons()
        self.reload()

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        user, collection, record_id = self.user, self.collection, self.record_id
        QueryOp(self, lambda store: queries.conflict_rows(store, user, collection, record_id),
                success=self._show).using(self.manager).run()

    def _show(self, rows: list[dict]) -> None:
        current = self.current_id()
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if row["id"] == current:
                self.table.selectRow(number)
                break
        self.loaded = True
        self.count_changed.emit(len(rows))

    def _after_reset(self) -> None:
        fit_columns(self.table, widest=220)  # seven columns: all of them fit beside the sidebar
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_buttons()

    def on_changed(self, changes: ChangeSet) -> None:
        names = changes.collections
        if "conflicts" in names or (self.collection and self.collection in names and self.record_id is None):
            self.reload()

    # -- acting ---------------------------------------------------------------------------------

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(self.model.index(index.row(), 0), ID_ROLE) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        usable = row is not None and row.get("visible", True) and not self._busy
        # A deleted record keeps no fields (sync/tombstones.py): an edit lost to its delete cannot come back.
        self.restore_button.setEnabled(usable and row.get("field") != "_deleted")
        self.dismiss_button.setEnabled(usable)

    def restore_current(self) -> None:
        row = self.current_row()
        if row is None or not row.get("visible", True) or self._busy:
            return
        self._act(lambda store: conflicts.restore_conflict(store, row["id"], actor=self.user["username"]),
                  self.tr("Nilai “{value}” dipulihkan pada {record}. Perubahan ini ikut terkirim pada sinkronisasi "
                          "berikutnya.").format(value=row["lost_text"], record=row["record"]), row["record_id"])

    def dismiss_current(self) -> None:
        row = self.current_row()
        if row is None or not row.get("visible", True) or self._busy:
            return
        self._act(lambda store: conflicts.dismiss_conflict(store, row["id"], actor=self.user["username"]),
                  self.tr("Nilai yang berlaku tetap dipakai."), None)

    def _act(self, op, message: str, restored_id: str | None) -> None:
        self._busy = True
        self._update_buttons()

        def done(_change) -> None:
            self._busy = False
            self.result.setText(message)
            self._update_buttons()
            if restored_id:
                self.restored.emit(restored_id)

        def failed(exc: Exception) -> None:
            from desktop.tasks import show_failure

            self._busy = False
            self._update_buttons()
            show_failure(self, exc)

        WriteOp(self, op).using(self.manager).success(done).failure(failed).run()


class RejectedView(QWidget):
    """Changes the server refused, with the reasons; the data can be copied to fix or report it."""

    count_changed = Signal(int)

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rejectedView")
        self.manager = manager
        self.user = user
        self.loaded = False
        self.model = RejectedModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Server menolak perubahan di bawah ini, sehingga perubahan itu tidak sampai ke komputer lain. "
            "Datanya tetap tercatat di sini: perbaiki lalu simpan ulang datanya, atau salin dan laporkan ke IT."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = make_table(self.model)
        self.table.setObjectName("rejectedTable")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("&Salin data dan alasannya"))
        self.copy_button.clicked.connect(self.copy_current)
        self.result = QLabel()
        self.result.setObjectName("hint")
        row.addWidget(self.copy_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.model.modelReset.connect(self._after_reset)
        self.reload()  # the page reloads it after each sync (refusals arrive with the acknowledgements)

    def reload(self) -> None:
        user = self.user
        QueryOp(self, lambda store: queries.rejected_rows(store, user), success=self._show) \
            .using(self.manager).run()

    def _show(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.loaded = True
        self.count_changed.emit(len(rows))

    def _after_reset(self) -> None:
        fit_columns(self.table, widest=360)
        if self.model.rowCount():
            self.table.selectRow(0)
        self.copy_button.setEnabled(self.model.rowCount() > 0)

    def copy_current(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row(index.row()) if index.isValid() else None
        if row is None:
            return
        text = "\n".join([row["record"], row["data"], self.tr("Alasan: {reasons}").format(reasons=row["reasons"])])
        QGuiApplication.clipboard().setText(text)
        self.result.setText(self.tr("Tersalin."))

