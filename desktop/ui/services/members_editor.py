"""A list of people for a ``members`` service field (SKTM household, people moving along, companions):
one row per person with Nama, NIK and the KK's Hubungan (a choice)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import services
from desktop.tasks import pick

NAMA, NIK, HUBUNGAN = range(3)


class MembersEditor(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Nama"), self.tr("NIK"), self.tr("Hubungan")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
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
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah orang"))
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button = QPushButton(self.tr("Hapus baris"))
        self.remove_button.clicked.connect(self.remove_current)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

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

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

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
