"""A letter register page: search and filters above, the agenda-book table below.

Typing in the search box waits ~150 ms for a pause before querying (FTS5, on a worker); the
table keeps showing the previous result until the new one is ready, so typing never stutters.
Keyboard: Ctrl+F search, ↓ from the search box into the table, Enter opens a letter, Ctrl+N new.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import letters
from desktop.store.records import Store
from desktop.tasks import TaskManager, pick

from ..i18n import format_number
from ..widgets.date_field import DateField
from .letters_model import URGENT_BACKGROUND, URGENT_FOREGROUND, LetterTableModel
from .register_base import RegisterBase, colour_legend

DEFAULT_WIDTHS = {"seq": 115, "tanggal_terima": 155, "tanggal_surat": 155, "nomor_surat": 170, "asal": 200,
                  "tujuan": 200, "perihal": 280, "sifat": 100, "klasifikasi": 90, "lampiran": 70,
                  "diteruskan_kepada": 160, "penandatangan": 150, "keterangan": 160}


class RegisterPage(RegisterBase):
    def __init__(self, store: Store, direction: str, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"register_{direction}")
        self.settings_key = f"registers/{direction}/header"
        self.store = store
        self.direction = direction
        self.actor = actor
        model = LetterTableModel(store, direction, self)
        TaskManager.instance().changed.connect(model.on_changed)
        self._select_after_load: str | None = None
        self.open_dialogs: list = []

        layout = QVBoxLayout(self)
        # Each widget is made with the page as its parent: adding a finished widget to the page would restyle
        # its inner widgets (a table's headers, scroll bars) once more (main_window.MainWindow.__init__).
        title = QLabel(self.tr("Surat Masuk") if direction == "masuk" else self.tr("Surat Keluar"), self)
        title.setObjectName("pageTitle")
        self.title_label = title  # on a narrow window it moves above the buttons (RegisterBase)
        self.header_row = header_row = QHBoxLayout()  # the main window adds Impor/Ekspor here
        header_row.addWidget(title)
        header_row.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        header_row.addWidget(self.count_label)
        self.new_button = QPushButton(self.tr("Surat baru (Ctrl+N)"), self)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_letter)
        header_row.addWidget(self.new_button)
        layout.addLayout(header_row)

        filters = QHBoxLayout()
        filters.addWidget(self.make_search(self.tr("Cari nomor, perihal, pengirim, tujuan… (Ctrl+F)")), 3)
        filters.addWidget(QLabel(self.tr("Periode"), self))
        self.date_from = DateField(self, optional=True)
        self.date_to = DateField(self, optional=True)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.date_to)
        self.sifat = QComboBox(self)
        self.sifat.addItem(self.tr("Semua sifat"), None)
        for value in letters.SIFAT:
            self.sifat.addItem(pick(*letters.SIFAT_LABELS[value]), value)
        filters.addWidget(self.sifat)
        self.klasifikasi = QLineEdit(self)
        self.klasifikasi.setPlaceholderText(self.tr("Klasifikasi"))
        self.klasifikasi.setMaximumWidth(110)
        filters.addWidget(self.klasifikasi)
        layout.addLayout(filters)

        self.make_table(model, DEFAULT_WIDTHS, 120)
        self.restore_state()
        self.show_sorted()  # the first query, in the restored order (by default the newest first)
        self.table.doubleClicked.connect(lambda index: self.open_letter(index.row()))
        layout.addWidget(self.table, 1)
        layout.addWidget(colour_legend([
            (URGENT_BACKGROUND, URGENT_FOREGROUND, self.tr("Sangat segera")),
            ("#ffffff", URGENT_FOREGROUND, self.tr("Segera (kolom Sifat)")),
        ], self))

        self.connect_register()
        self.klasifikasi.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filters)
        self.date_from.dateChanged.connect(lambda _d: self.apply_filters())
        self.date_to.dateChanged.connect(lambda _d: self.apply_filters())
        self.sifat.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.model.loaded.connect(self._on_loaded)
        self.keep_selection_across_refresh()

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

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip() or self.klasifikasi.text().strip() or self.sifat.currentData()
                    or self.date_from.value() or self.date_to.value())

    def empty_text(self) -> str:
        if self.is_filtered():
            return self.tr("Tidak ada surat yang cocok dengan pencarian dan filter ini.\n"
                           "Kosongkan kotak cari (Ctrl+F) atau ubah periode, sifat dan klasifikasi.")
        if self.direction == "masuk":
            return self.tr("Belum ada surat masuk.\nTekan Ctrl+N (Surat baru) untuk mencatat surat yang diterima.")
        return self.tr("Belum ada surat keluar.\nTekan Ctrl+N (Surat baru) untuk mencatat dan memberi nomor surat.")

    def _on_loaded(self, count: int) -> None:
        self.count_label.setText(self.tr("{count} surat").format(count=format_number(count)))
        self.reselect()

    # -- letters --------------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_letter(row)

    def new_letter(self):
        return self._show_dialog(None)

    new_record = new_letter

    def open_letter(self, row: int):
        record_id = self.model.record_id(row)
        return self._show_dialog(record_id) if record_id else None

    def _show_dialog(self, record_id: str | None):
        from PySide6.QtCore import Qt  # not with the module: see show_sorted

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
