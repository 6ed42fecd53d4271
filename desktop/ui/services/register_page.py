"""The permohonan and pengaduan registers: today's counter on top, search and filters, the table.

Typing in the search box (tracking code, NIK, name, kampung …) waits ~150 ms for a pause, then
queries on a worker (FTS5); the table keeps the previous result meanwhile. Keyboard: Ctrl+N new,
Ctrl+F search, ↓ from the search box into the table, Enter opens the selected record. Overdue
rows stand out (a red row; the due date in bold). The counter follows every committed write.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import complaints, services
from desktop.store.db import StoreError
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, current_language, pick

from ..i18n import format_number
from ..registers.register_base import RegisterBase, colour_legend
from .register_model import (
    LATE_BACKGROUND,
    LATE_FOREGROUND,
    SOON_FOREGROUND,
    STUB_FOREGROUND,
    ComplaintTableModel,
    RegisterModel,
    RequestTableModel,
)


class ServicesRegisterPage(RegisterBase):
    """What both registers share; subclasses give the model, the filters' items, the counter and dialogs."""

    settings_key = ""
    widths: dict[str, int] = {}

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.model = self.make_model()
        self._select_after_load: str | None = None
        self.open_dialogs: list[QDialog] = []
        manager = TaskManager.instance()
        manager.changed.connect(self.model.on_changed)
        manager.changed.connect(self._on_changed)

        layout = QVBoxLayout(self)
        self.header_row = header_row = QHBoxLayout()  # the main window adds Impor/Ekspor here
        title = QLabel(self.page_title())
        title.setObjectName("pageTitle")
        self.title_label = title  # on a narrow window it moves above the buttons (RegisterBase)
        header_row.addWidget(title)
        header_row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        header_row.addWidget(self.count_label)
        self.new_button = QPushButton(self.new_button_text())
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_record)
        header_row.addWidget(self.new_button)
        layout.addLayout(header_row)

        self.counter = QLabel()
        self.counter.setObjectName("planned")
        self.counter.setTextFormat(Qt.TextFormat.RichText)
        self.counter.setWordWrap(True)
        layout.addWidget(self.counter)

        filters = QHBoxLayout()
        filters.addWidget(self.make_search(self.search_placeholder()), 3)
        self.status = QComboBox()
        self.status.addItem(self.tr("Semua status"), None)
        for value, text in self.status_items():
            self.status.addItem(text, value)
        filters.addWidget(self.status)
        self.category = QComboBox()
        for value, text in self.category_items():
            self.category.addItem(text, value)
        self.category.setMaximumWidth(300)
        for combo in (self.status, self.category):  # the row shrinks on a small screen; the list stays readable
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        filters.addWidget(self.category, 1)
        self.overdue = QCheckBox(self.tr("Hanya yang terlambat"))
        filters.addWidget(self.overdue)
        layout.addLayout(filters)

        self.make_table(self.model, self.widths, 130)
        self.table.horizontalHeader().setSortIndicator(self.model.columns.index("tanggal"),
                                                       Qt.SortOrder.DescendingOrder)
        self.restore_state()
        self.model.filter = self.model.filter.with_(today=self.today())
        self.table.setSortingEnabled(True)  # runs the first query, in the restored order
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        layout.addWidget(self.table, 1)
        layout.addWidget(colour_legend(self.legend_entries()))

        self.connect_register()
        self.search.returnPressed.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.category.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue.toggled.connect(lambda _c: self.apply_filters())
        self.model.loaded.connect(self._on_loaded)
        self.keep_selection_across_refresh()
        self.refresh_counter()

    # -- per register -------------------------------------------------------------------------------

    def make_model(self) -> RegisterModel:
        raise NotImplementedError

    def page_title(self) -> str:
        raise NotImplementedError

    def new_button_text(self) -> str:
        raise NotImplementedError

    def search_placeholder(self) -> str:
        raise NotImplementedError

    def status_items(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def category_items(self) -> list[tuple[str | None, str]]:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def load_counter(self, store: Store, today: dt.date):
        raise NotImplementedError

    def counter_html(self, counter) -> str:
        raise NotImplementedError

    def make_new_dialog(self) -> QDialog:
        raise NotImplementedError

    def make_detail_dialog(self, record_id: str) -> QDialog:
        raise NotImplementedError

    def legend_entries(self) -> list[tuple]:
        raise NotImplementedError

    def is_filtered(self) -> bool:
        return bool(self.search.text().strip() or self.status.currentData() or self.category.currentData()
                    or self.overdue.isChecked())

    @staticmethod
    def today() -> dt.date:
        return dt.date.today()

    # -- filtering ----------------------------------------------------------------------------------

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.count_label.setText(self.tr("Mencari…"))
        self.model.set_filter(self.model.filter.with_(
            text=self.search.text(), status=self.status.currentData(), category=self.category.currentData(),
            overdue_only=self.overdue.isChecked(), today=self.today()))

    def _on_loaded(self, count: int) -> None:
        self.count_label.setText(self.count_text(count))
        self.reselect()

    # -- the counter --------------------------------------------------------------------------------

    def refresh_counter(self) -> None:
        today = self.today()
        QueryOp(self, lambda store: self.load_counter(store, today), success=self._show_counter).run()

    def _show_counter(self, counter) -> None:
        self.last_counter = counter
        self.counter.setText(self.counter_html(counter))

    def _on_changed(self, changes: ChangeSet) -> None:
        if changes.collections & {self.model.spec.table, self.model.spec.events_table}:
            self.refresh_counter()

    # -- records ------------------------------------------------------------------------------------

    def open_current(self):
        row = self.current_row()
        return self.open_row(row) if row is not None else None

    def open_row(self, row: int):
        record_id = self.model.record_id(row)
        return self.open_record(record_id) if record_id else None

    def open_record(self, record_id: str):
        return self._show(self.make_detail_dialog(record_id))

    def new_record(self):
        dialog = self.make_new_dialog()
        dialog.saved.connect(self._on_saved)
        dialog.open_requested.connect(lambda record_id: QTimer.singleShot(0, lambda: self.open_record(record_id)))
        dialog.new_requested.connect(lambda: QTimer.singleShot(0, self.new_record))
        return self._show(dialog)

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_dialogs.append(dialog)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._forget(d))
        dialog.finished.connect(lambda _r: self.table.setFocus())
        dialog.open()
        dialog.activateWindow()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self.open_dialogs:
            self.open_dialogs.remove(dialog)

    def _on_saved(self, record_id: str) -> None:
        self._select_after_load = record_id

    # -- remembered layout --------------------------------------------------------------------------

    def hideEvent(self, event) -> None:
        # Another module shown or the window closing: remember the columns (order, widths, sort).
        self.save_state()
        super().hideEvent(event)


def _counts_html(parts: list[tuple[str, int]], open_label: str, open_count: int, late_label: str, late: int) -> str:
    """Today's events per status | open now | overdue now (in red when there are any)."""
    shown = " · ".join(f"{text} <b>{format_number(n)}</b>" for text, n in parts)
    colour = "#9b1c1c" if late else "#52606d"
    return (f"{shown} &nbsp;|&nbsp; {open_label} <b>{format_number(open_count)}</b> &nbsp;|&nbsp; "
            f"<span style='color:{colour}'>{late_label} <b>{format_number(late)}</b></span>")


class RequestRegisterPage(ServicesRegisterPage):
    settings_key = "registers/permohonan/header"
    widths = {"tracking_code": 100, "tanggal": 135, "service_type": 215, "nik": 140, "nama": 165, "status": 95,
              "due_date": 150, "nomor_surat": 190}

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None):
        super().__init__(store, actor, parent)
        self.setObjectName("register_permohonan")

    def make_model(self) -> RegisterModel:
        return RequestTableModel(self.store, self)

    def page_title(self) -> str:
        return self.tr("Permohonan Layanan")

    def new_button_text(self) -> str:
        return self.tr("Permohonan baru (Ctrl+N)")

    def search_placeholder(self) -> str:
        return self.tr("Cari kode lacak, NIK, nama, kampung… (Ctrl+F)")

    def status_items(self):
        return [(s, pick(*services.STATUS_LABELS[s])) for s in services.STATUSES]

    def category_items(self):
        items: list[tuple[str | None, str]] = [(None, self.tr("Semua layanan"))]
        try:
            lang = current_language()
            items += [(s.code, s.name(lang)) for s in services.catalog(self.store).services]
        except StoreError:
            pass  # a broken catalog is reported by the intake form; the register still lists records
        return items

    def count_text(self, count: int) -> str:
        return self.tr("{count} permohonan").format(count=format_number(count))

    def load_counter(self, store: Store, today: dt.date):
        return services.counter_today(store, today)

    def counter_html(self, counter) -> str:
        today = [(pick(*services.STATUS_LABELS[s]), counter.today_by_status.get(s, 0)) for s in services.STATUSES]
        waiting = sum(counter.open_by_status.values())
        return (self.tr("<b>Hari ini</b>") + ": " + _counts_html(
            today, self.tr("Belum selesai"), waiting, self.tr("Terlambat"), counter.overdue))

    def legend_entries(self) -> list[tuple]:
        return [(LATE_BACKGROUND, LATE_FOREGROUND, self.tr("Terlambat (melewati batas waktu layanan)")),
                ("#ffffff", STUB_FOREGROUND, self.tr("Dialihkan ke kantor lain (hanya dibaca)"))]

    def empty_text(self) -> str:
        if self.is_filtered():
            return self.tr("Tidak ada permohonan yang cocok dengan pencarian dan filter ini.\n"
                           "Kosongkan kotak cari (Ctrl+F) atau pilih \"Semua status\" dan \"Semua layanan\".")
        return self.tr("Belum ada permohonan.\nTekan Ctrl+N (Permohonan baru) untuk menerima permohonan warga.")

    def make_new_dialog(self) -> QDialog:
        from .request_form import RequestDialog

        return RequestDialog(self.store, self.actor, self, service_code=self.category.currentData())

    def make_detail_dialog(self, record_id: str) -> QDialog:
        from .request_detail import RequestDetailDialog

        return RequestDetailDialog(self.store, self.actor, record_id, self)


class ComplaintRegisterPage(ServicesRegisterPage):
    settings_key = "registers/pengaduan/header"
    widths = {"tracking_code": 100, "tanggal": 135, "channel": 140, "pelapor_nama": 150, "kategori": 200,
              "kampung": 110, "status": 150, "due_date": 150, "diteruskan_ke": 110}

    def __init__(self, store: Store, actor: str, parent: QWidget | None = None):
        super().__init__(store, actor, parent)
        self.setObjectName("register_pengaduan")

    def make_model(self) -> RegisterModel:
        return ComplaintTableModel(self.store, self)

    def page_title(self) -> str:
        return self.tr("Pengaduan")

    def new_button_text(self) -> str:
        return self.tr("Pengaduan baru (Ctrl+N)")

    def search_placeholder(self) -> str:
        return self.tr("Cari kode lacak, pelapor, kategori, kampung, isi… (Ctrl+F)")

    def status_items(self):
        return [(s, pick(*complaints.STATUS_LABELS[s])) for s in complaints.STATUSES]

    def category_items(self):
        return [(None, self.tr("Semua kategori")), *[(k, k) for k in complaints.KATEGORI]]

    def count_text(self, count: int) -> str:
        return self.tr("{count} pengaduan").format(count=format_number(count))

    def load_counter(self, store: Store, today: dt.date):
        return complaints.counter_today(store, today)

    def counter_html(self, counter) -> str:
        today = [(pick(*complaints.STATUS_LABELS[s]), counter.today_by_status.get(s, 0)) for s in complaints.STATUSES]
        waiting = sum(counter.open_by_status.values())
        return (self.tr("<b>Hari ini</b>") + ": " + _counts_html(
            today, self.tr("Belum selesai"), waiting, self.tr("Lewat batas tanggapan"), counter.overdue))

    def legend_entries(self) -> list[tuple]:
        return [(LATE_BACKGROUND, LATE_FOREGROUND, self.tr("Lewat batas tanggapan")),
                ("#ffffff", SOON_FOREGROUND, self.tr("Batas tanggapan hari ini atau besok (kolom status)")),
                ("#ffffff", STUB_FOREGROUND, self.tr("Dialihkan ke kantor lain (hanya dibaca)"))]

    def empty_text(self) -> str:
        if self.is_filtered():
            return self.tr("Tidak ada pengaduan yang cocok dengan pencarian dan filter ini.\n"
                           "Kosongkan kotak cari (Ctrl+F) atau pilih \"Semua status\" dan \"Semua kategori\".")
        return self.tr("Belum ada pengaduan.\nTekan Ctrl+N (Pengaduan baru) untuk mencatat pengaduan warga.")

    def make_new_dialog(self) -> QDialog:
        from .complaint_form import ComplaintDialog

        return ComplaintDialog(self.store, self.actor, self)

    def make_detail_dialog(self, record_id: str) -> QDialog:
        from .complaint_detail import ComplaintDetailDialog

        return ComplaintDetailDialog(self.store, self.actor, record_id, self)
