"""Disposisi of an incoming letter: the list (append-only) and a small form to add one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import letters
from desktop.store.records import ChangeSet, Store, ValidationError
from desktop.tasks import QueryOp, WriteOp, show_failure

from ..i18n import format_date, format_datetime
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from .list_model import DictListModel


class DispositionsPanel(QWidget):
    added = Signal()

    def __init__(self, store: Store, letter_id: str, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.letter_id = letter_id
        self.actor = actor
        self.model = DictListModel([
            (self.tr("Kepada"), lambda r: r.get("kepada") or ""),
            (self.tr("Instruksi"), lambda r: r.get("instruksi") or ""),
            (self.tr("Batas Waktu"), lambda r: format_date(r.get("batas_waktu"))),
            (self.tr("Catatan"), lambda r: r.get("catatan") or ""),
            (self.tr("Oleh"), lambda r: r.get("created_by") or ""),
            (self.tr("Waktu"), lambda r: format_datetime(r.get("created_at"))),
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
        layout.addWidget(self.table, 1)

        note = QLabel(self.tr("Disposisi tidak dapat diubah atau dihapus; tambahkan disposisi baru bila perlu."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)

        self.form = FieldForm()
        self.kepada = self.form.add_field("kepada", self.tr("Kepada"), QLineEdit())
        self.instruksi = self.form.add_field("instruksi", self.tr("Instruksi"), QLineEdit())
        self.batas_waktu = self.form.add_field("batas_waktu", self.tr("Batas waktu"), DateField(optional=True))
        self.catatan = self.form.add_field("catatan", self.tr("Catatan"), QLineEdit())
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        self.add_button = QPushButton(self.tr("Tambah disposisi"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.reload()

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 90), 260))

    def reload(self) -> None:
        letter_id = self.letter_id
        QueryOp(self, lambda store: letters.dispositions(store, letter_id), success=self.model.set_rows).run()

    def on_changed(self, changes: ChangeSet) -> None:
        if letters.DISPOSITIONS in changes.collections:
            self.reload()

    def has_input(self) -> bool:
        return any(w.text().strip() for w in (self.kepada, self.instruksi, self.catatan)) \
            or not self.batas_waktu.is_empty()

    def add(self) -> None:
        fields = {
            "kepada": self.kepada.text().strip(),
            "instruksi": self.instruksi.text().strip(),
            "batas_waktu": self.batas_waktu.value(),
            "catatan": self.catatan.text().strip(),
        }
        letter_id, actor = self.letter_id, self.actor
        self.add_button.setEnabled(False)
        WriteOp(self, lambda store: letters.add_disposition(store, letter_id, fields, actor=actor)) \
            .success(self._added).failure(self._failed).run()

    def _added(self, _change) -> None:
        self.add_button.setEnabled(True)
        self.form.clear_errors()
        for widget in (self.kepada, self.instruksi, self.catatan):
            widget.clear()
        self.batas_waktu.clear_value()
        self.kepada.setFocus()
        self.added.emit()

    def _failed(self, exc: Exception) -> None:
        self.add_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            rest = self.form.show_field_errors(exc.errors)
            if rest:
                show_failure(self, ValidationError(rest))
        else:
            show_failure(self, exc)
