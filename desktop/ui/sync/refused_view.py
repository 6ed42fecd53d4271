"""Sinkronisasi → "Ditolak PC ini": changes a server sent that failed this PC's own checks (another
office's record, a malformed one, a value the store cannot take). The replica keeps them aside in
``refused_changes`` instead of applying them (desktop/store/replica.py); here IT and the office see
what came, which office it claimed and why it was refused. Read-only: the fix is at the server.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.store.records import ChangeSet
from desktop.tasks import QueryOp, TaskManager

from ..i18n import format_datetime
from . import queries
from .conflicts_view import fit_columns, make_table
from .models import FieldsModel, RefusedByPcModel


class RefusedByPcView(QWidget):
    """The refused incoming changes, newest first; the selected one's fields beside the list."""

    count_changed = Signal(int)

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("refusedByPcView")
        self.manager = manager
        self.user = user
        self.loaded = False
        self.model = RefusedByPcModel(self)
        self.fields = FieldsModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Data di bawah ini dikirim server tetapi tidak lolos pemeriksaan PC ini (milik kantor lain, isiannya "
            "rusak, atau tidak dapat disimpan), sehingga tidak dipakai. Data lain tetap tersinkron. Salin "
            "rinciannya dan laporkan ke IT."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = make_table(self.model)
        self.table.setObjectName("refusedByPcTable")
        splitter.addWidget(self.table)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("refusedSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary)
        self.fields_table = make_table(self.fields)
        self.fields_table.setObjectName("refusedFieldsTable")
        self.fields_table.setWordWrap(True)
        column.addWidget(self.fields_table, 1)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.empty = QLabel(self.tr("Tidak ada data dari server yang ditolak PC ini."))
        self.empty.setObjectName("hint")
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("&Salin rincian untuk IT"))
        self.copy_button.setObjectName("copyRefusedButton")
        self.copy_button.clicked.connect(self.copy_current)
        self.result = QLabel()
        self.result.setObjectName("hint")
        row.addWidget(self.copy_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)

        self.model.modelReset.connect(self._after_reset)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        manager.changed.connect(self._on_changed)
        self.reload()  # and the page reloads it after each sync: a page of refusals alone changes no record

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        user = self.user
        QueryOp(self, lambda store: queries.refused_rows(store, user), success=self._show) \
            .using(self.manager).run()

    def _on_changed(self, changes: ChangeSet) -> None:
        if any(c.action == "sync" for c in changes.changes):  # a sync page, a USB reply
            self.reload()

    def _show(self, rows: list[dict]) -> None:
        current = self.current_row()
        self.model.set_rows(rows)
        for number, row in enumerate(rows):
            if current and row["key"] == current["key"]:
                self.table.selectRow(number)
                break
        self.loaded = True
        self.count_changed.emit(len(rows))

    def _after_reset(self) -> None:
        fit_columns(self.table, widest=200)  # the reason, last, takes the rest
        count = self.model.rowCount()
        self.empty.setVisible(count == 0)
        self.copy_button.setEnabled(count > 0)
        if count and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._show_detail()

    # -- the selected change --------------------------------------------------------------------

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _show_detail(self) -> None:
        row = self.current_row()
        self.fields.set_rows(row["details"] if row else [])
        self.summary.setText(self.summary_text(row) if row else "")
        fit_columns(self.fields_table, widest=200)

    def summary_text(self, row: dict) -> str:
        return "\n".join([
            row["kind"],
            self.tr("Kantor asal: {office}").format(office=row["office"]),
            self.tr("Diterima: {when}").format(when=format_datetime(row["at"])),
            self.tr("ID data: {id} (revisi {rev})").format(id=row["record_id"], rev=row["rev"]),
            self.tr("Alasan: {reason}").format(reason=row["reason"]),
        ])

    def copy_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        lines = [self.summary_text(row)] + [f"{d['label']}: {d['value']}" for d in row["details"]]
        QGuiApplication.clipboard().setText("\n".join(lines))
        self.result.setText(self.tr("Tersalin."))
