"""Disposisi of an incoming letter, as on the paper lembar disposisi: the list (append-only), and a
form to add one — to whom (several may be ticked, from the office's list kept in Pengaturan), the
usual instructions (several may be ticked), a due date and a note — and the printed sheet.

A disposisi can never be changed once saved, so saving asks first. Enter in the note starts a new
line; it never saves. In the two lists ↑/↓ move and Space ticks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import disposition_lists, letters
from desktop.printing import documents
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, WriteOp

from ..i18n import format_date, format_datetime
from ..services.print_bar import PrintBar
from ..widgets.date_field import DateField
from ..widgets.field_form import FieldForm
from ..widgets.form_base import show_save_failure
from .list_model import DictListModel


class CheckList(QWidget):
    """A list of checkable lines plus a line for anything not in the list ("a; b" for several)."""

    edited = Signal()

    def __init__(self, other_placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(6 * self.fontMetrics().height())
        self.list.setWordWrap(True)  # a long position wraps; the list never scrolls sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemChanged.connect(lambda _item: self.edited.emit())
        self.other = QLineEdit()
        self.other.setMaxLength(300)
        self.other.setPlaceholderText(other_placeholder)
        self.other.textEdited.connect(lambda _t: self.edited.emit())
        layout.addWidget(self.list, 1)
        layout.addWidget(self.other)
        self.setFocusProxy(self.list)

    def set_choices(self, choices: list[str]) -> None:
        ticked = set(self.checked())
        self.list.blockSignals(True)
        self.list.clear()
        for text in choices:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if text in ticked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(0)

    def checked(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, text: str, checked: bool = True) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).text() == text:
                self.list.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def others(self) -> list[str]:
        return [part.strip() for part in self.other.text().split(";") if part.strip()]

    def values(self) -> list[str]:
        return [*self.checked(), *self.others()]

    def clear_values(self) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.other.clear()


class DispositionsPanel(QWidget):
    added = Signal()

    def __init__(self, store: Store, letter_id: str, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.letter_id = letter_id
        self.actor = actor
        self._saving = False
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
        self.table.setMinimumHeight(80)
        # Only the room that is left: on a short screen the form below comes first.
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        # Few rows: fit the columns to what is in them (long text is still elided, tooltip shows all).
        self.model.modelReset.connect(self._fit_columns)
        layout.addWidget(self.table, 1)

        self.print_bar = PrintBar(self.tr("Lembar disposisi:"),
                                  lambda store, paper: documents.disposition_sheet(store, letter_id, paper=paper),
                                  lambda: self.tr("Lembar disposisi"), self)
        layout.addWidget(self.print_bar)

        note = QLabel(self.tr("Disposisi tidak dapat diubah atau dihapus; tambahkan disposisi baru bila perlu. "
                              "Daftar tujuan dan instruksi diatur di Pengaturan."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)

        self.form = FieldForm()
        self.form.layout().setContentsMargins(0, 4, 0, 0)
        lists = QWidget()
        row = QHBoxLayout(lists)
        row.setContentsMargins(0, 0, 0, 0)
        self.kepada = CheckList(self.tr("lainnya: nama/jabatan; pisahkan dengan ;"))
        self.instruksi = CheckList(self.tr("instruksi lain"))
        row.addWidget(self.kepada, 1)
        row.addWidget(self.instruksi, 1)
        self.kepada_caption = QLabel(self.tr("Kepada (boleh lebih dari satu)"))
        self.kepada_caption.setObjectName("fieldLabel")
        self.instruksi_caption = QLabel(self.tr("Instruksi (boleh lebih dari satu)"))
        self.instruksi_caption.setObjectName("fieldLabel")
        captions = QWidget()
        caption_row = QHBoxLayout(captions)
        caption_row.setContentsMargins(0, 0, 0, 0)
        caption_row.addWidget(self.kepada_caption, 1)
        caption_row.addWidget(self.instruksi_caption, 1)
        self.form.add_widget(captions)
        self.form.add_widget(lists)
        # The two lists' errors (domain fields "kepada", "instruksi") show under a zero-width field row.
        self.form.add_field("kepada", "", _Anchor(self.kepada))
        self.form.add_field("instruksi", "", _Anchor(self.instruksi))
        self.batas_waktu = self.form.add_field("batas_waktu", self.tr("Batas waktu"), DateField(optional=True))
        self.catatan = QPlainTextEdit()
        self.catatan.setTabChangesFocus(True)  # Tab leaves; Enter is a new line, never a save
        self.catatan.setFixedHeight(3 * self.fontMetrics().height() + 14)
        self.catatan.setPlaceholderText(self.tr("catatan pimpinan (Enter = baris baru)"))
        self.form.add_field("catatan", self.tr("Catatan"), self.catatan)
        layout.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_button = QPushButton(self.tr("Simpan disposisi… (Ctrl+S)"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        buttons.addWidget(self.add_button)
        layout.addLayout(buttons)
        for first, second in ((self.kepada.list, self.kepada.other), (self.kepada.other, self.instruksi.list),
                              (self.instruksi.list, self.instruksi.other), (self.instruksi.other, self.batas_waktu),
                              (self.batas_waktu, self.catatan), (self.catatan, self.add_button)):
            QWidget.setTabOrder(first, second)
        self.kepada.edited.connect(lambda: self.form.clear_error("kepada"))
        self.instruksi.edited.connect(lambda: self.form.clear_error("instruksi"))
        QueryOp(self, lambda store: (disposition_lists.kepada_choices(store),
                                     disposition_lists.instruksi_choices(store)),
                success=self._show_choices).run()
        self.reload()

    def _show_choices(self, choices: tuple[list[str], list[str]]) -> None:
        self.kepada.set_choices(choices[0])
        self.instruksi.set_choices(choices[1])

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
        return bool(self.kepada.values() or self.instruksi.values() or self.catatan.toPlainText().strip()
                    or not self.batas_waktu.is_empty())

    def values(self) -> dict:
        others = self.instruksi.others()
        return {
            "kepada_list": self.kepada.values(),
            "instruksi_list": self.instruksi.checked(),
            "instruksi": "; ".join(others),
            "batas_waktu": self.batas_waktu.value(),
            "catatan": self.catatan.toPlainText().strip(),
        }

    def add(self) -> None:
        """Asks once (a disposisi is permanent), then saves."""
        if self._saving:
            return
        fields = self.values()
        if fields["kepada_list"] and (fields["instruksi_list"] or fields["instruksi"]) and not self.confirm(fields):
            return
        self._saving = True
        letter_id, actor = self.letter_id, self.actor
        self.add_button.setEnabled(False)
        WriteOp(self, lambda store: letters.add_disposition(store, letter_id, fields, actor=actor)) \
            .success(self._added).failure(self._failed).run()

    def confirm(self, fields: dict) -> bool:
        instructions = [*fields["instruksi_list"], *([fields["instruksi"]] if fields["instruksi"] else [])]
        summary = self.tr("Kepada: {kepada}\nInstruksi: {instruksi}\nBatas waktu: {batas}").format(
            kepada=", ".join(fields["kepada_list"]), instruksi=", ".join(instructions),
            batas=format_date(fields["batas_waktu"]) or "—")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Simpan disposisi?"),
                          self.tr("Disposisi tidak dapat diubah setelah disimpan.") + "\n\n" + summary,
                          parent=self)
        box.setObjectName("confirmDisposition")
        save = box.addButton(self.tr("Ya, simpan"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Periksa lagi"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is save

    def _added(self, _change) -> None:
        self._saving = False
        self.add_button.setEnabled(True)
        self.form.clear_errors()
        self.kepada.clear_values()
        self.instruksi.clear_values()
        self.catatan.clear()
        self.batas_waktu.clear_value()
        self.kepada.setFocus()
        self.added.emit()

    def _failed(self, exc: Exception) -> None:
        self._saving = False
        self.add_button.setEnabled(True)
        show_save_failure(self, self.form, exc)


class _Anchor(QWidget):
    """An empty stand-in row where the error of a list above is shown; focus goes to that list."""

    def __init__(self, target: QWidget):
        super().__init__()
        self.setFixedHeight(0)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.target = target

    def setFocus(self) -> None:  # noqa: N802 (Qt's name) — FieldForm focuses the first bad field
        self.target.setFocus()
