"""Pengaturan → Puskesmas (kepala and admin of a puskesmas): the SATUSEHAT organisation id and the
service units (rename, switch off, add; or back to the default list). The rules live in the domain
(desktop/domain/health/units.py, fhir.py); a unit switched off keeps its old visits in reports.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import central_config
from desktop.domain.health import fhir
from desktop.domain.health import units as units_mod
from desktop.store.db import StoreError
from desktop.store.records import ChangeSet, Store
from desktop.tasks import QueryOp, TaskManager, WriteOp, current_language, pick, show_failure

CODE, KLASTER, NAME, ACTIVE = range(4)


def load(store: Store) -> dict:
    return {"org_id": fhir.org_id(store) or "", "units": units_mod.units(store, include_inactive=True),
            "managed": sorted(k for k in central_config.centrally_managed(store)
                              if k in (units_mod.META_KEY, fhir.ORG_META))}


def save(store: Store, user: dict, org_id: str, units: list[dict], org_changed: bool) -> None:
    """Checks everything before writing anything: a bad unit list leaves the org id unchanged too."""
    parsed = [units_mod.from_json(u) for u in units]
    units_mod.check_units(parsed)
    if org_changed:
        fhir.set_org_id(store, user, org_id)
    units_mod.set_units(store, user, parsed)


class HealthSettingsBox(QGroupBox):
    def __init__(self, manager: TaskManager, user: dict, parent: QWidget | None = None):
        super().__init__(self.tr("Puskesmas"), parent)
        self.setObjectName("healthSettings")
        self.manager = manager
        self.user = user
        self.loaded: dict | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.org_id = QLineEdit()
        self.org_id.setMaxLength(64)
        self.org_id.setPlaceholderText(self.tr("dari SATUSEHAT (Kemenkes), untuk ekspor FHIR"))
        form.addRow(self.tr("ID organisasi SATUSEHAT"), self.org_id)
        layout.addLayout(form)
        intro = QLabel(self.tr("Unit layanan (ILP). Unit yang dinonaktifkan tetap muncul di laporan untuk "
                               "kunjungan lamanya; kunjungan baru hanya untuk unit aktif."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("unitsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Kode"), self.tr("Klaster"), self.tr("Nama unit"),
                                              self.tr("Aktif")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CODE, KLASTER, ACTIVE):  # a klaster's whole name shows ("Klaster 4: Penanggulangan …")
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(240)
        layout.addWidget(self.table)
        self.managed_note = QLabel()
        self.managed_note.setObjectName("managedNote")
        self.managed_note.setWordWrap(True)
        self.managed_note.hide()
        layout.addWidget(self.managed_note)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Tambah unit"))
        self.add_button.clicked.connect(lambda: self.add_unit())
        self.reset_button = QPushButton(self.tr("Kembalikan daftar bawaan"))
        self.reset_button.clicked.connect(self.reset_units)
        self.result = QLabel()
        self.result.setObjectName("hint")
        self.result.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Simpan pengaturan puskesmas"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.add_button)
        row.addWidget(self.reset_button)
        row.addWidget(self.result, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        manager.changed.connect(self._on_changed)
        self.reload()

    # -- loading --------------------------------------------------------------------------------

    def reload(self) -> None:
        QueryOp(self, load, success=self._show).using(self.manager).run()

    def _on_changed(self, changes: ChangeSet) -> None:
        if "config" in changes.collections:  # the centre published units or the org id
            self.reload()

    def _show(self, loaded: dict) -> None:
        self.loaded = loaded
        self.org_id.setText(loaded["org_id"])
        self.table.setRowCount(0)
        for unit in loaded["units"]:
            self.add_unit(unit)
        labels = {units_mod.META_KEY: self.tr("unit layanan"), fhir.ORG_META: self.tr("ID organisasi SATUSEHAT")}
        names = ", ".join(labels[k] for k in loaded["managed"])
        self.managed_note.setText(self.tr("Diatur oleh pusat: {names}. Perubahan di sini berlaku sampai pusat "
                                          "menerbitkan nilai baru.").format(names=names))
        self.managed_note.setVisible(bool(names))

    def add_unit(self, unit: units_mod.Unit | None = None) -> int:
        """A row for ``unit``, or an empty one to fill in (its code can be typed only while new)."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        code = QTableWidgetItem(unit.code if unit else "")
        if unit is not None:
            code.setFlags(code.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, CODE, code)
        klaster = QComboBox()
        for k in units_mod.klaster_list():
            klaster.addItem(k["name"][current_language()] if current_language() in k["name"] else k["name"]["id"],
                            k["code"])
        if unit is not None:
            klaster.setCurrentIndex(max(klaster.findData(unit.klaster), 0))
        self.table.setCellWidget(row, KLASTER, klaster)
        self.table.setItem(row, NAME, QTableWidgetItem(unit.name(current_language()) if unit else ""))
        active = QTableWidgetItem()
        active.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        active.setCheckState(Qt.CheckState.Checked if unit is None or unit.active else Qt.CheckState.Unchecked)
        self.table.setItem(row, ACTIVE, active)
        if unit is None:
            self.table.setCurrentCell(row, CODE)
            self.table.editItem(code)
        return row

    def unit_rows(self) -> list[dict]:
        """The table as the domain's unit JSON; a renamed unit keeps its other language's name."""
        previous = {u.code: u for u in (self.loaded or {}).get("units", [])}
        out = []
        for row in range(self.table.rowCount()):
            code = (self.table.item(row, CODE).text() or "").strip()
            name = (self.table.item(row, NAME).text() or "").strip()
            if not code and not name:
                continue  # an added row left empty
            old = previous.get(code)
            names = {"id": old.name_id, "en": old.name_en} if old else {"id": name, "en": name}
            names["en" if current_language() == "en" else "id"] = name or names["id"]
            out.append({"code": code, "klaster": self.table.cellWidget(row, KLASTER).currentData(), "name": names,
                        "active": self.table.item(row, ACTIVE).checkState() == Qt.CheckState.Checked})
        return out

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        org_id = self.org_id.text().strip()
        org_changed = org_id != (self.loaded or {}).get("org_id", "")
        units = self.unit_rows()
        user = self.user
        WriteOp(self, lambda store: save(store, user, org_id, units, org_changed)).using(self.manager) \
            .success(self._saved).failure(self._failed).run()

    def reset_units(self) -> None:
        user = self.user
        WriteOp(self, lambda store: units_mod.reset_units(store, user)).using(self.manager) \
            .success(self._saved).failure(self._failed).run()

    def _saved(self, _result) -> None:
        self.result.setText(self.tr("Pengaturan puskesmas tersimpan."))
        self.reload()

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, StoreError):  # a bad code, a repeated one, no active unit, a bad org id
            self.result.setText(pick(exc.message, exc.message_en))
        else:
            show_failure(self, exc)
