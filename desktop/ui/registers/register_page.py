"""A letter register page: search and filters above, the agenda-book table below.

Typing in the search box waits ~150 ms for a pause before querying (FTS5, on a worker); the
table keeps showing the previous result until the new one is ready, so typing never stutters.
Keyboard: Ctrl+F search, ↓ from the search box into the table, Enter opens a letter, Ctrl+N new.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from desktop.store.records import Store
from desktop.tasks import TaskManager, pick

from ..i18n import format_number
from ..settings import app_settings
from ..widgets.date_field import DateField
from .letters_model import LetterTableModel

SEARCH_DELAY_MS = 150
DEFAULT_WIDTHS = {"seq": 115, "tanggal_terima": 155, "tanggal_surat": 155, "nomor_surat": 170, "asal": 200,
                  "tujuan": 200, "perihal": 280, "sifat": 100, "klasifikasi": 90, "lampiran": 70,
                  "diteruskan_kepada": 160, "penandatangan": 150, "keterangan": 160}


class RegisterPage(QWidget):
    def __init__(self, store: Store, direction: str, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"register_{direction}")
        self.store = store
        self.direction = direction
        self.actor = actor
        self.model = LetterTableModel(store, direction, self)
        TaskManager.instance().changed.connect(self.model.on_changed)
        self._select_after_load: str | None = None
        self.open_dialogs: list = []

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Surat Masuk") if direction == "masuk" else self.tr("Surat Keluar"))
        title.setObjectName("pageTitle")
        self.header_row = header_row = QHBoxLayout()  # the main window adds Impor/Ekspor here
        header_row.addWidget(title)
        header_row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        header_row.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("Surat baru (Ctrl+N)"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_letter)
        header_row.addWidget(self.new_button)
        layout.addLayout(header_row)

        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Cari nomor, perihal, pengirim, tujuan… (Ctrl+F)"))
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel(self.tr("Periode")))
        self.date_from = DateField(optional=True)
        self.date_to = DateField(optional=True)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–"))
        filters.addWidget(self.date_to)
        self.sifat = QComboBox()
        self.sifat.addItem(self.tr("Semua sifat"), None)
        for value in letters.SIFAT:
            self.sifat.addItem(pick(*letters.SIFAT_LABELS[value]), value)
        filters.addWidget(self.sifat)
        self.klasifikasi = QLineEdit()
        self.klasifikasi.setPlaceholderText(self.tr("Klasifikasi"))
        self.klasifikasi.setMaximumWidth(110)
        filters.addWidget(self.klasifikasi)
        layout.addLayout(filters)

        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        vheader = self.table.verticalHeader()
        vheader.hide()
        # Fixed row heights: the view never measures rows, so it asks only for the visible ones.
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, key in enumerate(self.model.columns):
            header.resizeSection(column, DEFAULT_WIDTHS.get(key, 120))
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.restore_state()
        # Enabling sorting runs the first query, with the sort order restored above.
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(lambda index: self.open_letter(index.row()))
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.klasifikasi.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filters())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filters())
        self.sifat.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.model.loaded.connect(self._on_loaded)
        self.model.modelAboutToBeReset.connect(self._remember_selection)

        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_letter)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, activated=self.open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.search, activated=self.table.setFocus,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.setFocusProxy(self.search)

    # -- filtering ------------------------------------------------------------------------------

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.count_label.setText(self.tr("Mencari…"))
        self.model.set_filter(self.model.filter.with_(
            text=self.search.text(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            sifat=self.sifat.currentData(),
            klasifikasi=self.klasifikasi.text(),
        ))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _remember_selection(self) -> None:
        if self._select_after_load is None:
            rows = self.table.selectionModel().selectedRows()
            if rows:
                self._select_after_load = self.model.record_id(rows[0].row())

    def _on_loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("{count} surat").format(count=format_number(count)))
        if self._select_after_load:
            row = self.model.row_of(self._select_after_load)
            self._select_after_load = None
            if row is not None:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))

    # -- letters --------------------------------------------------------------------------------

    def current_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_letter(row)

    def new_letter(self):
        return self._show_dialog(None)

    def open_letter(self, row: int):
        record_id = self.model.record_id(row)
        return self._show_dialog(record_id) if record_id else None

    def _show_dialog(self, record_id: str | None):
        from ..forms.letter_dialog import LetterDialog

        dialog = LetterDialog(self.store, self.direction, self.actor, record_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.finished.connect(lambda _r: self.table.setFocus())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _on_saved(self, record_id: str) -> None:
        self._select_after_load = record_id
        row = self.model.row_of(record_id)
        if row is not None:  # an edit: the row is already there
            self.table.selectRow(row)

    # -- remembered layout ------------------------------------------------------------------------

    def _settings_key(self) -> str:
        return f"registers/{self.direction}/header"

    def restore_state(self) -> None:
        state = app_settings().value(self._settings_key())
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.table.horizontalHeader().restoreState(state)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue(self._settings_key(), self.table.horizontalHeader().saveState())
        settings.sync()
