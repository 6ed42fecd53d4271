"""Pengaturan → Disposisi: the office's list of recipients (positions or people) and of usual
instructions, one per line, offered as tick lists in the disposisi form. An emptied list goes
back to the usual one. The centre may publish them too; a value from the centre is said so."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import central_config, disposition_lists
from desktop.store.records import Store
from desktop.tasks import QueryOp, TaskManager, WriteOp

from ..widgets.field_form import FieldForm
from ..widgets.form_base import show_save_failure


class DispositionSettingsBox(QGroupBox):
    def __init__(self, manager: TaskManager, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Disposisi: daftar tujuan dan instruksi"))
        self.setObjectName("dispositionSettings")
        self.manager = manager
        layout = QVBoxLayout(self)
        self.form = FieldForm()
        self.kepada = self._editor()
        self.instruksi = self._editor()
        self.form.add_field(disposition_lists.META_KEPADA, self.tr("Tujuan (satu per baris)"), self.kepada)
        self.form.add_field(disposition_lists.META_INSTRUKSI, self.tr("Instruksi (satu per baris)"), self.instruksi)
        layout.addWidget(self.form)
        self.managed_note = QLabel()
        self.managed_note.setObjectName("managedNote")
        self.managed_note.setWordWrap(True)
        self.managed_note.hide()
        layout.addWidget(self.managed_note)
        row = QHBoxLayout()
        self.result = QLabel()
        self.result.setObjectName("hint")
        row.addWidget(self.result, 1)
        self.save_button = QPushButton(self.tr("Simpan daftar disposisi"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.reload()

    def _editor(self) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(8 * self.fontMetrics().height() + 12)
        return editor

    def reload(self) -> None:
        QueryOp(self, _load).using(self.manager).success(self._show).run()

    def _show(self, loaded) -> None:
        kepada, instruksi, managed = loaded
        self.kepada.setPlainText("\n".join(kepada))
        self.instruksi.setPlainText("\n".join(instruksi))
        keys = [k for k in (disposition_lists.META_KEPADA, disposition_lists.META_INSTRUKSI) if k in managed]
        self.managed_note.setText(self.tr("Daftar ini diterbitkan oleh pusat; perubahan di sini berlaku sampai pusat "
                                          "menerbitkannya lagi."))
        self.managed_note.setVisible(bool(keys))

    def save(self) -> None:
        kepada = self.kepada.toPlainText().splitlines()
        instruksi = self.instruksi.toPlainText().splitlines()
        self.form.clear_errors()
        WriteOp(self, lambda store: disposition_lists.save_choices(store, kepada, instruksi)) \
            .using(self.manager).success(self._saved).failure(self._failed).run()

    def _saved(self, _result) -> None:
        self.result.setText(self.tr("Daftar disposisi tersimpan."))
        self.reload()

    def _failed(self, exc: Exception) -> None:
        show_save_failure(self, self.form, exc)


def _load(store: Store) -> tuple[list[str], list[str], list[str]]:
    return (disposition_lists.kepada_choices(store), disposition_lists.instruksi_choices(store),
            sorted(central_config.centrally_managed(store)))
