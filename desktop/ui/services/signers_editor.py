"""Pengaturan → Cetak → "Penandatangan lain": the people who may sign certificates besides the head
(Plh./Plt. while the head is away, or a.n. — on behalf of — the head). One row each: name, NIP,
position, and whether they sign "a.n." the head (the certificate then prints both positions).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from ..widgets.rows_editor import RowsEditor

NAMA, NIP, JABATAN, ATAS_NAMA = range(4)


class SignersEditor(RowsEditor):
    def __init__(self, parent: QWidget | None = None):
        super().__init__([self.tr("Nama"), self.tr("NIP"), self.tr("Jabatan"), self.tr("a.n. kepala")],
                         self.tr("Tambah penandatangan"), parent)
        self.table.setObjectName("signersTable")
        self.table.horizontalHeader().setSectionResizeMode(JABATAN, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("Jabatan, mis. \"Plh. Kepala Distrik Mimika Baru\", atau \"Sekretaris Distrik\" "
                                      "dengan a.n. kepala dicentang."))
        self.table.setMaximumHeight(150)

    def add_row(self, entry: dict | None = None) -> int:
        entry = entry or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, key in ((NAMA, "nama"), (NIP, "nip"), (JABATAN, "jabatan")):
            self.table.setItem(row, column, QTableWidgetItem(str(entry.get(key) or "")))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if entry.get("atas_nama") else Qt.CheckState.Unchecked)
        self.table.setItem(row, ATAS_NAMA, check)
        return row

    def set_entries(self, entries: list[dict]) -> None:
        self.table.setRowCount(0)
        for entry in entries:
            self.add_row(entry)

    def entries(self) -> list[dict]:
        out = []
        for row in range(self.table.rowCount()):
            out.append({"nama": self.table.item(row, NAMA).text().strip(), "nip": self.table.item(row, NIP).text().strip(),
                        "jabatan": self.table.item(row, JABATAN).text().strip(),
                        "atas_nama": self.table.item(row, ATAS_NAMA).checkState() == Qt.CheckState.Checked})
        return [e for e in out if e["nama"] or e["nip"] or e["jabatan"]]
