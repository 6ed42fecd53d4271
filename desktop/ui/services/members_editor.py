"""A list of people for a ``members`` service field (SKTM household, people moving along, companions):
one row per person with Nama, NIK and the KK's Hubungan (a choice)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidgetItem, QWidget

from desktop.domain import services
from desktop.tasks import pick

from ..widgets.rows_editor import RowsEditor

NAMA, NIK, HUBUNGAN = range(3)


class MembersEditor(RowsEditor):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__([self.tr("Nama"), self.tr("NIK"), self.tr("Hubungan")], self.tr("Tambah orang"), parent)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAMA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NIK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(HUBUNGAN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(NIK, 150)
        header.resizeSection(HUBUNGAN, 150)
        self.table.setMinimumWidth(420)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(180)
        self.table.itemChanged.connect(lambda _i: self.edited.emit())
        self.setFocusProxy(self.table)

    def add_row(self) -> int:
        return self.add_member()

    def add_member(self, nama: str = "", nik: str = "", hubungan: str | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAMA, QTableWidgetItem(nama))
        self.table.setItem(row, NIK, QTableWidgetItem(nik))
        combo = QComboBox()
        combo.addItem("—", None)
        for code, pair in services.HUBUNGAN.items():
            combo.addItem(pick(*pair), code)
        if hubungan:
            combo.setCurrentIndex(max(0, combo.findData(services.normalize_hubungan(hubungan) or hubungan)))
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        self.table.setCellWidget(row, HUBUNGAN, combo)
        self.table.setCurrentCell(row, NAMA)
        if not nama:
            self.table.setFocus()
            self.table.editItem(self.table.item(row, NAMA))
        self.edited.emit()
        return row

    def remove_current(self) -> bool:
        removed = super().remove_current()
        if removed:
            self.edited.emit()
        return removed

    def value(self) -> list[dict]:
        """The filled rows as ``[{nama, nik, hubungan}]`` (empty rows left out)."""
        out = []
        for row in range(self.table.rowCount()):
            nama = (self.table.item(row, NAMA).text() if self.table.item(row, NAMA) else "").strip()
            nik = (self.table.item(row, NIK).text() if self.table.item(row, NIK) else "").strip()
            combo = self.table.cellWidget(row, HUBUNGAN)
            hubungan = combo.currentData() if isinstance(combo, QComboBox) else None
            if not (nama or nik or hubungan):
                continue
            member = {"nama": nama}
            if nik:
                member["nik"] = nik
            if hubungan:
                member["hubungan"] = hubungan
            out.append(member)
        return out

    def set_value(self, members: list[dict] | None) -> None:
        self.table.setRowCount(0)
        for m in members or []:
            self.add_member(m.get("nama", ""), m.get("nik", ""), m.get("hubungan"))

    def keyPressEvent(self, event) -> None:
        # Insert adds a person (keyboard first), Delete on a selected row removes it.
        if event.key() == Qt.Key.Key_Insert:
            self.add_member()
            return
        super().keyPressEvent(event)
