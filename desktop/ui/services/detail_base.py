"""What the request and complaint detail windows share: heading, status line, the record's data,
its status events (who/when), its change history, an actions area with field-level errors, the
"Teruskan ke kantor lain" picker (offices known here, or a code typed by hand), and print controls. The record is read on a worker (``QueryOp``) and re-read whenever the app-wide
``changed`` signal touches it or its events — also when a sync brings a change from elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.store.records import ChangeSet, Store, ValidationError
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick, show_failure

from ..forms.history_panel import HistoryPanel
from ..forms.list_model import DictListModel
from ..widgets.completion import attach_to_combo
from ..widgets.field_form import FieldForm
from ..widgets.form_base import show_errors
from .offices import known_offices

SEPARATOR = " — "  # between an office's code and its name in the picker


class RecordDetailDialog(QDialog):
    loaded = Signal()  # the record was (re)read and shown
    action_done = Signal(str)  # the new status after a workflow action
    action_failed = Signal()

    collection_name = ""
    events_collection = ""
    forwards = False  # records of this kind can be forwarded to another office (``add_forward_field``)

    def __init__(self, store: Store, actor: str, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.record_id = record_id
        self.record: dict | None = None
        self.events: list[dict] = []
        self._busy = False
        self._offices_loaded = False
        self.office: QComboBox | None = None
        self.forward_button: QPushButton | None = None
        self.forward_row: QWidget | None = None
        self.forward_hint: QLabel | None = None
        self.setMinimumSize(820, 560)
        self.resize(1000, 720)

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("dialogHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        status_row = QHBoxLayout()
        status_row.setSpacing(18)  # "Status: Selesai" and the letter number read as two facts
        self.status_label = QLabel()
        self.status_label.setObjectName("statusValue")
        self.status_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        status_row.addWidget(self.status_label)
        self.due_label = QLabel()
        status_row.addWidget(self.due_label, 1)
        layout.addLayout(status_row)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        layout.addWidget(self.banner)
        self.notice = QLabel()  # read-only / waiting-for-sync explanations
        self.notice.setObjectName("planned")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.tabs = QTabWidget()
        data_scroll = QScrollArea()
        data_scroll.setWidgetResizable(True)
        data_body = QWidget()
        data_body.setObjectName("detailData")
        data_body.setStyleSheet("#detailData { background: #ffffff; }")
        self.data_layout = QFormLayout(data_body)
        self.data_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        data_scroll.setWidget(data_body)
        self.tabs.addTab(data_scroll, self.tr("Data"))
        self.events_model = DictListModel(self.event_columns(), self)
        self.events_table = QTableView()
        self.events_table.setObjectName("eventsTable")
        self.events_table.setModel(self.events_model)
        self.events_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.events_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.events_table.verticalHeader().hide()
        self.events_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.events_table.horizontalHeader().setStretchLastSection(True)
        self.events_model.modelReset.connect(self._fit_event_columns)
        self.tabs.addTab(self.events_table, self.tr("Riwayat status"))
        self.history = HistoryPanel(store, self.collection_name, record_id)
        self.tabs.addTab(self.history, self.tr("Riwayat perubahan"))
        from ..widgets.attachment_strip import add_strip_tab

        self.attachments = add_strip_tab(self.tabs, store, {"username": actor}, self.collection_name, record_id)
        layout.addWidget(self.tabs, 1)

        self.actions_box = QGroupBox(self.tr("Tindakan"))
        actions_layout = QVBoxLayout(self.actions_box)
        self.action_form = FieldForm()
        actions_layout.addWidget(self.action_form)
        self.buttons_row = QHBoxLayout()
        actions_layout.addLayout(self.buttons_row)
        self.action_error = QLabel()
        self.action_error.setObjectName("fieldError")
        self.action_error.setWordWrap(True)
        self.action_error.hide()
        actions_layout.addWidget(self.action_error)
        layout.addWidget(self.actions_box)

        self.print_box = QGroupBox(self.tr("Cetak"))
        self.print_layout = QVBoxLayout(self.print_box)
        layout.addWidget(self.print_box)

        self.close_buttons = QDialogButtonBox()
        close = self.close_buttons.addButton(self.tr("Tutup (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        layout.addWidget(self.close_buttons)

        manager = TaskManager.instance()
        manager.changed.connect(self.on_changed)
        manager.changed.connect(self.history.on_changed)
        self.reload()

    # -- to be provided per record kind -------------------------------------------------------------

    def event_columns(self) -> list[tuple[str, Callable[[dict], str]]]:
        raise NotImplementedError

    def load_data(self, store: Store) -> dict:
        """Runs on a worker: whatever ``show_data`` needs (at least ``record`` and ``events``)."""
        raise NotImplementedError

    def show_data(self, data: dict) -> None:
        raise NotImplementedError

    # -- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        QueryOp(self, self._load, success=self._loaded).run()

    def _load(self, store: Store) -> dict:
        data = self.load_data(store)
        data.setdefault("own", store.office_id)
        if self.forwards and not self._offices_loaded:
            data["offices"] = known_offices(store)
        return data

    def _loaded(self, data: dict) -> None:
        first = self.record is None
        if "offices" in data and self.office is not None and not self._offices_loaded:
            self._offices_loaded = True
            for o in data["offices"]:
                self.office.addItem(f"{o.code}{SEPARATOR}{o.name}", o.code)
            self.office.setCurrentIndex(-1)
        self.record = data["record"]
        self.events = data["events"]
        self.events_model.set_rows(self.events)
        self.show_data(data)
        if first:  # keyboard first: the next step is one Space away (Alt+letter for the others)
            row = [self.buttons_row.itemAt(i).widget() for i in range(self.buttons_row.count())]
            buttons = [b for b in row if isinstance(b, QPushButton) and b.isVisibleTo(self)]
            if buttons:
                buttons[0].setFocus()
        self.loaded.emit()

    def on_changed(self, changes: ChangeSet) -> None:
        if any(c.collection == self.events_collection or c.record_id == self.record_id for c in changes.changes):
            self.reload()

    def _fit_event_columns(self) -> None:
        self.events_table.resizeColumnsToContents()
        header = self.events_table.horizontalHeader()
        for column in range(self.events_model.columnCount()):
            header.resizeSection(column, min(max(header.sectionSize(column), 80), 300))

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        """The Data tab: label/value pairs (empty values left out), values selectable for copying."""
        while self.data_layout.rowCount():
            self.data_layout.removeRow(0)
        for label, value in rows:
            if value in (None, ""):
                continue
            text = QLabel(str(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption = QLabel(label)
            caption.setObjectName("fieldLabel")
            self.data_layout.addRow(caption, text)

    def data_value(self, label: str) -> str | None:
        """The value shown for ``label`` on the Data tab (tests, mostly)."""
        for row in range(self.data_layout.rowCount()):
            caption = self.data_layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.data_layout.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if caption and field and caption.widget().text() == label:
                return field.widget().text()
        return None

    # -- forwarding to another office ---------------------------------------------------------------

    def add_forward_field(self, hint: str) -> None:
        """Adds "Kantor tujuan" (an editable office picker and the "Teruskan ke kantor lain" button)
        and ``hint`` to the actions form. The button, or Enter in the picker, calls ``forward()``."""
        self.forward_row = QWidget()
        row = QHBoxLayout(self.forward_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.office.lineEdit().setPlaceholderText(self.tr("kode kantor, mis. DST-KK"))
        self.office.setMinimumWidth(320)
        attach_to_combo(self.office)
        row.addWidget(self.office, 1)
        self.forward_button = QPushButton(self.tr("Teruskan ke &kantor lain"))
        self.forward_button.setAutoDefault(False)
        self.forward_button.clicked.connect(self.forward)
        self.office.lineEdit().returnPressed.connect(self.forward)  # typed or picked a code: Enter forwards
        row.addWidget(self.forward_button)
        self.action_form.add_field("to_office", self.tr("Kantor tujuan"), self.forward_row)
        self.forward_hint = QLabel(hint)
        self.forward_hint.setObjectName("hint")
        self.forward_hint.setWordWrap(True)
        self.action_form.add_widget(self.forward_hint)

    def show_forwarding(self, visible: bool) -> None:
        self.action_form.labels["to_office"].setVisible(visible)
        self.forward_row.setVisible(visible)
        self.forward_hint.setVisible(visible)

    def target_office(self) -> str:
        """The code picked from the list, or typed by hand (``dst-kk — …`` → ``DST-KK``)."""
        index = self.office.currentIndex()
        text = self.office.currentText().strip()
        if index >= 0 and text == self.office.itemText(index):
            return self.office.itemData(index)
        return text.split(SEPARATOR)[0].strip().upper()

    def forward(self) -> None:
        raise NotImplementedError

    def show_forwarded(self, record: dict) -> None:
        self.show_banner(self.tr("Diteruskan ke {office}; akan dikirim saat sinkronisasi.").format(
            office=record.get("diteruskan_ke")))

    # -- actions ------------------------------------------------------------------------------------

    def run_action(self, op: Callable[[Store], dict], on_done: Callable[[dict], None], progress: str) -> None:
        """A workflow write on the writer thread; a refusal shows at its field (or under the buttons)."""
        if self._busy:
            return
        self._busy = True
        self.action_form.clear_errors()
        self.action_error.hide()
        self.actions_box.setEnabled(False)

        def done(record: dict) -> None:
            self._busy = False
            self.actions_box.setEnabled(True)
            on_done(record)
            self.action_done.emit(record.get("status") or "")

        WriteOp(self, op).success(done).failure(self._action_failed).with_progress(progress).run()

    def _action_failed(self, exc: Exception) -> None:
        self._busy = False
        self.actions_box.setEnabled(True)
        if isinstance(exc, ValidationError):
            rest = show_errors([self.action_form], exc.errors)
            if rest:
                self.action_error.setText("\n".join(pick(e.message, e.message_en) for e in rest))
                self.action_error.show()
        else:
            show_failure(self, exc)
        self.action_failed.emit()

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def show_notice(self, text: str | None) -> None:
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))
