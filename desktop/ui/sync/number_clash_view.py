"""Sinkronisasi → "Nomor ganda": letter numbers used twice in the office (desktop/domain/number_clashes.py).

Both letters of each clash are listed together; the clerk selects the one that yields and gives it
a new number from this PC's block. That edit syncs like any other, so the clash leaves every PC.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain import number_clashes
from desktop.tasks import QueryOp, TaskManager, WriteOp, pick, show_failure

from ..i18n import format_date, format_datetime
from .conflicts_view import fit_columns, make_table

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class NumberClashView(QWidget):
    """The letters of every clash, grouped by number; one button renumbers the selected letter."""

    count_changed = Signal(int)

    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("numberClashView")
        self.manager = manager
        self.user = user
        self.rows: list[dict] = []
        self._busy = False
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels([self.tr("Nomor"), self.tr("Tanggal"), self.tr("Perihal"),
                                              self.tr("Asal / tujuan"), self.tr("Dicatat oleh"),
                                              self.tr("Dicatat pada")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Nomor di bawah ini dipakai dua surat di kantor ini: biasanya nomor dari buku agenda yang diimpor, "
            "yang juga dipakai PC lain saat belum tersinkron. Pilih surat yang diberi nomor baru, lalu tekan "
            "tombolnya. Nomor lama dicatat di Keterangan surat itu."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = make_table(self.model)
        self.table.setObjectName("numberClashTable")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.renumber_button = QPushButton(self.tr("Beri &nomor baru pada surat ini"))
        self.renumber_button.setObjectName("renumberButton")
        self.renumber_button.clicked.connect(self.renumber_current)
        self.result = QLabel()
        self.result.setObjectName("hint")
        self.result.setWordWrap(True)
        row.addWidget(self.renumber_button)
        row.addWidget(self.result, 1)
        layout.addLayout(row)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())
        self._update_button()
        self.reload()

    def reload(self) -> None:
        """At start, after a sync or USB import (the page calls it: only letters from another PC can
        clash, local numbering skips used numbers) and after a renumber; not on every save."""
        QueryOp(self, number_clashes.clashes, success=self._show).using(self.manager).run()

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for letter in rows:
            number = letter.get("nomor_surat") or pick(*number_clashes.number_label(letter))
            date = letter.get("tanggal_surat") if letter["direction"] == "keluar" else letter.get("tanggal_terima")
            other = letter.get("tujuan") if letter["direction"] == "keluar" else letter.get("asal")
            items = [QStandardItem(str(text or "")) for text in (
                number, format_date(date), letter.get("perihal"), other, letter.get("created_by"),
                format_datetime(letter.get("created_at")))]
            items[0].setData(letter["id"], ID_ROLE)
            self.model.appendRow(items)
        fit_columns(self.table)
        if rows and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        self._update_button()
        self.count_changed.emit(len({(r["direction"], r["year"], r["seq"]) for r in rows}))

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.item(index.row(), 0).data(ID_ROLE) if index.isValid() else None

    def _update_button(self) -> None:
        self.renumber_button.setEnabled(self.current_id() is not None and not self._busy)

    def renumber_current(self) -> None:
        letter_id = self.current_id()
        if letter_id is None or self._busy:
            return
        self._busy = True
        self._update_button()

        def done(_change) -> None:
            self._busy = False
            self.result.setText(self.tr("Surat itu mendapat nomor baru. Perubahan ini ikut terkirim pada "
                                        "sinkronisasi berikutnya."))
            self._update_button()
            self.reload()

        def failed(exc: Exception) -> None:
            self._busy = False
            self._update_button()
            show_failure(self, exc)

        user = self.user["username"]
        WriteOp(self, lambda store: number_clashes.renumber(store, letter_id, actor=user)).using(self.manager) \
            .success(done).failure(failed).run()
